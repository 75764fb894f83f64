"""Which web origins may talk to the edge from a browser, and the CORS middleware for HTTP.

Exact strings only (``scheme://host[:port]``, no patterns: a pattern such as
``https://.*\\.example\\.com`` also matches ``https://app.example.com.evil.test``,
CVE-2026-37737). The edge's own origin (the ``Host`` the request came to)
is always allowed; nothing else is unless ``IEUM_ALLOWED_ORIGINS`` lists it.

A request from a browser on an origin not allowed is refused outright
(403), not just left without ``Access-Control-Allow-Origin``: the browser
would hide the answer, but the message would still have reached the bot.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from channels.edge.errors import problem

ALLOWED_HEADERS = "Content-Type, Authorization"
ALLOWED_METHODS = "GET, POST, OPTIONS"


class OriginPolicy:
    def __init__(self, allowed: tuple[str, ...]) -> None:
        self._allowed = frozenset(o.strip().rstrip("/").lower() for o in allowed if o.strip())

    def allows(self, origin: str | None, host: str | None, scheme: str) -> bool:
        """No Origin header (not a browser, or a same-origin GET) is not a cross-origin request."""
        if origin is None:
            return True
        origin = origin.strip().rstrip("/").lower()
        if host and origin == f"{scheme}://{host}".lower():
            return True
        return origin in self._allowed

    def socketio_check(self, origin: str | None, environ: dict[str, Any]) -> bool:
        """python-socketio's ``cors_allowed_origins`` callable (it also guards the websocket upgrade)."""
        scheme = "https" if environ.get("wsgi.url_scheme") in ("https", "wss") else "http"
        return self.allows(origin, environ.get("HTTP_HOST"), scheme)


class CORSMiddleware:
    """Preflight answers, ``Access-Control-Allow-Origin`` for allowed origins, 403 for the rest."""

    def __init__(self, app: ASGIApp, policy: OriginPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        scheme = "https" if scope.get("scheme") == "https" else "http"
        if not self.policy.allows(origin, headers.get("host"), scheme):
            await problem(403, "This website is not allowed to use the Ieum chat. "
                               "Its operator can ask for its address to be added to IEUM_ALLOWED_ORIGINS.",
                          {"Vary": "Origin"})(scope, receive, send)
            return
        if origin is None:
            await self.app(scope, receive, send)
            return
        cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await Response(status_code=204, headers={**cors, "Access-Control-Allow-Methods": ALLOWED_METHODS,
                                                     "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                                                     "Access-Control-Max-Age": "600"})(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"access-control-allow-origin"]
                raw += [(k.lower().encode(), v.encode()) for k, v in cors.items()]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_cors)
