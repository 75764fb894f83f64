"""A small API for counsellors: list, claim, reply to and release handoffs.

Mounted by Rasa at /webhooks/agent/. Every call needs
``Authorization: Bearer $IEUM_AGENT_TOKEN`` (compared in constant time);
without the variable the API is off. The console issue builds on this.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.settings import settings
from bot.storage import handoffs
from bot.storage.database import engine

TOKEN_ENV = "IEUM_AGENT_TOKEN"
MAX_REPLY_CHARS = 2000


def authorised(request: Request) -> HTTPResponse | None:
    """None when the caller may proceed, else the error response."""
    expected = settings().agent_token
    if not expected:
        return response.json({"error": f"the agent API is off: set {TOKEN_ENV}"}, status=503)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        return response.json({"error": "missing or wrong agent token"}, status=401)
    return None


def _public(handoff: handoffs.Handoff) -> dict[str, Any]:
    data = dataclasses.asdict(handoff)
    data["created_at"] = handoff.created_at.isoformat()
    return data


class AgentApiInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "agent"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        api = Blueprint("agent_api", __name__)

        @api.route("/handoffs", methods=["GET"])
        async def list_open(request: Request) -> HTTPResponse:
            if (denied := authorised(request)) is not None:
                return denied
            status = request.args.get("status")
            items = await asyncio.to_thread(handoffs.list_handoffs, engine(), status)
            return response.json([_public(h) for h in items])

        @api.route("/handoffs/<handoff_id:int>/claim", methods=["POST"])
        async def claim(request: Request, handoff_id: int) -> HTTPResponse:
            if (denied := authorised(request)) is not None:
                return denied
            agent = (request.json or {}).get("agent") if isinstance(request.json, dict) else None
            if not isinstance(agent, str) or not agent.strip():
                return response.json({"error": "send {\"agent\": \"your name\"}"}, status=400)
            ok = await asyncio.to_thread(handoffs.claim, engine(), handoff_id, agent.strip())
            return response.json({"claimed": ok}, status=200 if ok else 409)

        @api.route("/handoffs/<handoff_id:int>/reply", methods=["POST"])
        async def reply(request: Request, handoff_id: int) -> HTTPResponse:
            if (denied := authorised(request)) is not None:
                return denied
            text = (request.json or {}).get("text") if isinstance(request.json, dict) else None
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_REPLY_CHARS:
                return response.json({"error": f"send {{\"text\": \"...\"}} (1-{MAX_REPLY_CHARS} characters)"},
                                     status=400)
            handoff = await asyncio.to_thread(handoffs.get_handoff, engine(), handoff_id)
            if handoff is None or handoff.status not in handoffs.OPEN:
                return response.json({"error": "no open handoff with that id"}, status=404)
            await asyncio.to_thread(handoffs.add_message, engine(), handoff_id, "agent", text.strip())
            return response.json({"queued": True})

        @api.route("/handoffs/<handoff_id:int>/release", methods=["POST"])
        async def release(request: Request, handoff_id: int) -> HTTPResponse:
            if (denied := authorised(request)) is not None:
                return denied
            ok = await asyncio.to_thread(handoffs.release, engine(), handoff_id)
            return response.json({"released": ok}, status=200 if ok else 404)

        return api
