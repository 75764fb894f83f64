"""Take alien registration numbers out of messages at the channel boundary.

Rasa stores every user message in the tracker and may log it, so the
number must be gone before Rasa sees the text: it is replaced by its
masked form, and the real value waits encrypted in the vault under a
token that travels in the message metadata (``arn_token``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from catalogue import db
from catalogue.arn import load_key, redact
from catalogue.requests import vault_put
from channels.payloads import sanitise

METADATA_KEY = "arn_token"


def _redact_and_store(text: str, sender: str) -> tuple[str, dict[str, Any]]:
    clean, found = redact(text)
    if not found:
        return clean, {}
    engine = db.shared_engine()
    db.migrate_once(engine)
    token = vault_put(engine, sender, found[-1], load_key())
    return clean, {METADATA_KEY: token}


async def redact_message(text: str, sender: str) -> tuple[str, dict[str, Any]]:
    """(text without ARNs or forbidden payloads, metadata to add).

    Database work runs off the event loop.
    """
    text = sanitise(text)
    if not any(ch.isdigit() for ch in text):
        return text, {}
    return await asyncio.to_thread(_redact_and_store, text, sender)
