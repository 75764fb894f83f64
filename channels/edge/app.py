"""The edge as one ASGI application: every public path, every guard, in one place.

Order of what a request meets (outermost first): socket.io (its own origin
check and size limit) or, for everything else, security headers -> CORS
(exact origins) -> body limit -> the route. Every channel talks to the bot
through one ``GuardedBot`` (limits, masking, payload allow-list).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from channels.edge import health, messaging_config, rasa_proxy, rest_api, webchat_channel
from channels.edge.body_limit import BodyLimitMiddleware
from channels.edge.bot_port import BotPort
from channels.edge.errors import Refused, problem
from channels.edge.guard import GuardedBot
from channels.edge.headers import SecurityHeadersMiddleware
from channels.edge.limits import RateLimiter, make_limiter
from channels.edge.origins import CORSMiddleware, OriginPolicy
from channels.edge.rasa_client import RasaClient
from channels.edge.sessions import SessionTokens
from channels.edge.settings import EdgeSettings
from channels.edge.socketio_channel import SocketIOChannel

log = logging.getLogger("ieum.edge")


def messaging_routes(bot: BotPort, cfg: EdgeSettings) -> list[BaseRoute]:
    """KakaoTalk, LINE and Telegram: each channel with a section in credentials.yml (others stay off)."""
    from channels.edge import messaging

    sections = cfg.messaging if cfg.messaging is not None else messaging_config.load(cfg.credentials_file)
    return messaging.routes(bot, sections)


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refused)
    return problem(exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    messages = {404: "Not found.", 405: "This path does not accept that method."}
    return problem(exc.status_code, messages.get(exc.status_code, str(exc.detail)), dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Logged with its type only: the message could carry user text.
    log.error("unexpected %s on %s", exc.__class__.__name__, request.url.path)
    return problem(500, "Something went wrong on our side. Please try again, or call 1345.")


def create_app(cfg: EdgeSettings, *, bot: BotPort | None = None, limiter: RateLimiter | None = None,
               http: httpx.AsyncClient | None = None) -> ASGIApp:
    """The edge. Tests pass a fake ``bot`` (instead of Rasa) and their own ``limiter``."""
    http = http or httpx.AsyncClient()
    limiter = limiter or make_limiter(cfg.redis_url)
    guarded = GuardedBot(bot or RasaClient(cfg.rasa_url, cfg.edge_secret, cfg.bot_timeout_seconds, http),
                         limiter, cfg.sender_limit, cfg.max_message_chars)
    tokens = SessionTokens(cfg.edge_secret, cfg.session_max_age_seconds)
    policy = OriginPolicy(cfg.allowed_origins)
    proxy = rasa_proxy.RasaProxy(cfg.rasa_url, cfg.edge_secret, http, cfg.bot_timeout_seconds)

    routes: list[BaseRoute] = [
        *health.routes(cfg.rasa_url, http),
        *rest_api.routes(guarded, limiter, cfg.client_limit),
        *webchat_channel.routes(guarded, tokens, cfg.static_dir, limiter, cfg.client_limit),
        *rasa_proxy.routes(proxy, limiter, cfg.client_limit, cfg.parse_api),
        *messaging_routes(guarded, cfg),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await http.aclose()
        await limiter.close()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeadersMiddleware), Middleware(CORSMiddleware, policy=policy),
                    Middleware(BodyLimitMiddleware, max_bytes=cfg.max_body_bytes)],
        exception_handlers={Refused: _refused, HTTPException: _http_error, Exception: _unexpected},
        lifespan=lifespan,
    )
    channel = SocketIOChannel(guarded, tokens, policy, limiter, cfg.client_limit, cfg.max_body_bytes)
    wrapped: Any = channel.asgi(app)
    wrapped.socketio_server = channel.server  # for tests and diagnostics
    return wrapped
