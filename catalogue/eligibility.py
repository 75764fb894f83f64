"""Who a service is for, with reasons, and the rules that depend on status.

Rules are data (``catalogue/data/rules/*.yml``); this module only reads
them, so a changed hour limit is a reviewed YAML edit, not a code change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from catalogue.records import Service


@dataclass(frozen=True)
class Eligibility:
    eligible: bool | None  # None: we cannot tell without the visa status
    reasons: tuple[str, ...] = field(default_factory=tuple)  # machine-readable reason codes


def main_code(status: str | None) -> str | None:
    if not status:
        return None
    parts = status.upper().split("-")
    return "-".join(parts[:2]) if len(parts) >= 2 else status.upper()


def eligible(service: Service, visa_status: str | None, rules: dict[str, dict[str, Any]] | None = None) -> Eligibility:
    """Whether a holder of ``visa_status`` can use ``service``, and why."""
    if not service.visa_statuses:
        return Eligibility(True, ("open_to_everyone",))
    if not visa_status:
        return Eligibility(None, ("status_needed",))
    code = main_code(visa_status)
    rules = rules or {}
    for rule in rules.values():
        excluded = rule.get("excluded_substatuses") or []
        # Only rules that name the service can exclude a sub-status from it.
        if service.id in (rule.get("services") or []) and visa_status.upper() in excluded:
            return Eligibility(False, (f"substatus_excluded:{visa_status.upper()}",))
    verdict = status_in(visa_status, service.visa_statuses)
    if verdict:
        return Eligibility(True, (f"status_listed:{code}",))
    listed_subs = _listed_subs(code, service.visa_statuses)
    if verdict is None:
        # The service is for sub-statuses only (D-4-1 of D-4): a bare "D-4" cannot tell.
        return Eligibility(None, tuple(f"substatus_needed:{s}" for s in listed_subs))
    return Eligibility(False, (f"status_not_listed:{visa_status.upper() if listed_subs else code}",))


def _listed_subs(code: str | None, listed: list[str] | tuple[str, ...]) -> list[str]:
    """The sub-statuses of ``code`` a list names (D-4-1 for D-4)."""
    return [s for s in listed if main_code(s) == code and s != code]


def status_in(visa_status: str | None, listed: list[str] | tuple[str, ...]) -> bool | None:
    """Whether a status is in a list that may name sub-statuses (D-4-1): None when only the sub-code can tell."""
    if not visa_status:
        return None
    status, code = visa_status.upper(), main_code(visa_status)
    if status in listed or code in listed:
        return True
    return None if _listed_subs(code, listed) and status == code else False


@dataclass(frozen=True)
class PartTimeHours:
    weekday_hours: int
    weekends_unlimited: bool
    korean_level_met: bool
    course: str
    certified_school: bool
    reasons: tuple[str, ...]


# Which row of the hours table a course falls in, and which Korean
# requirement applies to it.
_COURSE_ROWS = {
    "language_course": ("language_course", "language_course"),
    "bachelor_1_2": ("bachelor", "bachelor_1_2"),
    "bachelor_3_4": ("bachelor", "bachelor_3_4"),
    "associate": ("bachelor", "bachelor_1_2"),
    "graduate": ("graduate", "graduate"),
}


@dataclass(frozen=True)
class KoreanProof:
    """What a student can show for their language level; any one that meets the rule counts."""

    topik: int | None = None
    kiip: int | None = None
    kiip_pretest: int | None = None
    sejong: str | None = None  # a level named in the rule's ``sejong_levels``, e.g. "intermediate_1"
    english: dict[str, float] = field(default_factory=dict)  # e.g. {"toefl_ibt": 80} for English-track students


def _met_by(rule: dict[str, Any], requirement: dict[str, Any], proof: KoreanProof) -> list[str]:
    """Every proof the rule's requirement reads, each compared with its own threshold."""
    met = []
    for key in ("topik", "kiip", "kiip_pretest"):
        have, need = getattr(proof, key), requirement.get(key)
        if have is not None and need is not None and have >= need:
            met.append(f"{key}_{have}>={need}")
    levels = list(rule.get("sejong_levels") or [])
    need_sejong = requirement.get("sejong")
    if proof.sejong in levels and need_sejong in levels and levels.index(proof.sejong) >= levels.index(need_sejong):
        met.append(f"sejong_{proof.sejong}>={need_sejong}")
    if requirement.get("english_track"):
        for test, need in (rule.get("english_track_alternatives") or {}).items():
            if test in proof.english and proof.english[test] >= need:
                met.append(f"{test}_{proof.english[test]}>={need}")
    return met


def part_time_hours(
    rule: dict[str, Any],
    course: str,
    *,
    topik_level: int | None = None,
    kiip_level: int | None = None,
    proof: KoreanProof | None = None,
    certified_school: bool = False,
) -> PartTimeHours:
    """Weekly part-time hours for a student from the catalogue's hour table."""
    if course not in _COURSE_ROWS:
        raise ValueError(f"unknown course {course!r}; expected one of {sorted(_COURSE_ROWS)}")
    row_name, requirement_name = _COURSE_ROWS[course]
    requirement = (rule.get("korean_requirement") or {}).get(requirement_name) or {}
    row = (rule.get("weekly_hours") or {})[row_name]
    proof = proof or KoreanProof()
    if topik_level is not None:
        proof = dataclasses.replace(proof, topik=topik_level)
    if kiip_level is not None:
        proof = dataclasses.replace(proof, kiip=kiip_level)
    met_by = _met_by(rule, requirement, proof)
    met = bool(met_by)
    if met:
        hours = row["met_certified"] if certified_school and "met_certified" in row else row["met"]
    else:
        hours = row["not_met"]
    reasons = tuple(met_by) if met else (f"korean_requirement_not_met:topik>={requirement.get('topik')}",)
    return PartTimeHours(int(hours), bool(row.get("weekends_unlimited")) and met, met, course, certified_school,
                         reasons)
