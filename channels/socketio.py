"""Rasa's socket.io channel with the same inbound protection as REST and web chat.

The channel's own handler builds the UserMessage; wrapping the callback it
hands messages to lets us redact registration numbers and refuse foreign
"/intent{...}" payloads before Rasa stores or logs anything.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.storage.vault import redact_message


def protect(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handler(message: UserMessage) -> Any:
        text, extra = await redact_message(message.text or "", message.sender_id or "default")
        message.text = text
        message.metadata = {**(message.metadata or {}), **extra}
        return await on_new_message(message)

    return handler


class RedactingSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(protect(on_new_message))
