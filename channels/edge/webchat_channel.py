"""Ieum's own web widget: its page and files, and the webhook it posts to.

The widget is one script (``chat.js``) any allowed site can embed with a
container element; ``/webhooks/webchat/`` is our own page embedding it.
The webhook takes ``{"session": <token or null>, "message": ...,
"metadata": {"browser_language": ...}}`` and answers
``{"session": <token>, "replies": [...]}``: the session is issued and
signed by the edge (see ``sessions.py``), and each reply is the
channel-neutral model as JSON (text, buttons, links, service id, menu).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.core.replies import Reply
from channels.edge.bot_port import BotPort
from channels.edge.errors import Refused
from channels.edge.inbound import check_client, read_json_object
from channels.edge.limits import RateLimiter
from channels.edge.sessions import SessionTokens, sender_for
from channels.edge.settings import RateLimit

STATIC_FILES = {"": ("chat.html", "text/html"), "chat.js": ("chat.js", "text/javascript"),
                "chat.css": ("chat.css", "text/css"), "card.css": ("card.css", "text/css")}


def reply_json(reply: Reply) -> dict[str, Any]:
    return {"kind": reply.kind.value, "text": reply.text, "buttons": reply.buttons, "links": reply.links,
            "service_id": reply.service_id, "services": reply.services}


def routes(bot: BotPort, tokens: SessionTokens, static_dir: Path, limiter: RateLimiter,
           client_limit: RateLimit) -> list[Route]:
    # Read once: the files are small and change only with a deploy.
    files = {name: ((static_dir / file).read_bytes(), f"{kind}; charset=utf-8")
             for name, (file, kind) in STATIC_FILES.items()}

    async def static(request: Request) -> Response:
        name = request.path_params.get("name", "")
        if name not in files:
            raise Refused("Not found.", status=404)
        body, kind = files[name]
        return Response(body, media_type=kind, headers={"Cache-Control": "no-cache"})

    async def webhook(request: Request) -> JSONResponse:
        await check_client(request, limiter, client_limit)
        body = await read_json_object(request)
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            raise Refused("'message' must be non-empty text.")
        token, conversation = tokens.resume_or_issue(body.get("session"))
        raw_metadata = body.get("metadata")
        metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
        replies = await bot.send(sender_for(conversation), message, metadata)
        return JSONResponse({"session": token, "replies": [reply_json(r) for r in replies]})

    return [Route("/webhooks/webchat/webhook", webhook, methods=["POST"]),
            Route("/webhooks/webchat/{name:str}", static, methods=["GET"]),
            Route("/webhooks/webchat/", static, methods=["GET"])]
