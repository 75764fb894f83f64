"""The message contract between channels and the bot.

Metadata keys a channel may attach, and which "/intent{...}" messages a
public channel may pass on to Rasa.

Rasa treats a message starting with "/" as an intent with entities and
skips NLU. Our buttons use that, but anyone can type it, so only the
intents and entities our buttons send are allowed, with values of the
right shape; anything else is passed on as plain text (without the
slash), where NLU and validation treat it like any other message.
"""

from __future__ import annotations

import json
import re

from bot.core.intents import FOLLOW_UPS, SERVICE_INTENTS

# Messaging apps the public edge serves; each has a section of that name in credentials.yml
# (Rasa is given the file without them).
MESSAGING_CHANNELS = ("kakao", "line", "telegram")

# Message metadata. Clients may send only CLIENT_METADATA; the channel adds
# ARN_TOKEN_KEY itself after taking a registration number out of the text.
ARN_TOKEN_KEY = "arn_token"
BROWSER_LANGUAGE_KEY = "browser_language"
LANGUAGE_HINT_KEY = "language_hint"
CLIENT_METADATA = (BROWSER_LANGUAGE_KEY, LANGUAGE_HINT_KEY)


def client_metadata(raw: object) -> dict[str, str]:
    """The metadata a client may set, short strings only; everything else is dropped."""
    if not isinstance(raw, dict):
        return {}
    return {k: v[:35] for k, v in raw.items() if k in CLIENT_METADATA and isinstance(v, str)}


# Service cards and menus send '/<intent>{"service_id": ...}' for any service
# intent and every follow-up.
ALLOWED_INTENTS = frozenset({"affirm", "deny", "request_document", "choose_language", "part_time_work",
                             "check_request_status", "contact_info", *SERVICE_INTENTS, *FOLLOW_UPS})
ALLOWED_ENTITIES = {
    "document": re.compile(r"^[A-Z][A-Z0-9-]{2,39}$"),
    "visa_status": re.compile(r"^[A-H]-\d{1,2}$"),
    "language_choice": re.compile(r"^[a-z]{2}$"),
    "service_id": re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+){1,4}$"),
}
_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)


def sanitise(text: str) -> str:
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    match = _PAYLOAD.match(stripped)
    if match and match.group(1) in ALLOWED_INTENTS:
        if not match.group(2):
            return stripped
        try:
            entities = json.loads(match.group(2))
        except ValueError:
            entities = None
        if isinstance(entities, dict) and all(
            key in ALLOWED_ENTITIES and isinstance(value, str) and ALLOWED_ENTITIES[key].match(value)
            for key, value in entities.items()
        ):
            return stripped
    return stripped.lstrip("/") or text
