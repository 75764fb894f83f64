"""Who a service is for, with reasons, and the rules that depend on status.

Rules are data (``catalogue/data/rules/*.yml``); this module only reads
them, so a changed hour limit is a reviewed YAML edit, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalogue.records import Service, VisaStatus


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
    if code in service.visa_statuses or visa_status.upper() in service.visa_statuses:
        return Eligibility(True, (f"status_listed:{code}",))
    return Eligibility(False, (f"status_not_listed:{code}",))


def work_permission(status: VisaStatus | None) -> str:
    """'yes', 'no' or 'with_permission' for a status record; unknown -> 'with_permission'."""
    return status.work if status else "with_permission"


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


def course_for_status(visa_status: str | None) -> str | None:
    """A best guess at the course from the status: D-4 is a language course."""
    code = main_code(visa_status)
    return "language_course" if code == "D-4" else None


def part_time_hours(
    rule: dict[str, Any],
    course: str,
    *,
    topik_level: int | None = None,
    kiip_level: int | None = None,
    certified_school: bool = False,
) -> PartTimeHours:
    """Weekly part-time hours for a student from the catalogue's hour table."""
    if course not in _COURSE_ROWS:
        raise ValueError(f"unknown course {course!r}; expected one of {sorted(_COURSE_ROWS)}")
    row_name, requirement_name = _COURSE_ROWS[course]
    requirement = (rule.get("korean_requirement") or {}).get(requirement_name) or {}
    row = (rule.get("weekly_hours") or {})[row_name]
    met_by = []
    if topik_level is not None and requirement.get("topik") is not None and topik_level >= requirement["topik"]:
        met_by.append(f"topik_{topik_level}>={requirement['topik']}")
    if kiip_level is not None and requirement.get("kiip") is not None and kiip_level >= requirement["kiip"]:
        met_by.append(f"kiip_{kiip_level}>={requirement['kiip']}")
    met = bool(met_by)
    if met:
        hours = row["met_certified"] if certified_school and "met_certified" in row else row["met"]
    else:
        hours = row["not_met"]
    reasons = tuple(met_by) if met else (f"korean_requirement_not_met:topik>={requirement.get('topik')}",)
    return PartTimeHours(int(hours), bool(row.get("weekends_unlimited")) and met, met, course, certified_school,
                         reasons)
