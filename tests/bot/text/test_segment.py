from bot.text.segment import segment


def words(text: str) -> list[str]:
    return [w for w, _ in segment(text)]


def test_spaced_scripts_split_on_whitespace() -> None:
    assert words("Tôi muốn gia hạn visa D-2") == ["Tôi", "muốn", "gia", "hạn", "visa", "D-2"]


def test_thai_and_khmer_use_their_segmenters() -> None:
    assert words("ผมอยากต่อวีซ่า") == ["ผม", "อยาก", "ต่อ", "วีซ่า"]
    assert words("ខ្ញុំចង់បន្តទិដ្ឋាការ") == ["ខ្ញុំ", "ចង់", "បន្ត", "ទិដ្ឋាការ"]


def test_han_splits_into_characters_and_offsets_are_right() -> None:
    text = "我想延长签证D-2"
    result = segment(text)
    assert [w for w, _ in result] == ["我", "想", "延", "长", "签", "证", "D-2"]
    assert all(text[start:start + len(word)] == word for word, start in result)


def test_korean_particles_after_latin_words() -> None:
    assert words("HiKorea에서 신청해요") == ["HiKorea", "에서", "신청해요"]


def test_codes_numbers_and_references_stay_one_word() -> None:
    # spaCy's tokenizer splits the phone number into 010 · - · 1234 · - · 5678 (bench/results/spacy.md).
    assert words("my visa is D-2, call 010-1234-5678") == ["my", "visa", "is", "D-2", "call", "010-1234-5678"]
    assert words("IEUM-7K3M-9QX2 확인해 주세요") == ["IEUM-7K3M-9QX2", "확인해", "주세요"]


def test_korean_particles_after_a_status_code_are_their_own_word() -> None:
    # spaCy (xx) gives one token "D-2비자로".
    assert words("D-2비자로 알바 가능?") == ["D-2", "비자로", "알바", "가능"]


def test_emoji_and_punctuation_are_not_words_and_offsets_hold() -> None:
    assert words("👍👍") == []
    text = "ok 👍 외국인등록증을 잃어버렸어요!!"
    result = segment(text)
    assert [w for w, _ in result] == ["ok", "외국인등록증을", "잃어버렸어요"]
    assert all(text[start:start + len(word)] == word for word, start in result)
