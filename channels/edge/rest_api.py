"""``POST /webhooks/rest/webhook``: Rasa's REST channel, same JSON in and out, for integrators.

Senders are the integrator's own ids, namespaced ("rest:<sender>") so they
can never reach a web widget's or a messaging app's conversation; the
reply's ``recipient_id`` is the sender as the client sent it.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from channels.edge.bot_port import BotPort
from channels.edge.errors import Refused
from channels.edge.inbound import check_client, read_json_object
from channels.edge.limits import RateLimiter
from channels.edge.rasa_shapes import rest_messages
from channels.edge.settings import RateLimit

# "rest:" + 120 stays within the 128 characters Rasa accepts as a sender.
MAX_SENDER_CHARS = 120
SENDER_PREFIX = "rest:"


def routes(bot: BotPort, limiter: RateLimiter, client_limit: RateLimit) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def webhook(request: Request) -> JSONResponse:
        await check_client(request, limiter, client_limit)
        body = await read_json_object(request)
        sender = body.get("sender", "default")
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
            raise Refused(f"'sender' must be text of at most {MAX_SENDER_CHARS} characters.")
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            raise Refused("'message' must be non-empty text.")
        raw_metadata = body.get("metadata")
        metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
        replies = await bot.send(SENDER_PREFIX + sender, message, metadata)
        return JSONResponse(rest_messages(sender, replies))

    return [Route("/webhooks/rest/", health, methods=["GET"]),
            Route("/webhooks/rest/webhook", webhook, methods=["POST"])]
