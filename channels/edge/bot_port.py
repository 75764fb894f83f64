"""What every edge channel needs from the bot: send one message, get replies.

The edge's Rasa client implements it over loopback; tests pass a fake.
``sender`` is already namespaced by channel ("kakao:<id>", "line:<id>", ...)
so one platform's user can never reach another's conversation.
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.core.replies import Reply


class BotPort(Protocol):
    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Reply]:
        """Hand one user message to the bot (already masked and sanitised); the bot's replies in order."""
        ...
