"""Server-issued conversation ids, handed to clients only as signed tokens.

A client never names its conversation: the edge makes a random 128-bit
id, and the client gets ``<id>.<timestamp>.<signature>`` (itsdangerous,
keyed by the edge secret). Only a token the edge signed leads back to a
conversation, so a client that sends any other id, a guessed one or one
copied from a log or the bot's sender ids, is given a new, empty
conversation instead. The token is what rasa-webchat stores as its
``session_id``, so reloading the page resumes the same conversation.
"""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, TimestampSigner

SENDER_PREFIX = "web:"


class SessionTokens:
    def __init__(self, secret: str, max_age_seconds: int) -> None:
        # The salt keeps these signatures useless for anything else signed with the secret.
        self._signer = TimestampSigner(secret, salt="ieum.edge.session")
        self._max_age = max_age_seconds

    def issue(self) -> tuple[str, str]:
        """(token for the client, conversation id)."""
        conversation = secrets.token_hex(16)
        return self._signer.sign(conversation).decode(), conversation

    def conversation(self, token: object) -> str | None:
        """The conversation a token stands for, or None for anything not signed by us (or too old)."""
        if not isinstance(token, str) or not 20 <= len(token) <= 200:
            return None
        try:
            value = self._signer.unsign(token, max_age=self._max_age).decode()
        except (BadSignature, UnicodeDecodeError):
            return None
        return value if len(value) == 32 and all(c in "0123456789abcdef" for c in value) else None

    def resume_or_issue(self, token: object) -> tuple[str, str]:
        """(token, conversation): the presented session when it is ours, else a fresh one."""
        conversation = self.conversation(token)
        if conversation is not None:
            return str(token), conversation
        return self.issue()


def sender_for(conversation: str) -> str:
    """The sender id Rasa sees for a web conversation (never shown to clients)."""
    return SENDER_PREFIX + conversation
