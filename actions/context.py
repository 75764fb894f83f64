"""What the actions read from a tracker, as plain values."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.language.conversation import DEFAULT_LANGUAGE
from bot.language.detector import SUPPORTED


def conversation_language(tracker: Tracker) -> str:
    lang = tracker.get_slot("language")
    return lang if lang in SUPPORTED else DEFAULT_LANGUAGE


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def intent_ranking(tracker: Tracker) -> list[dict[str, Any]]:
    return list(tracker.latest_message.get("intent_ranking") or [])


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [e["value"] for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == entity and isinstance(e.get("value"), str)]


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata")
    return metadata if isinstance(metadata, dict) else {}
