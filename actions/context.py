"""What the actions read from a tracker, as plain values."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.language.conversation import DEFAULT_LANGUAGE
from bot.language.detector import SUPPORTED
from catalogue.resolver import Question


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


def question_from(tracker: Tracker, lang: str, visa_status: str | None) -> Question:
    """What the resolver needs from the latest message and the conversation."""
    latest = tracker.latest_message
    ranking = [(str(r.get("name")), float(r.get("confidence") or 0.0)) for r in intent_ranking(tracker)
               if r.get("name")]
    candidates = [c for c in latest.get("service_candidates") or [] if isinstance(c, dict) and "id" in c]
    semantic = {str(c["id"]): float(c["score"]) for c in candidates if "score" in c}
    margins = {str(c["id"]): float(c["margin"]) for c in candidates if "margin" in c}
    return Question(text=latest.get("text") or "", lang=lang, intents=ranking, semantic=semantic, margins=margins,
                    documents=entity_values(tracker, "document"), visa_status=visa_status,
                    current_service=tracker.get_slot("last_service"))
