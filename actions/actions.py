"""Rasa custom actions: thin wrappers over ``actions.compose`` and ``catalogue``."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.compose import Reply, service_reply
from actions.context import conversation_language, entity_values, intent_ranking, latest_intent
from actions.i18n import text
from catalogue.intents import CONVERSATION, SERVICE_INTENTS
from catalogue.service_catalogue import ServiceCatalogue, default_catalogue

logger = logging.getLogger(__name__)

# A greeting that also asks something ("xin chào, tôi muốn gia hạn visa")
# gets the answer too when the question is this clear.
SECOND_INTENT_CONFIDENCE = 0.15


async def load_catalogue() -> ServiceCatalogue:
    # The first load reads the database: keep it off the event loop.
    return await asyncio.to_thread(default_catalogue)


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    message = reply.as_message()
    dispatcher.utter_message(text=message["text"], buttons=message.get("buttons") or [],
                             json_message=message.get("custom"))


async def answer_service_intent(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    lang = conversation_language(tracker)
    catalogue = await load_catalogue()
    visa_status = (entity_values(tracker, "visa_status") or [tracker.get_slot("visa_status")])[-1]
    query = tracker.latest_message.get("text") or ""
    services = catalogue.for_intent(intent, visa_status, query)
    if not services:
        results = await asyncio.to_thread(catalogue.search, query, lang, visa_status, False, 1)
        services = [r.service for r in results]
    if not services:
        dispatcher.utter_message(text=text("no_service", lang))
        return []
    service = services[0]
    send(dispatcher, service_reply(service, lang))
    return [SlotSet("last_service", service.id)]


class ActionConverse(Action):
    """Greetings, thanks, yes/no, help, 'are you a bot', language switches."""

    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker) or "help"
        lang = conversation_language(tracker)
        key = {"choose_language": "language_switched", "request_human": "bot_challenge"}.get(intent, intent)
        dispatcher.utter_message(text=text(key if key in CONVERSATION or key == "language_switched" else "help",
                                           lang))
        if intent == "greet":
            follow_up = next((r for r in intent_ranking(tracker)[1:3]
                              if r.get("name") in SERVICE_INTENTS
                              and float(r.get("confidence") or 0) >= SECOND_INTENT_CONFIDENCE), None)
            if follow_up:
                return await answer_service_intent(follow_up["name"], dispatcher, tracker)
        return []


class ActionAnswerService(Action):
    """Service questions: the best catalogue entry for the intent, in the user's language."""

    def name(self) -> str:
        return "action_answer_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker) or ""
        return await answer_service_intent(intent, dispatcher, tracker)


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        dispatcher.utter_message(text=text("fallback", conversation_language(tracker)))
        return []
