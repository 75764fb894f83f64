"""``GET /health``: is the edge up, and can it reach Rasa? For load balancers and ``make run``."""

from __future__ import annotations

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route


def routes(rasa_url: str, client: httpx.AsyncClient) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        try:
            bot_up = (await client.get(rasa_url.rstrip("/") + "/", timeout=2.0)).status_code == 200
        except httpx.HTTPError:
            bot_up = False
        return JSONResponse({"status": "ok" if bot_up else "degraded", "edge": "ok", "bot": "ok" if bot_up else "unreachable"},
                            status_code=200 if bot_up else 503)

    async def home(request: Request) -> Response:
        return RedirectResponse("/webhooks/webchat/", status_code=302)

    return [Route("/health", health, methods=["GET"]), Route("/", home, methods=["GET"])]
