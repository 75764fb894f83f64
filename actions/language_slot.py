"""Keeps the ``language`` slot right on every user turn.

Rasa runs ``action_validate_slot_mappings`` after each message, before
any reply, so every response (template or action) sees the current
language.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.context import entity_values, intent_confidence, latest_intent, message_metadata
from bot.core.contract import BROWSER_LANGUAGE_KEY, LANGUAGE_HINT_KEY
from bot.language.conversation import is_switch_request, next_language
from bot.language.detector import content_tokens, normalise


class ValidatePredefinedSlots(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        detection = tracker.latest_message.get("language") or {}
        text = tracker.latest_message.get("text") or ""
        explicit = None
        tokens = len(content_tokens(normalise(text)))
        confidence = intent_confidence(tracker)
        payload = text.startswith("/")  # a language button: always a request
        if latest_intent(tracker) == "choose_language" and (payload or is_switch_request(text, confidence, tokens)):
            choices = entity_values(tracker, "language_choice")
            explicit = choices[-1] if choices else None
        if tracker.get_slot("safety_mode") and tracker.get_slot("language") and explicit is None:
            # Someone in danger is never moved to another language by a detector's guess.
            return {"language": tracker.get_slot("language")}
        metadata = message_metadata(tracker)
        hint = metadata.get(LANGUAGE_HINT_KEY) or metadata.get(BROWSER_LANGUAGE_KEY)
        language = next_language(
            tracker.get_slot("language"),
            str(detection.get("code", "und")),
            float(detection.get("confidence", 0.0) or 0.0),
            token_count=tokens,
            explicit=explicit,
            hint=hint,
        )
        return {"language": language}

    async def validate_language(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        # extract_language already returns a supported code; nothing to reject.
        return {"language": slot_value}
