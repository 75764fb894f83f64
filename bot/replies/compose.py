"""Channel-neutral replies built from catalogue records (no Rasa here).

A reply is text plus optional buttons and links; each channel renders it
its own way. Every fact comes from the catalogue with its source link and
"checked on" date.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.core.i18n import text
from bot.core.languages import ENDONYMS, pick
from bot.core.replies import Reply
from catalogue.contacts import is_open, next_opening, serves, windows_for
from catalogue.eligibility import main_code, part_time_hours
from catalogue.official import first_official, host_of
from catalogue.records import Contact, Service


def _amount(amount: int, lang: str) -> str:
    return text("label_free", lang) if amount == 0 else f"{amount:,} KRW"


def fees_text(service: Service, lang: str) -> str:
    """Every fee with its label, or 'not stated' (an empty list is not 'free')."""
    if not service.fees:
        return text("label_fee_not_listed", lang)
    return " · ".join(f"{_amount(f.krw, lang)} ({pick(f.label, lang)})" if f.label else _amount(f.krw, lang)
                      for f in service.fees)


# -- phone lines -------------------------------------------------------------

GROUP_TOPICS = {
    "stay": ("visa", "immigration"), "certificates": ("visa", "immigration"), "nationality": ("immigration",),
    "work": ("eps", "labour"), "labour": ("labour", "wages"), "return": ("eps", "labour"),
    "family": ("marriage_migrants", "multicultural_family"), "students": ("visa",),
    "integration": ("immigration",), "health": ("health_insurance",), "contact": (),
}
def topics_for(service: Service) -> tuple[str, ...]:
    """The phone-line topics that fit a service: its own (catalogue data) before its group's."""
    return service.line_topics or GROUP_TOPICS.get(service.group, ())


def hours_text(contact: Contact, lang: str) -> str:
    windows = windows_for(contact, lang)
    if not windows:
        return text("label_hours_unknown", lang)
    parts = []
    for window in windows:
        if window.open == "00:00" and window.close == "24:00" and len(window.days) == 7:
            parts.append(text("hours_24h", lang))
        elif list(window.days) == ["mon", "tue", "wed", "thu", "fri"]:
            parts.append(text("hours_weekdays", lang, open=window.open, close=window.close))
        elif len(window.days) == 7:
            parts.append(text("hours_daily", lang, open=window.open, close=window.close))
        else:
            days = ", ".join(text(f"day_{d}", lang) for d in window.days)
            parts.append(text("hours_days", lang, days=days, open=window.open, close=window.close))
    return "; ".join(parts)


def status_text(contact: Contact, lang: str, now: dt.datetime) -> str:
    state = is_open(contact, lang, now)
    if state is None:
        return text("label_hours_unknown", lang)
    if state:
        return text("label_open_now", lang)
    opening = next_opening(contact, lang, now)
    if opening is None:
        return text("label_hours_unknown", lang)
    return text("label_closed_now", lang, when=opening.strftime("%m-%d %H:%M"))


def languages_text(contact: Contact, lang: str, shown: int = 5) -> str:
    """The languages a line speaks, by their own names, the user's first (so each caller finds theirs)."""
    codes = sorted(contact.languages, key=lambda code: (code != lang, code != "ko", code != "en"))
    names = [ENDONYMS.get(code, code) for code in codes]
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" +{more}" if more > 0 else "")


def contact_line(contact: Contact, lang: str, now: dt.datetime) -> str:
    status = status_text(contact, lang, now)
    hours = hours_text(contact, lang)
    line = text("contact_line", lang, number=contact.number, name=pick(contact.name, lang), hours=hours,
                status=status)
    if status == hours:
        # Unknown hours make both parts "hours not confirmed": say it once (every template ends "· {status}").
        line = line.removesuffix(f" · {status}")
    return f"{line} · 🗣 {languages_text(contact, lang)}" if contact.languages else line


def contacts_reply(contacts: list[Contact], all_contacts: tuple[Contact, ...], lang: str, now: dt.datetime,
                   intro_key: str = "contact_intro") -> Reply:
    """Lines in the user's language with hours; what to do now if all are closed."""
    lines = [text(intro_key, lang)] + [f"📞 {contact_line(c, lang, now)}" for c in contacts[:4]]
    if contacts and not any(is_open(c, lang, now) for c in contacts[:4]):
        always = next((c for c in all_contacts if c.id not in ("CON-112", "CON-119") and serves(c, lang)
                       and any(w.open == "00:00" and w.close == "24:00" for w in windows_for(c, lang))), None)
        if always:
            lines.append(text("contact_now_closed_advice", lang, number=always.number,
                              name=pick(always.name, lang)))
    # Only the lines' official pages are shown, by site name: links go in buttons, not raw in text.
    official = [u for u in (first_official(c.sources) for c in contacts[:4]) if u]
    hosts = list(dict.fromkeys(host_of(u) for u in official))[:2]
    if hosts:
        lines.append(f"🔎 {text('label_source', lang)}: {', '.join(hosts)}")
    return Reply("\n".join(lines), links=[{"title": host_of(u), "url": u} for u in dict.fromkeys(official)][:2])


def emergency_reply(contacts: dict[str, Contact], lang: str, lead: str = "CON-112") -> Reply:
    """Numbers first, no questions (the contract's `emergency` intent).

    All the lines are always there; the one that fits the message leads
    (119 for an injury, the Danuri line for violence at home).
    """
    police, fire = contacts.get("CON-112"), contacts.get("CON-119")
    danuri, immigration = contacts.get("CON-1577-1366"), contacts.get("CON-1345")
    rows: list[tuple[str, str]] = []
    if police:
        rows.append(("CON-112", f"🚓 {text('emergency_police', lang, number=police.number)}"))
    if fire:
        rows.append(("CON-119", f"🚑 {text('emergency_fire', lang, number=fire.number)}"))
    if danuri:
        rows.append(("FAM-DANURI", f"☎️ {text('emergency_danuri', lang, number=danuri.number, hours=hours_text(danuri, lang))}"))
    if immigration:
        rows.append(("CON-1345", f"☎️ {text('emergency_1345', lang, number=immigration.number, hours=hours_text(immigration, lang))}"))
    rows.sort(key=lambda row: row[0] != lead)
    lines = [text("emergency_intro", lang)] + [line for _, line in rows]
    lines += [text("emergency_silent", lang), text("emergency_after", lang)]
    return Reply("\n".join(lines), service_id=rows[0][0] if rows else None)


# The message of each part of the safety answer (bot.text.cues SAFETY_PARTS); "language" is the
# emergency reply's line on interpreters.
SAFETY_PART_KEYS = {"silent": "safety_silent", "location": "safety_location", "shelter": "safety_shelter",
                    "language": "emergency_after", "status": "safety_status"}


def safety_reply(lang: str, parts: list[str] | None = None) -> Reply:
    """After an emergency: silent ways to get help, how to say where you are, shelters, the right to stay.

    Never a tourist line and never another language: the conversation stays
    where the person is until they move on. With ``parts`` (the whole answer was just given), only
    those parts; an empty list gets one line asking what is needed most, not the whole list again.
    """
    if parts is None:
        keys = ["safety_intro", "safety_silent", "safety_location", "safety_shelter", "safety_status"]
    else:
        keys = [SAFETY_PART_KEYS[part] for part in parts if part in SAFETY_PART_KEYS] or ["safety_again"]
    return Reply("\n".join(text(key, lang) for key in keys), service_id="FAM-SHELTER",
                 services=[{"id": "FAM-DANURI", "title": "1577-1366"}])


# -- rules that depend on the visa status --------------------------------------

_TOPIK = re.compile(r"(?:topik|토픽|ТОПИК|托福克)\s*(\d)|(\d)\s*급", re.IGNORECASE)


def topik_level(message: str) -> int | None:
    match = _TOPIK.search(message or "")
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _rule_footer(rule: dict, lang: str) -> str:
    """The rule's official source by site name, or a plain warning that no official page confirms it."""
    official = first_official(rule.get("sources") or [])
    checked = text("label_checked_on", lang, date=str(rule.get("checked_on", "")))
    if official:
        return f"🔎 {text('label_source', lang)}: {host_of(official)} ({checked})"
    return f"⚠️ {text('label_unverified', lang)} ({checked})"


def part_time_reply(rule: dict, status: str, lang: str, topik: int | None) -> Reply:
    """Weekly hours for a D-2/D-4 student from the catalogue's hour table."""
    code = main_code(status) or status
    courses = ["language_course"] if code == "D-4" else ["bachelor_1_2", "graduate"]
    lines = []
    for course in courses:
        needed = (rule["korean_requirement"].get(course) or {}).get("topik")
        result = part_time_hours(rule, course, topik_level=topik)
        if topik is not None and result.korean_level_met:
            lines.append(text("part_time_hours", lang, status=code, level=f"TOPIK {topik}",
                              hours=result.weekday_hours))
            lines.append(text("part_time_weekends_unlimited" if result.weekends_unlimited
                              else "part_time_weekends_counted", lang))
        else:
            met = part_time_hours(rule, course, topik_level=needed)
            lines.append(text("part_time_hours", lang, status=code, level=f"TOPIK {needed}+", hours=met.weekday_hours))
            lines.append(text("part_time_hours_not_met", lang, needed=needed, hours=result.weekday_hours))
    banned = ", ".join(pick(b, lang) for b in rule.get("banned_sectors") or [])
    lines.append(f"{text('part_time_conditions', lang, max_workplaces=rule.get('max_workplaces', 2))} {banned}")
    for note in (rule.get("disputed") or [])[:1]:
        lines.append(f"⚠️ {text('label_disputed', lang)}: {pick(note, lang)}")
    lines.append(_rule_footer(rule, lang))
    return Reply("\n".join(line for line in lines if line))


def e9_side_job_reply(rule: dict, lang: str, counselling: Contact | None) -> Reply:
    lines = [text("e9_side_job_not_allowed", lang)]
    if counselling:
        lines.append(text("e9_side_job_change", lang, number=counselling.number))
    lines.append(_rule_footer(rule, lang))
    return Reply("\n".join(line for line in lines if line))


def ask_visa_status(lang: str, intent: str) -> Reply:
    buttons = [{"title": code, "payload": f'/{intent}{{"visa_status":"{code}"}}'}
               for code in ("D-2", "D-4", "E-9", "H-2", "F-6", "E-7")]
    return Reply(text("ask_visa_status", lang), buttons=buttons)


def reentry_reply(rule: dict, status: str, lang: str) -> Reply:
    """Whether a trip abroad needs a re-entry permit, by status (F-5: 2 years)."""
    exemption = rule.get("exemption") or {}
    code = main_code(status) or status
    months = (exemption.get("within_months_by_status") or {}).get(code, exemption.get("within_months", 12))
    multiple = rule.get("multiple_permit") or {}
    lines = [text("reentry_exempt", lang, status=code, months=months),
             text("reentry_longer_trip", lang, max_months=multiple.get("max_months", 24)),
             _rule_footer(rule, lang)]
    return Reply("\n".join(line for line in lines if line))
