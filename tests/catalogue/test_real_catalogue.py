"""The shipped catalogue: the portal's shape, complete translations, valid links."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter

import pytest

from bot.core.intents import ESSENTIAL, TAILORED
from catalogue.checks import run_checks
from catalogue.loader import read_catalogue
from catalogue.service_catalogue import ServiceCatalogue
from tests.conftest import ROOT

records = read_catalogue()


def test_portal_shape_100_47_20_53() -> None:
    kinds = Counter(s.kind for s in records.services)
    assert len(records.services) == 100
    assert kinds == {"essential": 47, "tailored": 53}
    # The portal counts 20 essential services as doable from home. The 2026-12 audit found two more
    # that HiKorea accepts online (E-9 workplace change, re-employment), and the nationality-acquisition
    # certificate (Government24) replaced an information page that was not a service: the catalogue
    # says what is true rather than keep the portal's count.
    online = {s.id for s in records.services if s.kind == "essential" and s.online}
    assert len(online - ONLINE_SINCE_THE_PORTAL_COUNT) == 20
    assert ONLINE_SINCE_THE_PORTAL_COUNT <= online


ONLINE_SINCE_THE_PORTAL_COUNT = {"IMM-WORK-E9", "EMP-REHIRE", "NAT-ACQCERT"}


# The release this data was reviewed for; the check itself uses today's date. A fixed date keeps
# the test about the data, not about when it runs (stale entries are found by `catalogue check`).
REVIEWED_ON = dt.date(2026, 12, 6)


def test_no_translation_or_detail_gaps_stale_entries_or_bad_urls() -> None:
    report = run_checks(records, today=REVIEWED_ON)
    assert report.translation_gaps == []
    assert report.detail_gaps == []
    assert report.orphan_translations == ()
    assert report.stale == []
    assert report.bad_urls == []
    assert report.ok


def test_stale_entries_are_found_relative_to_the_date_given() -> None:
    later = REVIEWED_ON + dt.timedelta(days=400)
    assert len(run_checks(records, today=later).stale) == len(records.services)


def test_every_service_intent_has_a_service() -> None:
    covered = {i for s in records.services for i in s.intents}
    assert set(ESSENTIAL + TAILORED + ("contact_info", "emergency")) <= covered


def test_every_document_issuer_exists() -> None:
    ids = {s.id for s in records.services}
    assert all(d.service in ids for d in records.documents)


@pytest.mark.parametrize("query, lang, expected", [
    ("gia hạn thời gian lưu trú", "vi", "IMM-EXT"),
    ("외국인등록증 재발급", "ko", "IMM-REISSUE"),
    ("part-time work permission students", "en", "IMM-PTJOB"),
    ("国民年金 退还", "zh", "EMP-NPS"),
    ("потерял ID-карту", "ru", "IMM-REISSUE"),
    ("ID kartani yoʻqotdim", "uz", "IMM-REISSUE"),
    ("oegugin deungnok sasil jeungmyeong", "en", "CERT-ARC"),
    ("Global Korea Scholarship", "en", "STU-GKS"),
    ("แจ้งค่าจ้างค้างจ่าย", "th", "EMP-WAGE"),
    ("хүүхдийн мөнгө", "mn", "FAM-CHILDBEN"),
])
def test_search_across_languages(query: str, lang: str, expected: str) -> None:
    ids = [r.service.id for r in ServiceCatalogue(records).search(query, lang, limit=3)]
    assert expected in ids, ids


def test_cli_export_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"IEUM_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "catalogue", "load"], cwd=ROOT, env=env, check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-m", "catalogue", "export", "--format", "json"], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True).stdout
    services = json.loads(out)
    assert len(services) == 100
    required = {"id", "kind", "group", "online", "title", "summary", "url", "sources", "checked_on", "visa_statuses"}
    assert all(required <= set(s) for s in services)
    assert all(len(s["title"]) >= 12 and len(s["summary"]) >= 12 for s in services)
    shown = subprocess.run([sys.executable, "-m", "catalogue", "show", "IMM-EXT", "--lang", "th"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert shown.returncode == 0 and "checked on" in shown.stdout
    missing = subprocess.run([sys.executable, "-m", "catalogue", "show", "IMM-NOPE"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "no service with id" in missing.stderr
    purged = subprocess.run([sys.executable, "-m", "catalogue", "purge"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    assert purged.returncode == 0 and "deleted 0 document request(s) older than 90 days" in purged.stdout
