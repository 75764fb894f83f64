"""Document requests and status checks: Rasa forms over bot.storage.requests."""

from __future__ import annotations

import asyncio
import re
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import answer_follow_up, answer_service_intent, load_catalogue, safety_turn, send
from actions.context import (
    carries_arn,
    conversation_language,
    intent_ranking,
    latest_intent,
    latest_text,
    message_metadata,
)
from bot.core.contract import ARN_TOKEN_KEY
from bot.core.i18n import text
from bot.core.intents import FOLLOW_UPS, SERVICE_INTENTS
from bot.core.languages import pick
from bot.core.references import normalise_reference
from bot.core.replies import Reply
from bot.storage.arn import load_key
from bot.storage.database import engine
from bot.storage.requests import RETENTION_DAYS, NewRequest, find_request, save_request, vault_get
from bot.text.cues import asked_facet, is_closing
from bot.text.documents import find_documents, name_index

DOCUMENT_SLOTS = ("requested_document", "print_confirmed", "applicant_name", "arn_token", "arn_masked",
                  "contact_detail", "delivery", "privacy_consent")
STATUS_SLOTS = ("status_reference", "status_last4")
MAX_STATUS_ATTEMPTS = 3
INVALID = "__invalid__"
MAX_NAME_CHARS = 100
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}[0-9]$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,24}$")
DELIVERY_KEYS = {"home": "request_delivery_home", "office": "request_delivery_office", "post": "request_delivery_post"}


def valid_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    if not 2 <= len(name) <= MAX_NAME_CHARS or name.startswith("/") or not any(ch.isalpha() for ch in name):
        return None
    if any(ch in name for ch in "{}<>[]\\") or sum(ch.isdigit() for ch in name) > 0:
        return None
    return name


def valid_contact(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    candidate = value.strip()
    return candidate if _PHONE.match(candidate) or _EMAIL.match(candidate) else None


def delivery_choice(value: object, lang: str) -> str | None:
    if not isinstance(value, str):
        return None
    lowered = value.strip().lower()
    for choice, key in DELIVERY_KEYS.items():
        if lowered in (choice, text(key, lang).lower(), text(key, "en").lower()):
            return choice
    return None


def checked(slot: str, value: Any, message_key: str, dispatcher: CollectingDispatcher,
            tracker: Tracker) -> dict[str, Any]:
    """The slot's validated value, or None with a clear re-ask message."""
    if value is None:
        dispatcher.utter_message(text=text(message_key, conversation_language(tracker)))
    return {slot: value}


# A question asked inside a form is answered, then the form asks its question again
# (instead of "what is your reference number?" until the user guesses "cancel").
ASIDE_INTENTS = frozenset(SERVICE_INTENTS + FOLLOW_UPS) - {"emergency", "request_document"}
ASIDE_CONFIDENCE = 0.7


def aside_intent(tracker: Tracker) -> str | None:
    """The question a message inside a form asks, if it is confidently one and not the slot's answer."""
    if not tracker.get_slot("requested_slot"):
        return None
    ranking = intent_ranking(tracker)
    top = ranking[0] if ranking else {}
    intent, confidence = top.get("name"), float(top.get("confidence") or 0.0)
    if intent not in ASIDE_INTENTS or confidence < ASIDE_CONFIDENCE:
        return None
    if tracker.get_slot("requested_slot") == "requested_document" and intent == "print_certificate":
        return None  # naming the certificate is the answer
    if any(e.get("entity") == "reference_number" for e in tracker.latest_message.get("entities") or []):
        return None
    if carries_arn(tracker):
        return None  # it carries a registration number: the answer to the form's question
    return str(intent)


def closes_the_form(tracker: Tracker) -> bool:
    """A closing thanks ("OK, thanks a lot") inside a form, not an answer carrying a number."""
    return is_closing(latest_text(tracker), conversation_language(tracker)) and not carries_arn(tracker)


def close_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    """End the form with thanks and one line saying the request was dropped (nothing was saved)."""
    lang = conversation_language(tracker)
    reply = Reply(text("thank", lang) + "\n" + text("request_cancelled", lang), answers="thank")
    send(dispatcher, reply)
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


class LeavableForm:
    """Mixin for form validation: answers a question asked inside the form, then the form asks again.

    Not an Action itself, so rasa_sdk does not try to register it (it has no name).
    """

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[str, Any]]:
        if closes_the_form(tracker):
            return close_form(dispatcher, tracker)
        lang = conversation_language(tracker)
        intent = aside_intent(tracker)
        if intent is not None and tracker.get_slot("safety_mode"):
            # An aside in safety mode gets what any message in safety mode gets.
            answered, events = await safety_turn(dispatcher, tracker)
            if answered:
                dispatcher.utter_message(text=text("form_resumes", lang))
                return list(events) + [SlotSet(tracker.get_slot("requested_slot"), None)]
        if intent is None:
            return await super().run(dispatcher, tracker, domain)  # type: ignore[misc]
        if intent in FOLLOW_UPS:
            events = await answer_follow_up(intent, dispatcher, tracker)
        else:
            events = await answer_service_intent(intent, dispatcher, tracker)
        dispatcher.utter_message(text=text("form_resumes", lang))
        # Undo any fill of the asked slot from this message so the form asks it again.
        return list(events) + [SlotSet(tracker.get_slot("requested_slot"), None)]


class ValidateDocumentForm(LeavableForm, FormValidationAction):
    def name(self) -> str:
        return "validate_document_form"

    async def required_slots(self, domain_slots: List[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[str]:
        catalogue = await load_catalogue()
        document = catalogue.document(tracker.get_slot("requested_document") or "")
        if document is None or not document.printable_at_home:
            return [slot for slot in domain_slots if slot != "print_confirmed"]
        return domain_slots

    async def extract_arn_token(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[str, Any]:
        if tracker.get_slot("requested_slot") != "arn_token" or tracker.active_loop_name != "document_form":
            return {}
        token = message_metadata(tracker).get(ARN_TOKEN_KEY)
        if isinstance(token, str):
            return {"arn_token": token}
        if latest_intent(tracker) in ("emergency", "deny"):
            return {}  # their rules answer; the question comes again after
        # Something that is not a number: fill a marker that validation turns
        # into a clear re-ask (an empty extraction would make the form give
        # the turn away to the fallback).
        return {"arn_token": INVALID}

    async def validate_requested_document(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                          domain: DomainDict) -> Dict[str, Any]:
        catalogue = await load_catalogue()
        if isinstance(value, str) and catalogue.document(value):
            return {"requested_document": value}
        if isinstance(value, str):
            # A name typed instead of a button press: look it up among document names.
            found = find_documents(value, name_index(catalogue.records.documents), "form")
            if found:
                return {"requested_document": found[0]["value"]}
        dispatcher.utter_message(text=text("invalid_document", conversation_language(tracker)))
        return {"requested_document": None}

    async def validate_print_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        return {"print_confirmed": True if value is True else None}

    async def validate_privacy_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        return {"privacy_consent": True if value is True else None}

    async def validate_applicant_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[str, Any]:
        return checked("applicant_name", valid_name(value), "invalid_name", dispatcher, tracker)

    async def validate_arn_token(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[str, Any]:
        arn = await asyncio.to_thread(vault_get, engine(), str(value), tracker.sender_id, load_key()) \
            if isinstance(value, str) else None
        if arn is None:
            dispatcher.utter_message(text=text("invalid_arn", conversation_language(tracker)))
            return {"arn_token": None, "arn_masked": None}
        return {"arn_token": value, "arn_masked": arn.masked}

    async def validate_contact_detail(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[str, Any]:
        return checked("contact_detail", valid_contact(value), "invalid_contact", dispatcher, tracker)

    async def validate_delivery(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[str, Any]:
        return {"delivery": delivery_choice(value, conversation_language(tracker))}


class ValidateStatusForm(LeavableForm, FormValidationAction):
    def name(self) -> str:
        return "validate_status_form"

    async def validate_status_reference(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[str, Any]:
        return {"status_reference": normalise_reference(value)}

    async def validate_status_last4(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[str, Any]:
        digits = value.strip() if isinstance(value, str) else ""
        return {"status_last4": digits if re.fullmatch(r"\d{4}", digits) else None}


class _Ask(Action):
    """Asks for one form slot in the conversation's language."""

    slot = ""
    key = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        return Reply(text(self.key, lang))

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if closes_the_form(tracker):
            # A form started by a closing message (read as a request) asks nothing.
            return close_form(dispatcher, tracker)
        send(dispatcher, await self.reply(tracker, conversation_language(tracker)))
        return []


class AskRequestedDocument(_Ask):
    slot, key = "requested_document", "request_ask_document"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        catalogue = await load_catalogue()
        buttons = [{"title": pick(d.names, lang), "payload": f'/request_document{{"document":"{d.id}"}}'}
                   for d in catalogue.records.documents]
        return Reply(text(self.key, lang), buttons=buttons)


class AskPrintConfirmed(_Ask):
    slot, key = "print_confirmed", "request_print_first"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        catalogue = await load_catalogue()
        document = catalogue.document(tracker.get_slot("requested_document") or "")
        service = catalogue.get(document.service) if document else None
        url = service.url if service and service.url else "https://www.gov.kr"
        # The reply is about that document's service: clients and the benchmark read which one.
        return Reply(text(self.key, lang, url=url), buttons=_yes_no(lang),
                     service_id=service.id if service else None)


class AskApplicantName(_Ask):
    slot, key = "applicant_name", "request_ask_name"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        catalogue = await load_catalogue()
        document = catalogue.document(tracker.get_slot("requested_document") or "")
        name = pick(document.names, lang) if document else ""
        return Reply(f"{text('request_intro', lang, document=name)}\n{text(self.key, lang)}")


class AskArnToken(_Ask):
    slot, key = "arn_token", "request_ask_arn"


class AskContactDetail(_Ask):
    slot, key = "contact_detail", "request_ask_contact"


class AskDelivery(_Ask):
    slot, key = "delivery", "request_ask_delivery"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        return Reply(text(self.key, lang),
                     buttons=[{"title": text(key, lang), "payload": choice} for choice, key in DELIVERY_KEYS.items()])


class AskPrivacyConsent(_Ask):
    slot, key = "privacy_consent", "request_consent"

    async def reply(self, tracker: Tracker, lang: str) -> Reply:
        return Reply(text(self.key, lang, days=RETENTION_DAYS), buttons=_yes_no(lang))


class AskStatusReference(_Ask):
    slot, key = "status_reference", "status_ask_reference"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if not about_a_request(tracker):
            stop = [ActiveLoop(None), SlotSet("requested_slot", None)]
            if tracker.get_slot("safety_mode"):
                # "I don't know where to sleep tonight" is not a status check: in safety mode, safety.
                answered, events = await safety_turn(dispatcher, tracker)
                if answered:
                    return list(events) + stop
            # "How many days do I wait?" is about the service, not a request: answer what is asked
            # (how long, unless the words ask something else), start no status check.
            asked = asked_facet(latest_text(tracker), conversation_language(tracker)) or "ask_processing_time"
            events = await answer_follow_up(asked if asked != "contact_info" else "ask_processing_time",
                                            dispatcher, tracker)
            dispatcher.utter_message(text=text("status_not_started", conversation_language(tracker)))
            return list(events) + stop
        return await super().run(dispatcher, tracker, domain)


def about_a_request(tracker: Tracker) -> bool:
    """Whether a status check is really about a request: one made here, or a reference number given."""
    if any(e.get("entity") == "reference_number" for e in tracker.latest_message.get("entities") or []):
        return True
    if tracker.get_slot("requested_slot") == "status_reference" and latest_intent(tracker) != "check_request_status":
        return True  # the form is already running: keep asking
    return any(e.get("event") == "action" and e.get("name") == "action_submit_document_request"
               for e in tracker.events)


class AskStatusLast4(_Ask):
    slot, key = "status_last4", "status_ask_last4"


def _yes_no(lang: str) -> list[dict[str, str]]:
    return [{"title": "✔", "payload": "/affirm"}, {"title": "✖", "payload": "/deny"}]


def _reset(slots: tuple[str, ...]) -> list[Dict[str, Any]]:
    return [SlotSet(slot, None) for slot in slots]


class ActionSubmitDocumentRequest(Action):
    def name(self) -> str:
        return "action_submit_document_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        lang = conversation_language(tracker)
        if not tracker.get_slot("privacy_consent"):
            dispatcher.utter_message(text=text("request_consent_needed", lang))
            return _reset(DOCUMENT_SLOTS)
        key, store = load_key(), engine()
        token = tracker.get_slot("arn_token")
        arn = await asyncio.to_thread(vault_get, store, str(token), tracker.sender_id, key)
        if arn is None:  # the vault entry expired while the user was away
            dispatcher.utter_message(text=text("invalid_arn", lang))
            return [SlotSet("arn_token", None), SlotSet("arn_masked", None)]
        request = NewRequest(document_id=tracker.get_slot("requested_document"),
                             applicant_name=tracker.get_slot("applicant_name"), arn=arn,
                             contact=tracker.get_slot("contact_detail"), delivery=tracker.get_slot("delivery"),
                             language=lang, conversation_id=tracker.sender_id)
        reference = await asyncio.to_thread(save_request, store, request, key, str(token))
        dispatcher.utter_message(text=text("request_done", lang, reference=reference, arn_masked=arn.masked))
        return _reset(DOCUMENT_SLOTS)


class ActionCheckRequestStatus(Action):
    def name(self) -> str:
        return "action_check_request_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        lang = conversation_language(tracker)
        if not tracker.get_slot("status_reference"):
            return _reset(STATUS_SLOTS)  # the form was left without a reference: nothing to look up
        attempts = int(tracker.get_slot("status_attempts") or 0)
        if attempts >= MAX_STATUS_ATTEMPTS:
            dispatcher.utter_message(text=text("status_too_many_attempts", lang))
            return _reset(STATUS_SLOTS)
        found = await asyncio.to_thread(find_request, engine(), tracker.get_slot("status_reference") or "",
                                        tracker.get_slot("status_last4") or "", load_key())
        if found is None:
            dispatcher.utter_message(text=text("status_not_found", lang))
            return _reset(STATUS_SLOTS) + [SlotSet("status_attempts", attempts + 1)]
        catalogue = await load_catalogue()
        document = catalogue.document(found.document_id)
        dispatcher.utter_message(text=text(
            "status_found", lang, reference=found.reference,
            document=pick(document.names, lang) if document else found.document_id,
            status=text(f"status_{found.status}", lang), updated=found.updated_at.strftime("%Y-%m-%d %H:%M")))
        return _reset(STATUS_SLOTS)


class ActionCancelForm(Action):
    def name(self) -> str:
        return "action_cancel_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        dispatcher.utter_message(text=text("request_cancelled", conversation_language(tracker)))
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + _reset(DOCUMENT_SLOTS + STATUS_SLOTS)
