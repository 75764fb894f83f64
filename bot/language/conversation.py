"""Which language the conversation is in, turn by turn.

The slot is sticky on purpose: "ok", "👍" or "D-2" carry no language, and a
short message can fool any detector, so only a confident detection moves
the conversation to another language. An explicit request always wins.
"""

from __future__ import annotations

from bot.language.detector import SUPPORTED, UNDETERMINED

DEFAULT_LANGUAGE = "en"
# A first message needs only a plausible detection.
FIRST_MESSAGE_CONFIDENCE = 0.3
# Switching away from an established language needs a strong one.
SWITCH_CONFIDENCE = 0.8
# ... and a very strong one when the message is only a word or two.
SHORT_SWITCH_CONFIDENCE = 0.95
SHORT_MESSAGE_TOKENS = 2


# Naming a language is not asking for it: "I can't read Korean", "a Khmer-speaking caller",
# "크메르어 하는 상담 번호 있어요?" keep the conversation where it is. A switch request is short,
# not negated, and about the conversation itself rather than a third person or a phone line.
SWITCH_REQUEST_CONFIDENCE = 0.6
SWITCH_REQUEST_MAX_TOKENS = 5
NEGATIONS = ("not ", "n't", "cannot", "no ", "못", "안 ", "모르", "없", "不", "没", "không biết", "không đọc", "không hiểu", "không nói",
             "khong biet", "khong doc", "khong hieu", "chưa",
             "ไม่", "не ", "нет", "emas", "mayman", "छैन", "होइन", "सक्दिन", "sakdina", "audaina", "биш",
             "чадахгүй", "мэдэхгүй", "tidak", "nggak", "gak ", "bukan", "hindi ", "មិន", "អត់")
THIRD_PARTY = ("caller", "customer", "speaking", "speaker", "interpret", "손님", "분이", "분께", "하는 분", "하는 상담",
               "하는 번호", "통역", "상담원", "number", "line", "번호", "电话", "số điện thoại", "เบอร์", "номер",
               "raqam", "नम्बर", "дугаар", "nomor", "numero", "លេខ")


def is_switch_request(text: str, intent_confidence: float, token_count: int) -> bool:
    """Whether a message the classifier calls ``choose_language`` really asks to change language."""
    lowered = f" {text.lower()} "
    return (intent_confidence >= SWITCH_REQUEST_CONFIDENCE and token_count <= SWITCH_REQUEST_MAX_TOKENS
            and not any(marker in lowered for marker in NEGATIONS)
            and not any(marker in lowered for marker in THIRD_PARTY))


def language_from_hint(hint: object) -> str | None:
    """A channel hint such as a browser's ``vi-VN`` or Kakao's ``ko``."""
    if not isinstance(hint, str) or not hint:
        return None
    code = hint.strip().replace("_", "-").split("-")[0].lower()
    if code == "fil":
        code = "tl"
    if code == "in":  # the old Java code for Indonesian, still sent by some phones
        code = "id"
    return code if code in SUPPORTED else None


def next_language(
    current: str | None,
    detected_code: str,
    confidence: float,
    *,
    token_count: int,
    explicit: str | None = None,
    hint: str | None = None,
) -> str:
    """The conversation's language after one more user message."""
    if explicit in SUPPORTED:
        return explicit
    if current not in SUPPORTED:
        current = None
    detected_ok = detected_code in SUPPORTED and detected_code != UNDETERMINED
    if current is None:
        if detected_ok and confidence >= FIRST_MESSAGE_CONFIDENCE:
            return detected_code
        return language_from_hint(hint) or DEFAULT_LANGUAGE
    if not detected_ok or detected_code == current:
        return current
    needed = SHORT_SWITCH_CONFIDENCE if token_count <= SHORT_MESSAGE_TOKENS else SWITCH_CONFIDENCE
    return detected_code if confidence >= needed else current
