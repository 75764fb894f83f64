"""Unicode script of characters and tokens.

Script is the cheapest and most reliable language signal we have: Hangul can
only be Korean, Thai script only Thai, and so on. Everything here is a pure
function over code points so it costs microseconds.
"""

from __future__ import annotations

import re

# Ordered (start, end, script) ranges. Only scripts that decide something for
# the supported languages are listed; every other letter falls into "other".
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "latin"),
    (0x1E00, 0x1EFF, "latin"),  # Latin Extended Additional: Vietnamese tone letters
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1000, 0x109F, "myanmar"),
    (0xAA60, 0xAA7F, "myanmar"),
    (0x1780, 0x17FF, "khmer"),
    (0x19E0, 0x19FF, "khmer"),
    (0x1100, 0x11FF, "hangul"),
    (0x3130, 0x318F, "hangul"),
    (0xA960, 0xA97F, "hangul"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xD7B0, 0xD7FF, "hangul"),
    (0x3040, 0x309F, "kana"),
    (0x30A0, 0x30FF, "kana"),
    (0x31F0, 0x31FF, "kana"),
    (0xFF66, 0xFF9F, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0x20000, 0x2FFFF, "han"),
)

# Letters only Vietnamese uses among the supported Latin-script languages.
VIETNAMESE_LETTERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

# Letters that mark Urdu inside Arabic script (Arabic and Persian lack them).
URDU_LETTERS = frozenset("ٹڈڑںےۓھ")


def _classify(ch: str) -> str | None:
    cp = ord(ch)
    for start, end, script in _RANGES:
        if start <= cp <= end:
            if script == "latin" and not ch.isalpha():
                return None
            return script
    # Letters of scripts no supported language needs; marks and symbols are None.
    return "other" if ch.isalpha() else None


# Character -> script, filled as characters are met. Language ID looks at
# every letter of every message, and a dict lookup is ~10x cheaper than
# walking the range table. Bounded so hostile input cannot grow it forever.
_SCRIPT_OF: dict[str, str | None] = {}
_SCRIPT_OF_LIMIT = 20_000
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def char_script(ch: str) -> str | None:
    """Script of one character, or None for anything that is not a letter."""
    try:
        return _SCRIPT_OF[ch]
    except KeyError:
        script = _classify(ch)
        if len(_SCRIPT_OF) < _SCRIPT_OF_LIMIT:
            _SCRIPT_OF[ch] = script
        return script


def script_counts(text: str) -> dict[str, int]:
    """Count letters per script in ``text``."""
    counts: dict[str, int] = {}
    known = _SCRIPT_OF
    for ch in text:
        script = known[ch] if ch in known else char_script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    return counts


def token_script(token: str) -> str | None:
    """The script a token belongs to.

    A token with any Hangul is Korean-script even when it starts with Latin
    letters ("HiKorea에서"): Korean particles attach to borrowed words.
    Likewise any kana makes a token Japanese-script.
    """
    if token.isascii():
        # Most tokens; in ASCII only A-Z and a-z are letters.
        return "latin" if _ASCII_LETTER.search(token) else None
    counts = script_counts(token)
    if not counts:
        return None
    if counts.get("hangul"):
        return "hangul"
    if counts.get("kana"):
        return "kana"
    return max(counts.items(), key=lambda kv: kv[1])[0]


def split_han_hangul(token: str) -> list[str]:
    """A token holding both Han and Hangul, cut where the script changes.

    Chinese is written without spaces, so "我的사장님一直拖欠工资" arrives as one
    token; weighing it as Hangul (the rule above, right for "HiKorea에서")
    would call a Chinese sentence Korean. Hanja with a Korean particle
    ("外國人登錄證을", "韓國語로") is Korean and stays whole, as do other tokens.
    """
    if token.isascii():
        return [token]  # most tokens: skip a second pass over the characters
    counts = script_counts(token)
    if not (counts.get("han") and counts.get("hangul")):
        return [token]
    runs = _script_runs(token)
    if len(runs) == 2 and char_script(runs[0][0]) == "han" and runs[1].startswith(KOREAN_PARTICLES):
        return [token]
    return runs


# Particles Korean attaches to a noun, Hanja nouns included.
KOREAN_PARTICLES = ("을", "를", "이", "가", "은", "는", "에", "로", "으로", "의", "도", "와", "과", "하고", "만",
                    "까지", "부터", "이나", "나", "랑", "이랑")


def _script_runs(token: str) -> list[str]:
    runs: list[str] = []
    current, current_script = "", None
    for ch in token:
        script = char_script(ch)
        if script is not None and current_script is not None and script != current_script:
            runs.append(current)
            current = ""
        if script is not None:
            current_script = script
        current += ch
    if current:
        runs.append(current)
    return runs
