"""Alembic environment: migrations run on a connection handed in by catalogue.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.storage.tables import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # `alembic` run by hand: use the configured URL.
        engine = create_engine(config.get_main_option("sqlalchemy.url"), future=True)
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=metadata)
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


run()
