"""Which service a message is about: every signal combined, with the reasons.

No Rasa here: the inputs are plain values (the text, its language, the intent
ranking, the services whose typical questions the message is closest to, the
document and visa-status entities, the service under discussion), so the
actions, the console and the benchmark all resolve the same way.

What each signal is good at:
- the intent ranking narrows the field (a wage question is a labour service);
- a classifier trained on the services' typical questions (n-grams and
  sentence vector) tells apart services within one intent ("can't find my
  card" vs "card on my phone");
- sentence-vector closeness to the typical questions adds meaning across
  languages;
- the words themselves catch names, Korean terms and romanised Korean that a
  sentence encoder blurs ("D-10", "출국만기보험", "oegugin deungnokjeung");
- a named document points at the service that issues it;
- the user's visa status prefers the services that list it;
- the service under discussion carries follow-ups ("how much is it?").

The score is a weighted sum of these; the weights and the menu margin are
fitted on the development split of ``tests/data/services`` by
``python -m bench.eval_answers --tune`` and kept in ``WEIGHTS``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from bot.core.intents import FOLLOW_UPS
from catalogue.contacts import numbers_in
from catalogue.eligibility import eligible
from catalogue.service_catalogue import ServiceCatalogue


@dataclass(frozen=True)
class Weights:
    # Fitted on the dev split by `python -m bench.eval_answers --tune` (2026-12-06, 10 typical questions
    # per service and language): right-first 0.953, top-3 0.993. The nearest-question closeness adds
    # nothing on dev once the classifier (which has the same sentence vectors as features) is there,
    # so its weight is 0; it stays in the parse output and the grid.
    intent: float = 0.25       # per unit of log intent probability
    semantic: float = 0.0      # per unit of cosine below the best service
    classifier: float = 4.0    # per unit of the service classifier's margin below the best service
    lexical: float = 2.0       # per unit of the catalogue search score
    document: float = 1.5      # the message names a document this service issues
    status_listed: float = 0.3  # the user's status is one this service lists
    status_excluded: float = 0.6  # the user's status is not one it lists
    context: float = 2.0       # the service under discussion, for a follow-up that names another service
    # A follow-up names another service only if the service classifier recognises it (margin above this);
    # otherwise "how much is it?" is about the service under discussion, whatever the noise says.
    switch_margin: float = 0.0
    general: float = 0.5       # status unknown: prefer the service open to the most statuses
    number: float = 3.0        # the message names the service's phone number ("does 1345 speak Thai?")
    # The words put the question on a topic ("divorce": the statuses for a marriage that ended); set by
    # hand, not fitted (single questions with such words are rare in the splits): enough to outweigh
    # the classifier's pull to the general F-6 visa in "F-6, if she divorces can she stay?".
    topic: float = 3.0
    # Menus where they help most, shown for at most a fifth of answers (dev: 0.14 of answers,
    # 0.69 of the questions where a menu helps, 0.60 of menus helpful).
    menu_margin: float = 1.0   # top two closer than this: offer a menu
    menu_window: float = 0.5   # services within this of the best go in the menu


WEIGHTS = Weights()
INTENT_FLOOR = 0.01
LEXICAL_DEPTH = 15
UNLISTED_GAP = 0.1
# Enough to keep a follow-up on the service under discussion against any other signal.
STAY = 100.0
# A service open to this many statuses (or to everyone) counts as fully general.
GENERAL_BREADTH = 20
MENU_MIN, MENU_MAX = 2, 4


@dataclass(frozen=True)
class Question:
    """Everything the resolver knows about one user message."""

    text: str
    lang: str
    intents: Sequence[tuple[str, float]] = ()
    semantic: Mapping[str, float] = field(default_factory=dict)
    margins: Mapping[str, float] = field(default_factory=dict)
    documents: Sequence[str] = ()
    visa_status: str | None = None
    current_service: str | None = None
    # Services the words' topics point at (bot.text.cues topics), once per topic: each mention is
    # worth ``Weights.topic`` (a divorce and a child: F-6-2 twice, F-6-3 once).
    preferred: tuple[str, ...] = ()


def question_from_parse(parsed: Mapping[str, Any], lang: str, visa_status: str | None = None,
                        current_service: str | None = None) -> Question:
    """A Question from an NLU parse result (``/model/parse`` output, or a tracker's latest message)."""
    ranking = [(str(r["name"]), float(r.get("confidence") or 0.0)) for r in parsed.get("intent_ranking") or []
               if isinstance(r, dict) and r.get("name")]
    candidates = [c for c in parsed.get("service_candidates") or [] if isinstance(c, dict) and "id" in c]
    semantic = {str(c["id"]): float(c["score"]) for c in candidates if "score" in c}
    margins = {str(c["id"]): float(c["margin"]) for c in candidates if "margin" in c}
    documents = [e["value"] for e in parsed.get("entities") or []
                 if e.get("entity") == "document" and isinstance(e.get("value"), str)]
    return Question(parsed.get("text") or "", lang, ranking, semantic, margins, documents, visa_status,
                    current_service)


@dataclass(frozen=True)
class Candidate:
    service_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    ranked: tuple[Candidate, ...]
    menu: tuple[str, ...]  # empty: answer ranked[0] directly

    @property
    def best(self) -> str | None:
        return self.ranked[0].service_id if self.ranked else None

    def top(self, n: int) -> list[str]:
        return [c.service_id for c in self.ranked[:n]]


class Resolver:
    def __init__(self, catalogue: ServiceCatalogue, weights: Weights = WEIGHTS) -> None:
        self.catalogue = catalogue
        self.weights = weights
        self._by_document = {d.id: d.service for d in catalogue.records.documents}

    def resolve(self, question: Question, *, restrict_to: Sequence[str] | None = None) -> Resolution:
        """Every service scored, best first, and a menu when the best two are too close to call."""
        w = self.weights
        probabilities = {name: float(p) for name, p in question.intents}
        top_intent = question.intents[0][0] if question.intents else None
        follow_up = top_intent in FOLLOW_UPS
        # The words matter for the best few matches only; ranking all 100 costs ~7 ms.
        lexical = ({hit.service_id: hit.score for hit in self.catalogue.lexical_hits(question.text, limit=LEXICAL_DEPTH)}
                   if w.lexical else {})
        best_semantic = max(question.semantic.values(), default=0.0)
        # Services the NLU did not list count as a little below the last one it did.
        semantic_floor = min(question.semantic.values(), default=best_semantic) - 0.01
        best_margin = max(question.margins.values(), default=0.0)
        margin_floor = min(question.margins.values(), default=best_margin) - UNLISTED_GAP
        documents = {self._by_document.get(d) for d in question.documents} - {None}
        named_numbers = numbers_in(question.text)
        # "Can I with H-2?" names a status, not a service (the classifier links H-2 to the H-2 track):
        # an eligibility follow-up with a status stays on the service under discussion.
        status_question = top_intent == "ask_eligibility" and bool(question.visa_status)
        # The words name another service when the classifier recognises one, or when they contain
        # another service's name outright ("where's the nearest family center?").
        names_another = not status_question and (
            any(m > w.switch_margin for sid, m in question.margins.items() if sid != question.current_service)
            or names_other_than(self.catalogue.named_services(question.text), question.current_service))
        allowed = set(restrict_to) if restrict_to is not None else None
        candidates = []
        for service in self.catalogue.records.services:
            if allowed is not None and service.id not in allowed:
                continue
            reasons = []
            prior = max((probabilities.get(i, 0.0) for i in service.intents), default=0.0)
            score = w.intent * math.log(prior + INTENT_FLOOR)
            if prior >= 0.2:
                reasons.append(f"intent:{max(service.intents, key=lambda i: probabilities.get(i, 0.0))}")
            semantic = question.semantic.get(service.id, semantic_floor)
            score += w.semantic * (semantic - best_semantic)
            if service.id in question.semantic and semantic >= best_semantic - 0.01:
                reasons.append("closest_questions")
            if question.margins:
                margin = question.margins.get(service.id, margin_floor)
                score += w.classifier * (margin - best_margin)
                if margin >= best_margin:
                    reasons.append("classifier")
            if service.id in lexical:
                score += w.lexical * lexical[service.id]
                reasons.append("words")
            if named_numbers & self.catalogue.numbers(service.id):
                score += w.number
                reasons.append("phone_number")
            if service.id in documents:
                score += w.document
                reasons.append("document")
            if service.id in question.preferred:
                score += w.topic * question.preferred.count(service.id)
                reasons.append("topic")
            if question.visa_status and service.visa_statuses:
                verdict = eligible(service, question.visa_status, self.catalogue.records.rules).eligible
                score += w.status_listed if verdict else -w.status_excluded
                reasons.append("status_listed" if verdict else "status_not_listed")
            elif not question.visa_status:
                # "Extend my visa" with no status named means the general extension, not the F-6 one.
                breadth = len(service.visa_statuses) or GENERAL_BREADTH
                score += w.general * min(breadth, GENERAL_BREADTH) / GENERAL_BREADTH
            if question.current_service == service.id and (follow_up or not question.intents):
                score += w.context if names_another else STAY
                reasons.append("under_discussion")
            candidates.append(Candidate(service.id, score, tuple(reasons)))
        candidates.sort(key=lambda c: (-c.score, c.service_id))
        return Resolution(tuple(candidates), self._menu(candidates, follow_up and question.current_service))

    def _menu(self, ranked: list[Candidate], on_a_service: object) -> tuple[str, ...]:
        w = self.weights
        if len(ranked) < 2 or on_a_service:
            return ()
        if ranked[0].score - ranked[1].score >= w.menu_margin:
            return ()
        close = [c.service_id for c in ranked if ranked[0].score - c.score <= w.menu_window]
        return tuple(close[:MENU_MAX]) if len(close) >= MENU_MIN else tuple(c.service_id for c in ranked[:MENU_MIN])


def names_other_than(named: Sequence[str], current: str | None) -> bool:
    """Whether named services point away from the current one (a name it shares is not a switch)."""
    return bool(named) and current not in named


@functools.lru_cache(maxsize=4)
def resolver_for(catalogue: ServiceCatalogue) -> Resolver:
    """One resolver per loaded catalogue (it indexes documents once)."""
    return Resolver(catalogue)


# Emergency lines among the services: the emergency reply lists them all and leads with the best fit.
EMERGENCY_LINES = ("CON-112", "CON-119", "FAM-DANURI")


@dataclass(frozen=True)
class Plan:
    """What the reply to a service question will present."""

    kind: str  # "card" (one service), "menu" (a few to pick from), "emergency", "lines" (phone lines with hours)
    service_ids: tuple[str, ...] = ()

    @property
    def first(self) -> str | None:
        return self.service_ids[0] if self.service_ids else None


def plan_reply(intent: str, resolution: Resolution, phone_services: frozenset[str],
               emergency_margin: float = WEIGHTS.menu_margin) -> Plan:
    """The reply's shape for a service intent: the actions send it, the benchmark scores it."""
    if intent == "emergency":
        # Police leads unless another emergency line clearly fits better (119 for an injury).
        scores = {c.service_id: c.score for c in resolution.ranked if c.service_id in EMERGENCY_LINES}
        best = max(scores, key=lambda sid: scores[sid], default=EMERGENCY_LINES[0])
        police = scores.get(EMERGENCY_LINES[0], float("-inf"))
        lead = best if scores.get(best, 0.0) - police >= emergency_margin else EMERGENCY_LINES[0]
        return Plan("emergency", (lead,))
    if intent == "contact_info":
        if resolution.best not in phone_services:
            # No line fits the words: the phone lines that speak the user's language.
            return Plan("lines")
        lines = tuple(sid for sid in resolution.menu if sid in phone_services)
        # A few lines close together: list them with their hours (a menu of phone lines).
        return Plan("lines", lines) if len(lines) >= MENU_MIN else Plan("card", (resolution.best,))
    if resolution.menu:
        return Plan("menu", resolution.menu)
    return Plan("card", (resolution.best,)) if resolution.best else Plan("lines")
