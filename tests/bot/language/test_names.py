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
