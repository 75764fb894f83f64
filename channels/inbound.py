"""What every chat webhook does with a posted message.

Check the JSON (a polite 400 instead of Rasa's 500), take registration
numbers and foreign payloads out, hand the message to Rasa, return the
replies. The channels differ only in who may be a sender and which
metadata they pass on.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.storage.vault import redact_message

MAX_MESSAGE_CHARS = 2000


def read_message(request: Request, sender_ok: Callable[[object], bool], sender_problem: str,
                 default_sender: str | None = None) -> tuple[str | None, str, str, dict[str, Any]]:
    """(problem, sender, text, raw metadata); problem is a message for the client."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own error type on bad JSON
        body = None
    if not isinstance(body, dict):
        return "Please send a JSON object with 'sender' and 'message'.", "", "", {}
    sender, text = body.get("sender") or default_sender, body.get("message")
    if not sender_ok(sender):
        return sender_problem, "", "", {}
    if not isinstance(text, str) or not text.strip():
        return "'message' must be non-empty text.", "", "", {}
    if len(text) > MAX_MESSAGE_CHARS:
        return f"Messages are limited to {MAX_MESSAGE_CHARS} characters.", "", "", {}
    raw = body.get("metadata")
    metadata: dict[str, Any] = raw if isinstance(raw, dict) else {}
    return None, str(sender), text, metadata


async def deliver(on_new_message: Callable[[UserMessage], Awaitable[Any]], channel: str, sender: str, text: str,
                  metadata: dict[str, Any]) -> HTTPResponse:
    """Redact, hand to Rasa, answer with the collected replies."""
    text, extra = await redact_message(text, sender)
    collector = CollectingOutputChannel()
    await on_new_message(UserMessage(text, collector, sender, input_channel=channel,
                                     metadata={**metadata, **extra}))
    return response.json(collector.messages)
