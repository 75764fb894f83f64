"""Document-request reference numbers: ``IEUM-7K3M-9QX2``.

Crockford base32 without I, L, O and U, so a reference read over the phone
cannot be mistaken (0/O, 1/I/L).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PATTERN = re.compile(r"(?<![A-Za-z0-9])IEUM[\s-]?([0-9A-Za-z]{4})[\s-]?([0-9A-Za-z]{4})(?![A-Za-z0-9])", re.I)


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"IEUM-{body[:4]}-{body[4:]}"


def _canonical_chars(chunk: str) -> str | None:
    chunk = chunk.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    return chunk if all(ch in ALPHABET for ch in chunk) else None


def find_references(text: str) -> list[tuple[str, int, int]]:
    """(canonical reference, start, end) for each reference in ``text``."""
    found = []
    for match in _PATTERN.finditer(text):
        first, second = _canonical_chars(match.group(1)), _canonical_chars(match.group(2))
        if first and second:
            found.append((f"IEUM-{first}-{second}", match.start(), match.end()))
    return found


def normalise_reference(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    found = find_references(value)
    return found[0][0] if found else None
