"""Rasa's REST channel, with alien registration numbers redacted on the way in.

Registered under the same name ("rest"), so the webhook stays at
/webhooks/rest/webhook; bad input gets a 400 with a clear message instead
of a 500.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.inbound import deliver, read_message

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
            problem, sender, text, metadata = read_message(
                request, lambda s: isinstance(s, str) and len(s) <= MAX_SENDER_CHARS,
                "'sender' must be text of at most 128 characters.", default_sender="default")
            if problem:
                return response.json({"error": problem}, status=400)
            metadata = {k: v for k, v in metadata.items() if k in ("browser_language", "language_hint")}
            return await deliver(on_new_message, self.name(), sender, text, metadata)

        return rest
