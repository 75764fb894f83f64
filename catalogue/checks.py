"""Content checks a reviewer runs before release (``python -m catalogue check``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.core.languages import TIER1
from catalogue.official import is_home_page, is_official
from catalogue.records import Catalogue, detail_gaps, translation_gaps

STALE_AFTER_DAYS = 180
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s]*)?$")


@dataclass(frozen=True)
class CheckReport:
    translation_gaps: list[tuple[str, str, str]]
    stale: list[tuple[str, dt.date]]
    bad_urls: list[tuple[str, str]]
    disputed: list[str]
    # Services whose first (user-shown) source is not a public body's page and that are not marked unverified.
    unofficial: list[str] = field(default_factory=list)
    # Non-contact services whose link is a site's home page, with no navigation path to the service.
    home_page_links: list[str] = field(default_factory=list)
    # Source URLs cited by services of different groups (often copied by mistake).
    shared_sources: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # Steps, documents, fee labels and notes a tier-1 language lacks.
    detail_gaps: list[tuple[str, str, str]] = field(default_factory=list)
    # Sources shown to users that are not official pages (only official pages may be shown).
    shown_unofficial: list[tuple[str, str]] = field(default_factory=list)

    # Service ids translated in i18n files that no service file defines.
    orphan_translations: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.translation_gaps or self.stale or self.bad_urls or self.unofficial
                    or self.shown_unofficial or self.orphan_translations)


def run_checks(catalogue: Catalogue, today: dt.date | None = None) -> CheckReport:
    today = today or dt.date.today()
    stale = [(s.id, s.checked_on) for s in catalogue.services
             if (today - s.checked_on).days > STALE_AFTER_DAYS]
    urls: list[tuple[str, str]] = []
    for s in catalogue.services:
        urls.extend((s.id, u) for u in (s.url, *s.sources) if u)
    for c in catalogue.contacts:
        urls.extend((c.id, u) for u in c.sources)
    for o in catalogue.offices:
        urls.extend((o.id, u) for u in (o.url or "", *o.sources) if u)
    bad = [(owner, url) for owner, url in urls if not _URL.match(url)]
    disputed = [s.id for s in catalogue.services if s.disputed]
    return CheckReport(translation_gaps(catalogue, TIER1), stale, bad, disputed,
                       unofficial=[s.id for s in catalogue.services
                                   if not s.unverified and not (s.sources and is_official(s.sources[0]))]
                       + [f"rule:{name}" for name, rule in catalogue.rules.items()
                          if not (rule.get("sources") and is_official(rule["sources"][0]))],
                       home_page_links=[s.id for s in catalogue.services
                                        if s.group != "contact" and s.url and is_home_page(s.url)
                                        and not s.navigation],
                       shared_sources=_shared_sources(catalogue),
                       detail_gaps=detail_gaps(catalogue, TIER1),
                       shown_unofficial=[(s.id, u) for s in catalogue.services for u in s.sources
                                         if not is_official(u)],
                       orphan_translations=catalogue.orphan_translations)


def _shared_sources(catalogue: Catalogue) -> list[tuple[str, tuple[str, ...]]]:
    cited: dict[str, list[tuple[str, str]]] = {}
    for s in catalogue.services:
        for url in s.sources:
            cited.setdefault(url, []).append((s.id, s.group))
    return sorted((url, tuple(sid for sid, _ in users)) for url, users in cited.items()
                  if len({group for _, group in users}) > 1 and not is_home_page(url))


@dataclass(frozen=True)
class OfficeCoverage:
    """How much of the office directory a user can be sent to, per kind of office."""

    kind: str
    offices: int
    with_areas: int
    with_address: int
    with_own_phone: int  # a number other than the national 1345
    with_hours: int


def office_coverage(catalogue: Catalogue) -> list[OfficeCoverage]:
    kinds = sorted({o.kind for o in catalogue.offices if o.kind})
    return [OfficeCoverage(kind, len(of_kind := [o for o in catalogue.offices if o.kind == kind]),
                           sum(1 for o in of_kind if o.areas), sum(1 for o in of_kind if o.address),
                           sum(1 for o in of_kind if o.phone and o.phone != "1345"),
                           sum(1 for o in of_kind if o.hours))
            for kind in kinds]

