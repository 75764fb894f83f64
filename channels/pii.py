"""Registration numbers out, forbidden payloads out, before Rasa sees a message.

The edge does the same for public traffic; Rasa's own channels do it again
so that nothing reaching Rasa on loopback bypasses it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.contract import sanitise
from bot.storage.vault import redact_and_store


async def redact_message(text: str, sender: str) -> tuple[str, dict[str, Any]]:
    """(text without ARNs or forbidden payloads, metadata to add); database work runs off the event loop."""
    text = sanitise(text)
    if not any(ch.isdigit() for ch in text):
        return text, {}
    return await asyncio.to_thread(redact_and_store, text, sender)
