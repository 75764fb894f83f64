"""Content checks a reviewer runs before release (``python -m catalogue check``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from catalogue.languages import TIER1
from catalogue.records import Catalogue, translation_gaps

STALE_AFTER_DAYS = 180
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s]*)?$")


@dataclass(frozen=True)
class CheckReport:
    translation_gaps: list[tuple[str, str, str]]
    stale: list[tuple[str, dt.date]]
    bad_urls: list[tuple[str, str]]
    disputed: list[str]

    @property
    def ok(self) -> bool:
        return not (self.translation_gaps or self.stale or self.bad_urls)


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
    return CheckReport(translation_gaps(catalogue, TIER1), stale, bad, disputed)
