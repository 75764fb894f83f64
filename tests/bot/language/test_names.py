import pytest

from bot.language.names import requested_language


@pytest.mark.parametrize("text, code", [
    ("한국어로 해 주세요", "ko"),
    ("can you speak Thai?", "th"),
    ("nói tiếng Việt được không", "vi"),
    ("по-русски можно?", "ru"),
    ("o'zbekcha gapiring", "uz"),
    ("Not Korean, English please", "en"),
    ("请用中文", "zh"),
])
def test_requested_language(text: str, code: str) -> None:
    assert requested_language(text) == code


def test_thai_inside_thailand_is_not_a_request() -> None:
    assert requested_language("I work in Thailand") is None


def test_a_request_written_in_a_language_it_names_asks_for_that_one() -> None:
    text = "можно дальше на русском? по-узбекски долго печатать"
    assert requested_language(text) == "uz"  # the last one named, without knowing what it is written in
    assert requested_language(text, written_in="ru") == "ru"
    assert requested_language("not korean, english please", written_in="en") == "en"
    assert requested_language("trả lời bằng tiếng anh nhé", written_in="vi") == "en"  # names one, not its own
