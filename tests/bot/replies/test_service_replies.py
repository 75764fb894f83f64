"""Short cards, menus and follow-up answers, built from the shipped catalogue."""

from __future__ import annotations

import re

import pytest

from bot.replies.service_replies import (
    documents_reply,
    eligibility_reply,
    fee_reply,
    first_sentence,
    location_reply,
    menu_reply,
    online_reply,
    processing_time_reply,
    service_card,
)
from catalogue.loader import read_catalogue
from catalogue.records import Office

records = read_catalogue()


@pytest.fixture(autouse=True)
def fixture_catalogue() -> None:
    """These replies take records directly: no database needed (overrides the package's fixture)."""
SERVICES = {s.id: s for s in records.services}
URL = re.compile(r"https?://")


@pytest.mark.parametrize("lang", ["ko", "en", "vi", "ru", "km"])
@pytest.mark.parametrize("service_id", ["IMM-EXT", "IMM-REISSUE", "EMP-WAGE", "FAM-CHILDBEN", "CON-1345"])
def test_the_first_answer_is_short_has_no_raw_url_and_names_its_service(service_id: str, lang: str) -> None:
    reply = service_card(SERVICES[service_id], lang, card_url=f"http://localhost/card/{service_id}")
    message = reply.as_message()
    assert len(reply.text.splitlines()) <= 7
    assert not URL.search(reply.text)
    assert message["custom"]["service_id"] == service_id
    assert any(link["url"].startswith("http://localhost/card/") for link in message["custom"]["links"])
    assert {b["payload"] for b in reply.buttons} >= {f'/ask_documents{{"service_id":"{service_id}"}}',
                                                     f'/ask_location{{"service_id":"{service_id}"}}'}


def test_the_card_says_whether_the_users_status_qualifies() -> None:
    service = SERVICES["IMM-PTJOB"]
    yes = service_card(service, "en", visa_status="D-2", rules=records.rules).text
    no = service_card(service, "en", visa_status="E-9", rules=records.rules).text
    unknown = service_card(service, "en").text
    assert "✅" in yes and "D-2" in yes
    assert "❌" in no and "E-9" in no
    assert "👤" in unknown


def test_first_sentence_cuts_at_the_first_full_stop_in_any_script() -> None:
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("外国人登录。第二句。") == "外国人登录。"
    assert first_sentence("no stop at all") == "no stop at all"


def test_a_menu_carries_every_service_id_as_data_and_as_a_button() -> None:
    services = [SERVICES["FAM-CHILDBEN"], SERVICES["FAM-PARENTBEN"], SERVICES["FAM-CHILDCARE"]]
    message = menu_reply(services, "vi").as_message()
    assert [s["id"] for s in message["custom"]["services"]] == ["FAM-CHILDBEN", "FAM-PARENTBEN", "FAM-CHILDCARE"]
    assert all('"service_id":"FAM-' in b["payload"] for b in message["buttons"])
    assert "service_id" not in message["custom"]


def test_follow_ups_answer_only_what_was_asked_about_the_same_service() -> None:
    service = SERVICES["IMM-EXT"]
    docs = documents_reply(service, "en", None)
    assert docs.service_id == "IMM-EXT" and "Passport" in docs.text and "KRW" not in docs.text
    fee = fee_reply(service, "en")
    assert "60,000 KRW" in fee.text and "Passport" not in fee.text
    time = processing_time_reply(service, "en", None)
    assert "4 months" in time.text
    online = online_reply(service, "en")
    assert "can be done online" in online.text and "1." in online.text
    eligible = eligibility_reply(service, "en", "D-2", records.rules)
    assert "✅" in eligible.text
    # The asked-about follow-up is not offered again as a button.
    assert not any(b["payload"].startswith("/ask_fee") for b in fee.buttons)
    for reply in (docs, fee, time, online, eligible):
        assert not URL.search(reply.text)


def test_where_to_go_names_the_office_for_the_users_place() -> None:
    office = Office("OFF-IMM-ANSAN", {"ko": "안산출입국·외국인사무소", "en": "Ansan Immigration Office"}, None, None,
                    address={"ko": "경기도 안산시", "en": "Ansan, Gyeonggi-do"}, phone="1345", areas=("안산시",))
    reply = location_reply(SERVICES["IMM-REISSUE"], "en", [office], "안산시", None)
    assert "Ansan Immigration Office" in reply.text and "Ansan, Gyeonggi-do" in reply.text
    unknown = location_reply(SERVICES["IMM-REISSUE"], "en", [], "곡성군", None)
    assert "곡성군" in unknown.text and "1345" in unknown.text


def test_no_documents_and_no_time_are_said_plainly_with_a_line_to_call() -> None:
    service = next(s for s in records.services if not s.documents and not s.deadline and not s.processing_time)
    assert "no documents" in documents_reply(service, "en", "1345 — Immigration Contact Center").text
    assert "1345" in processing_time_reply(service, "en", "1345 — Immigration Contact Center").text


def test_a_service_own_line_topics_win_over_its_group() -> None:
    from bot.replies.compose import GROUP_TOPICS, topics_for

    accident = SERVICES["EMP-IACI"]
    assert topics_for(accident) == accident.line_topics == ("industrial_accident",)
    assert topics_for(SERVICES["IMM-EXT"]) == GROUP_TOPICS["stay"]


@pytest.mark.parametrize("lang", ["ko", "en", "vi", "tl", "th"])
def test_a_service_done_elsewhere_is_never_sent_to_the_immigration_office(lang: str) -> None:
    # A Korean father's baby is reported at the community centre; sending the mother to
    # immigration was the harmful answer the conversation issue found.
    from bot.core.i18n import text

    birth = location_reply(SERVICES["FAM-BIRTH-KR"], lang, [], None, None)
    title = birth.text.split(":")[0]
    assert "주민센터" in birth.text and text("where_visit", lang, title=title) not in birth.text
    centre = location_reply(SERVICES["FAM-CENTER"], lang, [], None, None)
    assert "가족센터" in centre.text
    assert "근로복지공단" in location_reply(SERVICES["EMP-IACI"], lang, [], None, None).text


def test_every_visit_service_outside_immigration_names_its_place() -> None:
    from bot.core.i18n import text

    for service in records.services:
        if service.place is not None:
            assert text(f"where_at_{service.place}", "en", title="x") != f"where_at_{service.place}", service.id


def test_an_unknown_place_is_sent_to_1345s_office_menu_only_for_immigration_offices() -> None:
    from bot.core.i18n import text

    immigration = location_reply(SERVICES["IMM-REISSUE"], "vi", [], "곡성군", None)
    assert text("where_place_unknown", "vi", place="곡성군") in immigration.text
    wage = location_reply(SERVICES["EMP-WAGE"], "vi", [], "안산시", "1350")
    assert text("where_place_unknown", "vi", place="안산시") not in wage.text
    assert text("where_place_unknown_line", "vi", place="안산시") in wage.text
