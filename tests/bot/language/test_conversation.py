import pytest

from bot.language.conversation import is_switch_request, language_from_hint, next_language


def test_first_message_takes_a_plausible_detection() -> None:
    assert next_language(None, "vi", 0.5, token_count=5) == "vi"


def test_first_message_without_language_uses_channel_hint_then_english() -> None:
    assert next_language(None, "und", 0.0, token_count=0, hint="th-TH") == "th"
    assert next_language(None, "und", 0.0, token_count=0, hint="de-DE") == "en"
    assert next_language(None, "und", 0.0, token_count=0) == "en"


def test_short_or_languageless_messages_keep_the_language() -> None:
    assert next_language("vi", "und", 0.0, token_count=0) == "vi"  # "ok", "👍", "D-2"
    assert next_language("vi", "en", 0.9, token_count=1) == "vi"  # "thanks": not confident enough for 1 word


def test_confident_long_message_switches() -> None:
    assert next_language("vi", "th", 0.95, token_count=4) == "th"
    assert next_language("vi", "th", 0.6, token_count=4) == "vi"


def test_explicit_request_always_wins() -> None:
    assert next_language("vi", "ko", 0.99, token_count=3, explicit="th") == "th"


def test_hint_normalisation() -> None:
    assert language_from_hint("fil-PH") == "tl"
    assert language_from_hint("in_ID") == "id"
    assert language_from_hint("zh-Hant-TW") == "zh"
    assert language_from_hint(None) is None
    assert language_from_hint("xx") is None


@pytest.mark.parametrize("text,request_", [
    ("can you speak Khmer?", True), ("한국어로 해 주세요", True), ("tiếng Việt được không", True),
    ("I can't read Korean", False), ("a Khmer-speaking caller", False), ("크메르어 하는 상담 번호 있어요?", False),
    ("Не понимаю по-корейски", False), ("saya tidak bisa bahasa Korea", False),
])
def test_naming_a_language_is_not_asking_for_it(text: str, request_: bool) -> None:
    assert is_switch_request(text, 0.9, 4) is request_


def test_an_unsure_or_long_choose_language_is_not_a_request() -> None:
    assert not is_switch_request("speak Thai", 0.4, 2)
    assert not is_switch_request("my friend and I want to ask many things in Thai about the visa", 0.9, 12)


def test_a_language_named_in_a_question_about_the_place_does_not_switch() -> None:
    from bot.language.conversation import is_switch_request

    # "Is there someone who speaks Nepali there? My Korean is not good": asks about the office.
    assert not is_switch_request("त्यहाँ नेपाली बोल्ने मान्छे हुन्छ? मलाई कोरियन भाषा त्यति आउँदैन", 0.9, 9)
