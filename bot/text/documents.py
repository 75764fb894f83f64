"""Find catalogue documents named in a message (plain functions, no Rasa).

The NLU component and the document form both match with these, over names
folded with ``fold_same_length`` so spans hold in the original text.
"""

from __future__ import annotations

from typing import Any, Iterable

from bot.core.folding import fold_same_length
from catalogue.records import Document

ENTITY = "document"
MIN_NAME_CHARS = 3


def name_index(documents: Iterable[Document], more: dict[str, str] | None = None) -> dict[str, str]:
    """Folded name -> document id, for ``find_documents``; ``more`` adds names seen in training data."""
    names = {fold_same_length(n).strip(): d.id for d in documents for n in d.all_names}
    names.update({fold_same_length(n).strip(): i for n, i in (more or {}).items()})
    # Names shorter than this match inside other words.
    return {n: i for n, i in names.items() if len(n) >= MIN_NAME_CHARS}


def find_documents(text: str, names: dict[str, str], extractor: str) -> list[dict[str, Any]]:
    folded = fold_same_length(text)
    taken: list[tuple[int, int]] = []
    found = []
    for name in sorted(names, key=len, reverse=True):
        start = folded.find(name)
        while start >= 0:
            end = start + len(name)
            boundary_ok = not (name[0].isascii() and start > 0 and folded[start - 1].isalnum()) and \
                not (name[-1].isascii() and end < len(folded) and folded[end].isalnum())
            if boundary_ok and not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append({"entity": ENTITY, "value": names[name], "start": start, "end": end,
                              "extractor": extractor})
            start = folded.find(name, end)
    return sorted(found, key=lambda e: e["start"])
