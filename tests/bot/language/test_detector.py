import pytest

from bot.language.detector import LanguageDetector, content_tokens

detector = LanguageDetector()


@pytest.mark.parametrize("text, code", [
    ("xin chào, tôi muốn gia hạn visa", "vi"),
    ("안녕하세요", "ko"),
    ("ARC 재발급 어떻게 해요?", "ko"),
    ("HiKorea에서 신청했어요", "ko"),
    ("Tôi muốn hỏi về 외국인등록증", "vi"),
    ("Can I get my 외국인등록증 reissued?", "en"),
    ("我想延长签证", "zh"),
    ("我想延長簽證", "zh"),
    ("ビザを更新したいです", "ja"),
    ("ผมอยากต่อวีซ่า", "th"),
    ("ខ្ញុំចង់បន្តទិដ្ឋាការ", "km"),
    ("मलाई भिसा थप्नु छ", "ne"),
    ("Я хочу продлить визу", "ru"),
    ("Men vizamni uzaytirmoqchiman", "uz"),
    ("Мен визамни узайтирмоқчиман, ёрдам беринг", "uz"),
    ("Визний хугацаа сунгуулах гэж байна. Юу хэрэгтэй вэ? Бүртгэлийн үнэмлэх бий", "mn"),
    ("Saya mau perpanjang visa", "id"),
    ("Paano mag renew ng visa ko", "tl"),
    ("salom", "uz"),
    ("kumusta po", "tl"),
    ("hi po, good evening", "tl"),        # Taglish: "po" is Tagalog whatever words surround it
    ("ok po, thank you", "tl"),
    ("Сайн байна уу", "mn"),
    ("میں ویزا کی توسیع چاہتا ہوں", "ur"),
    ("Визамды ұзарту керек", "kk"),
    ("Je voudrais prolonger mon visa", "fr"),
])
def test_detects_language(text: str, code: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize("text", ["", "   ", "ok", "👍", "👍👍🙏", "D-2", "1345", "12345 678", "\x00\x01\x02", None, 42,
                                  "E-9 F-6", "!!!???"])
def test_language_less_input_is_und_with_zero_confidence(text: object) -> None:
    detection = detector.detect(text)
    assert detection.code == "und"
    assert detection.confidence == 0.0


def test_huge_and_mixed_input_never_raises() -> None:
    for text in ["a" * 100_000, "한국어 English 中文 ไทย " * 5000, "\ud800broken surrogate", "‮RTL override"]:
        detection = detector.detect(text)
        assert 0.0 <= detection.confidence <= 1.0


def test_unsupported_language_is_und() -> None:
    assert detector.detect("Wie kann ich mein Visum in Korea verlängern lassen?").code == "und"


def test_content_tokens_drop_codes_numbers_and_brands() -> None:
    assert content_tokens("visa D-2 ARC 1345 HiKorea gia hạn") == ["gia", "hạn"]


def test_confidence_is_bounded_and_serialisable() -> None:
    result = detector.detect("Tôi muốn gia hạn visa").as_dict()
    assert set(result) == {"code", "confidence"}
    assert 0.5 < result["confidence"] <= 1.0


@pytest.mark.parametrize("text, code", [
    ("annyeonghaseyo, bija yeonjang eotteoke haeyo?", "ko"),  # romanised Korean
    ("knhom chong sour pi visa", "km"),  # romanised Khmer
    ("malai visa extend garnu parchha", "ne"),  # romanised Nepali
    ("toi muon hoi ve the cu tru", "vi"),  # Vietnamese without diacritics
    ("Визээ яаж сунгах вэ?", "mn"),  # Mongolian without ө/ү
])
def test_romanised_and_unmarked_text(text: str, code: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize("text, code", [
    ("请问 외국인등록증 재발급 怎么办", "zh"),
    ("ผมอยากถาม 외국인등록증 ครับ", "th"),
    ("Мне нужна 외국인등록증 справка", "ru"),
    ("외국인등록증 재발급 어떻게 해요 D-2", "ko"),
    # Unspaced Chinese around a Korean word, and Korean written with Hanja.
    ("孩子上어린이집要交多少钱", "zh"),
    ("外國人登錄證을 잃어버렸어요", "ko"),
])
def test_korean_terms_inside_other_languages(text: str, code: str) -> None:
    assert detector.detect(text).code == code


def test_romanised_korean_loanwords_are_neutral() -> None:
    assert content_tokens("toejikgeum gosiwon sajang ban luy pel na") == ["ban", "luy", "pel", "na"]
