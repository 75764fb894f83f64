"""The one channel-neutral reply model.

Actions build ``Reply`` objects; Rasa carries them as messages with
``text``, ``buttons`` and a ``custom`` object (shared/spec/intents.md:
``custom.service_id`` for a service, ``custom.services`` for a menu,
``custom.links`` for link buttons); every channel reads them back with
``Reply.from_message`` and renders them natively. No Rasa import here:
the public edge runs on another Python without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class ReplyKind(str, Enum):
    SERVICE = "service"  # one catalogue service: a card with link buttons
    MENU = "menu"        # two to four services to pick from
    CHOICES = "choices"  # a question with answer buttons (forms, yes/no, languages)
    TEXT = "text"        # plain text (emergency lines, handoff notices, small talk)


@dataclass
class Reply:
    text: str
    # {"title": shown text, "payload": what is sent back when picked}
    buttons: list[dict[str, str]] = field(default_factory=list)
    # {"title": shown text, "url": an official page}; rendered as link buttons, never raw in text
    links: list[dict[str, str]] = field(default_factory=list)
    # The catalogue service this reply presents, or the services a menu offers.
    service_id: str | None = None
    services: list[dict[str, str]] = field(default_factory=list)
    # The question this reply answers, as a contract intent ("ask_documents" for the documents of a
    # service asked as "what papers for the extension?"): what the user got, whatever the classifier said.
    answers: str | None = None

    @property
    def kind(self) -> ReplyKind:
        if self.service_id:
            return ReplyKind.SERVICE
        if self.services:
            return ReplyKind.MENU
        if self.buttons:
            return ReplyKind.CHOICES
        return ReplyKind.TEXT

    def custom(self) -> dict[str, object]:
        custom: dict[str, object] = {}
        if self.service_id:
            custom["service_id"] = self.service_id
        if self.services:
            custom["services"] = self.services
        if self.links:
            custom["links"] = self.links
        if self.answers:
            custom["answers"] = self.answers
        return custom

    def as_message(self) -> dict[str, object]:
        """The shape Rasa's dispatcher and REST channel carry."""
        message: dict[str, object] = {"text": self.text}
        if self.buttons:
            message["buttons"] = self.buttons
        if self.custom():
            message["custom"] = self.custom()
        return message

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Reply:
        """Read back one message of Rasa's REST output; unknown or malformed parts are dropped."""
        raw = message.get("custom")
        custom: dict[str, Any] = raw if isinstance(raw, dict) else {}
        return cls(
            text=str(message.get("text") or ""),
            buttons=_pairs(message.get("buttons"), "title", "payload"),
            links=_pairs(custom.get("links"), "title", "url"),
            service_id=custom.get("service_id") if isinstance(custom.get("service_id"), str) else None,
            services=[s for s in custom.get("services") or [] if isinstance(s, dict) and isinstance(s.get("id"), str)],
            answers=custom.get("answers") if isinstance(custom.get("answers"), str) else None,
        )


def _pairs(items: object, first: str, second: str) -> list[dict[str, str]]:
    if not isinstance(items, list):
        return []
    return [{first: str(i[first]), second: str(i[second])} for i in items
            if isinstance(i, dict) and isinstance(i.get(first), str) and isinstance(i.get(second), str)]
