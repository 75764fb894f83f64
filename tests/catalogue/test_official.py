"""Only a public body's own page is shown to users as a source."""

from __future__ import annotations

import pytest

from catalogue.checks import run_checks
from catalogue.loader import read_catalogue
from catalogue.official import first_official, is_home_page, is_official


@pytest.mark.parametrize("url,official", [
    ("https://www.hikorea.go.kr/info/InfoDatail.pt?CAT_SEQ=192", True),
    ("https://m.easylaw.go.kr/MOM/SubCsmOvRetrieve.laf?csmSeq=518", True),
    ("https://www.nhis.or.kr/english/wbheaa02400m01.do", True),
    ("https://www.gov.kr/portal/foreigner/ko", True),
    ("https://waterfiregames.com/page", False),
    ("https://koreahelper.tistory.com/38", False),
    ("https://news.kbs.co.kr/news/view.do?ncd=2777227", False),
    ("https://evil-go.kr.example.com/x", False),
])
def test_official_pages_are_public_bodies_only(url: str, official: bool) -> None:
    assert is_official(url) is official


def test_home_pages_are_told_apart_from_service_pages() -> None:
    assert is_home_page("https://www.hikorea.go.kr") and is_home_page("https://www.hikorea.go.kr/Main.pt")
    assert not is_home_page("https://www.hikorea.go.kr/resv/ResvIntroR.pt")
    assert first_official(["https://blog.naver.com/x", "https://www.moel.go.kr/x"]) == "https://www.moel.go.kr/x"


def test_every_service_and_rule_has_an_official_first_source_or_says_unverified() -> None:
    report = run_checks(read_catalogue())
    assert report.unofficial == []
    assert report.shown_unofficial == []
