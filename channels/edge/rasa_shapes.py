"""Replies in the shapes Rasa's own channels send, so clients written for Rasa keep working.

- REST (``CollectingOutputChannel``): one message with ``text`` (and
  ``buttons``), then the ``custom`` part as a message of its own.
- socket.io (``SocketIOOutput``): text split at blank lines, the buttons as
  ``quick_replies`` on the last part, then the custom object itself as one
  more ``bot_uttered`` (what Rasa 3.6 means to send but fails to: its
  ``emit(**json_message)`` raises on our ``links`` key).
"""

from __future__ import annotations

from typing import Any

from bot.core.replies import Reply


def rest_messages(recipient_id: str, replies: list[Reply]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for reply in replies:
        if reply.text or reply.buttons:
            message: dict[str, Any] = {"recipient_id": recipient_id, "text": reply.text}
            if reply.buttons:
                message["buttons"] = [dict(b) for b in reply.buttons]
            messages.append(message)
        if reply.custom():
            messages.append({"recipient_id": recipient_id, "custom": reply.custom()})
    return messages


def socketio_messages(replies: list[Reply]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for reply in replies:
        parts = [p for p in reply.text.strip().split("\n\n") if p] or ([reply.text] if reply.buttons else [])
        if reply.buttons:
            batch: list[dict[str, Any]] = [{"text": part, "quick_replies": []} for part in parts]
            batch[-1]["quick_replies"] = [{"content_type": "text", "title": b["title"], "payload": b["payload"]}
                                          for b in reply.buttons]
            messages += batch
        else:
            messages += [{"text": part} for part in parts]
        if reply.custom():
            messages.append(reply.custom())
    return messages
