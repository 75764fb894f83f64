"""Every setting Ieum reads, read once into one typed object.

Modules ask ``settings()`` instead of reading the environment themselves, so
the README's table (generated from ``DOCUMENTED``) is the whole list, and
paths under ``var/`` are computed in one place. ``reload()`` re-reads the
environment: tests call it after changing a variable, and a process never
needs to otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    meaning: str


# The README's settings table is checked against this list (tests/bot/core/test_settings.py).
DOCUMENTED = (
    Setting("IEUM_VAR_DIR", "var/ in the checkout", "local state: the SQLite database, the development key, run files"),
    Setting("IEUM_DATABASE_URL", "sqlite:///var/ieum.db",
            "catalogue, document requests, handoffs and the number vault (any SQLAlchemy URL; PostgreSQL in production)"),
    Setting("IEUM_ARN_KEY", "a development key in var/arn.key",
            "base64 of 32 bytes: encrypts registration numbers at rest (required in production)"),
    Setting("IEUM_PUBLIC_URL", "http://localhost:5005", "the public address printed in links (counter cards)"),
    Setting("IEUM_AGENT_TOKEN", "unset: the agent API is off", "bearer token of the counsellor API"),
    Setting("IEUM_TEAM_HOURS", "mon-fri 09:00-18:00", "when counsellors answer handoffs (Korea time)"),
    Setting("IEUM_EMBEDDING_CACHE", "~/.cache/ieum/embeddings-<model>.sqlite",
            "sentence-vector cache used while training"),
    Setting("IEUM_ALLOWED_ORIGINS", "unset: no other site", "exact web origins allowed to embed the widget, comma separated"),
    Setting("IEUM_EDGE_SECRET", "a fresh secret per `make run`", "shared secret between the public edge and Rasa"),
    Setting("IEUM_REDIS_URL", "unset: in-process locks and limits", "Redis for multi-process locks and rate limits"),
    Setting("IEUM_ENV", "development", "'production' turns off every demo shortcut (local channel modes, dev key)"),
)


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    arn_key_b64: str | None
    public_url: str
    agent_token: str | None
    team_hours: str | None
    cache_dir: Path
    embedding_cache: Path | None  # an explicit file; None: one per encoder under cache_dir
    allowed_origins: tuple[str, ...]
    edge_secret: str | None
    redis_url: str | None
    environment: str

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def dev_key_file(self) -> Path:
        return self.var_dir / "arn.key"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        var_dir = Path(env["IEUM_VAR_DIR"]) if env.get("IEUM_VAR_DIR") else PROJECT_ROOT / "var"
        cache_home = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cls(
            var_dir=var_dir,
            database_url=env.get("IEUM_DATABASE_URL") or f"sqlite:///{var_dir / 'ieum.db'}",
            arn_key_b64=env.get("IEUM_ARN_KEY") or None,
            public_url=(env.get("IEUM_PUBLIC_URL") or "http://localhost:5005").rstrip("/"),
            agent_token=env.get("IEUM_AGENT_TOKEN") or None,
            team_hours=env.get("IEUM_TEAM_HOURS") or None,
            cache_dir=cache_home / "ieum",
            embedding_cache=Path(env["IEUM_EMBEDDING_CACHE"]) if env.get("IEUM_EMBEDDING_CACHE") else None,
            allowed_origins=tuple(o.strip().rstrip("/") for o in (env.get("IEUM_ALLOWED_ORIGINS") or "").split(",")
                                  if o.strip()),
            edge_secret=env.get("IEUM_EDGE_SECRET") or None,
            redis_url=env.get("IEUM_REDIS_URL") or None,
            environment=(env.get("IEUM_ENV") or "development").strip().lower(),
        )


_current: Settings | None = None


def settings() -> Settings:
    global _current
    if _current is None:
        _current = Settings.from_env(os.environ)
    return _current


def reload() -> Settings:
    """Read the environment again (tests; never needed in a running server)."""
    global _current
    _current = Settings.from_env(os.environ)
    return _current
