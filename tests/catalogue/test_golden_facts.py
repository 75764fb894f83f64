"""The facts users ask most, pinned to the official page that states them.

An accidental edit of the real data (the D-2 bachelor hour limit from 25 to
30, a fee, a deadline, a phone line's languages) fails here, and so does
dropping the official page a fact rests on. Changing one of these on purpose
means changing this table in the same commit, with the source.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from catalogue.loader import read_catalogue
from catalogue.official import is_official
from catalogue.records import Catalogue

CATALOGUE = read_catalogue()
STUDY_IN_KOREA = "https://www.studyinkorea.go.kr/en/study/ForeignParttime.do"
HIKOREA_REENTRY = "http://www.hikorea.go.kr/pt/InfoDetailR_en.pt?catSeq=&categoryId=2&parentId=396&showMenuId=376"
HRD_EPS = "https://hrdkorea.or.kr/ENG/4/2"


def fee(service_id: str, index: int = 0) -> Callable[[Catalogue], Any]:
    return lambda c: c.service(service_id).fees[index].krw


def english(service_id: str, field: str) -> Callable[[Catalogue], Any]:
    return lambda c: (getattr(c.service(service_id), field) or {}).get("en", "")


def rule(name: str, *path: str) -> Callable[[Catalogue], Any]:
    def get(c: Catalogue) -> Any:
        value: Any = c.rules[name]
        for key in path:
            value = value[key]
        return value
    return get


def contact(catalogue: Catalogue, number: str):  # type: ignore[no-untyped-def]
    return next(c for c in catalogue.contacts if c.number == number)


def speaks(number: str, *languages: str) -> Callable[[Catalogue], bool]:
    return lambda c: set(languages) <= set(contact(c, number).languages)


def contact_sources(number: str) -> Callable[[Catalogue], tuple[str, ...]]:
    return lambda c: contact(c, number).sources


def service_sources(service_id: str) -> Callable[[Catalogue], tuple[str, ...]]:
    return lambda c: c.service(service_id).sources


def rule_sources(name: str) -> Callable[[Catalogue], tuple[str, ...]]:
    return lambda c: tuple(c.rules[name]["sources"])


# (what users ask, how to read it, expected value or substring, where it is officially stated)
GOLDEN: list[tuple[str, Callable[[Catalogue], Any], Any, Callable[[Catalogue], tuple[str, ...]]]] = [
    ("D-2 bachelor part-time hours, Korean met", rule("part_time_hours", "weekly_hours", "bachelor", "met"), 25,
     rule_sources("part_time_hours")),
    ("D-2 bachelor, certified school", rule("part_time_hours", "weekly_hours", "bachelor", "met_certified"), 30,
     rule_sources("part_time_hours")),
    ("D-2 bachelor, Korean not met", rule("part_time_hours", "weekly_hours", "bachelor", "not_met"), 10,
     rule_sources("part_time_hours")),
    ("graduate part-time hours", rule("part_time_hours", "weekly_hours", "graduate", "met"), 30,
     rule_sources("part_time_hours")),
    ("graduate, Korean not met", rule("part_time_hours", "weekly_hours", "graduate", "not_met"), 15,
     rule_sources("part_time_hours")),
    ("D-4-1 language course hours", rule("part_time_hours", "weekly_hours", "language_course", "met"), 20,
     rule_sources("part_time_hours")),
    ("TOPIK for a language course", rule("part_time_hours", "korean_requirement", "language_course", "topik"), 2,
     rule_sources("part_time_hours")),
    ("TOPIK for undergraduate years 1-2", rule("part_time_hours", "korean_requirement", "bachelor_1_2", "topik"), 3,
     rule_sources("part_time_hours")),
    ("TOPIK for graduate students", rule("part_time_hours", "korean_requirement", "graduate", "topik"), 4,
     rule_sources("part_time_hours")),
    ("part-time workplaces at most", rule("part_time_hours", "max_workplaces"), 2, rule_sources("part_time_hours")),
    ("who may work part-time", rule("part_time_hours", "applies_to"), ["D-2", "D-4-1"],
     rule_sources("part_time_hours")),
    ("re-entry exemption window", rule("reentry", "exemption", "within_months"), 12, rule_sources("reentry")),
    ("re-entry exemption for F-5", rule("reentry", "exemption", "within_months_by_status", "F-5"), 24,
     rule_sources("reentry")),
    ("single re-entry permit fee", fee("IMM-REENTRY"), 30000, service_sources("IMM-REENTRY")),
    ("multiple re-entry permit fee", fee("IMM-REENTRY-MULTI"), 50000, service_sources("IMM-REENTRY-MULTI")),
    ("E-9 side jobs", rule("e9_side_job", "side_jobs_allowed"), False, rule_sources("e9_side_job")),
    ("sincere worker re-entry wait (months)", rule("e9_side_job", "stay", "sincere_worker_return_months"), 3,
     service_sources("EMP-SINCERE")),
    ("extension fee in person", fee("IMM-EXT", 0), 60000, service_sources("IMM-EXT")),
    ("extension fee online", fee("IMM-EXT", 1), 48000, service_sources("IMM-EXT")),
    ("extension legal basis", lambda c: c.service("IMM-EXT").legal_basis, "제25조", service_sources("IMM-EXT")),
    ("alien registration deadline", english("IMM-REG", "deadline"), "90 days", service_sources("IMM-REG")),
    ("alien registration fee", fee("IMM-REG"), 35000, service_sources("IMM-REG")),
    ("alien registration legal basis", lambda c: c.service("IMM-REG").legal_basis, "제31조",
     service_sources("IMM-REG")),
    ("card reissue fee", fee("IMM-REISSUE"), 35000, service_sources("IMM-REISSUE")),
    ("change of status fee", fee("IMM-CHG"), 100000, service_sources("IMM-CHG")),
    ("F-5 change fee", fee("IMM-CHG-F5"), 200000, service_sources("IMM-CHG-F5")),
    ("certificate of registration facts online", fee("CERT-ARC", 0), 0, service_sources("CERT-ARC")),
    ("certificate of registration facts in person", fee("CERT-ARC", 1), 2000, service_sources("CERT-ARC")),
    ("E-9 workplace change permission fee", fee("IMM-WORK-E9"), 120000, service_sources("IMM-WORK-E9")),
    ("E-9 workplace change deadline", english("IMM-WORK-E9", "deadline"), "3 months",
     service_sources("IMM-WORK-E9")),
    ("birth report, Korean parent", english("FAM-BIRTH-KR", "deadline"), "1 month", service_sources("FAM-BIRTH-KR")),
    ("status for a baby of foreign parents", english("FAM-BIRTH-FOR", "deadline"), "90 days",
     service_sources("FAM-BIRTH-FOR")),
    ("grant of status deadline", english("IMM-GRANT", "deadline"), "90 days", service_sources("IMM-GRANT")),
    ("F-6 extension fee", fee("IMM-EXT-F6"), 30000, service_sources("IMM-EXT-F6")),
    ("wage complaint handling time", english("EMP-WAGE", "processing_time"), "25 days", service_sources("EMP-WAGE")),
    ("parent benefit application window", english("FAM-PARENTBEN", "deadline"), "60 days",
     service_sources("FAM-PARENTBEN")),
    ("part-time permission fee", fee("IMM-PTJOB"), 0, service_sources("IMM-PTJOB")),
    ("address change legal basis", lambda c: c.service("IMM-ADDR").legal_basis, "제36조", service_sources("IMM-ADDR")),
    ("part-time permission is for D-4-1, not every D-4", lambda c: c.service("IMM-PTJOB").visa_statuses,
     ("D-2", "D-4-1"), service_sources("IMM-PTJOB")),
    ("1345 speaks Vietnamese and Nepali", speaks("1345", "vi", "ne"), True, contact_sources("1345")),
    ("1577-0071 speaks Vietnamese, Uzbek, Khmer", speaks("1577-0071", "vi", "uz", "km"), True,
     contact_sources("1577-0071")),
    ("NHIS 1577-1000 speaks Vietnamese and Uzbek", speaks("1577-1000", "vi", "uz"), True,
     contact_sources("1577-1000")),
    ("Danuri 1577-1366 answers 24 hours", lambda c: contact(c, "1577-1366").hours[0].close, "24:00",
     contact_sources("1577-1366")),
]

@pytest.mark.parametrize("question,read,expected,sources", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_fact(question: str, read: Callable[[Catalogue], Any], expected: Any,
                     sources: Callable[[Catalogue], tuple[str, ...]]) -> None:
    value = read(CATALOGUE)
    if isinstance(expected, str) and isinstance(value, str):
        assert expected in value, f"{question}: {value!r}"
    else:
        assert value == expected, f"{question}: {value!r}"
    shown = sources(CATALOGUE)
    assert shown and is_official(shown[0]), f"{question}: no official page states it ({shown})"


def test_there_are_forty_golden_facts() -> None:
    assert len(GOLDEN) >= 40


def test_an_edited_hour_limit_fails_the_golden_table() -> None:
    edited = read_catalogue()
    edited.rules["part_time_hours"]["weekly_hours"]["bachelor"]["met"] = 30
    assert GOLDEN[0][1](edited) != GOLDEN[0][2]
