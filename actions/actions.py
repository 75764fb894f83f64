"""Rasa custom actions: thin wrappers over ``actions.compose`` and ``catalogue``."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.compose import (
    GROUP_TOPICS,
    Reply,
    ask_visa_status,
    contact_line,
    contacts_reply,
    e9_side_job_reply,
    emergency_reply,
    part_time_reply,
    reentry_reply,
    service_reply,
    topik_level,
)
from actions.context import conversation_language, entity_values, intent_ranking, latest_intent
from actions.i18n import text
from actions.storage import engine
from catalogue.contacts import lines_for
from catalogue.eligibility import main_code
from catalogue.handoffs import add_message, create_handoff, open_handoff, take_agent_replies
from catalogue.intents import CONVERSATION, SERVICE_INTENTS
from catalogue.service_catalogue import ServiceCatalogue, default_catalogue

logger = logging.getLogger(__name__)
KOREA = dt.timezone(dt.timedelta(hours=9))

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


async def handed_off(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """While a person has this conversation the bot only relays: True if so."""
    store = engine()
    handoff = await asyncio.to_thread(open_handoff, store, tracker.sender_id)
    if handoff is None:
        return False
    message = tracker.latest_message.get("text") or ""
    await asyncio.to_thread(add_message, store, handoff.id, "user", message)
    replies = await asyncio.to_thread(take_agent_replies, store, handoff.id)
    for reply in replies:
        dispatcher.utter_message(text=reply)
    if not replies:
        dispatcher.utter_message(text=text("human_handoff_waiting", conversation_language(tracker)))
    return True


def transcript(tracker: Tracker) -> list[dict[str, str]]:
    return [{"sender": "user" if e.get("event") == "user" else "bot", "text": e.get("text") or ""}
            for e in tracker.events if e.get("event") in ("user", "bot") and e.get("text")]


async def hand_over(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Open a handoff with the masked conversation so far and tell the user."""
    lang = conversation_language(tracker)
    slots = {k: v for k, v in tracker.current_slot_values().items() if v is not None}
    handoff = await asyncio.to_thread(create_handoff, engine(), tracker.sender_id, lang, latest_intent(tracker),
                                      slots, transcript(tracker))
    dispatcher.utter_message(text=text("human_handoff_created", lang, reference=f"H-{handoff.id}"))


def previous_action(tracker: Tracker) -> str | None:
    """The last bot action before the latest user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in (
                "action_listen", "action_extract_slots", "action_validate_slot_mappings"):
            return event.get("name")
    return None


# Where users reach the web chat (for links to counter cards).
PUBLIC_URL = os.environ.get("IEUM_PUBLIC_URL", "http://localhost:5005").rstrip("/")


def follow_up_buttons(service: Any, lang: str) -> list[dict[str, str]]:
    """Likely next steps: phone lines, and a request when the service issues a document."""
    buttons = [{"title": text("label_call_in_your_language", lang), "payload": "/contact_info"}]
    if "request_document" in service.intents:
        buttons.append({"title": text("request_ask_document", lang), "payload": "/request_document"})
    return buttons


def now() -> dt.datetime:
    """Korea time now; tests replace this."""
    return dt.datetime.now(KOREA)


def help_line(catalogue: ServiceCatalogue, topics: tuple[str, ...], lang: str) -> str | None:
    lines = lines_for(catalogue.records.contacts, lang, now(), topics)
    return contact_line(lines[0], lang, now()) if lines else None


# Intents whose answer depends on the visa status.
STATUS_DEPENDENT = ("part_time_work", "reentry_permit", "employment_permit")


async def answer_status_dependent(intent: str, visa_status: str | None, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, catalogue: ServiceCatalogue) -> bool:
    """Answer from the eligibility rules; True if the answer is complete."""
    lang = conversation_language(tracker)
    if not visa_status:
        if intent != "part_time_work":
            return False  # the general answer stands; the status only refines it
        send(dispatcher, ask_visa_status(lang, intent))
        return True
    code = main_code(visa_status)
    if intent == "reentry_permit":
        rule = catalogue.rule("reentry")
        if rule:
            send(dispatcher, reentry_reply(rule, visa_status, lang))
        return False  # the permit service follows
    if intent == "employment_permit":
        rule = catalogue.rule("e9_side_job")
        if code in ("E-9", "H-2") and rule:
            send(dispatcher, e9_side_job_reply(rule, lang, catalogue.contact("CON-1577-0071")))
        return False
    if code == "E-9":
        rule = catalogue.rule("e9_side_job")
        if rule:
            send(dispatcher, e9_side_job_reply(rule, lang, catalogue.contact("CON-1577-0071")))
            return True
    rule = catalogue.rule("part_time_hours")
    if rule and code in (rule.get("applies_to") or []):
        message = tracker.latest_message.get("text") or ""
        send(dispatcher, part_time_reply(rule, visa_status, lang, topik_level(message)))
    return False


async def answer_service_intent(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    lang = conversation_language(tracker)
    catalogue = await load_catalogue()
    visa_status = (entity_values(tracker, "visa_status") or [tracker.get_slot("visa_status")])[-1]
    query = tracker.latest_message.get("text") or ""
    if intent == "emergency":
        send(dispatcher, emergency_reply({c.id: c for c in catalogue.records.contacts}, lang))
        return []
    if intent in ("contact_info", "request_human"):
        lines = lines_for(catalogue.records.contacts, lang, now())
        intro = "human_intro" if intent == "request_human" else "contact_intro"
        send(dispatcher, contacts_reply(lines, catalogue.records.contacts, lang, now(), intro))
        return []
    if intent in STATUS_DEPENDENT and await answer_status_dependent(intent, visa_status, dispatcher, tracker,
                                                                    catalogue):
        return []
    services = catalogue.for_intent(intent, visa_status, query)
    if not services:
        results = await asyncio.to_thread(catalogue.search, query, lang, visa_status, False, 1)
        services = [r.service for r in results]
    if not services:
        dispatcher.utter_message(text=text("no_service", lang))
        return []
    service = services[0]
    card = f"{PUBLIC_URL}/webhooks/webchat/card/{service.id}?lang={lang}"
    reply = service_reply(service, lang, help_line(catalogue, GROUP_TOPICS.get(service.group, ()), lang), card)
    reply.buttons = follow_up_buttons(service, lang)
    send(dispatcher, reply)
    return [SlotSet("last_service", service.id)]


class ActionConverse(Action):
    """Greetings, thanks, yes/no, help, 'are you a bot', language switches."""

    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if await handed_off(dispatcher, tracker):
            return []
        intent = latest_intent(tracker) or "help"
        lang = conversation_language(tracker)
        key = {"choose_language": "language_switched"}.get(intent, intent)
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
        if await handed_off(dispatcher, tracker):
            return []
        intent = latest_intent(tracker) or ""
        return await answer_service_intent(intent, dispatcher, tracker)


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if await handed_off(dispatcher, tracker):
            return []
        if previous_action(tracker) == self.name():
            # Two misunderstandings in a row: a person will do better.
            await hand_over(dispatcher, tracker)
            return []
        dispatcher.utter_message(text=text("fallback", conversation_language(tracker)))
        return []


class ActionEmergency(Action):
    """Emergency numbers first, no questions; works in the middle of a form too."""

    def name(self) -> str:
        return "action_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        return await answer_service_intent("emergency", dispatcher, tracker)


class ActionContact(Action):
    """Phone lines in the user's language with their hours, and what to do now."""

    def name(self) -> str:
        return "action_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if await handed_off(dispatcher, tracker):
            return []
        if latest_intent(tracker) == "request_human":
            await hand_over(dispatcher, tracker)
            return await answer_service_intent("request_human", dispatcher, tracker)
        return await answer_service_intent("contact_info", dispatcher, tracker)
