import re

from bot.core.i18n import available_languages, messages, text


def test_every_language_file_has_every_key_and_placeholder() -> None:
    reference = messages("en")
    for lang in available_languages():
        translated = messages(lang)
        missing = sorted(set(reference) - set(translated))
        assert not missing, f"{lang}.yml lacks {missing}"
        for key, value in reference.items():
            assert set(re.findall(r"{(\w+)}", value)) == set(re.findall(r"{(\w+)}", translated[key])), (lang, key)


def test_translations_are_not_english_copies() -> None:
    reference = messages("en")
    for lang in available_languages():
        if lang == "en":
            continue
        same = [k for k, v in messages(lang).items() if v == reference[k] and len(v) > 12]
        assert not same, f"{lang}.yml repeats English for {same}"


def test_unknown_language_falls_back_to_english() -> None:
    assert text("label_fee", "ja") == "Fee"
    assert text("label_checked_on", "vi", date="2026-01-02") == "kiểm tra ngày 2026-01-02"


def test_all_twelve_tier1_languages_have_a_message_file() -> None:
    from bot.core.languages import TIER1

    assert set(TIER1) <= set(available_languages())
