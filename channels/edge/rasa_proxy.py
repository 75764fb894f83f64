"""Paths still answered by Rasa's process, passed through over loopback.

- ``GET /webhooks/webchat/card/<id>``: the counter card (it reads the catalogue);
- ``/webhooks/agent/...``: the counsellor API (it checks its own bearer token);
- ``POST /model/parse``: NLU for local evaluation, from loopback clients only and
  never with IEUM_ENV=production (the intent contract is evaluated there; the
  public must not reach it; behind a reverse proxy on the same host, block
  ``/model`` there too, since every client then looks like loopback).

Only the method, path, query, body, ``Authorization`` and ``Content-Type``
are forwarded; Rasa being down is a polite 503, never a 500.
"""

from __future__ import annotations

import logging
import re

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from channels.edge.errors import Refused, problem
from channels.edge.inbound import check_client, client_address
from channels.edge.limits import RateLimiter
from channels.edge.rasa_client import SECRET_HEADER
from channels.edge.settings import RateLimit

log = logging.getLogger("ieum.edge.proxy")

_SERVICE_ID = re.compile(r"^[A-Za-z0-9-]{1,40}$")
_AGENT_PATH = re.compile(r"^[A-Za-z0-9/_-]{0,120}$")
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
PASSED_RESPONSE_HEADERS = ("content-type", "content-security-policy", "cache-control")


class RasaProxy:
    def __init__(self, base_url: str, secret: str, client: httpx.AsyncClient, timeout: float) -> None:
        self.base = base_url.rstrip("/")
        self.secret = secret
        self.client = client
        self.timeout = timeout

    async def forward(self, request: Request, path: str) -> Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")}
        headers[SECRET_HEADER] = self.secret
        try:
            upstream = await self.client.request(request.method, f"{self.base}{path}", params=request.query_params,
                                                 content=await request.body(), headers=headers, timeout=self.timeout)
        except httpx.HTTPError as error:
            log.error("Rasa unreachable for %s: %s", path.split("?")[0][:60], error.__class__.__name__)
            return problem(503, "The assistant is not reachable right now. Please try again in a moment.")
        passed = {k: v for k, v in upstream.headers.items() if k.lower() in PASSED_RESPONSE_HEADERS}
        return Response(upstream.content, status_code=upstream.status_code, headers=passed)


def routes(proxy: RasaProxy, limiter: RateLimiter, client_limit: RateLimit, parse_api: bool) -> list[Route]:
    async def counter_card(request: Request) -> Response:
        service_id = request.path_params["service_id"]
        if not _SERVICE_ID.match(service_id):
            raise Refused("No such service.", status=404)
        await check_client(request, limiter, client_limit)
        return await proxy.forward(request, f"/webhooks/webchat/card/{service_id}")

    async def agent_api(request: Request) -> Response:
        rest = request.path_params.get("rest", "")
        if not _AGENT_PATH.match(rest) or ".." in rest:
            raise Refused("No such path.", status=404)
        await check_client(request, limiter, client_limit)
        return await proxy.forward(request, f"/webhooks/agent/{rest}")

    async def parse(request: Request) -> Response:
        if not parse_api or client_address(request) not in LOOPBACK:
            raise Refused("Not found.", status=404)
        return await proxy.forward(request, "/model/parse")

    return [Route("/webhooks/webchat/card/{service_id}", counter_card, methods=["GET"]),
            Route("/webhooks/agent/{rest:path}", agent_api, methods=["GET", "POST"]),
            Route("/model/parse", parse, methods=["POST"])]
