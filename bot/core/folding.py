"""The one text-folding rule, for matching what people type on phones.

Lower-case; Latin letters without diacritics ("gia hạn" = "gia han",
"Đ" = "d"); every apostrophe shape Uzbek writers use ("oʻ", "o‘", "o’",
"o`") becomes "'". Thai, Khmer and Indic vowel signs are combining marks
too, but there they are the word, so only marks on Latin letters go.
Three views of the same rule: ``fold`` for comparing text, ``fold_compact``
for character n-grams (letters, digits and marks only), and
``fold_same_length`` where offsets found in the folded text must hold in
the original (entity spans).
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({ch: "'" for ch in "ʻʼ‘’`"})


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES).replace("đ", "d")
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and _is_latin_letter(out[-1]):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold_compact(text: str) -> str:
    """``fold`` without spaces or punctuation: letters, digits and combining marks."""
    return "".join(ch for ch in fold(text) if ch.isalnum() or unicodedata.category(ch).startswith("M"))


def fold_same_length(text: str) -> str:
    """``fold`` character by character, so that offsets in the result hold in ``text``."""
    out = []
    for ch in text:
        low = ch.lower() if len(ch.lower()) == 1 else ch
        low = low.translate(_APOSTROPHES)
        base = "d" if low == "đ" else unicodedata.normalize("NFD", low)[0]
        out.append(base if _is_latin_letter(base) else low)
    return "".join(out)
