"""Which services a message names outright: "family center", "가족센터", "출입국사실증명".

A sentence encoder and a classifier blur a name inside a long message ("where's the nearest
family center, we live in Gimpo, does anyone there speak Tagalog?"); the name itself is
unambiguous. A service is named when one of its titles (in any language), the Korean term
in a title's parentheses, or a name of the document it issues ("출입국사실증명") appears in
the message once both are folded (case, spaces,
punctuation and Latin diacritics dropped). Short names ("visa", "F-6") and names that several
services share are generic words, not names, and are left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from bot.core.folding import fold_compact
from catalogue.records import Document, Service

# Shortest name that counts: Hangul and Han pack a word into two to four characters; in
# alphabetic scripts (and Thai, Khmer, Devanagari with their vowel signs) a name is longer.
MIN_DENSE_CHARS = 4
MIN_OTHER_CHARS = 9
# A name found in the titles of more services than this is a generic word ("visa").
MAX_SERVICES_PER_NAME = 2
# Korean terms in titles' parentheses that name a place where many services are done, not a
# service: "안산 고용센터로 가면 되나요?" asks where, it does not switch to the workplace change.
PLACE_WORDS = frozenset({"고용센터", "출입국외국인관서", "주민센터", "하이코리아"})
_PARENTHESES = re.compile(r"[(（]([^)）]*)[)）]")


def _dense(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _long_enough(folded: str) -> bool:
    return len(folded) >= (MIN_DENSE_CHARS if _dense(folded) else MIN_OTHER_CHARS)


def title_names(title: str) -> tuple[str, list[str]]:
    """(the title without its parentheses, the Korean terms in them), folded.

    Parentheses hold either the Korean name users type ("부모급여") or a qualifier
    ("students", "including undocumented workers"); only the Korean names are names.
    """
    main = fold_compact(_PARENTHESES.sub(" ", title))
    terms = [fold_compact(t) for inner in _PARENTHESES.findall(title) for t in re.split(r"[,，、/·]", inner)
             if _hangul(t)]
    return main, [t for t in terms if t not in PLACE_WORDS]


class NameIndex:
    """Service names by folded spelling; read-only once built."""

    def __init__(self, services: Iterable[Service], documents: Iterable[Document] = ()) -> None:
        main_owner: dict[str, set[str]] = defaultdict(set)
        owners: dict[str, set[str]] = defaultdict(set)
        for service in services:
            for title in service.title.values():
                main, terms = title_names(title)
                main_owner[main].add(service.id)
                for term in terms:
                    owners[term].add(service.id)
        for document in documents:
            for name in document.all_names:
                owners[fold_compact(name)].add(document.service)
        for name, ids in main_owner.items():
            owners[name] = ids  # a service's own title outranks a qualifier in another's parentheses
        self._names = {name: frozenset(ids) for name, ids in owners.items()
                       if _long_enough(name) and len(ids) <= MAX_SERVICES_PER_NAME}

    def named(self, text: str) -> list[str]:
        """The services the text names, the one with the longest name found first."""
        folded = fold_compact(text or "")
        if not folded:
            return []
        longest: dict[str, int] = {}
        for name, ids in self._names.items():
            if name in folded:
                for service_id in ids:
                    longest[service_id] = max(longest.get(service_id, 0), len(name))
        return sorted(longest, key=lambda sid: (-longest[sid], sid))
