import pytest

from bot.core.folding import fold, fold_compact, fold_same_length


@pytest.mark.parametrize("typed, folded", [
    ("Gia hạn visa", "gia han visa"),
    ("ĐĂNG KÝ", "dang ky"),
    ("Oʻzbekiston o‘qish o’rin o`g'il", "o'zbekiston o'qish o'rin o'g'il"),
    ("ＡＲＣ", "arc"),                    # full-width letters from CJK keyboards
])
def test_fold_is_how_people_type(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize("text", ["ต่ออายุวีซ่า", "ការងារ", "नेपाली काम"])
def test_marks_that_are_the_word_stay(text: str) -> None:
    # Thai, Khmer and Devanagari vowel signs are combining marks but not diacritics.
    assert fold(text) == text


def test_compact_keeps_letters_digits_and_marks_only() -> None:
    assert fold_compact("D-2 gia hạn, 비자!") == "d2giahan비자"
    assert fold_compact("ต่อ อายุ") == "ต่ออายุ"


@pytest.mark.parametrize("text", ["Giấy XÁC nhận đăng", "İstanbul", "ẞ Straße", "oʻqish"])
def test_same_length_keeps_offsets(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert fold_same_length("Giấy XÁC nhận đăng") == "giay xac nhan dang"
