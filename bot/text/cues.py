"""What a message asks about a service, and whether it closes the conversation.

"연장할 때 서류는 뭐 준비해요?" names a topic (an extension) and asks one
thing about it (the documents); the intent classifier picks one label, and
a card for the topic would not answer the question. These cue lists
(``data/cues.yml``, per language, as users type) tell the actions which
part of a service is asked about, so the answer is that part, for the
service the words name or the one under discussion.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.folding import fold

CUES_YAML = Path(__file__).resolve().parent / "data" / "cues.yml"
# When one message has cues of several kinds, the first kind here wins: a
# phone number or the documents are the narrower question, "who qualifies"
# the broadest (and its cues the most ambiguous).
FACET_ORDER = ("contact_info", "ask_documents", "ask_fee", "ask_online", "ask_processing_time", "ask_location",
               "ask_eligibility")
# Cue lists of these languages are always used too: Korean terms and English
# words turn up inside messages written in any language.
ALWAYS = ("ko", "en")
# A thanks inside a longer message is a closing only if the message is short.
MAX_CLOSING_WORDS = 14
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class _Cue:
    folded: str
    kind: str
    pattern: re.Pattern[str]


def _pattern(folded: str) -> re.Pattern[str]:
    # Korean, Chinese, Thai and Khmer cues match inside words (particles and
    # unspaced writing attach to them); other scripts need word boundaries.
    if _UNSPACED.search(folded):
        return re.compile(re.escape(folded))
    return re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[_Cue, ...]]:
    """Language -> every cue (facets and closings), longest first."""
    content = yaml.safe_load(CUES_YAML.read_text(encoding="utf-8"))
    by_lang: dict[str, list[_Cue]] = {}
    for kind, per_lang in content["facets"].items():
        for lang, words in per_lang.items():
            by_lang.setdefault(lang, []).extend(_Cue(fold(w), kind, _pattern(fold(w))) for w in words)
    for lang, words in content["closings"].items():
        by_lang.setdefault(lang, []).extend(_Cue(fold(w), "closing", _pattern(fold(w))) for w in words)
    for lang, words in content.get("names", {}).items():
        by_lang.setdefault(lang, []).extend(_Cue(fold(w), "name", _pattern(fold(w))) for w in words)
    return {lang: tuple(sorted(cues, key=lambda c: -len(c.folded))) for lang, cues in by_lang.items()}


def _matches(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cue found; a cue inside a longer one found is dropped."""
    folded = fold(text)
    languages = dict.fromkeys(([lang] if lang else []) + list(ALWAYS))
    found: list[tuple[int, int, str]] = []
    # Longest first across languages, so a name swallows the cue words inside it.
    cues = sorted((c for language in languages for c in _cues().get(language, ())), key=lambda c: -len(c.folded))
    for cue in cues:
        for match in cue.pattern.finditer(folded):
            start, end = match.span()
            if not any(s <= start and end <= e for s, e, _ in found):
                found.append((start, end, cue.kind))
    return found


def asked_facets(text: str, lang: str | None) -> list[str]:
    """The follow-up intents a message's words ask, most specific first."""
    kinds = {kind for _, _, kind in _matches(text, lang)}
    return [facet for facet in FACET_ORDER if facet in kinds]


def asked_facet(text: str, lang: str | None) -> str | None:
    facets = asked_facets(text, lang)
    return facets[0] if facets else None


@dataclass(frozen=True)
class Topic:
    """A topic the words put a stay question on (``topics`` in cues.yml)."""

    name: str
    intent: str
    reread: tuple[str, ...]
    services: tuple[str, ...]
    cues: tuple[_Cue, ...]
    # Counts only with this other topic's words, or its services under discussion.
    within: str | None = None
    # Words that cancel it ("no children").
    unless: tuple[_Cue, ...] = ()


def _word_start(folded: str) -> re.Pattern[str]:
    # A topic word is a stem: "развод" finds "разводе", "ajrash" finds "ajrashdik".
    if _UNSPACED.search(folded):
        return re.compile(re.escape(folded))
    return re.compile(rf"(?<!\w){re.escape(folded)}")


@functools.lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    content = yaml.safe_load(CUES_YAML.read_text(encoding="utf-8"))
    return tuple(
        Topic(name, spec["intent"], tuple(spec.get("reread") or ()), tuple(spec["services"]),
              tuple(_Cue(fold(w), name, _word_start(fold(w))) for words in spec["words"].values() for w in words),
              spec.get("within"),
              tuple(_Cue(fold(w), name, _word_start(fold(w))) for words in (spec.get("unless") or {}).values()
                    for w in words))
        for name, spec in (content.get("topics") or {}).items())


def topics_of(text: str, discussed: tuple[str, ...] | list[str] = ()) -> list[Topic]:
    """The topics the words name ("divorce", "이혼", "หย่า"; "a free lawyer"), in any language.

    ``discussed``: services under discussion (the last card, the menu just offered), which let a
    topic that counts only ``within`` another stand on its own ("the child lives with me").
    """
    folded = fold(text)
    named = {t.name: t for t in topics() if any(c.pattern.search(folded) for c in t.cues)
             and not any(c.pattern.search(folded) for c in t.unless)}
    every = {t.name: t for t in topics()}

    def stands(topic: Topic) -> bool:
        parent = every.get(topic.within or "")
        return topic.within is None or topic.within in named or (
            parent is not None and bool(set(parent.services) & set(discussed)))

    return [t for t in named.values() if stands(t)]


def topic_of(text: str) -> Topic | None:
    """The first topic the words name, or None."""
    found = topics_of(text)
    return found[0] if found else None


# What a person in danger asks about, in the order the safety reply gives them.
SAFETY_PARTS = ("silent", "location", "shelter", "language")


@functools.lru_cache(maxsize=1)
def _safety_cues() -> dict[str, tuple[_Cue, ...]]:
    """Language -> cues of the ``safety_parts`` section, longest first."""
    content = yaml.safe_load(CUES_YAML.read_text(encoding="utf-8"))
    by_lang: dict[str, list[_Cue]] = {}
    for kind, per_lang in (content.get("safety_parts") or {}).items():
        for lang, words in per_lang.items():
            by_lang.setdefault(lang, []).extend(_Cue(fold(w), kind, _pattern(fold(w))) for w in words)
    return {lang: tuple(sorted(cues, key=lambda c: -len(c.folded))) for lang, cues in by_lang.items()}


def safety_parts_asked(text: str, lang: str | None) -> list[str]:
    """Which parts of the safety answer a message asks about ("can I really text 112?": silent)."""
    folded = fold(text)
    languages = dict.fromkeys(([lang] if lang else []) + list(ALWAYS))
    kinds = {c.kind for language in languages for c in _safety_cues().get(language, ()) if c.pattern.search(folded)}
    return [part for part in SAFETY_PARTS if part in kinds]


def is_closing(text: str, lang: str | None) -> bool:
    """A thanks that ends the exchange ("네 잘 설명해 드릴게요, 감사합니다"), not a thanks before a question."""
    if "?" in text or "？" in text or len(text.split()) > MAX_CLOSING_WORDS:
        return False
    kinds = [kind for _, _, kind in _matches(text, lang)]
    return "closing" in kinds and not any(kind in FACET_ORDER for kind in kinds)
