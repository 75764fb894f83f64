import pytest

from bot.text.visa_codes import find_status_codes, normalise_status


@pytest.mark.parametrize("text, code", [
    ("d2", "D-2"), ("D 2", "D-2"), ("D-2-1", "D-2"), ("디투 비자", "D-2"), ("비자 D2로 바꾸고", "D-2"),
    ("E9 worker", "E-9"), ("e-9", "E-9"), ("f6 visa", "F-6"), ("H2에서", "H-2"), ("이구 비자인데", "E-9"),
    ("D-10", "D-10"), ("에프식스", "F-6"), ("d-4-1", "D-4"),
])
def test_normalises_status_codes(text: str, code: str) -> None:
    assert normalise_status(text) == code


@pytest.mark.parametrize("text", ["I need a 1 year visa", "covid19", "B2B", "D-11", "이제 뭐해", "A4 paper", "",
                                  "다문화 가정 아이 지원", "출산 비용 지원 받을 수 있어요?", "이사 가면 신고해야 해요?",
                                  "이십 일 걸려요", "이삼 일 안에 돼요?"])
def test_no_false_status_codes(text: str) -> None:
    assert find_status_codes(text) == []


def test_substatus_is_kept() -> None:
    (mention,) = find_status_codes("I am D-4-1 student")
    assert (mention.code, mention.substatus, mention.text) == ("D-4", "D-4-1", "D-4-1")


@pytest.mark.parametrize("text, code", [
    ("у меня виза Д-2", "D-2"), ("Е9 ишчи", "E-9"), ("Ф-4 виза", "F-4"), ("Н-2", "H-2"),
    ("ดีทู", "D-2"), ("วีซ่าอีเก้า", "E-9"), ("អ៊ីប្រាំបួន", "E-9"), ("ឌីពីរ", "D-2"),
])
def test_cyrillic_look_alikes_and_spelled_out_codes(text: str, code: str) -> None:
    assert normalise_status(text) == code


@pytest.mark.parametrize("text", ["С 3 мая", "В 2024 году", "อีกสองวัน"])
def test_ordinary_cyrillic_and_thai_text_is_not_a_code(text: str) -> None:
    assert find_status_codes(text) == []


@pytest.mark.parametrize("text, code", [("지원 비자 연장", "G-1"), ("이사 비자", "E-4"), ("이십 자격", "E-10"),
                                        ("이구 만기 귀국", "E-9")])
def test_readings_that_are_also_words_need_the_word_visa(text: str, code: str) -> None:
    assert normalise_status(text) == code
