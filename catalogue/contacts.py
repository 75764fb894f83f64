"""Phone lines: who answers in which language, and when (Korea time).

A line's hours can differ by language (1345 answers in 20 languages until
18:00 and only in Korean, English and Chinese until 22:00), so every
question here is asked for one language.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.core.languages import ALL
from bot.core.settings import settings
from catalogue.records import DAYS, Contact, HoursWindow

KOREA = ZoneInfo("Asia/Seoul")
# Phone numbers as people type them: "1345", "1577-1366", "1577 0071", "15771366".
_NUMBER = re.compile(r"(?<!\d)\d{3,4}(?:[ -]?\d{4})?(?!\d)")


def numbers_in(text: str) -> set[str]:
    """The phone numbers in ``text``, digits only."""
    return {re.sub(r"\D", "", m) for m in _NUMBER.findall(text or "")}


def serves(contact: Contact, lang: str) -> bool:
    return lang in contact.languages


def windows_for(contact: Contact, lang: str) -> list[HoursWindow]:
    """The hours windows in which ``contact`` answers in ``lang``."""
    if not serves(contact, lang):
        return []
    return [w for w in contact.hours if w.languages is None or lang in w.languages]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def is_open(contact: Contact, lang: str, now: dt.datetime) -> bool | None:
    """True/False, or None when the line's hours are not known."""
    if not contact.hours:
        return None
    local = now.astimezone(KOREA)
    day, minute = DAYS[local.weekday()], local.hour * 60 + local.minute
    return any(day in w.days and _minutes(w.open) <= minute < _minutes(w.close) for w in windows_for(contact, lang))


def next_opening(contact: Contact, lang: str, now: dt.datetime) -> dt.datetime | None:
    """When the line next answers in ``lang`` (Korea time), within a week."""
    windows = windows_for(contact, lang)
    if not windows:
        return None
    local = now.astimezone(KOREA).replace(second=0, microsecond=0)
    for offset in range(0, 8):
        day = local.date() + dt.timedelta(days=offset)
        starts = sorted(_minutes(w.open) for w in windows if DAYS[day.weekday()] in w.days)
        for start in starts:
            candidate = dt.datetime.combine(day, dt.time(start // 60, start % 60), tzinfo=KOREA)
            if candidate > local:
                return candidate
    return None


def lines_for(contacts: tuple[Contact, ...] | list[Contact], lang: str, now: dt.datetime,
              topics: tuple[str, ...] = ()) -> list[Contact]:
    """Lines that answer in ``lang``: on-topic first, then open now, then 24-hour ones."""
    candidates = [c for c in contacts if serves(c, lang) and c.id not in ("CON-112", "CON-119")]

    def rank(contact: Contact) -> tuple[int, int, str]:
        on_topic = 0 if topics and set(topics) & set(contact.topics) else 1
        open_now = 0 if is_open(contact, lang, now) else 1
        return on_topic, open_now, contact.id

    return sorted(candidates, key=rank)


# The line that interprets into other public offices' calls nationwide
# (1345's three-way interpreting serves about 19 public bodies).
INTERPRETING_LINE = "CON-1345"


def lines_on_topic(contacts: tuple[Contact, ...] | list[Contact], lang: str, now: dt.datetime,
                   topics: tuple[str, ...]) -> list[Contact]:
    """Lines for the topic, never an unrelated one (no tourist line for a wage question).

    Those that speak ``lang`` come first (open now first); when none on the
    topic does, the on-topic lines follow the interpreting line that speaks
    ``lang`` (1345), which interprets for public offices.
    """
    on_topic = [c for c in contacts if set(topics) & set(c.topics) and c.id not in ("CON-112", "CON-119")]
    in_language = [c for c in on_topic if serves(c, lang)]
    open_first = lambda c: (0 if is_open(c, lang, now) else 1, c.id)  # noqa: E731
    if in_language:
        return sorted(in_language, key=open_first)
    interpreter = [c for c in contacts if c.id == INTERPRETING_LINE and serves(c, lang) and c not in on_topic]
    return interpreter + sorted(on_topic, key=lambda c: c.id)


def general_lines(contacts: tuple[Contact, ...] | list[Contact], lang: str, now: dt.datetime) -> list[Contact]:
    """Every line that speaks ``lang`` for a question without a topic, but never the tourist line.

    The travel line speaks many languages and was offered for wages and emergencies; it is
    offered only when the question is about travel (the resolver names it then).
    """
    return [c for c in lines_for(contacts, lang, now) if "travel" not in c.topics]


# When the counsellors answer (Korea time), e.g. "mon-fri 09:00-18:00" or "mon-sun 00:00-24:00".
DEFAULT_TEAM_HOURS = "mon-fri 09:00-18:00"


def team_line(spec: str | None = None) -> Contact:
    """The counsellor team as a 'line' with hours, so the phone-line hour logic answers 'open now?'.

    ``spec`` (default: the IEUM_TEAM_HOURS setting) is "<day>-<day> HH:MM-HH:MM"; a malformed
    value falls back to the default rather than promising hours nobody works.
    """
    spec = spec or settings().team_hours or DEFAULT_TEAM_HOURS
    match = re.fullmatch(r"\s*(\w{3})-(\w{3})\s+(\d\d:\d\d)-(\d\d:\d\d)\s*", spec.lower())
    if not match or match.group(1) not in DAYS or match.group(2) not in DAYS:
        return team_line(DEFAULT_TEAM_HOURS)
    first, last = DAYS.index(match.group(1)), DAYS.index(match.group(2))
    days = tuple(DAYS[first:last + 1])
    # The team answers in the conversation's language (with the console's translation aids).
    return Contact(id="TEAM", number="", name={"en": "Ieum counsellors"}, languages=ALL,
                   hours=(HoursWindow(days, match.group(3), match.group(4)),))
