"""Scripted conversations (``tests/conversations/*.yml``) and how a played one is scored.

Plain functions with no server in them, so the scoring is unit-tested; the
runner (``bench.eval_conversations``) plays each script against the real bot
over REST and hands the observed turns here.

A turn is right when the question the reply answers (``custom.answers``,
else the classifier's label), the service the reply names and the
conversation language are all as scripted (the service only where the
script names one). A menu counts as naming a service when the service is
among its buttons: the user can reach it in one tap. A conversation's goal
is reached when every goal service was named by some reply, every goal
number appeared in some reply, and no forbidden number (a tourist line in a
wage or safety conversation) ever did.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from bot.core.intents import ALL as CONTRACT_INTENTS
from bot.core.languages import TIER1

CONVERSATIONS_DIR = Path(__file__).resolve().parent.parent / "tests" / "conversations"
MIN_TURNS = 8


@dataclasses.dataclass(frozen=True)
class Turn:
    user: str
    intents: tuple[str, ...]
    services: tuple[str, ...]  # empty: not checked
    language: str


@dataclasses.dataclass(frozen=True)
class Goal:
    description: str
    services: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    not_numbers: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Script:
    id: str
    situation: str
    language: str
    persona: str
    goal: Goal
    turns: tuple[Turn, ...]
    path: str = ""


@dataclasses.dataclass(frozen=True)
class Observed:
    """What the user saw and what the bot understood, for one turn."""

    intent: str  # the question the reply answered (its custom.answers), else the classifier's label
    language: str
    service: str | None  # the card's service id
    menu: tuple[str, ...]  # a menu's or a phone list's service ids
    texts: tuple[str, ...]
    classified: str = ""  # the classifier's label for the message, for the report


@dataclasses.dataclass(frozen=True)
class TurnScore:
    intent_ok: bool
    service_ok: bool
    language_ok: bool

    @property
    def ok(self) -> bool:
        return self.intent_ok and self.service_ok and self.language_ok


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def parse_script(raw: dict[str, Any], path: str = "") -> Script:
    """One YAML script, validated against the intent contract; ValueError names the file and turn."""
    where = path or str(raw.get("id"))
    language = raw.get("language")
    if language not in TIER1:
        raise ValueError(f"{where}: language {language!r} is not a tier-1 language")
    goal_raw = raw.get("goal") or {}
    goal = Goal(str(goal_raw.get("description", "")), _tuple(goal_raw.get("services")),
                _tuple(goal_raw.get("numbers")), _tuple(goal_raw.get("not_numbers")))
    turns = []
    for number, t in enumerate(raw.get("turns") or [], 1):
        intents = _tuple(t.get("intent"))
        unknown = [i for i in intents if i not in CONTRACT_INTENTS]
        if not t.get("user") or not intents or unknown:
            raise ValueError(f"{where}: turn {number}: needs user text and contract intents (unknown: {unknown})")
        turn_language = t.get("language", language)
        if turn_language not in TIER1:
            raise ValueError(f"{where}: turn {number}: language {turn_language!r} is not tier-1")
        turns.append(Turn(str(t["user"]), intents, _tuple(t.get("service")), turn_language))
    return Script(str(raw.get("id")), str(raw.get("situation", "")), language, str(raw.get("persona", "")), goal,
                  tuple(turns), path)


def load_scripts(directory: Path = CONVERSATIONS_DIR) -> list[Script]:
    return [parse_script(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
            for path in sorted(directory.glob("*.yml"))]


def score_turn(turn: Turn, seen: Observed) -> TurnScore:
    named = ((seen.service,) if seen.service else ()) + seen.menu
    return TurnScore(
        intent_ok=seen.intent in turn.intents,
        service_ok=not turn.services or any(s in turn.services for s in named),
        language_ok=seen.language == turn.language,
    )


def goal_reached(goal: Goal, observed: list[Observed]) -> tuple[bool, list[str]]:
    """Whether the goal was reached, and what was missing if not."""
    named = {s for o in observed for s in ((o.service,) if o.service else ()) + o.menu}
    text = "\n".join(t for o in observed for t in o.texts)
    missing = [f"service {s}" for s in goal.services if s not in named]
    missing += [f"number {n}" for n in goal.numbers if n not in text]
    missing += [f"forbidden number {n} shown" for n in goal.not_numbers if n in text]
    return not missing, missing


def observed_from(messages: list[dict[str, Any]], tracker: dict[str, Any]) -> Observed:
    """A turn as a REST client saw it, with the tracker's reading of the message."""
    latest = tracker.get("latest_message") or {}
    service, menu, texts, answered = None, [], [], None
    for message in messages:
        if message.get("text"):
            texts.append(str(message["text"]))
        custom = message.get("custom") or {}
        if isinstance(custom, dict):
            if custom.get("service_id") and service is None:
                service = str(custom["service_id"])
            if isinstance(custom.get("answers"), str) and answered is None:
                answered = custom["answers"]
            menu += [str(s.get("id")) for s in custom.get("services") or [] if isinstance(s, dict)]
    classified = str((latest.get("intent") or {}).get("name", ""))
    # What the user got is what counts: a documents answer to "what papers for the extension?" is
    # right even when the classifier read the message as the extension itself.
    return Observed(intent=answered or classified,
                    language=str((tracker.get("slots") or {}).get("language") or ""),
                    service=service, menu=tuple(menu), texts=tuple(texts), classified=classified)
