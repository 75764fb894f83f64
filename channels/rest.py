"""Rasa's REST channel, with alien registration numbers redacted on the way in.

Registered under the same name ("rest"), so the webhook stays at
/webhooks/rest/webhook; bad input gets a 400 with a clear message instead
of a 500.
"""

from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.contract import ARN_TOKEN_KEY, client_metadata
from bot.core.settings import settings
from channels.inbound import deliver, read_message

MAX_SENDER_CHARS = 128

# --- the public edge (channels/edge) posts here; issue 15 -------------------
# With IEUM_EDGE_SECRET set (make run always sets one) only a request carrying
# it is served: Rasa listens on 127.0.0.1, and the secret keeps other local
# processes from posting as a user. The edge has already masked registration
# numbers, so its vault token (and only from the edge) is passed on.
EDGE_SECRET_HEADER = "X-Ieum-Edge-Secret"


def from_edge(request: Request) -> bool | None:
    """None: no secret configured (REST open, as before); otherwise whether the header matches it."""
    secret = settings().edge_secret
    if not secret:
        return None
    return hmac.compare_digest(request.headers.get(EDGE_SECRET_HEADER, "").encode(), secret.encode())
# ---------------------------------------------------------------------------


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
            edge = from_edge(request)
            if edge is False:
                return response.json({"error": "This endpoint is served through the public address only."},
                                     status=403)
            problem, sender, text, metadata = read_message(
                request, lambda s: isinstance(s, str) and len(s) <= MAX_SENDER_CHARS,
                "'sender' must be text of at most 128 characters.", default_sender="default")
            if problem:
                return response.json({"error": problem}, status=400)
            vault_token = metadata.get(ARN_TOKEN_KEY) if edge else None
            metadata = client_metadata(metadata)
            if isinstance(vault_token, str) and len(vault_token) <= 128:
                metadata[ARN_TOKEN_KEY] = vault_token
            return await deliver(on_new_message, self.name(), sender, text, metadata)

        return rest
