"""Split a message into words, whatever its script.

Whitespace is the word boundary in Korean, Vietnamese, Russian and the other
spaced scripts, but not in Chinese, Japanese, Thai, Khmer or Burmese. Thai
and Khmer get their dictionary/CRF segmenters (pythainlp, khmer-nltk, both
shipped with their data); Han, kana and Burmese fall back to single
characters, which the character n-gram features then recombine.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Iterator

from bot.core.scripts import char_script

# A "word" run: letters, digits and the joiners that stay inside words
# (D-2, o'zbek, gov.kr). Combining marks keep Indic and SE-Asian syllables whole.
_RUN = re.compile(r"[\w\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff]+(?:[-'’ʻ.][\w]+)*")

CHARACTER_SCRIPTS = frozenset({"han", "kana", "myanmar"})


@functools.lru_cache(maxsize=1)
def _thai() -> Callable[[str], list[str]]:
    from pythainlp.tokenize import word_tokenize

    return lambda text: word_tokenize(text, engine="newmm", keep_whitespace=False)


@functools.lru_cache(maxsize=1)
def _khmer() -> Callable[[str], list[str]]:
    import logging

    # khmer-nltk logs at INFO on import; keep our logs clean.
    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    from khmernltk import word_tokenize

    return word_tokenize


def _script_runs(word: str) -> Iterator[tuple[str, int, int]]:
    """Maximal same-script stretches inside one word, with offsets."""
    start = 0
    current: str | None = None
    for i, ch in enumerate(word):
        script = char_script(ch) or current or "other"
        if current is None:
            current = script
        elif script != current:
            yield current, start, i
            start, current = i, script
    if current is not None:
        yield current, start, len(word)


def _split_with_segmenter(run: str, segmenter: Callable[[str], list[str]]) -> Iterator[tuple[str, int]]:
    position = 0
    for piece in segmenter(run):
        piece = piece.strip()
        if not piece:
            continue
        found = run.find(piece, position)
        if found < 0:
            continue
        position = found + len(piece)
        yield piece, found


# Kept rather than spaCy's rule-based tokenizer: spaCy keeps "D-2비자로" and "HiKorea에서" in one token
# and splits phone numbers; measured in bench/results/spacy.md.
def segment(text: str) -> list[tuple[str, int]]:
    """Words of ``text`` with their start offsets."""
    words: list[tuple[str, int]] = []
    for match in _RUN.finditer(text):
        word, offset = match.group(), match.start()
        runs = list(_script_runs(word))
        if len(runs) == 1 and runs[0][0] not in CHARACTER_SCRIPTS | {"thai", "khmer"}:
            words.append((word, offset))
            continue
        for script, start, end in runs:
            piece = word[start:end]
            if script == "thai":
                words.extend((w, offset + start + i) for w, i in _split_with_segmenter(piece, _thai()))
            elif script == "khmer":
                words.extend((w, offset + start + i) for w, i in _split_with_segmenter(piece, _khmer()))
            elif script in CHARACTER_SCRIPTS:
                words.extend((ch, offset + start + i) for i, ch in enumerate(piece))
            else:
                words.append((piece, offset + start))
    return words
