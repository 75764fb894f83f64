from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.folding import fold_compact
from catalogue.loader import read_catalogue
from catalogue.romanise import romanise
from catalogue.service_catalogue import ServiceCatalogue, escape_like
from tests.conftest import FIXTURE_CATALOGUE

catalogue = ServiceCatalogue(read_catalogue(FIXTURE_CATALOGUE))


@pytest.mark.parametrize("query, lang, expected", [
    ("gia hạn visa", "vi", "IMM-EXT"),
    ("gia han thoi gian luu tru", "vi", "IMM-EXT"),  # no diacritics
    ("체류 기간 연장", "ko", "IMM-EXT"),  # spacing differs
    ("연장", "ko", "IMM-EXT"),  # partial word
    ("oegugin deungnok sasil jeungmyeong", "en", "CERT-ARC"),  # romanised Korean
    ("Tôi cần 외국인등록사실증명", "vi", "CERT-ARC"),  # Korean term inside Vietnamese
    ("part time work", "en", "IMM-PTJOB"),
])
def test_finds_the_right_service(query: str, lang: str, expected: str) -> None:
    results = catalogue.search(query, lang)
    assert results and results[0].service.id == expected


def test_titles_come_in_the_requested_language() -> None:
    (result, *_) = catalogue.search("gia hạn", "vi")
    assert result.title == "Gia hạn thời gian lưu trú"


def test_eligibility_filter_and_reasons() -> None:
    assert catalogue.search("part time work", "en", visa_status="E-9") == []
    (result,) = catalogue.search("part time work", "en", visa_status="D-4", limit=1)
    assert result.eligibility.eligible is True


def test_online_only() -> None:
    assert all(r.service.online for r in catalogue.search("visa", "en", online_only=True))


def test_romanisation() -> None:
    assert romanise("외국인등록증") == "oegugindeungnokjeung"


def test_fold_removes_latin_diacritics_but_keeps_thai() -> None:
    assert fold_compact("Gia Hạn  Visa!") == "giahanvisa"
    assert fold_compact("ต่อวีซ่า") == "ต่อวีซ่า"


def test_like_escape() -> None:
    assert escape_like("50%_off\\") == "50\\%\\_off\\\\"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_safe(query: str) -> None:
    results = catalogue.search(query, "en")
    ids = {s.id for s in catalogue.records.services}
    assert {r.service.id for r in results} <= ids


def test_for_intent_prefers_services_the_user_can_use() -> None:
    assert [s.id for s in catalogue.for_intent("part_time_work", "E-9")] == ["IMM-PTJOB"]
    assert catalogue.for_intent("extend_stay", None, "gia hạn visa")[0].id == "IMM-EXT"
