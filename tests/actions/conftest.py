from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker

from bot.core.settings import reload as reload_settings
from bot.storage import database
from catalogue import db
from catalogue.loader import read_catalogue
from catalogue.service_catalogue import reset_default_catalogue


@pytest.fixture(autouse=True)
def fixture_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Actions read the shipped catalogue from a throwaway SQLite file."""
    url = f"sqlite:///{tmp_path / 'actions.db'}"
    engine = database.make_engine(url)
    database.migrate(engine)
    db.store_catalogue(engine, read_catalogue())
    engine.dispose()
    monkeypatch.setenv("IEUM_DATABASE_URL", url)
    reload_settings()
    reset_default_catalogue()
    yield
    reset_default_catalogue()


def make_tracker(text: str, intent: str, *, language: str | None = None, detected: str = "und",
                 confidence: float = 0.0, entities: list[dict[str, Any]] | None = None,
                 ranking: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
                 metadata: dict[str, Any] | None = None,
                 candidates: list[dict[str, Any]] | None = None) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
        "entities": entities or [],
        "language": {"code": detected, "confidence": confidence},
        "metadata": metadata or {},
        "service_candidates": candidates or [],
    }
    all_slots = {"language": language, "visa_status": None, "last_service": None, **(slots or {})}
    return Tracker("test-user", all_slots, latest, [], False, None, {}, "action_listen")
