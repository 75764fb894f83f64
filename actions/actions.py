"""Rasa custom actions: thin wrappers over ``bot.replies.compose`` and ``catalogue``."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    bot_payloads,
    conversation_language,
    entity_values,
    intent_confidence,
    intent_ranking,
    latest_intent,
    latest_text,
    menu_asked_last_turn,
    menu_just_shown,
    previous_turn,
    question_from,
    slot_before,
    topic_discussed,
    visa_status_of,
)
from bot.core.i18n import text
from bot.core.intents import CONVERSATION, ESSENTIAL, FOLLOW_UPS, SERVICE_INTENTS, TAILORED
from bot.core.languages import pick
from bot.core.settings import settings
from bot.replies.compose import (
    Reply,
    ask_visa_status,
    contact_line,
    contacts_reply,
    e9_side_job_reply,
    emergency_reply,
    hours_text,
    part_time_reply,
    reentry_reply,
    safety_reply,
    topics_for,
    topik_level,
)
from bot.replies.service_replies import (
    documents_reply,
    eligibility_reply,
    fee_reply,
    location_reply,
    menu_reply,
    online_reply,
    processing_time_reply,
    same_service_reply,
    service_card,
    with_alternatives,
)
from bot.storage.database import engine
from bot.storage.handoffs import (
    Handoff,
    add_message,
    create_handoff,
    open_handoff,
    queue_position,
    take_agent_replies,
    waiting_minutes,
)
from bot.text.cues import asked_facet, is_closing, safety_parts_asked, topics_of
from catalogue.contacts import INTERPRETING_LINE, general_lines, is_open, lines_on_topic, next_opening, team_line
from catalogue.eligibility import main_code, status_in
from catalogue.places import default_gazetteer, office_kind, offices_for
from catalogue.records import Contact, Service
from catalogue.resolver import MENU_MAX, Plan, Resolution, names_other_than, plan_reply, resolver_for
from catalogue.service_catalogue import ServiceCatalogue, default_catalogue

logger = logging.getLogger(__name__)
KOREA = dt.timezone(dt.timedelta(hours=9))

# A handoff silences the bot for the rest of the conversation: open one only when the person
# clearly asks for a person; a less certain reading gets the phone lines instead.
HANDOFF_CONFIDENCE = 0.8


# A greeting that also asks something ("xin chào, tôi muốn gia hạn visa")
# gets the answer too when the question is this clear.
SECOND_INTENT_CONFIDENCE = 0.15


async def load_catalogue() -> ServiceCatalogue:
    # The first load reads the database: keep it off the event loop.
    return await asyncio.to_thread(default_catalogue)


def thank(dispatcher: CollectingDispatcher, lang: str) -> None:
    send(dispatcher, Reply(text("thank", lang)), answers="thank")


def send(dispatcher: CollectingDispatcher, reply: Reply, answers: str | None = None) -> None:
    """Dispatch a reply; ``answers`` records which question it answers (clients and benchmarks read it)."""
    if answers and not reply.answers:
        reply.answers = answers
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
        # Each later message gets the queue's state, not the same sentence again.
        lang = conversation_language(tracker)
        position = await asyncio.to_thread(queue_position, store, handoff)
        catalogue = await load_catalogue()
        dispatcher.utter_message(text=handoff_state_text(handoff, lang, position, catalogue, now()))
    return True


def sooner_line(catalogue: ServiceCatalogue, lang: str) -> str:
    """A line that is open now and speaks the user's language (1345's interpreting line if none is)."""
    lines = [c for c in general_lines(catalogue.records.contacts, lang, now()) if c.id not in ("CON-112", "CON-119")]
    open_now = [c for c in lines if is_open(c, lang, now())] or lines
    return contact_line(open_now[0], lang, now()) if open_now else "1345"


def handoff_state_text(handoff: Handoff, lang: str, position: int, catalogue: ServiceCatalogue,
                       moment: dt.datetime, created: bool = False) -> str:
    """One truthful message: who answers, when (the team's hours now), and what to do meanwhile."""
    reference = f"H-{handoff.id}"
    if handoff.status == "claimed" and not created:
        return text("handoff_claimed", lang, agent=handoff.agent or "-")
    team = team_line()
    hours = hours_text(team, lang)
    if is_open(team, lang, moment):
        key = "handoff_open" if created else "handoff_waiting_open"
        return text(key, lang, reference=reference, hours=hours, position=position,
                    minutes=waiting_minutes(handoff, moment))
    opening = next_opening(team, lang, moment)
    when = opening.strftime("%m-%d %H:%M") if opening else hours
    key = "handoff_closed" if created else "handoff_waiting_closed"
    return text(key, lang, reference=reference, hours=hours, when=when, line=sooner_line(catalogue, lang))


# After an emergency the conversation stays in safety mode: a message that is about getting safe
# (another emergency, a phone line, shelter, "help") gets the safety reply; the status questions a
# victim asks (divorce and F-6, an extension) are answered normally and the mode stays; a question
# about another part of life (work, studies, tax) means the user has moved on.
SAFETY_SERVICES = ("FAM-SHELTER", "FAM-DANURI", "CON-112", "CON-119", "FAM-COUNSEL")
SAFETY_GROUPS = ("family", "stay", "nationality", "contact", "health")
# Whose phone lines answer "does anyone there speak Thai?" in safety mode (1366 and Danuri's lines).
SAFETY_LINES_SERVICE = "FAM-DANURI"
SAFETY_ALWAYS = ("emergency", "contact_info", "request_human", "help", "out_of_scope", "nlu_fallback", "affirm",
                 "deny", "check_request_status")  # a real status check carries its reference and never gets here


def safety_answer(tracker: Tracker, lang: str) -> Reply:
    """The whole safety answer once; right after it, only the parts the message asks about."""
    just_given = any(custom.get("service_id") == "FAM-SHELTER" and custom.get("answers") == "emergency"
                     for custom in bot_payloads(previous_turn(tracker)))
    return safety_reply(lang, safety_parts_asked(latest_text(tracker), lang) if just_given else None)


async def safety_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[bool, list[Dict[str, Any]]]:
    """(answered, events) for a message that arrives in safety mode."""
    if not tracker.get_slot("safety_mode"):
        return False, []
    intent = latest_intent(tracker) or "nlu_fallback"
    lang = conversation_language(tracker)
    message = latest_text(tracker)
    catalogue = await load_catalogue()
    if intent == "emergency" and is_closing(message, lang):
        # "OK, I'll call 112 first, thank you": the numbers were given; thanks, and the mode stays.
        thank(dispatcher, lang)
        return True, []
    language_named = bool(entity_values(tracker, "language_choice")) and language_named_not_asked(tracker)
    if intent in ("contact_info", "choose_language") and (language_named or asked_facet(message, lang) == "contact_info"):
        # Which line speaks my language, in safety: the lines for violence against migrant women.
        return True, answer_contact(dispatcher, tracker, catalogue, visa_status_of(tracker),
                                    service=catalogue.get(SAFETY_LINES_SERVICE))
    if intent in FOLLOW_UPS:
        # "Is it free there?": about the shelter, or the status question under discussion; right
        # after a menu of statuses, about one of them (answer_follow_up asks which).
        current = tracker.get_slot("last_service")
        target = catalogue.get(current) if current else (None if menu_just_shown(tracker) else
                                                          catalogue.get("FAM-SHELTER"))
        return True, await answer_follow_up(intent, dispatcher, tracker, service=target)
    if intent in SAFETY_ALWAYS:
        send(dispatcher, safety_answer(tracker, lang), answers="emergency")
        return True, [SlotSet("last_service", "FAM-SHELTER")]
    if intent in CONVERSATION:
        return False, []
    resolution = resolve(tracker, catalogue, visa_status_of(tracker))
    named = (resolution.best, *resolution.menu)
    if any(sid in SAFETY_SERVICES for sid in named if sid):
        send(dispatcher, safety_answer(tracker, lang), answers="emergency")
        return True, [SlotSet("last_service", "FAM-SHELTER")]
    best = catalogue.get(resolution.best) if resolution.best else None
    if best is not None and best.group not in SAFETY_GROUPS and intent not in FOLLOW_UPS:
        return False, [SlotSet("safety_mode", False)]
    return False, []


async def answered_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[bool, list[Dict[str, Any]]]:
    """What comes before any answer: a handed-over chat only relays; a closing thanks is thanked
    (whatever the classifier read into its other words); safety mode may answer instead."""
    if await handed_off(dispatcher, tracker):
        return True, []
    if latest_intent(tracker) != "emergency" and is_closing(latest_text(tracker), conversation_language(tracker)):
        thank(dispatcher, conversation_language(tracker))
        return True, []
    return await safety_turn(dispatcher, tracker)


def transcript(tracker: Tracker) -> list[dict[str, str]]:
    return [{"sender": "user" if e.get("event") == "user" else "bot", "text": e.get("text") or ""}
            for e in tracker.events if e.get("event") in ("user", "bot") and e.get("text")]


async def hand_over(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Open a handoff with the masked conversation so far and tell the user."""
    lang = conversation_language(tracker)
    slots = {k: v for k, v in tracker.current_slot_values().items() if v is not None}
    store = engine()
    handoff = await asyncio.to_thread(create_handoff, store, tracker.sender_id, lang, latest_intent(tracker),
                                      slots, transcript(tracker))
    position = await asyncio.to_thread(queue_position, store, handoff)
    catalogue = await load_catalogue()
    dispatcher.utter_message(text=handoff_state_text(handoff, lang, position, catalogue, now(), created=True))


def language_named_not_asked(tracker: Tracker) -> bool:
    """A language was named but the conversation did not switch to it ("does anyone speak Thai?")."""
    lang = conversation_language(tracker)
    return lang not in entity_values(tracker, "language_choice") or slot_before(tracker, "language") == lang


# Bookkeeping actions Rasa runs on every turn; they say nothing about how the bot answered.
_BOOKKEEPING = ("action_listen", "action_extract_slots", "action_validate_slot_mappings")


def previous_action(tracker: Tracker) -> str | None:
    """The last bot action before the latest user message."""
    return next((e.get("name") for e in reversed(previous_turn(tracker))
                 if e.get("event") == "action" and e.get("name") not in _BOOKKEEPING), None)


def now() -> dt.datetime:
    """Korea time now; tests replace this."""
    return dt.datetime.now(KOREA)


def help_line(catalogue: ServiceCatalogue, service: Service, lang: str) -> str | None:
    """The best phone line for this service's topic that speaks the user's language.

    When no line on the topic speaks it, the interpreting line comes first and the responsible
    body's own line (COMWEL 1588-0075 for an industrial accident) follows it: the user needs the
    number the interpreter will call with them.
    """
    lines = lines_on_topic(catalogue.records.contacts, lang, now(), topics_for(service))
    if not lines:
        return None
    shown = lines[:2] if lines[0].id == INTERPRETING_LINE and len(lines) > 1 else lines[:1]
    # Callers put "📞 " before the line; a second line gets its own.
    return "\n📞 ".join(contact_line(c, lang, now()) for c in shown)


def card_url(service_id: str, lang: str) -> str:
    """Where users reach the counter card (the public address, in front of the edge)."""
    return f"{settings().public_url}/webhooks/webchat/card/{service_id}?lang={lang}"


def chosen_service(tracker: Tracker, catalogue: ServiceCatalogue) -> Service | None:
    """A service picked with a button (the payload's service_id entity)."""
    for value in entity_values(tracker, "service_id"):
        service = catalogue.get(value)
        if service:
            return service
    return None


def resolve(tracker: Tracker, catalogue: ServiceCatalogue, visa_status: str | None) -> Resolution:
    return resolver_for(catalogue).resolve(question_from(tracker, conversation_language(tracker), visa_status))


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
    applies = status_in(visa_status, rule.get("applies_to") or []) if rule else False
    if rule and applies is not False:
        message = tracker.latest_message.get("text") or ""
        reply = part_time_reply(rule, visa_status, lang, topik_level(message))
        if applies is None:
            # "D-4" alone: only D-4-1 language trainees may work part-time.
            subs = ", ".join(s for s in rule["applies_to"] if main_code(s) == code)
            reply.text = text("part_time_only_substatus", lang, status=code, substatus=subs) + "\n" + reply.text
        send(dispatcher, reply)
    return False


async def answer_service_intent(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
    lang = conversation_language(tracker)
    catalogue = await load_catalogue()
    visa_status = visa_status_of(tracker)
    if intent == "emergency":
        plan = plan_reply(intent, resolve(tracker, catalogue, visa_status), catalogue.phone_service_ids)
        send(dispatcher, emergency_reply({c.id: c for c in catalogue.records.contacts}, lang, lead=plan.first or "CON-112"),
             answers="emergency")
        return [SlotSet("safety_mode", True)]
    if intent == "request_human":
        await hand_over(dispatcher, tracker)
        return []
    if intent == "contact_info":
        return answer_contact(dispatcher, tracker, catalogue, visa_status)
    service = chosen_service(tracker, catalogue)
    topic = next((t for t in topics_of(latest_text(tracker)) if intent in t.reread), None) if service is None else None
    if topic is not None:
        # "If I divorce him, will my F-6 be cancelled? I don't want to go home without my daughter"
        # is not a re-entry question: a marriage that ended makes it one about the status to change to.
        intent = topic.intent
    # The first question of a conversation gets the overview card (which has the fee, online and
    # eligibility in it); once a topic is under way, what is asked about it is what gets answered.
    facet = (asked_facet(latest_text(tracker), lang)
             if intent in TOPIC_INTENTS and service is None and topic_discussed(tracker) else None)
    current = tracker.get_slot("last_service")
    if facet is None and intent == "immigration_office" and service is None and current \
            and current not in OFFICE_FINDERS:
        # "Do we go to immigration or to the community centre?" while the birth report is discussed
        # asks where that service is done; the answer may well be "not at immigration".
        facet = "ask_location"
    # Resolved only when an answer needs it (a button's service and a complete status answer do not).
    resolution: Resolution | None = None
    if facet:
        resolution = resolve(tracker, catalogue, visa_status)
        plan = plan_reply(intent, resolution, catalogue.phone_service_ids)
        # A topic named with one thing asked about it ("what papers for the extension?"): that thing.
        target = facet_target(facet, intent, plan, tracker, catalogue)
        if target is not None and facet == "contact_info":
            return answer_contact(dispatcher, tracker, catalogue, visa_status, service=target)
        if target is not None:
            return await answer_follow_up(facet, dispatcher, tracker, service=target)
        # Right after a menu the question is about one of its services; else about the plan's, with
        # the service under discussion first unless the words name another ("that one" has no name).
        offered = menu_just_shown(tracker) if not current else []
        topical = {sid for topic in topics_of(latest_text(tracker)) for sid in topic.services}
        if topical and not topical & set(offered):
            # "If it's the husband's fault I can stay, right? What papers?" after a menu of other
            # services: the words' topic decides, not the menu.
            offered = []
        # The menu just offered, with the services the words now point at first ("no, I mean the
        # immigration permit"); words that point at none keep its order.
        offered = pointed_at_first(tracker, catalogue, offered)
        choices = offered or (list(plan.service_ids) if plan.kind == "menu" else [])
        if current and current not in choices and choices and not names_another_service(tracker, current, catalogue):
            choices = [current, *choices][:MENU_MAX]
        if choices and facet != "contact_info":
            menu = [s for s in (catalogue.get(i) for i in choices) if s]
            if offered and menu_asked_last_turn(tracker) and menu:
                # The same "which one?" never twice in a row: the answer for the menu's first (best)
                # service, the others one tap away.
                return await answer_follow_up(facet, dispatcher, tracker, service=menu[0], alternatives=menu[1:])
            send(dispatcher, menu_reply(menu, lang, asked=facet), answers=facet)
            return [SlotSet("last_service", None)]
    if intent in STATUS_DEPENDENT and await answer_status_dependent(intent, visa_status, dispatcher, tracker,
                                                                    catalogue):
        return []
    if service is not None:
        return present(Plan("card", (service.id,)), dispatcher, catalogue, lang, visa_status, intent)
    resolution = resolution or resolve(tracker, catalogue, visa_status)
    plan = plan_reply(intent, resolution, catalogue.phone_service_ids)
    follow_up = follow_up_instead(tracker, plan, catalogue)
    if follow_up:
        return await answer_follow_up(follow_up, dispatcher, tracker)
    if repeats_last_card(plan, tracker):
        # The same long card never goes out twice in a row: one line, and the next likely services.
        current = catalogue.get(plan.service_ids[0])
        alternatives = [s for s in (catalogue.get(i) for i in resolution.top(4)) if s and s is not current][:3]
        assert current is not None
        send(dispatcher, same_service_reply(current, alternatives, lang), answers=intent)
        return [SlotSet("last_service", current.id)]
    return present(with_topic_kept(plan, intent, tracker, catalogue), dispatcher, catalogue, lang, visa_status,
                   intent)


def with_topic_kept(plan: Plan, intent: str, tracker: Tracker, catalogue: ServiceCatalogue) -> Plan:
    """A menu for a question on the same topic as the service under discussion offers that service first.

    "Do we need to go to immigration for the baby's card?" while the birth report is discussed may
    be about either; the one under discussion must stay one tap away. Right after a menu, its
    services on the same topic are kept the same way ("the employer says pay it yourself, is that
    legal?" after a menu with accident compensation).
    """
    if plan.kind != "menu":
        return plan
    current = tracker.get_slot("last_service")
    under_discussion = [current] if current else menu_just_shown(tracker)
    kept = [sid for sid in under_discussion if (s := catalogue.get(sid)) is not None and intent in s.intents
            and sid not in plan.service_ids]
    if not kept:
        return plan
    return Plan("menu", (*kept, *plan.service_ids)[:MENU_MAX])


# Services that only find an office: asked "where" while another service is under discussion,
# the answer is that service's office.
OFFICE_FINDERS = ("IMM-OFFICE", "EMP-CTR", "IMM-RESV")

# Topic intents: a message read as one of these may still ask one thing about the topic.
TOPIC_INTENTS = frozenset(ESSENTIAL + TAILORED)


def facet_target(facet: str, intent: str, plan: Plan, tracker: Tracker,
                 catalogue: ServiceCatalogue) -> Service | None:
    """The service a facet question is about: the one the words name, else the one under discussion.

    "Who qualifies" is the broadest question and its cues the most ambiguous, so it is taken
    as a follow-up only about the service under discussion. The service under discussion is
    kept only for a message about the same topic: "no, the part-time permit: does it cost
    money?" is about the permit, not the D-10 visa discussed before.
    """
    current = tracker.get_slot("last_service")
    if facet == "ask_location" and current and current not in OFFICE_FINDERS and (
            not plan.service_ids or plan.service_ids[0] in OFFICE_FINDERS
            or plan.service_ids[0] in catalogue.phone_service_ids):
        # "Which immigration office do I go to?" while discussing a permit: that permit's office.
        return catalogue.get(current)
    if plan.kind in ("card", "lines") and plan.service_ids:
        named = plan.service_ids[0]
        if facet == "ask_eligibility" and named != current:
            return None
        if named in OFFICE_FINDERS and not current and menu_just_shown(tracker):
            return None  # "which office?" right after a menu: about one of the menu's services
        return catalogue.get(named)
    under_discussion = catalogue.get(current) if current else None
    if under_discussion is None:
        return None
    if current in plan.service_ids or (intent in under_discussion.intents
                                       and not names_another_service(tracker, current, catalogue)):
        return under_discussion
    return None


def pointed_at_first(tracker: Tracker, catalogue: ServiceCatalogue, service_ids: list[str]) -> list[str]:
    """``service_ids`` with those the words name (classifier margin, own name, topic) moved to the front."""
    text = latest_text(tracker)
    margins = {str(c.get("id")): float(c.get("margin") or 0)
               for c in tracker.latest_message.get("service_candidates") or []}
    pointed = set(catalogue.named_services(text)) | {sid for t in topics_of(text, service_ids) for sid in t.services}
    named = sorted((sid for sid in service_ids if margins.get(sid, 0.0) > 0 or sid in pointed),
                   key=lambda sid: -margins.get(sid, 0.0))
    return named + [sid for sid in service_ids if sid not in named]


def names_another_service(tracker: Tracker, current: str, catalogue: ServiceCatalogue) -> bool:
    """Whether the words clearly name a service other than the one under discussion.

    Either the service classifier recognises another service, the words contain another service's
    name outright ("where's the nearest family center?" while a benefit is discussed), or they are
    on a topic the service under discussion is not ("and can the job change be done online?" while
    the insurance line is discussed).
    """
    text = latest_text(tracker)
    # Services on the same topic as the current one are not another subject: "can I apply before
    # the divorce is final?" about F-6-2 also resembles F-6-3.
    same_topic = {sid for topic in topics_of(text) if current in topic.services for sid in topic.services}
    candidates = tracker.latest_message.get("service_candidates") or []
    other_topic = any(current not in topic.services for topic in topics_of(text))
    return (any(float(c.get("margin") or 0) > 0 and c.get("id") not in same_topic | {current} for c in candidates)
            or names_other_than(catalogue.named_services(text), current) or other_topic)


# "Is there a way to do that one online?" read as a topic intent would lose the service under
# discussion to a menu; when the words name no other service and the classifier's runner-up is a
# follow-up, it is that follow-up about the same service.
FOLLOW_UP_RUNNER_UP = 0.1


def follow_up_instead(tracker: Tracker, plan: Plan, catalogue: ServiceCatalogue) -> str | None:
    """The follow-up intent a topic question really is, or None."""
    if plan.kind != "menu" or not tracker.get_slot("last_service"):
        return None
    if names_another_service(tracker, tracker.get_slot("last_service"), catalogue):
        return None  # the words name another service: a new topic
    runner_up = next((r for r in intent_ranking(tracker)[1:3] if r.get("name") in FOLLOW_UPS
                      and float(r.get("confidence") or 0) >= FOLLOW_UP_RUNNER_UP), None)
    return str(runner_up["name"]) if runner_up else None


def repeats_last_card(plan: Plan, tracker: Tracker) -> bool:
    """True when the plan is the card the previous turn already showed."""
    return (plan.kind == "card" and bool(plan.service_ids)
            and plan.service_ids[0] == tracker.get_slot("last_service")
            and previous_action(tracker) == "action_answer_service")


def present(plan: Plan, dispatcher: CollectingDispatcher, catalogue: ServiceCatalogue, lang: str,
            visa_status: str | None, answers: str | None = None) -> List[Dict[str, Any]]:
    """Send a card or a menu; the card's service becomes the one under discussion."""
    services = [s for s in (catalogue.get(i) for i in plan.service_ids) if s]
    if not services:
        dispatcher.utter_message(text=text("no_service", lang))
        return []
    if plan.kind == "menu":
        send(dispatcher, menu_reply(services, lang), answers=answers)
        return [SlotSet("last_service", None)]
    service = services[0]
    card = service_card(service, lang, visa_status=visa_status, rules=catalogue.records.rules,
                        card_url=card_url(service.id, lang), help_line=help_line(catalogue, service, lang))
    line = catalogue.line_of(service.id)
    if line is not None:
        # A phone line's card says when it answers in the user's language, and whether it is open now:
        # whatever the topic, it answers "who can I contact".
        card.text += f"\n📞 {contact_line(line, lang, now())}"
        answers = "contact_info"
        other = help_line(catalogue, service, lang) if lang not in line.languages else None
        if other and line.number not in other:
            # "Does 1350 speak Vietnamese?": no, and which line on the same topic does.
            card.text += f"\n{text('line_not_in_your_language', lang)}\n📞 {other}"
    send(dispatcher, card, answers=answers)
    return [SlotSet("last_service", service.id)]


def answer_contact(dispatcher: CollectingDispatcher, tracker: Tracker, catalogue: ServiceCatalogue,
                   visa_status: str | None, service: Service | None = None) -> List[Dict[str, Any]]:
    """Phone lines: for the service a button or the words name, for the line asked about, or all that fit."""
    lang = conversation_language(tracker)
    service = service or chosen_service(tracker, catalogue)
    current = tracker.get_slot("last_service")
    if service is None and current and not names_another_service(tracker, current, catalogue):
        # "What's their number, do they speak Chinese?" while a service is discussed: its lines.
        service = catalogue.get(current)
    if service is not None:
        topics = topics_for(service)
        lines = lines_on_topic(catalogue.records.contacts, lang, now(), topics)
        own = catalogue.line_of(service.id)
        if own is not None:
            # A service that is itself a phone line (Danuri 1577-1366) answers first.
            lines = [own, *(c for c in lines if c.id != own.id)]
        reply = contacts_reply(lines, catalogue.records.contacts, lang, now())
        if lines and not any(lang in c.languages for c in lines):
            reply.text += "\n" + text("contact_topic_korean_only", lang)
        reply.service_id = service.id
        reply.services = line_services(catalogue, lines, lang)
        send(dispatcher, reply, answers="contact_info")
        return [SlotSet("last_service", service.id)]
    plan = plan_reply("contact_info", resolve(tracker, catalogue, visa_status), catalogue.phone_service_ids)
    if plan.kind != "lines":
        return present(plan, dispatcher, catalogue, lang, visa_status, "contact_info")
    # The lines the resolver found closest, or else every line that speaks the user's language.
    # The tourist line interprets too, but it is for visitors: a resident's own lines come first.
    chosen = sorted((c for c in (catalogue.line_of(i) for i in plan.service_ids) if c),
                    key=lambda c: "travel" in c.topics)
    lines = chosen or general_lines(catalogue.records.contacts, lang, now())
    reply = contacts_reply(lines, catalogue.records.contacts, lang, now())
    reply.services = line_services(catalogue, lines, lang)
    send(dispatcher, reply, answers="contact_info")
    return []


def line_services(catalogue: ServiceCatalogue, lines: list[Contact], lang: str) -> list[dict[str, str]]:
    """The catalogue services of the phone lines listed (clients read which lines were offered)."""
    return [{"id": s.id, "title": pick(s.title, lang)}
            for s in (catalogue.service_of_line(c.id) for c in lines[:4]) if s]


async def answer_follow_up(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                           service: Service | None = None,
                           alternatives: list[Service] | None = None) -> List[Dict[str, Any]]:
    """Documents, fee, place, time, online, eligibility: about ``service``, a button's, or the one under discussion."""
    lang = conversation_language(tracker)
    catalogue = await load_catalogue()
    visa_status = visa_status_of(tracker)
    service = service or chosen_service(tracker, catalogue) or named_instead(tracker, catalogue, intent)
    current = tracker.get_slot("last_service")
    if service is None and intent == "ask_location" and current and current not in OFFICE_FINDERS:
        # "Where do I do it? I live in Gimhae" names an office, not another service: the office of
        # the service under discussion.
        service = catalogue.get(current)
    if service is None:
        question = question_from(tracker, lang, visa_status)
        just_offered = menu_just_shown(tracker) if not current else []
        if just_offered and not any(m > 0 for m in question.margins.values()):
            # "What documents?" right after a menu is about one of its services ("the child lives with
            # me, what papers?" puts the child-rearing status first).
            likely = pointed_at_first(tracker, catalogue, just_offered)
        else:
            resolution = resolver_for(catalogue).resolve(question)
            likely = list(resolution.menu) or ([resolution.best] if resolution.best else [])
        menu = [s for s in (catalogue.get(i) for i in likely) if s]
        if not menu:
            dispatcher.utter_message(text=text("no_service", lang))
            return []
        if len(menu) > 1 and not menu_asked_last_turn(tracker):
            # No service under discussion and the words name none clearly: ask which, and a tap
            # answers the question itself for that service.
            send(dispatcher, menu_reply(menu, lang, asked=intent), answers=intent)
            return []
        # Asked again without a tap, "which one?" is not asked a second time: the answer is for the
        # likeliest service, the others one tap away.
        service, alternatives = menu[0], menu[1:]
    assert service is not None
    line = help_line(catalogue, service, lang)
    if intent == "ask_documents":
        reply = documents_reply(service, lang, line)
    elif intent == "ask_fee":
        reply = fee_reply(service, lang, line)
    elif intent == "ask_processing_time":
        reply = processing_time_reply(service, lang, line)
    elif intent == "ask_online":
        reply = online_reply(service, lang, line)
    elif intent == "ask_eligibility":
        reply = eligibility_reply(service, lang, visa_status, catalogue.records.rules, line)
    else:
        reply = location_reply(service, lang, *office_lookup(tracker, catalogue, service), line)
    send(dispatcher, with_alternatives(reply, alternatives or [], lang, intent), answers=intent)
    return [SlotSet("last_service", service.id)]


# The service classifier's decision value above which the words name a service on their own
# (a generic "what documents?" leaves every service below it).
NAMED_MARGIN = 0.3


def named_instead(tracker: Tracker, catalogue: ServiceCatalogue, intent: str) -> Service | None:
    """The service a follow-up's words clearly name when it is not the one under discussion.

    "Where's the nearest family center?" while parental benefit is under discussion (or right
    after a menu) is about the family centre. An office finder is not taken: "where's the immigration office?" is about the
    office of the service under discussion.
    """
    current = tracker.get_slot("last_service")
    if intent == "ask_eligibility":
        # "And with an H-2 visa?" names a status, whose own services the words then resemble;
        # it asks about the service under discussion.
        return None
    candidates = tracker.latest_message.get("service_candidates") or []
    margins = {str(c.get("id")): float(c.get("margin") or 0) for c in candidates}
    if current and margins.get(current, 0.0) > 0:
        return None  # the words fit the service under discussion too
    others = {sid: m for sid, m in margins.items() if sid != current and m >= NAMED_MARGIN}
    if current and others:
        best = max(others, key=others.__getitem__)
    else:
        # The classifier is unsure in a long message; a service's own name in it still counts.
        named = catalogue.named_services(latest_text(tracker))
        if not names_other_than(named, current):
            return None
        best = named[0]
    if best in OFFICE_FINDERS and intent == "ask_location":
        return None
    return catalogue.get(best)


def office_lookup(tracker: Tracker, catalogue: ServiceCatalogue, service: Service) -> tuple[list, str | None]:
    """(offices for the place the user named, that place) for a 'where do I go' question."""
    places = entity_values(tracker, "place")
    if not places:
        return [], None
    kind = office_kind(service)
    if kind is None:
        return [], None  # a community centre or a branch with no list here: the reply names the kind of place
    place = default_gazetteer().get(places[-1])
    return offices_for(place, catalogue.records.offices, kind), places[-1]


class ActionConverse(Action):
    """Greetings, thanks, yes/no, help, 'are you a bot', language switches."""

    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        answered, events = await answered_first(dispatcher, tracker)
        if answered:
            return events
        intent = latest_intent(tracker) or "help"
        lang = conversation_language(tracker)
        if intent == "choose_language" and language_named_not_asked(tracker):
            # A language was named but not asked for ("does anyone there speak Thai?", "the caller
            # speaks Khmer"): the conversation stays, and the lines that speak it are the answer.
            return events + await answer_service_intent("contact_info", dispatcher, tracker)
        key = {"choose_language": "language_switched"}.get(intent, intent)
        dispatcher.utter_message(text=text(key if key in CONVERSATION or key == "language_switched" else "help",
                                           lang))
        if intent == "greet":
            follow_up = next((r for r in intent_ranking(tracker)[1:3]
                              if r.get("name") in SERVICE_INTENTS
                              and float(r.get("confidence") or 0) >= SECOND_INTENT_CONFIDENCE), None)
            if follow_up:
                return events + await answer_service_intent(follow_up["name"], dispatcher, tracker)
        return events


class ActionAnswerService(Action):
    """Service questions: the best catalogue entry for the intent, in the user's language."""

    def name(self) -> str:
        return "action_answer_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        answered, events = await answered_first(dispatcher, tracker)
        if answered:
            return events
        intent = latest_intent(tracker) or ""
        return events + await answer_service_intent(intent, dispatcher, tracker)


class ActionAnswerFollowUp(Action):
    """Follow-up questions about the service under discussion."""

    def name(self) -> str:
        return "action_answer_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        answered, events = await answered_first(dispatcher, tracker)
        if answered:
            return events
        return events + await answer_follow_up(latest_intent(tracker) or "", dispatcher, tracker)


async def answer_named_service(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]] | None:
    """A message the classifier could not place that names a service (or a one-service topic) gets it.

    "gần nhà em có trung tâm gia đình đa văn hoá ko chị, em ở bucheon" is unclear to the
    classifier but names the Family Center and asks where: the answer is where, not "please
    rephrase". None when the words name no service.
    """
    catalogue = await load_catalogue()
    words = latest_text(tracker)
    # A topic with one service names it too ("muon chuyen xuong ma chu ko ky": the workplace change).
    named = catalogue.named_services(words) or [t.services[0] for t in topics_of(words) if len(t.services) == 1]
    service = catalogue.get(named[0]) if named else None
    if service is None:
        return None
    lang = conversation_language(tracker)
    facet = asked_facet(words, lang)
    if facet == "contact_info":
        return answer_contact(dispatcher, tracker, catalogue, visa_status_of(tracker), service=service)
    if facet is not None:
        return await answer_follow_up(facet, dispatcher, tracker, service=service)
    return present(Plan("card", (service.id,)), dispatcher, catalogue, lang, visa_status_of(tracker),
                   service.intents[0])


# An emergency this likely among an unclear message's readings is answered as one.
EMERGENCY_RUNNER_UP = 0.2


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        answered, events = await answered_first(dispatcher, tracker)
        if answered:
            return events
        if any(r.get("name") == "emergency" and float(r.get("confidence") or 0) >= EMERGENCY_RUNNER_UP
               for r in intent_ranking(tracker)[:3]):
            # Safety first: an unclear message that may be an emergency ("a Thai woman is being hit by
            # her husband right now", relayed by an agent) gets the emergency answer; a wrong one
            # costs a line, a missed one costs far more.
            return events + await answer_service_intent("emergency", dispatcher, tracker)
        named = await answer_named_service(dispatcher, tracker)
        if named is not None:
            return events + named
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
        answered, events = await safety_turn(dispatcher, tracker)
        if answered:
            return events
        return await answer_service_intent("emergency", dispatcher, tracker)


class ActionContact(Action):
    """Phone lines in the user's language with their hours, and what to do now."""

    def name(self) -> str:
        return "action_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if await handed_off(dispatcher, tracker):
            return []
        if latest_intent(tracker) == "request_human" and intent_confidence(tracker) >= HANDOFF_CONFIDENCE:
            # One message that tells the truth: a person will answer, when, and what to do meanwhile.
            await hand_over(dispatcher, tracker)
            return []
        answered, events = await safety_turn(dispatcher, tracker)
        if answered:
            return events
        return events + await answer_service_intent("contact_info", dispatcher, tracker)
