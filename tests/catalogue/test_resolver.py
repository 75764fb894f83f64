"""The resolver on the shipped catalogue, with the signals given by hand."""

from __future__ import annotations

import pytest

from catalogue.loader import read_catalogue
from catalogue.questions import read_questions
from catalogue.resolver import Question, Resolver, Weights, plan_reply
from catalogue.service_catalogue import ServiceCatalogue

records = read_catalogue()
CATALOGUE = ServiceCatalogue(records, None, read_questions(service_ids={s.id for s in records.services}))
PHONE = CATALOGUE.phone_service_ids


def resolve(text: str, intents: list[tuple[str, float]], margins: dict[str, float] | None = None, **kw):  # type: ignore[no-untyped-def]
    """Resolve with the service classifier's margins as the per-service signal."""
    return Resolver(CATALOGUE).resolve(Question(text, "en", intents, {}, margins or {}, **kw))


def test_the_closest_typical_questions_decide_within_one_intent() -> None:
    # Both are reissue_card services; only the sentence vectors tell "lost" from "on my phone"
    # (weighted here: the fitted weights give the classifier's margins this job).
    result = Resolver(CATALOGUE, Weights(semantic=20.0)).resolve(Question(
        "can't find my card anywhere", "en", [("reissue_card", 0.9)],
        {"IMM-REISSUE": 0.91, "IMM-MOBILEID": 0.84, "IMM-MOBILEID-QR": 0.83}))
    assert result.best == "IMM-REISSUE"
    assert "closest_questions" in result.ranked[0].reasons


def test_the_intent_prior_outweighs_a_slightly_closer_service_of_another_intent() -> None:
    result = resolve("my boss has not paid me for two months", [("labour_rights", 0.95), ("contact_info", 0.03)],
                     {"CON-132": 0.10, "EMP-WAGE": 0.08, "EMP-1350": -0.2})
    assert result.best == "EMP-WAGE" or result.best == "CON-132"
    assert result.ranked[0].score > result.ranked[5].score


def test_a_named_document_points_at_the_service_that_issues_it() -> None:
    with_doc = resolve("I need this paper", [("print_certificate", 0.9)], {}, documents=["CERT-ENTRYEXIT"])
    assert with_doc.best == "CERT-ENTRYEXIT"
    assert "document" in with_doc.ranked[0].reasons


def test_the_users_status_prefers_the_service_for_that_status() -> None:
    general = resolve("extend my stay", [("extend_stay", 0.9)])
    f6 = resolve("extend my stay", [("extend_stay", 0.9)], visa_status="F-6")
    e9 = resolve("extend my stay", [("extend_stay", 0.9)], visa_status="E-9")
    assert general.best == "IMM-EXT"
    assert f6.best == "IMM-EXT-F6"
    assert "status_not_listed" in next(c for c in f6.ranked if c.service_id == "EMP-REHIRE").reasons
    assert "IMM-EXT-F6" not in e9.top(2)


def test_a_follow_up_stays_on_the_service_under_discussion_without_a_menu() -> None:
    result = resolve("how much is it?", [("ask_fee", 0.95)], {"IMM-EXT": -0.2, "EMP-RETINS": -0.1,
                                                               "IMM-REISSUE": -0.9},
                     current_service="IMM-REISSUE")
    assert result.best == "IMM-REISSUE"
    assert result.menu == ()
    assert "under_discussion" in result.ranked[0].reasons


def test_a_follow_up_naming_another_service_switches() -> None:
    result = resolve("how much is the re-entry permit?", [("ask_fee", 0.6), ("reentry_permit", 0.35)],
                     {"IMM-REENTRY": 0.6, "IMM-REENTRY-MULTI": -0.3, "IMM-EXT": -0.5},
                     current_service="IMM-EXT")
    assert result.best == "IMM-REENTRY"


def test_two_services_too_close_to_call_give_a_menu_of_two_to_four() -> None:
    result = resolve("?", [("childcare_support", 0.9)],
                     {"FAM-CHILDBEN": 0.20, "FAM-CHILDCARE": 0.20, "FAM-PARENTBEN": 0.19})
    assert 2 <= len(result.menu) <= 4
    assert {"FAM-CHILDBEN", "FAM-CHILDCARE"} <= set(result.menu)
    assert plan_reply("childcare_support", result, PHONE).kind == "menu"


def test_a_clear_winner_gets_no_menu() -> None:
    result = Resolver(CATALOGUE, Weights(menu_margin=0.5)).resolve(
        Question("child allowance", "en", [("childcare_support", 0.9)], {},
                 {"FAM-CHILDBEN": 0.9, "FAM-CHILDCARE": -0.4, "FAM-PARENTBEN": -0.5}))
    assert result.menu == ()
    assert result.best == "FAM-CHILDBEN"


def test_restrict_to_limits_the_candidates() -> None:
    result = Resolver(CATALOGUE).resolve(Question("x", "en", [("extend_stay", 0.9)]), restrict_to=["IMM-REG"])
    assert result.top(5) == ["IMM-REG"]


@pytest.mark.parametrize(("margins", "lead"), [({"CON-119": 0.8, "CON-112": -0.3}, "CON-119"),
                                               ({"FAM-DANURI": 0.8, "CON-112": -0.3}, "FAM-DANURI"),
                                               ({"CON-119": 0.1, "CON-112": 0.0}, "CON-112"),
                                               ({}, "CON-112")])
def test_the_emergency_reply_leads_with_the_line_that_fits(margins: dict[str, float], lead: str) -> None:
    result = resolve("!!!", [("emergency", 0.99)], margins)
    assert plan_reply("emergency", result, PHONE).first == lead


def test_a_contact_question_without_a_specific_line_gets_lines_never_another_service() -> None:
    result = resolve("phone numbers?", [("contact_info", 0.9)], {"IMM-EXT": 0.3})
    plan = plan_reply("contact_info", result, PHONE)
    assert plan.kind in ("lines", "menu") and set(plan.service_ids) <= PHONE
    off_topic = resolve("visa extension", [("contact_info", 0.5), ("extend_stay", 0.5)], {"IMM-EXT": 0.9})
    assert plan_reply("contact_info", off_topic, PHONE).kind == "lines"
    line = resolve("number for police", [("contact_info", 0.6), ("emergency", 0.3)],
                   {"CON-112": 0.9, "CON-1345": -0.4})
    assert plan_reply("contact_info", line, PHONE).first == "CON-112"


def test_a_phone_number_in_the_message_names_its_line() -> None:
    result = resolve("tong dai 1345 co tieng viet ko", [("contact_info", 0.9)],
                     {"CON-120": 0.30, "CON-1345": 0.25, "IMM-VISACHECK": -0.3, "FAM-DANURI": 0.1})
    assert result.best == "CON-1345"
    assert "phone_number" in result.ranked[0].reasons
    assert plan_reply("contact_info", result, PHONE).first == "CON-1345"


def test_the_service_classifier_margin_separates_neighbours_the_vectors_confuse() -> None:
    result = Resolver(CATALOGUE, Weights(semantic=20.0)).resolve(Question(
        "졸업하고 구직비자 d10으로 바꾸고 싶어요", "ko", [("job_search", 0.6), ("change_status", 0.4)],
        semantic={"STU-D10-PTJOB": 0.90, "STU-D10": 0.89},
        margins={"STU-D10": 0.8, "STU-D10-PTJOB": -0.3, "IMM-CHG-D10E7": -0.5}))
    assert result.best == "STU-D10"
    assert "classifier" in result.ranked[0].reasons


def test_an_eligibility_follow_up_naming_a_status_stays_on_the_service() -> None:
    # The classifier links "H-2" to the H-2 employment track; the question is about the extension.
    result = resolve("а с визой H-2 можно?", [("ask_eligibility", 0.9)], {"EMP-H2": 0.7, "IMM-EXT": -0.6},
                     current_service="IMM-EXT", visa_status="H-2")
    assert result.best == "IMM-EXT"


def test_a_topic_in_the_words_outweighs_the_classifiers_pull_to_the_general_visa() -> None:
    margins = {"FAM-F6": -0.05, "IMM-EXT-F6": -0.12, "IMM-CHG-F63": -0.70, "IMM-CHG-F62": -0.73}
    plain = resolve("F-6, if she divorces can she stay?", [("marriage_immigrant", 1.0)], margins)
    assert plain.best == "FAM-F6"
    divorce = resolve("F-6, if she divorces can she stay?", [("marriage_immigrant", 1.0)], margins,
                      preferred=("IMM-CHG-F63", "IMM-CHG-F62", "FAM-NAT-EXC"))
    assert divorce.best == "IMM-CHG-F63"
    # A divorce and a child: two topics point at the child-rearing status.
    with_child = resolve("if I divorce, my daughter is 3", [("marriage_immigrant", 1.0)], margins,
                         preferred=("IMM-CHG-F63", "IMM-CHG-F62", "FAM-NAT-EXC", "IMM-CHG-F62"))
    assert with_child.best == "IMM-CHG-F62"
