"""The one language registry: which languages Ieum speaks, how well, in which scripts.

Tier 1 (shared/spec/intents.md): the NLU is trained and evaluated in each,
and every catalogue title, summary and detail exists in each. Tier 2: the
language is detected and answered with the catalogue's English or Korean
details. The detector, the catalogue, the benchmarks, the tests and
``domain.yml`` (checked by tests/bot/core/test_languages.py) read this.
Adding a language: one ``Language`` row here, then the files that test lists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str             # ISO 639-1, as in the parse output's language field
    tier: int
    english: str
    endonym: str          # its own name: phone lines list their languages this way
    scripts: tuple[str, ...]  # scripts it is written in here (bot.core.scripts names)


REGISTRY: tuple[Language, ...] = (
    Language("ko", 1, "Korean", "한국어", ("hangul",)),
    Language("en", 1, "English", "English", ("latin",)),
    Language("zh", 1, "Chinese", "中文", ("han",)),
    Language("vi", 1, "Vietnamese", "Tiếng Việt", ("latin",)),
    Language("th", 1, "Thai", "ไทย", ("thai",)),
    Language("ru", 1, "Russian", "Русский", ("cyrillic",)),
    Language("uz", 1, "Uzbek", "O'zbek", ("latin", "cyrillic")),
    # Romanised Nepali is common in chats, but Latin-script language ID does
    # not tell it from the others reliably; it is a script-only candidate here.
    Language("ne", 1, "Nepali", "नेपाली", ("devanagari",)),
    Language("mn", 1, "Mongolian", "Монгол", ("cyrillic",)),
    Language("id", 1, "Indonesian", "Bahasa Indonesia", ("latin",)),
    Language("tl", 1, "Tagalog", "Tagalog", ("latin",)),
    Language("km", 1, "Khmer", "ខ្មែរ", ("khmer",)),
    Language("ja", 2, "Japanese", "日本語", ("kana", "han")),
    Language("my", 2, "Burmese", "မြန်မာ", ("myanmar",)),
    Language("si", 2, "Sinhala", "සිංහල", ("sinhala",)),
    Language("bn", 2, "Bengali", "বাংলা", ("bengali",)),
    Language("kk", 2, "Kazakh", "Қазақ", ("cyrillic",)),
    Language("ky", 2, "Kyrgyz", "Кыргыз", ("cyrillic",)),
    Language("ur", 2, "Urdu", "اردو", ("arabic",)),
    Language("fr", 2, "French", "Français", ("latin",)),
)

BY_CODE = {language.code: language for language in REGISTRY}
TIER1 = tuple(language.code for language in REGISTRY if language.tier == 1)
TIER2 = tuple(language.code for language in REGISTRY if language.tier == 2)
ALL = TIER1 + TIER2
ENDONYMS = {language.code: language.endonym for language in REGISTRY}
# Steps, documents, fees labels and disputed notes: at least these.
DETAIL_LANGUAGES = ("ko", "en")


def script_languages() -> dict[str, tuple[str, ...]]:
    """Script -> the supported languages written in it (language ID's candidates)."""
    scripts = dict.fromkeys(script for language in REGISTRY for script in language.scripts)
    return {script: languages_written_in(script) for script in scripts}


def languages_written_in(script: str) -> tuple[str, ...]:
    """Supported languages written in a script, in registry order."""
    return tuple(language.code for language in REGISTRY if script in language.scripts)


def pick(texts: dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """The text in ``lang``, else the fallback language, else Korean."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(fallback) or texts.get("ko") or next(iter(texts.values()), "")
