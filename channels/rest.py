"""Rasa's REST channel, with alien registration numbers redacted on the way in.

Registered under the same name ("rest"), so the webhook stays at
/webhooks/rest/webhook; bad input gets a 400 with a clear message instead
of a 500.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.pii import redact_message

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128


class RedactingRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("redacting_rest_webhook", __name__)

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - Sanic's own error type for bad JSON
                body = None
            if not isinstance(body, dict):
                return response.json({"error": "Please send a JSON object with 'sender' and 'message'."}, status=400)
            sender, text = body.get("sender") or "default", body.get("message")
            if not isinstance(sender, str) or len(sender) > MAX_SENDER_CHARS:
                return response.json({"error": "'sender' must be text of at most 128 characters."}, status=400)
            if not isinstance(text, str) or not text.strip():
                return response.json({"error": "'message' must be non-empty text."}, status=400)
            if len(text) > MAX_MESSAGE_CHARS:
                return response.json({"error": f"Messages are limited to {MAX_MESSAGE_CHARS} characters."},
                                     status=400)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
            metadata = {k: v for k, v in metadata.items() if k in ("browser_language", "language_hint")}
            text, extra = await redact_message(text, sender)
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                             metadata={**metadata, **extra}))
            return response.json(collector.messages)

        return rest
