"""Typical questions: every service has them in every tier-1 language, and bad files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.languages import TIER1
from catalogue.loader import read_catalogue
from catalogue.questions import counts, read_questions
from catalogue.records import CatalogueError

SERVICE_IDS = {s.id for s in read_catalogue().services}
MIN_PER_LANGUAGE = 5


def test_every_service_has_five_typical_questions_in_every_tier1_language() -> None:
    found = counts(read_questions(service_ids=SERVICE_IDS))
    gaps = [(sid, lang, found.get((sid, lang), 0)) for sid in sorted(SERVICE_IDS) for lang in TIER1
            if found.get((sid, lang), 0) < MIN_PER_LANGUAGE]
    assert gaps == []


def test_typical_questions_are_not_copied_between_services() -> None:
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for question in read_questions(service_ids=SERVICE_IDS):
        key = (question.lang, question.text.lower())
        if key in seen and seen[key] != question.service_id:
            clashes.append((question.text, seen[key], question.service_id))
        seen[key] = question.service_id
    assert clashes == []


def test_an_unknown_service_id_or_a_wrong_language_is_refused(tmp_path: Path) -> None:
    (tmp_path / "vi.yml").write_text('language: vi\nquestions:\n  NOT-A-SERVICE:\n  - "xin chao"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown service id"):
        read_questions(tmp_path, SERVICE_IDS)
    (tmp_path / "vi.yml").write_text('language: th\nquestions: {}\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="language"):
        read_questions(tmp_path, SERVICE_IDS)


def test_whitespace_is_folded_and_empty_questions_refused(tmp_path: Path) -> None:
    (tmp_path / "en.yml").write_text('language: en\nquestions:\n  IMM-EXT:\n  - "extend   my\\n visa"\n',
                                     encoding="utf-8")
    (question,) = read_questions(tmp_path, SERVICE_IDS)
    assert question.text == "extend my visa"
    (tmp_path / "en.yml").write_text('language: en\nquestions:\n  IMM-EXT:\n  - "  "\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="empty"):
        read_questions(tmp_path, SERVICE_IDS)
