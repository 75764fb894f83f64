"""Find sojourn status codes in free text and normalise them to ``D-2``.

Users type "d2", "D 2", "D-2-1", "E9 visa", "비자 D2" or the Korean reading
"디투". The entity value is always the main code (``D-2``); the sub-status,
when given, is kept separately because some rules depend on it (D-4-1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Main codes that exist (shared/reference §3). Anything else is not a status.
VALID_CODES = frozenset(
    ["A-1", "A-2", "A-3", "B-1", "B-2", "C-1", "C-3", "C-4"]
    + [f"D-{n}" for n in range(1, 11)]
    + [f"E-{n}" for n in range(1, 11)]
    + [f"F-{n}" for n in range(1, 7)]
    + ["G-1", "H-1", "H-2"]
)

_DASH = "-‐‑–—_."
# Upper-case letters may be separated by a space ("D 2"); lower-case ones
# only by a dash or nothing ("d2", "d-2"), so "a 1 year" is not A-1.
_CODE = re.compile(
    rf"(?<![A-Za-z0-9])(?:([A-H])\s?[{_DASH}]?\s?|([a-h])[{_DASH}]?)(\d{{1,2}})"
    rf"(?:\s?[{_DASH}]\s?(\d{{1,2}}))?(?![0-9A-Za-z])"
)

_KOREAN_LETTERS = {"에이": "A", "비": "B", "씨": "C", "디": "D", "이": "E", "에프": "F", "지": "G", "에이치": "H"}
_KOREAN_DIGITS = {
    "원": 1, "일": 1, "투": 2, "이": 2, "쓰리": 3, "삼": 3, "포": 4, "사": 4, "파이브": 5, "오": 5,
    "식스": 6, "육": 6, "세븐": 7, "칠": 7, "에잇": 8, "팔": 8, "나인": 9, "구": 9, "텐": 10, "십": 10,
}
_KOREAN_CODE = re.compile(
    "(" + "|".join(sorted(_KOREAN_LETTERS, key=len, reverse=True)) + ")"
    + "(" + "|".join(sorted(_KOREAN_DIGITS, key=len, reverse=True)) + ")"
    + r"(?=\s|$|[^가-힣]|비자|로|으로|에서|인데|예요|이에요|는|은|를|을|가|도|랑|와|과|에|자격)"
)

# Readings that are everyday Korean words: 지원 "support, apply" (G-1),
# 이사 "moving house" (E-4), 이십 "twenty", 이삼 "two or three", 이일, 이원,
# 이이. They count as a status only right before 비자 or 자격.
_KOREAN_WORD_READINGS = frozenset({"지원", "이사", "이십", "이삼", "이일", "이원", "이이"})
_STATUS_WORD_AFTER = re.compile(r"\s?(?:비자|자격)")


# Russian and Uzbek writers often type the code in Cyrillic look-alikes
# ("Д-2", "Е9", "Ф-4", "Н-2"). Only the dash or no-space forms count, so
# "С 3 мая" (from 3 May) is not C-3.
_CYRILLIC_LETTERS = {"А": "A", "В": "B", "С": "C", "Д": "D", "Е": "E", "Ф": "F", "Г": "G", "Н": "H"}
_CYRILLIC_CODE = re.compile(
    rf"(?<![\w])([{''.join(_CYRILLIC_LETTERS)}{''.join(_CYRILLIC_LETTERS).lower()}])[{_DASH}]?(\d{{1,2}})"
    rf"(?:[{_DASH}](\d{{1,2}}))?(?![0-9\w])"
)

# Codes spelled out in Thai and Khmer ("ดีทู" = D-2, "អ៊ីប្រាំបួន" = E-9).
_SPELLED_LETTERS = {"ดี": "D", "อี": "E", "เอฟ": "F", "เอช": "H", "ซี": "C", "บี": "B", "จี": "G", "เอ": "A",
                    "ឌី": "D", "អ៊ី": "E", "អេហ្វ": "F", "អេច": "H", "ស៊ី": "C", "ប៊ី": "B"}
_SPELLED_DIGITS = {"หนึ่ง": 1, "วัน": 1, "สอง": 2, "ทู": 2, "สาม": 3, "ทรี": 3, "สี่": 4, "โฟร์": 4, "ห้า": 5,
                   "ไฟว์": 5, "หก": 6, "ซิกซ์": 6, "เจ็ด": 7, "เซเว่น": 7, "แปด": 8, "เอท": 8, "เก้า": 9,
                   "ไนน์": 9, "สิบ": 10, "เท็น": 10,
                   "មួយ": 1, "ពីរ": 2, "បី": 3, "បួន": 4, "ប្រាំ": 5, "ប្រាំមួយ": 6, "ប្រាំពីរ": 7,
                   "ប្រាំបី": 8, "ប្រាំបួន": 9, "ដប់": 10}
_SPELLED_CODE = re.compile(
    "(" + "|".join(sorted(map(re.escape, _SPELLED_LETTERS), key=len, reverse=True)) + ")"
    + r"\s?(" + "|".join(sorted(map(re.escape, _SPELLED_DIGITS), key=len, reverse=True)) + ")"
)


@dataclass(frozen=True)
class StatusMention:
    code: str  # normalised main code, e.g. "D-2"
    substatus: str | None  # e.g. "D-4-1" when typed
    start: int
    end: int
    text: str


def find_status_codes(text: str) -> list[StatusMention]:
    """Every valid status code mentioned in ``text``, in order."""
    found: list[StatusMention] = []
    for match in _CODE.finditer(text):
        letter = (match.group(1) or match.group(2)).upper()
        code = f"{letter}-{int(match.group(3))}"
        if code not in VALID_CODES:
            continue
        sub = f"{code}-{int(match.group(4))}" if match.group(4) else None
        found.append(StatusMention(code, sub, match.start(), match.end(), match.group()))
    for match in _CYRILLIC_CODE.finditer(text):
        code = f"{_CYRILLIC_LETTERS[match.group(1).upper()]}-{int(match.group(2))}"
        if code in VALID_CODES:
            sub = f"{code}-{int(match.group(3))}" if match.group(3) else None
            found.append(StatusMention(code, sub, match.start(), match.end(), match.group()))
    for match in _SPELLED_CODE.finditer(text):
        code = f"{_SPELLED_LETTERS[match.group(1)]}-{_SPELLED_DIGITS[match.group(2)]}"
        if code in VALID_CODES:
            found.append(StatusMention(code, None, match.start(), match.end(), match.group()))
    for match in _KOREAN_CODE.finditer(text):
        # "이" alone is a common particle; require the pair to stand as a word.
        before = text[match.start() - 1] if match.start() else " "
        if "가" <= before <= "힣":
            continue
        if match.group() in _KOREAN_WORD_READINGS and not _STATUS_WORD_AFTER.match(text, match.end()):
            continue
        code = f"{_KOREAN_LETTERS[match.group(1)]}-{_KOREAN_DIGITS[match.group(2)]}"
        if code in VALID_CODES:
            found.append(StatusMention(code, None, match.start(), match.end(), match.group()))
    return sorted(found, key=lambda m: m.start)


def normalise_status(value: object) -> str | None:
    """Normalise one typed status ("e9", "D-2-1") or return None."""
    if not isinstance(value, str):
        return None
    mentions = find_status_codes(value.strip())
    return mentions[0].code if mentions else None
