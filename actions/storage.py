"""The database the actions write to (document requests, handoffs)."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from catalogue import db


def engine() -> Engine:
    """The configured database, migrated once per process."""
    shared = db.shared_engine()
    db.migrate_once(shared)
    return shared
