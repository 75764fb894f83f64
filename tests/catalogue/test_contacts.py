"""Phone lines chosen by topic and language: never an unrelated line."""

from __future__ import annotations

import datetime as dt

from catalogue.contacts import lines_on_topic
from catalogue.loader import read_catalogue

CONTACTS = read_catalogue().contacts
KOREA = dt.timezone(dt.timedelta(hours=9))
TUESDAY_NOON = dt.datetime(2026, 12, 8, 12, 0, tzinfo=KOREA)


def ids(lines) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.id for c in lines]


def test_a_wage_question_never_gets_the_tourist_line() -> None:
    for lang in ("vi", "ne", "uz", "km", "en", "th"):
        assert "CON-1330" not in ids(lines_on_topic(CONTACTS, lang, TUESDAY_NOON, ("labour", "wages"))), lang


def test_lines_that_speak_the_language_come_first() -> None:
    lines = lines_on_topic(CONTACTS, "km", TUESDAY_NOON, ("labour", "wages"))
    assert lines and "km" in lines[0].languages


def test_when_no_line_on_the_topic_speaks_the_language_the_interpreting_line_leads() -> None:
    # Health insurance lines speak Korean only in the data; 1345 interprets for public offices.
    lines = lines_on_topic(CONTACTS, "ne", TUESDAY_NOON, ("health_insurance",))
    assert ids(lines)[0] == "CON-1345"
    assert "CON-1577-1000" in ids(lines)


def test_no_topic_gives_only_the_general_line_with_interpreting() -> None:
    assert ids(lines_on_topic(CONTACTS, "en", TUESDAY_NOON, ())) == ["CON-1345"]
