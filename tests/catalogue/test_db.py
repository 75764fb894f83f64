"""Storage on SQLite and on a real PostgreSQL server: all or nothing."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from bot.storage import database, tables
from catalogue import db
from catalogue.loader import read_catalogue
from catalogue.service_catalogue import ServiceCatalogue
from tests.conftest import FIXTURE_CATALOGUE


def test_store_and_read_back_round_trips(database_url: str) -> None:
    records = read_catalogue(FIXTURE_CATALOGUE)
    engine = database.make_engine(database_url)
    database.migrate(engine)
    database.migrate(engine)  # idempotent
    db.store_catalogue(engine, records)
    again = db.read_stored_catalogue(engine)
    expected = sorted((dataclasses.replace(s, source_file="database") for s in records.services), key=lambda s: s.id)
    assert list(again.services) == expected
    assert again.rules["part_time_hours"]["weekly_hours"]["graduate"]["met"] == 30
    with engine.connect() as conn:
        assert db.stored_fingerprint(conn) == db.fingerprint(records)
    engine.dispose()


def test_failed_store_leaves_previous_catalogue(database_url: str) -> None:
    records = read_catalogue(FIXTURE_CATALOGUE)
    engine = database.make_engine(database_url)
    database.migrate(engine)
    db.store_catalogue(engine, records)
    broken = dataclasses.replace(records, services=records.services + (records.services[0],))  # duplicate key
    with pytest.raises(Exception):
        db.store_catalogue(engine, broken)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.services)).scalar_one() == 3
    engine.dispose()


def test_search_filters_in_sql(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    db.store_catalogue(engine, read_catalogue(FIXTURE_CATALOGUE))
    catalogue = ServiceCatalogue.from_database(engine)
    assert [r.service.id for r in catalogue.search("part-time work permission", "en", visa_status="D-2")] \
        == ["IMM-PTJOB"]
    assert catalogue.search("part-time work permission", "en", visa_status="E-9") == []
    assert catalogue.find_ids("%") == [] and catalogue.find_ids("_") == []
    assert catalogue.find_ids("ext") == ["IMM-EXT"]
    engine.dispose()


def test_a_running_server_picks_up_a_newly_loaded_catalogue(database_url: str) -> None:
    from catalogue.service_catalogue import RECHECK_SECONDS, default_catalogue, reset_default_catalogue

    records = read_catalogue(FIXTURE_CATALOGUE)
    engine = database.make_engine(database_url)
    database.migrate(engine)
    db.store_catalogue(engine, records)
    reset_default_catalogue()
    first = default_catalogue(database_url, now=1000.0)
    renamed = dataclasses.replace(records.services[0], title={**records.services[0].title, "en": "Renamed service"})
    db.store_catalogue(engine, dataclasses.replace(records, services=(renamed,) + records.services[1:]))
    # Within the recheck window the loaded catalogue is served as is ...
    assert default_catalogue(database_url, now=1000.0 + RECHECK_SECONDS / 2) is first
    # ... after it, the new fingerprint is seen and the catalogue reloaded.
    again = default_catalogue(database_url, now=1000.0 + RECHECK_SECONDS + 1)
    assert again is not first and again.get(renamed.id).title["en"] == "Renamed service"
    # Unchanged: the same object stays (no reload on every check).
    assert default_catalogue(database_url, now=1000.0 + 3 * RECHECK_SECONDS) is again
    reset_default_catalogue()
    engine.dispose()
