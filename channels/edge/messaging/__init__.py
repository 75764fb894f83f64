"""KakaoTalk, LINE and Telegram webhooks for the public edge.

Each channel module has ``routes(bot, config)`` (``config`` is its section
of credentials.yml, environment variables already substituted) and a pure
``render`` from the reply model to the platform's own payload. Only
``bot.core.replies``, ``channels.edge.bot_port`` and the edge's packages
are imported here.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import BaseRoute

from channels.edge.bot_port import BotPort
from channels.edge.messaging import kakao, line, telegram

CHANNELS = {"kakao": kakao.routes, "line": line.routes, "telegram": telegram.routes}


def routes(bot: BotPort, credentials: dict[str, Any]) -> list[BaseRoute]:
    """The routes of every messaging channel that has a section in ``credentials`` (others stay off)."""
    found: list[BaseRoute] = []
    for name, build in CHANNELS.items():
        section = credentials.get(name)
        if isinstance(section, dict):
            found += build(bot, section)
    return found
