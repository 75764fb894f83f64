"""Short service answers, menus and follow-up answers (channel-neutral, no Rasa here).

The first answer about a service fits on a phone screen: name, what it is in
one sentence, online or not, fee, and whether the user's status qualifies.
Everything else (documents, steps, where to go, phone help, the counter card)
is one button away, and each follow-up answers only what was asked. Links go
in ``links`` (channels render them as buttons), never as raw URLs in the
text, and every reply names its service machine-readably.
"""

from __future__ import annotations

import re

from bot.core.i18n import text
from bot.core.languages import pick
from bot.core.replies import Reply
from bot.replies.compose import fees_text
from catalogue.eligibility import eligible
from catalogue.official import host_of, shown_source
from catalogue.places import office_kind
from catalogue.records import Office, Service

FOLLOW_UP_BUTTONS = (("ask_documents", "btn_documents"), ("ask_online", "btn_steps"),
                     ("ask_location", "btn_location"), ("contact_info", "btn_phone"))
# Latin and Cyrillic sentences end with a stop and a space; Chinese, Khmer and
# Devanagari stops need no space. Thai has no sentence mark: its summary stays whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？។।])")


def first_sentence(summary: str) -> str:
    """The summary's first sentence: the card says what the service is, not everything about it."""
    parts = [p for p in _SENTENCE_END.split(summary.strip()) if p and p.strip()]
    return parts[0].strip() if parts else summary.strip()


def heading(service: Service, lang: str) -> str:
    title = pick(service.title, lang)
    korean = service.title.get("ko", "")
    # The Korean name is what a clerk or a Korean web page uses.
    return title if lang == "ko" or not korean or korean in title else f"{title} ({korean})"


def _payload(intent: str, service_id: str) -> str:
    return f'/{intent}{{"service_id":"{service_id}"}}'


def source_line(service: Service, lang: str, help_line: str | None = None, note: bool = False) -> str:
    """The official page the facts come from, or a plain warning that none confirms them.

    Only a public body's page is ever shown as the source; where sources
    differ, one short line in the user's language says so (the evidence
    stays in the catalogue for reviewers).
    """
    checked = text("label_checked_on", lang, date=service.checked_on.isoformat())
    official = shown_source(service)
    if official:
        lines = [f"🔎 {text('label_source', lang)}: {host_of(official)} ({checked})"]
    else:
        lines = [f"⚠️ {text('label_unverified', lang)} ({checked})"]
        if help_line:
            lines.append(f"📞 {help_line}")
    if note and service.user_note:
        # Said once, on the card (and with the fee, where disputes mostly are), not under every follow-up.
        lines.insert(0, f"⚠️ {pick(service.user_note, lang)}")
    return "\n".join(lines)


def navigation_line(service: Service, lang: str) -> str | None:
    """How to reach the service on a site that has no stable link to its page."""
    return f"🧭 {text('label_navigation', lang)}: {pick(service.navigation, lang)}" if service.navigation else None


def service_links(service: Service, lang: str, card_url: str | None) -> list[dict[str, str]]:
    links = []
    if service.url:
        links.append({"title": text("link_official_page", lang), "url": service.url})
    if card_url:
        links.append({"title": text("counter_card_link", lang), "url": card_url})
    official = shown_source(service)
    if official and official != service.url:
        links.append({"title": text("label_source", lang), "url": official})
    return links


def status_line(service: Service, lang: str, visa_status: str | None, rules: dict) -> str:
    verdict = eligible(service, visa_status, rules)
    if verdict.eligible is True and visa_status and service.visa_statuses:
        return "✅ " + text("card_status_ok", lang, status=visa_status)
    if verdict.eligible is False:
        return "❌ " + text("eligibility_not_for_status", lang, status=visa_status)
    statuses = ", ".join(service.visa_statuses) if service.visa_statuses else text("label_everyone", lang)
    return f"👤 {text('label_for', lang)}: {_shorten(statuses)}"


def _shorten(statuses: str, limit: int = 60) -> str:
    return statuses if len(statuses) <= limit else statuses[:limit].rsplit(",", 1)[0] + ", …"


def service_card(service: Service, lang: str, *, visa_status: str | None = None, rules: dict | None = None,
                 card_url: str | None = None, unsure: bool = False, help_line: str | None = None) -> Reply:
    """The first, short answer about one service."""
    online = text("label_online_yes" if service.online else "label_online_no", lang)
    lines = [f"📌 {heading(service, lang)}", first_sentence(pick(service.summary, lang)),
             f"💻 {text('label_online', lang)}: {online}",
             f"💰 {text('label_fee', lang)}: {fees_text(service, lang)}",
             status_line(service, lang, visa_status, rules or {}),
             source_line(service, lang, help_line, note=True)]
    if unsure:
        lines.insert(0, text("card_unsure", lang))
    return Reply("\n".join(lines), buttons=follow_up_buttons(service, lang),
                 links=service_links(service, lang, card_url), service_id=service.id)


def menu_reply(services: list[Service], lang: str, asked: str | None = None) -> Reply:
    """A few likely services as buttons; a pick gives the details (or, for a follow-up, what was asked)."""
    lines = [text("follow_up_which_service" if asked else "menu_intro", lang)]
    lines += [f"• {pick(s.title, lang)}" for s in services]
    buttons = [{"title": pick(s.title, lang)[:60], "payload": _payload(asked or s.intents[0], s.id)}
               for s in services]
    return Reply("\n".join(lines), buttons=buttons,
                 services=[{"id": s.id, "title": pick(s.title, lang)} for s in services])


def same_service_reply(service: Service, alternatives: list[Service], lang: str) -> Reply:
    """The card was just shown: say so in one line and offer the next likely services instead of repeating it."""
    lines = [_titled("same_service_again", service, lang)] + [f"• {pick(s.title, lang)}" for s in alternatives]
    buttons = [{"title": pick(s.title, lang)[:60], "payload": _payload(s.intents[0], s.id)} for s in alternatives]
    return Reply("\n".join(lines), buttons=buttons + follow_up_buttons(service, lang), service_id=service.id,
                 services=[{"id": s.id, "title": pick(s.title, lang)} for s in alternatives])


def with_alternatives(reply: Reply, alternatives: list[Service], lang: str, asked: str) -> Reply:
    """An answer for the likeliest service, with the other likely ones one tap away (answering ``asked``)."""
    if not alternatives:
        return reply
    reply.text += "\n" + "\n".join([text("or_maybe", lang)] + [f"• {pick(s.title, lang)}" for s in alternatives])
    reply.buttons = [{"title": pick(s.title, lang)[:60], "payload": _payload(asked, s.id)}
                     for s in alternatives] + list(reply.buttons or [])
    reply.services = [{"id": s.id, "title": pick(s.title, lang)} for s in alternatives]
    return reply


# -- follow-ups about the service under discussion --------------------------------------


def _titled(key: str, service: Service, lang: str) -> str:
    return text(key, lang, title=pick(service.title, lang))


def follow_up_buttons(service: Service, lang: str, asked: str | None = None) -> list[dict[str, str]]:
    """Documents, steps, where to go, phone help: each one tap away (but the one just asked)."""
    return [{"title": text(label, lang), "payload": _payload(intent, service.id)}
            for intent, label in FOLLOW_UP_BUTTONS if intent != asked]


def _answer(lines: list[str], service: Service, lang: str, asked: str,
            links: list[dict[str, str]] | None = None) -> Reply:
    """A follow-up answer: what was asked, the service's links, and the other follow-ups as buttons."""
    return Reply("\n".join(lines), buttons=follow_up_buttons(service, lang, asked),
                 links=links if links is not None else service_links(service, lang, None), service_id=service.id)


def documents_reply(service: Service, lang: str, help_line: str | None) -> Reply:
    if not service.documents:
        lines = [_titled("docs_none", service, lang)]
        if help_line:
            lines.append(f"📞 {help_line}")
    else:
        lines = [_titled("docs_intro", service, lang)] + [f"• {pick(d, lang)}" for d in service.documents]
    lines.append(source_line(service, lang, None if service.documents else help_line))
    return _answer(lines, service, lang, "ask_documents")


def fee_reply(service: Service, lang: str, help_line: str | None = None) -> Reply:
    lines = [f"💰 {_titled('fee_intro', service, lang)} {fees_text(service, lang)}",
             source_line(service, lang, help_line, note=True)]
    return _answer(lines, service, lang, "ask_fee")


def processing_time_reply(service: Service, lang: str, help_line: str | None) -> Reply:
    lines = []
    if service.processing_time:
        lines.append(f"⏳ {_titled('time_processing', service, lang)} {pick(service.processing_time, lang)}")
    if service.deadline:
        lines.append(f"⏰ {text('label_deadline', lang)}: {pick(service.deadline, lang)}")
    if not lines:
        lines.append(_titled("time_unknown", service, lang))
        if help_line:
            lines.append(f"📞 {help_line}")
    lines.append(source_line(service, lang, None if lines[-1].startswith("📞") else help_line))
    return _answer(lines, service, lang, "ask_processing_time")


def online_reply(service: Service, lang: str, help_line: str | None = None) -> Reply:
    """Whether it can be done online, and the steps."""
    key = "online_yes" if service.online else "online_no"
    lines = [_titled(key, service, lang)]
    if (navigation := navigation_line(service, lang)):
        lines.append(navigation)
    if service.steps:
        lines.append(text("steps_intro", lang))
        lines += [f"{n}. {pick(step, lang)}" for n, step in enumerate(service.steps, 1)]
    lines.append(source_line(service, lang, help_line))
    return _answer(lines, service, lang, "ask_online")


def eligibility_reply(service: Service, lang: str, visa_status: str | None, rules: dict,
                      help_line: str | None = None) -> Reply:
    lines = [status_line(service, lang, visa_status, rules)]
    if not visa_status and service.visa_statuses:
        lines.append(text("ask_visa_status", lang))
    if service.visa_statuses and (visa_status or len(service.visa_statuses) > 12):
        lines.append(f"👤 {text('label_for', lang)}: {', '.join(service.visa_statuses)}")
    lines.append(source_line(service, lang, help_line))
    return _answer(lines, service, lang, "ask_eligibility")


def location_reply(service: Service, lang: str, offices: list[Office], place: str | None,
                   help_line: str | None) -> Reply:
    """Where to go: online first when it can be done online, then the office for the user's place."""
    lines = [_titled(f"where_at_{service.place}" if service.place else f"where_{service.channel}", service, lang)]
    if service.online and (navigation := navigation_line(service, lang)):
        lines.append(navigation)
    for office in offices[:2]:
        lines.append(f"📍 {pick(office.name, lang)}")
        if office.address:
            lines.append(f"   {pick(office.address, lang)}")
        if office.phone:
            lines.append(f"   ☎️ {office.phone}")
    if place and not offices:
        # 1345's menu finds immigration offices only; for other offices the topic's line (below) helps.
        key = "where_place_unknown" if office_kind(service) == "immigration" else "where_place_unknown_line"
        lines.append(text(key, lang, place=place))
    if help_line:
        lines.append(f"📞 {help_line}")
    links = service_links(service, lang, None)
    links += [{"title": pick(o.name, lang), "url": url} for o in offices[:2] if (url := o.map_url or o.url)]
    return _answer(lines, service, lang, "ask_location", links)
