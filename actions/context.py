"""What the actions read from a tracker, as plain values."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Tracker

from bot.core.contract import ARN_TOKEN_KEY
from bot.core.intents import FOLLOW_UPS
from bot.core.languages import ALL as SUPPORTED
from bot.language.conversation import DEFAULT_LANGUAGE
from bot.text.cues import topics_of
from catalogue.resolver import Question, question_from_parse


def conversation_language(tracker: Tracker) -> str:
    lang = tracker.get_slot("language")
    return lang if lang in SUPPORTED else DEFAULT_LANGUAGE


def latest_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "")


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def intent_ranking(tracker: Tracker) -> list[dict[str, Any]]:
    return list(tracker.latest_message.get("intent_ranking") or [])


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [e["value"] for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == entity and isinstance(e.get("value"), str)]


def intent_confidence(tracker: Tracker) -> float:
    """How sure the classifier is of the latest message's intent."""
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)


def previous_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The events between the previous user message and the latest one: the bot's last turn."""
    users = _user_positions(tracker)
    if not users:
        return []
    start = users[-2] + 1 if len(users) > 1 else 0
    return list(tracker.events[start:users[-1]])


def _user_positions(tracker: Tracker) -> list[int]:
    return [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]


def _bot_custom(event: dict[str, Any]) -> dict[str, Any]:
    """The custom payload (service_id, services, ...) of a bot event; {} for anything else."""
    custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
    return custom if isinstance(custom, dict) else {}


def bot_payloads(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The custom payloads of the bot messages among ``events``."""
    return [custom for custom in (_bot_custom(e) for e in events) if custom]


def topic_discussed(tracker: Tracker) -> bool:
    """Whether any earlier bot reply presented a service or a menu of them (the conversation has a topic)."""
    users = _user_positions(tracker)
    return any(_bot_custom(e).get("service_id") or _bot_custom(e).get("services")
               for e in tracker.events[:users[-1] if users else 0])


def menu_just_shown(tracker: Tracker) -> list[str]:
    """Service ids of the menu the bot sent in reply to the previous user message, if it sent one."""
    for event in reversed(previous_turn(tracker)):
        services = _bot_custom(event).get("services")
        if services:
            return [str(s.get("id")) for s in services if isinstance(s, dict) and s.get("id")]
    return []


def menu_asked_last_turn(tracker: Tracker) -> bool:
    """Whether the bot's last reply was a "which service do you mean?" menu for a follow-up question."""
    return any(_bot_custom(e).get("services") and _bot_custom(e).get("answers") in FOLLOW_UPS
               for e in previous_turn(tracker))


def carries_arn(tracker: Tracker) -> bool:
    """Whether the latest message brought a registration number (the channel vaulted it)."""
    return isinstance(message_metadata(tracker).get(ARN_TOKEN_KEY), str)


def slot_before(tracker: Tracker, name: str) -> Any:
    """A slot's value before the latest user message (None at the start)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") == "slot" and event.get("name") == name:
            return event.get("value")
    return None


def visa_status_of(tracker: Tracker) -> str | None:
    """The user's own status: the one named in this message, else the one the conversation knows.

    A change of status names where the user wants to go: in "D-4 → D-2, how?" their own status is
    the first one named, and in "đổi sang d10 hết bao nhiêu tiền" (a D-2 student) the one the
    conversation already knew.
    """
    named = entity_values(tracker, "visa_status")
    if latest_intent(tracker) == "change_status" and named:
        before = slot_before(tracker, "visa_status")
        if len(named) > 1:
            return named[0]
        if before and before != named[-1]:
            return str(before)
    return (named or [tracker.get_slot("visa_status")])[-1]


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def question_from(tracker: Tracker, lang: str, visa_status: str | None) -> Question:
    """What the resolver needs from the latest message and the conversation."""
    question = question_from_parse(tracker.latest_message, lang, visa_status, tracker.get_slot("last_service"))
    discussed = [tracker.get_slot("last_service") or "", *menu_just_shown(tracker)]
    preferred = tuple(sid for topic in topics_of(latest_text(tracker), discussed) for sid in topic.services)
    return replace(question, preferred=preferred) if preferred else question
