"""Languages the catalogue is written in."""

from __future__ import annotations

# Tier-1 languages of shared/spec/intents.md: every title and summary exists in each.
TIER1 = ("ko", "en", "zh", "vi", "th", "ru", "uz", "ne", "mn", "id", "tl", "km")
TIER2 = ("ja", "my", "si", "bn", "kk", "ky", "ur", "fr")
ALL = TIER1 + TIER2
# Steps, documents, fees labels and disputed notes: at least these.
DETAIL_LANGUAGES = ("ko", "en")


def pick(texts: dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """The text in ``lang``, else the fallback language, else Korean."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(fallback) or texts.get("ko") or next(iter(texts.values()), "")
