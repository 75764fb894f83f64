"""Take a registration number out of a message and keep it encrypted.

Every inbound channel calls ``redact_message`` before the message
reaches Rasa (which stores and may log every message): the number is
replaced by its masked form and the real value waits, encrypted, under a
token that travels in the message metadata (``ARN_TOKEN_KEY``).
Blocking database I/O: async callers use ``redact_message``, which runs it in a thread.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.contract import ARN_TOKEN_KEY, sanitise
from bot.storage.arn import load_key, redact
from bot.storage.database import engine
from bot.storage.requests import vault_put


def redact_and_store(text: str, sender: str) -> tuple[str, dict[str, Any]]:
    """(text with every registration number masked, metadata to add to the message)."""
    clean, found = redact(text)
    if not found:
        return clean, {}
    token = vault_put(engine(), sender, found[-1], load_key())
    return clean, {ARN_TOKEN_KEY: token}


async def redact_message(text: str, sender: str) -> tuple[str, dict[str, Any]]:
    """What every inbound channel does first: forbidden payloads out, registration numbers masked
    and vaulted. (text, metadata to add); the database work runs off the event loop."""
    text = sanitise(text)
    if not any(ch.isdigit() for ch in text):
        return text, {}
    return await asyncio.to_thread(redact_and_store, text, sender)
