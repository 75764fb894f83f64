"""What the edge is configured with, read once from the environment.

Shared settings (allowed origins, the edge secret, Redis) come from
``bot.core.settings``; the rest are the edge's own limits, with defaults
that suit one public server. Tests build an ``EdgeSettings`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.core.settings import PROJECT_ROOT, settings

STATIC_DIR = PROJECT_ROOT / "channels" / "static"
CREDENTIALS = PROJECT_ROOT / "credentials.yml"


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` requests per ``seconds`` for one key (a sender or a client address)."""
    count: int
    seconds: int


@dataclass(frozen=True)
class EdgeSettings:
    # Rasa's internal address (127.0.0.1 only) and the secret it checks on every message.
    rasa_url: str = "http://127.0.0.1:5006"
    edge_secret: str = ""
    # Exact origins (scheme://host[:port]) of other sites that may embed the widget.
    allowed_origins: tuple[str, ...] = ()
    redis_url: str | None = None
    # A chat message is a few hundred bytes; webhook bodies a few kilobytes.
    max_body_bytes: int = 64 * 1024
    max_message_chars: int = 2000
    # Per conversation: a person types at most a message every few seconds.
    sender_limit: RateLimit = RateLimit(30, 60)
    # Per client address on the public chat paths (one office NAT may hold many users).
    client_limit: RateLimit = RateLimit(300, 60)
    # How long a user waits for Rasa before getting the polite fallback.
    bot_timeout_seconds: float = 20.0
    # A widget session older than this starts a new conversation.
    session_max_age_seconds: int = 30 * 24 * 3600
    # /model/parse is for local evaluation: loopback clients only, and never in production.
    parse_api: bool = False
    static_dir: Path = STATIC_DIR
    credentials_file: Path | None = CREDENTIALS
    # Channel sections (kakao/line/telegram) already read; None: read credentials_file.
    messaging: dict[str, dict[str, object]] | None = field(default=None)

    @classmethod
    def from_env(cls, rasa_url: str) -> EdgeSettings:
        shared = settings()
        secret = shared.edge_secret or ""
        if not secret:
            # Without it Rasa's REST channel is open to every local process and
            # session tokens cannot be signed; the launcher always sets one.
            raise SystemExit("IEUM_EDGE_SECRET is not set: start the edge with `make run` "
                             "(which generates one) or set it for Rasa and the edge alike.")
        return cls(rasa_url=rasa_url.rstrip("/"), edge_secret=secret, allowed_origins=shared.allowed_origins,
                   redis_url=shared.redis_url, parse_api=not shared.production)
