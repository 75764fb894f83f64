"""Alien registration numbers (ARN): validate, mask, encrypt, hash.

Rules (shared/reference/style-and-security.md B5):
- 13 digits ``YYMMDD-G......``; G is 5 or 6 for births in the 1900s and 7
  or 8 for the 2000s. The old mod-11 checksum is NOT checked: numbers issued
  since October 2020 do not follow it.
- One masking rule everywhere (bot, logs, console): ``950101-5******``.
- Stored only encrypted (AES-GCM, key from ``IEUM_ARN_KEY``), with keyed
  HMACs for equality lookups; never in a slot, a log or a template.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.core.settings import settings

KEY_ENV = "IEUM_ARN_KEY"

# Digits in any width (full-width ０-９ too, after NFKC), optional hyphen or
# space after the birth date, not inside a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})\s?[-‐‑–—]?\s?(\d{7})(?!\d)")


class ArnKeyError(RuntimeError):
    """No usable encryption key."""


@dataclass(frozen=True)
class Arn:
    digits: str  # 13 digits, no separator

    @property
    def masked(self) -> str:
        return mask(self.digits)

    @property
    def last4(self) -> str:
        return self.digits[-4:]


def _digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def parse_arn(text: object) -> Arn | None:
    """The ARN in ``text`` if it has the right shape, date and gender digit."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    match = _CANDIDATE.search(_digits(text))
    if not match:
        return None
    digits = match.group(1) + match.group(2)
    return Arn(digits) if is_valid(digits) else None


def is_valid(digits: str) -> bool:
    if not re.fullmatch(r"\d{13}", digits):
        return False
    gender = digits[6]
    if gender not in "5678":
        return False
    century = 1900 if gender in "56" else 2000
    try:
        born = dt.date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return False
    return born <= dt.date.today()


def mask(digits: str) -> str:
    """``950101-5******``: birth date and gender digit only."""
    return f"{digits[:6]}-{digits[6]}******"


def redact(text: str) -> tuple[str, list[Arn]]:
    """Replace every valid-looking ARN in ``text`` by its masked form.

    Also masks 13-digit runs that fail validation, so a mistyped number
    is never stored in clear either.
    """
    found: list[Arn] = []
    normalised = _digits(text)

    def replace(match: re.Match[str]) -> str:
        digits = match.group(1) + match.group(2)
        if is_valid(digits):
            found.append(Arn(digits))
        return mask(digits)

    return _CANDIDATE.sub(replace, normalised), found


# -- keys, encryption, lookups ---------------------------------------------------


def load_key() -> bytes:
    """The 32-byte key from ``IEUM_ARN_KEY`` (base64).

    Without it, a development key is created under var/ (never in the repo)
    so that `make run` works out of the box; production sets the variable.
    """
    config = settings()
    raw = config.arn_key_b64
    if raw:
        try:
            key = base64.b64decode(raw, validate=True)
        except ValueError as exc:
            raise ArnKeyError(f"{KEY_ENV} is not valid base64") from exc
        if len(key) != 32:
            raise ArnKeyError(f"{KEY_ENV} must decode to 32 bytes, got {len(key)}")
        return key
    if config.production:
        raise ArnKeyError(f"{KEY_ENV} must be set in production")
    dev_key = config.dev_key_file
    if not dev_key.exists():
        dev_key.parent.mkdir(parents=True, exist_ok=True)
        dev_key.write_bytes(base64.b64encode(secrets.token_bytes(32)))
        dev_key.chmod(0o600)
    return base64.b64decode(dev_key.read_bytes())


def encrypt(arn: Arn, key: bytes, context: bytes = b"ieum-arn") -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, arn.digits.encode(), context)


def decrypt(blob: bytes, key: bytes, context: bytes = b"ieum-arn") -> Arn:
    """Fails closed (cryptography raises InvalidTag) on a wrong key or tampering."""
    return Arn(AESGCM(key).decrypt(blob[:12], blob[12:], context).decode())


def lookup_hash(value: str, key: bytes, purpose: str) -> str:
    """Keyed hash for equality lookups; a different sub-key per purpose."""
    sub_key = hmac.new(key, purpose.encode(), hashlib.sha256).digest()
    return hmac.new(sub_key, value.encode(), hashlib.sha256).hexdigest()
