"""Fold text the way people type it on phones, for matching and features.

Lower-case; Latin letters without diacritics ("gia hạn" = "gia han");
every apostrophe shape Uzbek writers use becomes "'". Thai, Khmer and
Indic vowel signs are combining marks too, but there they are the word,
so only marks on Latin letters go.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({ch: "'" for ch in "ʻʼ‘’`"})


def fold_for_matching(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES).replace("đ", "d")
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii() and out[-1].isalpha():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
