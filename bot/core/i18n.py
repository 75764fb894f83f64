"""Action texts per language (``bot/core/messages/<lang>.yml``).

Tier-1 languages have every key; anything missing falls back to English,
which is also what tier-2 languages get (shared/spec/intents.md).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
FALLBACK = "en"


@functools.cache
def messages(lang: str) -> dict[str, str]:
    path = MESSAGES_DIR / f"{lang}.yml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def available_languages() -> list[str]:
    return sorted(p.stem for p in MESSAGES_DIR.glob("*.yml"))


def text(key: str, lang: str | None, **values: object) -> str:
    template = messages(lang or FALLBACK).get(key) or messages(FALLBACK).get(key)
    if template is None:
        raise KeyError(f"no message {key!r} in {FALLBACK}.yml")
    return template.format(**values) if values else template


