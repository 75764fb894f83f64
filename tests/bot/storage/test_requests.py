"""Document requests on SQLite and PostgreSQL: encrypted, found only with the second factor."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.storage import database, tables
from bot.storage.arn import parse_arn
from bot.storage.requests import NewRequest, find_request, purge_expired, save_request, vault_get, vault_put

KEY = bytes(range(32))


def _request() -> NewRequest:
    return NewRequest("CERT-ARC", "Nguyen Van A", parse_arn("950101-5123456"), "010-1234-5678", "post", "vi",
                      "conversation-1")


def test_save_and_find_with_second_factor(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    token = vault_put(engine, "conversation-1", parse_arn("950101-5123456"), KEY)
    assert vault_get(engine, token, "someone-else", KEY) is None  # bound to its conversation
    assert vault_get(engine, token, "conversation-1", KEY).digits == "9501015123456"
    reference = save_request(engine, _request(), KEY, token)
    assert vault_get(engine, token, "conversation-1", KEY) is None  # used up
    found = find_request(engine, reference, "3456", KEY)
    assert found is not None and found.status == "received" and found.document_id == "CERT-ARC"
    assert find_request(engine, reference, "0000", KEY) is None
    assert find_request(engine, "IEUM-0000-0000", "3456", KEY) is None
    with engine.connect() as conn:
        row = conn.execute(select(tables.document_requests)).one()
    stored = " ".join(str(v) for v in row)
    assert "9501015123456" not in stored and "5123456" not in stored
    engine.dispose()


def test_retention_purge(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    save_request(engine, _request(), KEY)
    assert purge_expired(engine, dt.datetime.now(dt.timezone.utc)) == 0
    assert purge_expired(engine, dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=91)) == 1
    assert purge_expired(engine, dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=91)) == 0
    engine.dispose()
