"""The one place that opens and migrates the database.

SQLite under var/ by default so ``make run`` needs no server; any
SQLAlchemy URL by ``IEUM_DATABASE_URL`` (``postgresql+psycopg2://...``).
The schema (catalogue, requests, handoffs, vault) is owned by the Alembic
migrations next to this module.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from bot.core.settings import settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url() -> str:
    return settings().database_url


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Enforce foreign keys, and let readers work while a load writes.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()
    return engine


def shared_engine(url: str | None = None) -> Engine:
    """One engine (and pool) per URL per process (the URL resolved now)."""
    return _engine_for(url or database_url())


@functools.lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def engine_label(engine: Engine) -> str:
    """The database as it may be printed: never with a password."""
    return engine.url.render_as_string(hide_password=True)


_migrated: set[str] = set()


def migrate_once(engine: Engine) -> None:
    """Migrate an engine's database the first time a process uses it."""
    url = str(engine.url)
    if url not in _migrated:
        migrate(engine)
        _migrated.add(url)


def engine() -> Engine:
    """The configured database, migrated once per process (what actions and the edge write to)."""
    shared = shared_engine()
    migrate_once(shared)
    return shared


def forget_engines() -> None:
    """Drop cached engines and migration marks (tests that switch databases)."""
    _engine_for.cache_clear()
    _migrated.clear()
