"""Typical questions users ask about each service (``catalogue/data/questions/<lang>.yml``).

They are the service's fingerprint for the resolver: a user's message is
compared with how other users ask about the same service, which says far
more than a title ("can't find my card anywhere" shares no word with
"Reissue of residence card"). They are written the way people type:
informal, with typos, romanised Korean and Korean terms inside other
languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.languages import ALL
from catalogue.records import CatalogueError

QUESTIONS_DIR = Path(__file__).resolve().parent / "data" / "questions"


@dataclass(frozen=True)
class TypicalQuestion:
    service_id: str
    lang: str
    text: str


def read_questions(directory: Path = QUESTIONS_DIR, service_ids: set[str] | None = None) -> list[TypicalQuestion]:
    """Every typical question, checked: a known language, known service ids, non-empty text."""
    out: list[TypicalQuestion] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = data.get("language")
        if lang != path.stem or lang not in ALL:
            problems.append(f"{path.name}: 'language' must be the file's own code, got {lang!r}")
            continue
        questions = data.get("questions") or {}
        if not isinstance(questions, dict):
            problems.append(f"{path.name}: 'questions' must map service ids to lists")
            continue
        for service_id, texts in questions.items():
            if service_ids is not None and service_id not in service_ids:
                problems.append(f"{path.name}: unknown service id {service_id!r}")
                continue
            for text in texts or []:
                if not isinstance(text, str) or not text.strip():
                    problems.append(f"{path.name}: {service_id}: empty or non-text question")
                    continue
                out.append(TypicalQuestion(service_id, lang, " ".join(text.split())))
    if problems:
        raise CatalogueError("typical questions are invalid:\n  " + "\n  ".join(problems[:25]))
    return out


def counts(questions: list[TypicalQuestion]) -> dict[tuple[str, str], int]:
    """How many questions each (service id, language) has."""
    out: dict[tuple[str, str], int] = {}
    for question in questions:
        key = (question.service_id, question.lang)
        out[key] = out.get(key, 0) + 1
    return out
