"""Where the catalogue is stored: SQLite by default, any SQLAlchemy URL by env.

``IEUM_DATABASE_URL`` selects the database (``postgresql+psycopg2://...``);
without it a SQLite file under ``var/`` is used so ``make run`` needs no
server. The schema is owned by Alembic migrations.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, insert, select
from sqlalchemy.engine import Connection, Engine

from catalogue import tables
from catalogue.records import Catalogue, build_catalogue
from catalogue.serialise import jsonable, record_to_raw, service_to_raw

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = PROJECT_ROOT / "var" / "ieum.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url() -> str:
    return os.environ.get("IEUM_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
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


def fingerprint(catalogue: Catalogue) -> str:
    payload = json.dumps([service_to_raw(s) for s in catalogue.services], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def store_catalogue(engine: Engine, catalogue: Catalogue) -> None:
    """Replace the stored catalogue in one transaction: all or nothing."""
    with engine.begin() as conn:
        for table in (tables.service_texts, tables.service_statuses, tables.service_intents, tables.services,
                      tables.reference_records, tables.catalogue_meta):
            conn.execute(delete(table))
        if catalogue.services:
            conn.execute(insert(tables.services), [
                {"id": s.id, "kind": s.kind, "grp": s.group, "online": s.online, "channel": s.channel,
                 "url": s.url, "checked_on": s.checked_on, "payload": service_to_raw(s)}
                for s in catalogue.services
            ])
            texts = [{"service_id": s.id, "lang": lang, "title": s.title[lang], "summary": s.summary.get(lang, "")}
                     for s in catalogue.services for lang in s.title]
            conn.execute(insert(tables.service_texts), texts)
            statuses = [{"service_id": s.id, "code": c} for s in catalogue.services for c in set(s.visa_statuses)]
            if statuses:
                conn.execute(insert(tables.service_statuses), statuses)
            intents = [{"service_id": s.id, "intent": i} for s in catalogue.services for i in set(s.intents)]
            conn.execute(insert(tables.service_intents), intents)
        refs = (
            [("document", d.id, record_to_raw(d)) for d in catalogue.documents]
            + [("visa_status", v.code, record_to_raw(v)) for v in catalogue.visa_statuses]
            + [("contact", c.id, record_to_raw(c)) for c in catalogue.contacts]
            + [("office", o.id, record_to_raw(o)) for o in catalogue.offices]
            + [("rule", name, jsonable(body)) for name, body in catalogue.rules.items()]
        )
        if refs:
            conn.execute(insert(tables.reference_records),
                         [{"kind": k, "id": i, "payload": p} for k, i, p in refs])
        conn.execute(insert(tables.catalogue_meta), [{"key": "fingerprint", "value": fingerprint(catalogue)}])


def stored_fingerprint(conn: Connection) -> str | None:
    return conn.execute(select(tables.catalogue_meta.c.value).where(tables.catalogue_meta.c.key == "fingerprint")
                        ).scalar_one_or_none()


def read_stored_catalogue(engine: Engine) -> Catalogue:
    """The catalogue as stored, validated again on the way out."""
    with engine.connect() as conn:
        services = [row.payload for row in conn.execute(select(tables.services.c.payload)
                                                        .order_by(tables.services.c.id))]
        refs: dict[str, list] = {"document": [], "visa_status": [], "contact": [], "office": [], "rule": []}
        for row in conn.execute(select(tables.reference_records).order_by(tables.reference_records.c.kind,
                                                                          tables.reference_records.c.id)):
            refs[row.kind].append(row.payload)
    raw = {
        "services": [("database", services)],
        "documents": [("database", refs["document"])],
        "visa_statuses": [("database", refs["visa_status"])],
        "contacts": [("database", refs["contact"])],
        "offices": [("database", refs["office"])],
        "rules": [("database", body) for body in refs["rule"]],
    }
    return build_catalogue(raw)


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
