"""The one gate every channel's messages pass on their way to the bot.

Whatever the channel (REST, socket.io, the web widget, KakaoTalk, LINE,
Telegram), a message is checked and cleaned here, once, before Rasa stores
or logs it:
- one conversation may send at most ``sender_limit`` messages a minute;
- the text must be non-empty and at most ``max_message_chars`` long;
- "/intent{...}" payloads outside our buttons' allow-list become plain text;
- alien registration numbers are replaced by their masked form, the number
  itself goes encrypted into the vault and only a token travels on;
- only the metadata keys clients may set pass.
Channels receive a ``GuardedBot`` as their ``BotPort`` and cannot skip it.
"""

from __future__ import annotations

from typing import Any

from bot.core.contract import client_metadata
from bot.core.replies import Reply
from bot.storage.vault import redact_message
from channels.edge.bot_port import BotPort
from channels.edge.errors import RateLimited, Refused
from channels.edge.limits import RateLimiter
from channels.edge.settings import RateLimit

MAX_SENDER_CHARS = 128  # what Rasa's REST channel accepts


class GuardedBot:
    def __init__(self, inner: BotPort, limiter: RateLimiter, sender_limit: RateLimit, max_chars: int) -> None:
        self._inner = inner
        self._limiter = limiter
        self._sender_limit = sender_limit
        self._max_chars = max_chars

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Reply]:
        if not sender or len(sender) > MAX_SENDER_CHARS:
            raise Refused("The conversation id is missing or too long.")
        if not isinstance(text, str) or not text.strip():
            raise Refused("'message' must be non-empty text.")
        if len(text) > self._max_chars:
            raise Refused(f"Messages are limited to {self._max_chars} characters.", status=413)
        retry = await self._limiter.hit(f"sender:{sender}", self._sender_limit)
        if retry is not None:
            raise RateLimited("You are sending messages faster than we can answer. Please wait a moment.",
                              headers={"Retry-After": str(retry)})
        clean, extra = await redact_message(text.replace("\x00", ""), sender)
        return await self._inner.send(sender, clean, {**client_metadata(metadata), **extra})
