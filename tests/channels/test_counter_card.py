import dataclasses

from catalogue.loader import read_catalogue
from channels.counter_card import render_card

records = read_catalogue()


def test_card_shows_korean_and_the_users_language_side_by_side() -> None:
    html = render_card(records.service("IMM-EXT"), "vi")
    assert "체류기간 연장허가" in html and "Gia hạn thời gian lưu trú" in html
    assert "60,000 KRW" in html and "<script" not in html


def test_card_escapes_everything() -> None:
    service = dataclasses.replace(records.service("IMM-EXT"), title={"ko": "<img src=x onerror=alert(1)>",
                                                                    "en": "<script>alert(1)</script>"})
    html = render_card(service, "en")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_unknown_language_falls_back_to_english() -> None:
    assert "Extension of sojourn period" in render_card(records.service("IMM-EXT"), "xx\" onload=\"")
