"""The answer benchmark's scoring and data loading (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_answers import Case, evaluate, load_cases
from catalogue.loader import read_catalogue

SERVICE_IDS = {s.id for s in read_catalogue().services}


def test_the_shipped_sets_have_40_questions_per_language_and_known_ids() -> None:
    for split in ("dev", "test"):
        cases = load_cases(split)
        assert cases
        unknown = {i for c in cases for i in c.expected} - SERVICE_IDS
        assert unknown == set(), split
        assert {c.kind for c in cases} <= {"single", "broad"}
    both = load_cases("dev") + load_cases("test")
    per_lang: dict[str, int] = {}
    for case in both:
        per_lang[case.lang] = per_lang.get(case.lang, 0) + 1
    assert len(per_lang) == 12 and min(per_lang.values()) >= 40
    # The test split is held out: no question is in both.
    assert not {c.text for c in load_cases("dev")} & {c.text for c in load_cases("test")}


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "en.tsv").write_text("en\tok\tIMM-EXT\tsingle\nen\tbroken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match="en.tsv:2"):
        load_cases("dev", tmp_path)


def test_scoring_counts_the_first_named_service_top3_and_menus() -> None:
    cases = [Case("en", "a", ("IMM-EXT",), "single"), Case("en", "b", ("IMM-REG",), "single"),
             Case("vi", "c", ("FAM-CHILDBEN", "FAM-PARENTBEN"), "broad")]
    answers = {"a": ("IMM-EXT", ["IMM-EXT"], "card"), "b": ("IMM-REISSUE", ["IMM-REISSUE", "IMM-REG"], "card"),
               "c": ("FAM-PARENTBEN", ["FAM-PARENTBEN", "FAM-CHILDBEN"], "menu")}
    result = evaluate(cases, {c.text: {} for c in cases}, lambda case, parsed: answers[case.text])
    assert result["first"] == pytest.approx(2 / 3)
    assert result["top3"] == 1.0
    assert result["menu_rate"] == pytest.approx(1 / 3)
    assert result["broad_menu_rate"] == 1.0
    assert result["per_language"]["en"]["first"] == 0.5
    assert [m["text"] for m in result["misses"]] == ["b"]
