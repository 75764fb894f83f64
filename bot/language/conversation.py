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
        return explicit  # type: ignore[return-value]
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
