"""Conversations handed to a person: create, list, claim, reply, release.

While a handoff is open (waiting or claimed) the bot stays quiet in that
conversation; the user's messages go to the agent and the agent's replies
are delivered on the user's next turn. Everything stored is masked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine

from bot.core.contract import ARN_TOKEN_KEY
from bot.storage import tables
from bot.storage.arn import redact

OPEN = ("waiting", "claimed")
def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _masked(text: str) -> str:
    return redact(text)[0]


@dataclass(frozen=True)
class Handoff:
    id: int
    conversation_id: str
    status: str
    language: str
    intent: str | None
    slots: dict[str, Any]
    transcript: list[dict[str, str]]
    agent: str | None
    created_at: dt.datetime


def _row(row: Any) -> Handoff:
    return Handoff(row.id, row.conversation_id, row.status, row.language, row.intent, row.slots, row.transcript,
                   row.agent, row.created_at)


def create_handoff(engine: Engine, conversation_id: str, language: str, intent: str | None,
                   slots: dict[str, Any], transcript: list[dict[str, str]]) -> Handoff:
    """Open a handoff, or return the one already open for the conversation."""
    existing = open_handoff(engine, conversation_id)
    if existing:
        return existing
    safe_slots = {k: (_masked(v) if isinstance(v, str) else v) for k, v in slots.items()
                  if k != ARN_TOKEN_KEY}
    safe_transcript = [{"sender": t["sender"], "text": _masked(t["text"])} for t in transcript]
    now = _now()
    with engine.begin() as conn:
        result = conn.execute(insert(tables.handoffs).values(
            conversation_id=conversation_id, status="waiting", language=language, intent=intent, slots=safe_slots,
            transcript=safe_transcript, created_at=now, updated_at=now))
        handoff_id = result.inserted_primary_key[0]
    return get_handoff(engine, handoff_id)  # type: ignore[return-value]


def get_handoff(engine: Engine, handoff_id: int) -> Handoff | None:
    with engine.connect() as conn:
        row = conn.execute(select(tables.handoffs).where(tables.handoffs.c.id == handoff_id)).first()
    return _row(row) if row else None


def open_handoff(engine: Engine, conversation_id: str) -> Handoff | None:
    with engine.connect() as conn:
        row = conn.execute(select(tables.handoffs)
                           .where(tables.handoffs.c.conversation_id == conversation_id,
                                  tables.handoffs.c.status.in_(OPEN))
                           .order_by(tables.handoffs.c.id.desc())).first()
    return _row(row) if row else None


def list_handoffs(engine: Engine, status: str | None = None) -> list[Handoff]:
    query = select(tables.handoffs).order_by(tables.handoffs.c.id)
    if status:
        query = query.where(tables.handoffs.c.status == status)
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def _set(engine: Engine, handoff_id: int, allowed_from: tuple[str, ...], **values: Any) -> bool:
    with engine.begin() as conn:
        result = conn.execute(update(tables.handoffs)
                              .where(tables.handoffs.c.id == handoff_id, tables.handoffs.c.status.in_(allowed_from))
                              .values(updated_at=_now(), **values))
        return bool(result.rowcount)


def claim(engine: Engine, handoff_id: int, agent: str) -> bool:
    return _set(engine, handoff_id, ("waiting",), status="claimed", agent=agent[:80])


def release(engine: Engine, handoff_id: int) -> bool:
    return _set(engine, handoff_id, OPEN, status="released")


def add_message(engine: Engine, handoff_id: int, sender: str, text: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(tables.handoff_messages).values(
            handoff_id=handoff_id, sender=sender, text=_masked(text)[:4000], delivered=sender == "user",
            created_at=_now()))


def take_agent_replies(engine: Engine, handoff_id: int) -> list[str]:
    """Agent replies not yet shown to the user, marked delivered."""
    messages = tables.handoff_messages
    with engine.begin() as conn:
        rows = conn.execute(select(messages.c.id, messages.c.text)
                            .where(messages.c.handoff_id == handoff_id, messages.c.sender == "agent",
                                   messages.c.delivered.is_(False)).order_by(messages.c.id)).all()
        if rows:
            conn.execute(update(messages).where(messages.c.id.in_([r.id for r in rows])).values(delivered=True))
    return [r.text for r in rows]


def queue_position(engine: Engine, handoff: Handoff) -> int:
    """1 for the oldest waiting handoff: how many people are ahead, plus one."""
    with engine.connect() as conn:
        ahead = conn.execute(select(func.count()).select_from(tables.handoffs)
                             .where(tables.handoffs.c.status == "waiting", tables.handoffs.c.id < handoff.id)).scalar()
    return int(ahead or 0) + 1


def waiting_minutes(handoff: Handoff, now: dt.datetime | None = None) -> int:
    created = handoff.created_at if handoff.created_at.tzinfo else handoff.created_at.replace(tzinfo=dt.timezone.utc)
    return max(0, int(((now or _now()) - created).total_seconds() // 60))
