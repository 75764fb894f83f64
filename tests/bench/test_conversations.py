"""Scoring of scripted conversations, and the scripts themselves."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.conversations import (
    MIN_TURNS,
    Goal,
    Observed,
    Turn,
    goal_reached,
    load_scripts,
    observed_from,
    parse_script,
    score_turn,
)
from catalogue.loader import read_catalogue


def seen(intent: str, language: str = "vi", service: str | None = None, menu: tuple[str, ...] = (),
         texts: tuple[str, ...] = ()) -> Observed:
    return Observed(intent, language, service, menu, texts)


def test_a_turn_is_right_only_when_intent_service_and_language_all_are() -> None:
    turn = Turn("cong ty no luong", ("labour_rights",), ("EMP-WAGE",), "vi")
    assert score_turn(turn, seen("labour_rights", service="EMP-WAGE")).ok
    assert not score_turn(turn, seen("labour_rights", service="CON-132")).ok
    assert not score_turn(turn, seen("labour_rights", language="tl", service="EMP-WAGE")).ok
    assert not score_turn(turn, seen("return_home", service="EMP-WAGE")).ok
    assert score_turn(turn, seen("labour_rights", menu=("CON-132", "EMP-WAGE"))).ok


def test_goal_needs_every_service_and_number_and_no_forbidden_number() -> None:
    goal = Goal("file the complaint", ("EMP-WAGE",), ("1350",), ("1330",))
    good = [seen("labour_rights", service="EMP-WAGE", texts=("📞 1350 — labour",))]
    assert goal_reached(goal, good) == (True, [])
    assert goal_reached(goal, good + [seen("contact_info", texts=("1330 travel",))])[0] is False
    assert goal_reached(goal, [seen("labour_rights", service="EMP-WAGE")])[1] == ["number 1350"]


def test_observed_reads_the_card_the_menu_and_the_tracker() -> None:
    messages = [{"text": "📌 Wage complaint"}, {"custom": {"service_id": "EMP-WAGE", "links": []}},
                {"text": "pick one", "custom": {"services": [{"id": "EMP-E9CHG"}]}}]
    tracker = {"latest_message": {"intent": {"name": "labour_rights"}}, "slots": {"language": "vi"}}
    observed = observed_from(messages, tracker)
    assert (observed.intent, observed.language, observed.service, observed.menu) == \
        ("labour_rights", "vi", "EMP-WAGE", ("EMP-E9CHG",))


def test_the_question_a_reply_answers_counts_over_the_classifiers_label() -> None:
    messages = [{"text": "📄 Documents for the extension", "custom": {"service_id": "IMM-EXT", "answers": "ask_documents"}}]
    tracker = {"latest_message": {"intent": {"name": "extend_stay"}}, "slots": {"language": "ko"}}
    observed = observed_from(messages, tracker)
    assert (observed.intent, observed.classified) == ("ask_documents", "extend_stay")


def test_a_script_with_an_unknown_intent_is_refused() -> None:
    with pytest.raises(ValueError, match="turn 1"):
        parse_script({"id": "x", "language": "vi", "turns": [{"user": "hi", "intent": "say_hi"}]})


def test_the_conversation_set_covers_eight_situations_in_three_languages_with_real_services() -> None:
    scripts = load_scripts()
    services = {s.id for s in read_catalogue().services}
    assert len(scripts) >= 24
    languages = defaultdict(set)
    for script in scripts:
        assert len(script.turns) >= MIN_TURNS, script.id
        languages[script.situation].add(script.language)
        named = set(script.goal.services) | {s for t in script.turns for s in t.services}
        assert named <= services, f"{script.id}: unknown services {sorted(named - services)}"
    assert len(languages) >= 8
    # The agent relaying a caller writes Korean, and the worker switching from Uzbek to Russian is
    # Uzbek by definition: those two come in three variants of one language; the others in three languages.
    one_language = {"agent-relay", "uz-ru-switch"}
    assert all(len(langs) >= 3 for situation, langs in languages.items() if situation not in one_language)
    assert sum(1 for s in scripts if s.situation in one_language) >= 6
