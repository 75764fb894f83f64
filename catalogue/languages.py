"""Languages the catalogue is written in."""

from __future__ import annotations

# Tier-1 languages of shared/spec/intents.md: every title and summary exists in each.
TIER1 = ("ko", "en", "zh", "vi", "th", "ru", "uz", "ne", "mn", "id", "tl", "km")
TIER2 = ("ja", "my", "si", "bn", "kk", "ky", "ur", "fr")
ALL = TIER1 + TIER2
# Each language's own name: a phone line's languages are listed this way, so every caller can find theirs.
ENDONYMS = {
    "ko": "한국어", "en": "English", "zh": "中文", "vi": "Tiếng Việt", "th": "ไทย", "ru": "Русский", "uz": "O'zbek",
    "ne": "नेपाली", "mn": "Монгол", "id": "Bahasa Indonesia", "tl": "Tagalog", "km": "ខ្មែរ", "ja": "日本語",
    "my": "မြန်မာ", "si": "සිංහල", "bn": "বাংলা", "kk": "Қазақ", "ky": "Кыргыз", "ur": "اردو", "fr": "Français",
}
# Steps, documents, fees labels and disputed notes: at least these.
DETAIL_LANGUAGES = ("ko", "en")


def pick(texts: dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """The text in ``lang``, else the fallback language, else Korean."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(fallback) or texts.get("ko") or next(iter(texts.values()), "")
