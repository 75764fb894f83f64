"""Reading a client's request: its JSON body and who it comes from, with polite refusals."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from channels.edge.errors import RateLimited, Refused
from channels.edge.limits import RateLimiter
from channels.edge.settings import RateLimit


async def read_json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object; anything else is refused with a 4xx that says what to send.

    Requiring ``application/json`` also means a browser on another site must
    ask first (a CORS preflight) before it can post at all.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise Refused("Please send JSON with 'Content-Type: application/json'.", status=415)
    raw = await request.body()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise Refused("Please send a JSON object with 'sender' and 'message'.")
    return body


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def check_client(request: Request, limiter: RateLimiter, limit: RateLimit) -> None:
    retry = await limiter.hit(f"client:{client_address(request)}", limit)
    if retry is not None:
        raise RateLimited("Too many requests from your network; please wait a moment.",
                          headers={"Retry-After": str(retry)})
