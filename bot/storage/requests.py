"""Document requests: the vault, saving a request, checking its status.

Plain functions over an SQLAlchemy engine; no Rasa. The alien registration
number only ever travels as AES-GCM ciphertext (bot.storage.arn).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.core.references import new_reference
from bot.storage import tables
from bot.storage.arn import Arn, decrypt, encrypt, lookup_hash

RETENTION_DAYS = 90
VAULT_TTL = dt.timedelta(hours=1)
DELIVERIES = ("home", "office", "post")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def vault_put(engine: Engine, conversation_id: str, arn: Arn, key: bytes) -> str:
    """Keep an ARN taken out of a message until the form stores it; returns a token."""
    token = "arn_" + secrets.token_urlsafe(18)
    with engine.begin() as conn:
        conn.execute(delete(tables.arn_vault).where(tables.arn_vault.c.created_at < _now() - VAULT_TTL))
        conn.execute(insert(tables.arn_vault).values(token=token, conversation_id=conversation_id,
                                                     ciphertext=encrypt(arn, key), created_at=_now()))
    return token


def vault_get(engine: Engine, token: str, conversation_id: str, key: bytes) -> Arn | None:
    """The ARN behind a token, only for the conversation that produced it."""
    with engine.connect() as conn:
        row = conn.execute(select(tables.arn_vault.c.ciphertext)
                           .where(tables.arn_vault.c.token == token,
                                  tables.arn_vault.c.conversation_id == conversation_id,
                                  tables.arn_vault.c.created_at >= _now() - VAULT_TTL)).first()
    return decrypt(row.ciphertext, key) if row else None


@dataclass(frozen=True)
class NewRequest:
    document_id: str
    applicant_name: str
    arn: Arn
    contact: str
    delivery: str
    language: str
    conversation_id: str


def save_request(engine: Engine, request: NewRequest, key: bytes, vault_token: str | None = None) -> str:
    """Store a request (ARN encrypted) and return its reference number."""
    if request.delivery not in DELIVERIES:
        raise ValueError(f"delivery must be one of {DELIVERIES}")
    now = _now()
    for _ in range(5):  # a reference collision is astronomically rare; retry anyway
        reference = new_reference()
        try:
            with engine.begin() as conn:
                conn.execute(insert(tables.document_requests).values(
                    reference=reference, document_id=request.document_id, status="received",
                    applicant_name=request.applicant_name, arn_ciphertext=encrypt(request.arn, key),
                    arn_hmac=lookup_hash(request.arn.digits, key, "arn"),
                    arn_last4_hmac=lookup_hash(f"{reference}:{request.arn.last4}", key, "last4"),
                    contact=request.contact, delivery=request.delivery, language=request.language,
                    consent_at=now, created_at=now, updated_at=now, conversation_id=request.conversation_id,
                    failed_lookups=0))
                if vault_token:
                    conn.execute(delete(tables.arn_vault).where(tables.arn_vault.c.token == vault_token))
            return reference
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a reference number")


@dataclass(frozen=True)
class RequestStatus:
    reference: str
    document_id: str
    status: str
    updated_at: dt.datetime


def find_request(engine: Engine, reference: str, last4: str, key: bytes) -> RequestStatus | None:
    """A request by reference plus the last 4 ARN digits (second factor)."""
    expected = lookup_hash(f"{reference}:{last4}", key, "last4")
    with engine.connect() as conn:
        row = conn.execute(select(tables.document_requests)
                           .where(tables.document_requests.c.reference == reference)).first()
    if row is None or not secrets.compare_digest(row.arn_last4_hmac, expected):
        return None
    return RequestStatus(row.reference, row.document_id, row.status, row.updated_at)


def purge_expired(engine: Engine, now: dt.datetime | None = None) -> int:
    """Delete requests older than the retention period (PIPA Art. 21)."""
    cutoff = (now or _now()) - dt.timedelta(days=RETENTION_DAYS)
    with engine.begin() as conn:
        result = conn.execute(delete(tables.document_requests).where(tables.document_requests.c.created_at < cutoff))
        return result.rowcount or 0
