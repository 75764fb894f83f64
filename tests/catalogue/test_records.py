"""Validation: a bad entry stops the load and says file, record and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from catalogue.checks import run_checks
from catalogue.loader import read_catalogue
from catalogue.records import CatalogueError, detail_gaps
from tests.conftest import FIXTURE_CATALOGUE


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_CATALOGUE, target)
    (target / "i18n").mkdir(exist_ok=True)  # git keeps no empty folders
    return target


def _edit_first_service(data_dir: Path, **changes: object) -> None:
    path = data_dir / "services" / "stay.yml"
    content = yaml.safe_load(path.read_text())
    content["services"][0].update(changes)
    path.write_text(yaml.safe_dump(content, allow_unicode=True))


def test_fixture_loads(data_dir: Path) -> None:
    catalogue = read_catalogue(data_dir)
    assert [s.id for s in catalogue.services] == ["IMM-EXT", "IMM-PTJOB", "CERT-ARC"]
    assert catalogue.service("IMM-EXT").fees[1].krw == 48000


@pytest.mark.parametrize("field, value, expected", [
    ("kind", "optional", "field 'kind'"),
    ("url", "hikorea.go.kr", "field 'url'"),
    ("visa_statuses", ["D2"], "field 'visa_statuses'"),
    ("checked_on", "yesterday", "field 'checked_on'"),
    ("intents", ["renew_visa"], "field 'intents'"),
    ("title", {"ko": "체류기간 연장허가"}, "missing text in ['en']"),
    ("sources", [], "field 'sources'"),
    ("colour", "blue", "unknown field"),
    ("place", "post_office", "field 'place'"),
])
def test_bad_entry_names_file_service_and_field(data_dir: Path, field: str, value: object, expected: str) -> None:
    _edit_first_service(data_dir, **{field: value})
    with pytest.raises(CatalogueError) as error:
        read_catalogue(data_dir)
    message = str(error.value)
    assert "services/stay.yml" in message and "IMM-EXT" in message and expected in message


def test_duplicate_ids_are_rejected(data_dir: Path) -> None:
    _edit_first_service(data_dir, id="CERT-ARC")
    with pytest.raises(CatalogueError, match="duplicate id"):
        read_catalogue(data_dir)


def test_broken_yaml_names_the_file(data_dir: Path) -> None:
    (data_dir / "services" / "broken.yml").write_text("services:\n  - id: [unclosed\n")
    with pytest.raises(CatalogueError, match="broken.yml: not valid YAML"):
        read_catalogue(data_dir)


def test_translation_for_unknown_service_is_reported_by_check(data_dir: Path) -> None:
    (data_dir / "i18n" / "th.yml").write_text("IMM-NOPE: {title: x, summary: y}\n")
    report = run_checks(read_catalogue(data_dir))
    assert report.orphan_translations == ("IMM-NOPE",) and not report.ok


def test_translated_steps_merge_by_position_and_a_stale_list_falls_back(data_dir: Path) -> None:
    service = read_catalogue(data_dir).service("IMM-EXT")
    steps = [f"ขั้นที่ {i}" for i in range(len(service.steps))]
    (data_dir / "i18n" / "th.yml").write_text(
        yaml.safe_dump({"IMM-EXT": {"steps": steps, "documents": ["x"] * (len(service.documents) + 1)}},
                       allow_unicode=True), encoding="utf-8")
    merged = read_catalogue(data_dir).service("IMM-EXT")
    assert [s["th"] for s in merged.steps] == steps
    assert all("th" not in d for d in merged.documents)  # wrong length: left out, reported as a gap
    assert ("IMM-EXT", "documents[0]", "th") in detail_gaps(read_catalogue(data_dir), ["th"])


def test_translations_merge_into_services(data_dir: Path) -> None:
    (data_dir / "i18n" / "th.yml").write_text("IMM-EXT: {title: การขยายระยะเวลาพำนัก, summary: ยื่นขอขยายเวลา}\n",
                                              encoding="utf-8")
    assert read_catalogue(data_dir).service("IMM-EXT").title["th"] == "การขยายระยะเวลาพำนัก"


def test_line_topics_must_be_a_list_of_words(data_dir: Path) -> None:
    path = next((data_dir / "services").glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  intents:", "  line_topics: tax\n  intents:", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="line_topics"):
        read_catalogue(data_dir)
