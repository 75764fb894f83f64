"""Shared fixtures: databases, Redis, a fast trained model, running servers."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = ROOT / "tests" / "data" / "catalogue_fixture"
POSTGRES_ADMIN_URL = os.environ.get("IEUM_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("IEUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

_skipped_services: set[str] = set()


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def postgres_url() -> str:
    """A fresh schema-less database on the local PostgreSQL server, dropped afterwards."""
    if not _reachable("127.0.0.1", 5432):
        _skipped_services.add("PostgreSQL (127.0.0.1:5432)")
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (.ci/run starts it)")
    from sqlalchemy import create_engine, text

    name = f"ieum_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        _skipped_services.add(f"PostgreSQL ({exc.__class__.__name__})")
        pytest.skip(f"cannot create a test database on PostgreSQL: {exc}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not _reachable("127.0.0.1", 6379):
        _skipped_services.add("Redis (127.0.0.1:6379)")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    return REDIS_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test runs on SQLite and on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ieum.db'}"
    return request.getfixturevalue("postgres_url")


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if _skipped_services:
        terminalreporter.write_sep("=", "services not available: their tests were SKIPPED", yellow=True)
        for name in sorted(_skipped_services):
            terminalreporter.write_line(f"  - {name}")


@pytest.fixture(autouse=True)
def _settings_follow_the_environment():  # type: ignore[no-untyped-def]
    """Settings are read once per process; a test that changes the environment calls reload(),
    and every test starts and ends with settings read from the environment as it is then."""
    from bot.core.settings import reload

    reload()
    yield
    reload()
