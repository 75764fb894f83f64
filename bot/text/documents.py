"""Find catalogue documents named in a message (plain functions, no Rasa).

The NLU component and the document form both match with these, over names
folded with ``fold_same_length`` so spans hold in the original text.
"""

from __future__ import annotations

from typing import Any, Iterable

from bot.core.folding import fold_same_length
from bot.core.scripts import char_script
from catalogue.records import Document

ENTITY = "document"
MIN_NAME_CHARS = 3
# Scripts whose particles and words follow a Latin name without a space ("ARC를", "ARC丢了"):
# such a neighbour ends the name's word like a space does.
_ATTACHING_SCRIPTS = frozenset({"hangul", "han", "kana", "thai", "khmer", "myanmar"})


def name_index(documents: Iterable[Document], more: dict[str, str] | None = None) -> dict[str, str]:
    """Folded name -> document id, for ``find_documents``; ``more`` adds names seen in training data."""
    names = {fold_same_length(n).strip(): d.id for d in documents for n in d.all_names}
    names.update({fold_same_length(n).strip(): i for n, i in (more or {}).items()})
    # Names shorter than this match inside other words.
    return {n: i for n, i in names.items() if len(n) >= MIN_NAME_CHARS}


def _continues_word(ch: str) -> bool:
    return ch.isalnum() and char_script(ch) not in _ATTACHING_SCRIPTS


# Kept hand-written rather than a spaCy PhraseMatcher: equally accurate and fast enough, while spaCy
# here needs an import workaround (our `catalogue` package shadows its dependency) and loads TensorFlow;
# measured in bench/results/spacy.md.
def find_documents(text: str, names: dict[str, str], extractor: str) -> list[dict[str, Any]]:
    folded = fold_same_length(text)
    taken: list[tuple[int, int]] = []
    found = []
    for name in sorted(names, key=len, reverse=True):
        start = folded.find(name)
        while start >= 0:
            end = start + len(name)
            boundary_ok = not (name[0].isascii() and start > 0 and _continues_word(folded[start - 1])) and \
                not (name[-1].isascii() and end < len(folded) and _continues_word(folded[end]))
            if boundary_ok and not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append({"entity": ENTITY, "value": names[name], "start": start, "end": end,
                              "extractor": extractor})
            start = folded.find(name, end)
    return sorted(found, key=lambda e: e["start"])
