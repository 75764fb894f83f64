"""Whole-conversation behaviour of the actions: safety mode, no repeated card, forms you can leave, handoffs."""

from __future__ import annotations

import datetime as dt

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as bot_actions
from actions.actions import (
    ActionAnswerFollowUp,
    ActionAnswerService,
    ActionContact,
    ActionEmergency,
    ActionFallback,
    handoff_state_text,
    repeats_last_card,
)
from actions.forms import aside_intent
from bot.core.contract import ARN_TOKEN_KEY
from bot.storage.handoffs import Handoff
from catalogue.resolver import Plan
from catalogue.service_catalogue import default_catalogue
from tests.actions.conftest import make_tracker

KOREA = dt.timezone(dt.timedelta(hours=9))
TUESDAY_NOON = dt.datetime(2026, 12, 8, 12, 0, tzinfo=KOREA)
SATURDAY_NIGHT = dt.datetime(2026, 12, 12, 23, 0, tzinfo=KOREA)


def with_events(tracker: Tracker, events: list[dict]) -> Tracker:
    return Tracker(tracker.sender_id, tracker.slots, tracker.latest_message, events, False, None, {}, "action_listen")


async def test_emergency_turns_safety_mode_on_and_the_next_message_gets_silent_help_not_a_list_again() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionEmergency().run(dispatcher, make_tracker("chồng đánh tôi", "emergency", language="vi"), {})
    assert {"event": "slot", "timestamp": None, "name": "safety_mode", "value": True} in events
    assert "112" in dispatcher.messages[0]["text"] and "SMS" in dispatcher.messages[0]["text"]

    dispatcher = CollectingDispatcher()
    shelter = make_tracker("em không gọi được, có chỗ nào trốn không", "contact_info", language="vi",
                           slots={"safety_mode": True})
    await ActionContact().run(dispatcher, shelter, {})
    (message,) = dispatcher.messages
    assert "1366" in message["text"] and "112" in message["text"]
    assert "1330" not in message["text"]  # never the tourist line


async def test_status_question_in_safety_mode_is_answered_and_keeps_the_mode() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("if I divorce because he hits me do I lose F-6?", "change_status", language="en",
                           slots={"safety_mode": True},
                           candidates=[{"id": "IMM-CHG-F62", "margin": 0.7, "score": 0.9}])
    events = await ActionAnswerService().run(dispatcher, tracker, {})
    custom = dispatcher.messages[0]["custom"]
    named = [custom.get("service_id")] + [s["id"] for s in custom.get("services") or []]
    assert "FAM-DANURI" not in named and any(n and n.startswith("IMM-") for n in named)  # answered, not the safety list
    assert not any(e.get("name") == "safety_mode" for e in events)


async def test_another_topic_moves_on_from_safety_mode() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("how many hours can a D-2 student work", "part_time_work", language="en",
                           slots={"safety_mode": True})
    events = await ActionAnswerService().run(dispatcher, tracker, {})
    assert {"event": "slot", "timestamp": None, "name": "safety_mode", "value": False} in events


def test_the_card_shown_last_turn_is_a_repeat_but_not_after_another_answer() -> None:
    tracker = make_tracker("extend visa", "extend_stay", language="en", slots={"last_service": "IMM-EXT"})
    after_card = with_events(tracker, [{"event": "user", "text": "extend"},
                                       {"event": "action", "name": "action_answer_service"},
                                       {"event": "user", "text": "extend visa"}])
    after_follow_up = with_events(tracker, [{"event": "user", "text": "documents?"},
                                            {"event": "action", "name": "action_answer_follow_up"},
                                            {"event": "user", "text": "extend visa"}])
    plan = Plan("card", ("IMM-EXT",))
    assert repeats_last_card(plan, after_card)
    assert not repeats_last_card(plan, after_follow_up)
    assert not repeats_last_card(Plan("card", ("IMM-REG",)), after_card)


async def test_a_repeated_question_gets_one_line_and_alternatives_not_the_card_again() -> None:
    dispatcher = CollectingDispatcher()
    tracker = with_events(
        make_tracker("visa extension again", "extend_stay", language="en", slots={"last_service": "IMM-EXT"},
                     candidates=[{"id": "IMM-EXT", "margin": 0.8, "score": 0.9},
                                 {"id": "IMM-EXT-F6", "margin": -0.3, "score": 0.8}]),
        [{"event": "user", "text": "extend"}, {"event": "action", "name": "action_answer_service"},
         {"event": "user", "text": "visa extension again"}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    assert message["custom"]["service_id"] == "IMM-EXT"
    assert len(message["text"].splitlines()) <= 4
    assert "💰" not in message["text"]  # not the card
    assert any(s["id"] != "IMM-EXT" for s in message["custom"]["services"])


def test_a_confident_question_inside_a_form_is_an_aside_but_an_answer_is_not() -> None:
    question = make_tracker("how much does it cost?", "ask_fee", language="en",
                            slots={"requested_slot": "status_reference"},
                            ranking=[{"name": "ask_fee", "confidence": 0.93}])
    answer = make_tracker("IEUM-7KQ2-9XRT", "check_request_status", language="en",
                          slots={"requested_slot": "status_reference"},
                          entities=[{"entity": "reference_number", "value": "IEUM-7KQ2-9XRT"}],
                          ranking=[{"name": "check_request_status", "confidence": 0.95}])
    unsure = make_tracker("Nguyen Van An", "ask_fee", language="en", slots={"requested_slot": "applicant_name"},
                          ranking=[{"name": "ask_fee", "confidence": 0.4}])
    assert aside_intent(question) == "ask_fee"
    assert aside_intent(answer) is None
    number = make_tracker("my number is [masked]", "contact_info", language="en",
                          slots={"requested_slot": "arn_token"}, metadata={ARN_TOKEN_KEY: "tok-1"},
                          ranking=[{"name": "contact_info", "confidence": 0.9}])
    assert aside_intent(number) is None
    assert aside_intent(unsure) is None


def _handoff(status: str = "waiting", agent: str | None = None) -> Handoff:
    return Handoff(7, "u1", status, "vi", "request_human", {}, [], agent,
                   dt.datetime(2026, 12, 8, 2, 50, tzinfo=dt.timezone.utc))


def test_handoff_in_hours_says_a_person_answers_here_with_queue_position() -> None:
    catalogue = default_catalogue()
    message = handoff_state_text(_handoff(), "en", 3, catalogue, TUESDAY_NOON, created=True)
    assert "H-7" in message and "number 3" in message and "09:00" in message
    later = handoff_state_text(_handoff(), "en", 2, catalogue, TUESDAY_NOON)
    assert later != message and "number 2" in later and "10 min" in later


def test_handoff_out_of_hours_says_when_and_names_an_open_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bot_actions, "now", lambda: SATURDAY_NIGHT)
    message = handoff_state_text(_handoff(), "vi", 1, default_catalogue(), SATURDAY_NIGHT, created=True)
    assert "12-14 09:00" in message  # Monday morning
    assert "📞" not in message or "1330" not in message
    assert any(ch.isdigit() for ch in message.split("{line}")[0])


def test_a_claimed_handoff_says_who_has_it() -> None:
    message = handoff_state_text(_handoff("claimed", "agent-kim"), "ko", 1, default_catalogue(), TUESDAY_NOON)
    assert "agent-kim" in message


def test_a_status_check_starts_only_for_a_request_made_here_or_a_reference_given() -> None:
    from actions.forms import about_a_request

    waiting = make_tracker("how many days do I wait?", "check_request_status", language="en")
    assert not about_a_request(waiting)
    with_reference = make_tracker("IEUM-7KQ2-9XRT status?", "check_request_status", language="en",
                                  entities=[{"entity": "reference_number", "value": "IEUM-7KQ2-9XRT"}])
    assert about_a_request(with_reference)
    after_request = with_events(waiting, [{"event": "action", "name": "action_submit_document_request"}])
    assert about_a_request(after_request)


async def test_naming_the_language_already_spoken_asks_for_lines_not_a_switch() -> None:
    from actions.actions import ActionConverse

    tracker = with_events(
        make_tracker("ที่นั่นมีคนพูดไทยได้ไหมคะ", "choose_language", language="th",
                     entities=[{"entity": "language_choice", "value": "th"}]),
        [{"event": "slot", "name": "language", "value": "th"}, {"event": "user", "text": "ที่นั่นมีคนพูดไทยได้ไหมคะ"}])
    dispatcher = CollectingDispatcher()
    await ActionConverse().run(dispatcher, tracker, {})
    assert "📞" in dispatcher.messages[0]["text"]  # lines, not "switched to Thai"


def test_a_topic_reading_that_would_lose_the_service_is_its_follow_up_runner_up() -> None:
    from actions.actions import follow_up_instead

    ranking = [{"name": "pregnancy_birth", "confidence": 0.5}, {"name": "ask_online", "confidence": 0.3}]
    tracker = make_tracker("is there a way to do that one online?", "pregnancy_birth", language="en",
                           slots={"last_service": "FAM-PARENTBEN"}, ranking=ranking)
    assert follow_up_instead(tracker, Plan("menu", ("FAM-BIRTH-KR", "FAM-BIRTH-FOR")), default_catalogue()) == "ask_online"
    assert follow_up_instead(tracker, Plan("card", ("FAM-BIRTH-KR",)), default_catalogue()) is None  # a clear new topic stays one
    named = make_tracker("online birth report?", "pregnancy_birth", language="en", ranking=ranking,
                         slots={"last_service": "FAM-PARENTBEN"},
                         candidates=[{"id": "FAM-BIRTH-KR", "margin": 0.4, "score": 0.9}])
    assert follow_up_instead(named, Plan("menu", ("FAM-BIRTH-KR", "FAM-BIRTH-FOR")), default_catalogue()) is None


def test_a_general_phone_list_never_offers_the_tourist_line() -> None:
    from catalogue.contacts import general_lines, lines_for

    contacts = default_catalogue().records.contacts
    assert "CON-1330" in [c.id for c in lines_for(contacts, "vi", TUESDAY_NOON)]  # it does speak Vietnamese
    general = [c.id for c in general_lines(contacts, "vi", TUESDAY_NOON)]
    assert general and "CON-1330" not in general


# -- one thing asked about a topic -------------------------------------------------------------

EARLIER_CARD = [{"event": "user", "text": "visa extension"},
                {"event": "bot", "text": "📌 Extension", "data": {"custom": {"service_id": "IMM-EXT"}}},
                {"event": "user", "text": "now"}]


async def test_a_topic_with_one_thing_asked_gets_that_thing_once_the_conversation_has_a_topic() -> None:
    dispatcher = CollectingDispatcher()
    tracker = with_events(make_tracker("연장할 때 서류는 뭐 준비해요?", "extend_stay", language="ko",
                                       slots={"last_service": "IMM-EXT"},
                                       candidates=[{"id": "IMM-EXT", "margin": 0.8, "score": 0.9}]), EARLIER_CARD)
    await ActionAnswerService().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    assert message["custom"]["answers"] == "ask_documents" and message["custom"]["service_id"] == "IMM-EXT"


async def test_the_first_question_of_a_conversation_gets_the_overview_card() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("visa extension documents", "extend_stay", language="en",
                           candidates=[{"id": "IMM-EXT", "margin": 0.8, "score": 0.9}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["answers"] == "extend_stay"


async def test_where_is_the_office_while_a_permit_is_discussed_is_that_permits_office() -> None:
    dispatcher = CollectingDispatcher()
    tracker = with_events(make_tracker("출입국은 어디로 가야 돼요? 화성이에요", "immigration_office", language="ko",
                                       slots={"last_service": "IMM-EXT"},
                                       candidates=[{"id": "IMM-OFFICE", "margin": 0.9, "score": 0.9}]), EARLIER_CARD)
    await ActionAnswerService().run(dispatcher, tracker, {})
    custom = dispatcher.messages[0]["custom"]
    assert (custom["answers"], custom["service_id"]) == ("ask_location", "IMM-EXT")


async def test_in_safety_mode_is_it_free_is_about_the_shelter_and_which_line_speaks_thai_gets_the_lines() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("libre po ba dun? wala akong pera", "ask_fee", language="tl",
                           slots={"safety_mode": True, "last_service": "FAM-SHELTER"})
    await bot_actions.ActionAnswerFollowUp().run(dispatcher, tracker, {})
    custom = dispatcher.messages[0]["custom"]
    assert (custom["answers"], custom["service_id"]) == ("ask_fee", "FAM-SHELTER")

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ที่นั่นมีคนพูดไทยได้ไหมคะ", "choose_language", language="th", slots={"safety_mode": True},
                           entities=[{"entity": "language_choice", "value": "th"}])
    await bot_actions.ActionConverse().run(dispatcher, with_events(tracker, [
        {"event": "slot", "name": "language", "value": "th"}, {"event": "user", "text": "x"}]), {})
    custom = dispatcher.messages[0]["custom"]
    assert custom["answers"] == "contact_info" and custom["service_id"] == "FAM-DANURI"
    assert "1330" not in dispatcher.messages[0]["text"]
    assert "1577-1366" in dispatcher.messages[0]["text"]  # Danuri's own line, not only 1345


async def test_a_closing_thanks_is_thanked_whatever_it_was_classified_as() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ल ठिक छ, धेरै सहयोग गर्नुभयो, धन्यवाद", "request_document", language="ne")
    await ActionAnswerService().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["answers"] == "thank"


def test_a_menu_on_the_same_topic_keeps_the_service_under_discussion_one_tap_away() -> None:
    catalogue = default_catalogue()
    tracker = make_tracker("do we need to go to immigration for the baby's card?", "pregnancy_birth", language="en",
                           slots={"last_service": "FAM-BIRTH-KR"})
    kept = bot_actions.with_topic_kept(Plan("menu", ("FAM-BIRTH-FOR", "IMM-REG")), "pregnancy_birth", tracker, catalogue)
    assert kept.service_ids == ("FAM-BIRTH-KR", "FAM-BIRTH-FOR", "IMM-REG")
    # Another topic: the menu stays as the words made it.
    other = bot_actions.with_topic_kept(Plan("menu", ("EMP-WAGE", "EMP-1350")), "labour_rights", tracker, catalogue)
    assert other.service_ids == ("EMP-WAGE", "EMP-1350")


async def test_in_safety_mode_a_message_read_as_a_status_check_gets_safety_not_a_reference_question() -> None:
    from rasa_sdk.events import ActiveLoop

    from actions.forms import AskStatusReference

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("giờ em chạy ra cửa hàng tiện lợi rồi, tối nay em ko biết ngủ ở đâu", "check_request_status",
                           language="vi", slots={"safety_mode": True})
    events = await AskStatusReference().run(dispatcher, tracker, {})
    assert ActiveLoop(None) in events
    first = dispatcher.messages[0]
    assert first["custom"]["answers"] == "emergency" and "1366" in first["text"]
    assert not any("IEUM-" in (m.get("text") or "") for m in dispatcher.messages[:1])


async def test_asking_about_immigration_while_the_birth_report_is_discussed_gets_where_the_report_is_made() -> None:
    # The classifier hears "immigration" and no location cue; the service under discussion decides.
    dispatcher = CollectingDispatcher()
    tracker = with_events(make_tracker("sa immigration po ba kami pupunta o sa 주민센터?", "immigration_office",
                                       language="tl", slots={"last_service": "FAM-BIRTH-KR"},
                                       candidates=[{"id": "CON-1345", "margin": 0.4, "score": 0.8}]), EARLIER_CARD)
    await ActionAnswerService().run(dispatcher, tracker, {})
    custom = dispatcher.messages[0]["custom"]
    assert (custom["answers"], custom["service_id"]) == ("ask_location", "FAM-BIRTH-KR")
    assert "주민센터" in dispatcher.messages[0]["text"]


async def test_a_follow_up_that_names_another_service_outright_is_about_that_service() -> None:
    # The classifier is unsure inside a long message, but "family center" is a service's own name.
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("where's the nearest family center, we live in gimpo. does anyone speak tagalog there?",
                           "ask_location", language="en", slots={"last_service": "FAM-PARENTBEN"},
                           candidates=[{"id": "FAM-PARENTBEN", "margin": -0.2, "score": 0.5}])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["service_id"] == "FAM-CENTER"


async def test_divorce_words_make_a_re_entry_reading_a_question_about_the_status_after_the_marriage() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ถ้าหนูหย่ากับเขา วีซ่า F-6 จะโดนยกเลิกไหมคะ หนูมีลูกสาว 3 ขวบ", "reentry_permit",
                           language="th", slots={"safety_mode": True},
                           entities=[{"entity": "visa_status", "value": "F-6"}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    custom = dispatcher.messages[-1]["custom"]
    named = [custom.get("service_id")] + [s["id"] for s in custom.get("services") or []]
    assert custom["answers"] == "change_status"
    assert {"IMM-CHG-F62", "IMM-CHG-F63"} & set(named)
    assert not any("재입국" in m.get("text", "") for m in dispatcher.messages)  # no re-entry answer


async def test_a_message_the_classifier_cannot_place_that_names_a_service_gets_that_service() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("gần nhà em có trung tâm gia đình đa văn hoá ko chị, em ở đâu cũng được", "nlu_fallback",
                           language="vi")
    await ActionFallback().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["service_id"] == "FAM-CENTER"

    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, make_tracker("asdf qwer", "nlu_fallback", language="en"), {})
    assert "custom" not in dispatcher.messages[0] or not dispatcher.messages[0]["custom"].get("service_id")


def test_right_after_a_menu_its_services_on_the_same_topic_stay_in_the_next_menu() -> None:
    catalogue = default_catalogue()
    after_menu = [{"event": "user", "text": "травма на работе"},
                  {"event": "bot", "text": "Что из этого?", "data": {"custom": {"services": [
                      {"id": "EMP-ACCINS", "title": "a"}, {"id": "EMP-IACI", "title": "b"}]}}},
                  {"event": "user", "text": "now"}]
    tracker = with_events(make_tracker("Работодатель говорит плати сам, это законно?", "labour_rights",
                                       language="ru"), after_menu)
    kept = bot_actions.with_topic_kept(Plan("menu", ("EMP-WAGE", "EMP-1350")), "labour_rights", tracker, catalogue)
    assert "EMP-IACI" in kept.service_ids[:2] and kept.service_ids[-1] != "EMP-IACI"
    # A question on another topic right after it keeps nothing of that menu.
    other = bot_actions.with_topic_kept(Plan("menu", ("TAX-YEAREND", "TAX-LINE")), "tax_info", tracker, catalogue)
    assert other.service_ids == ("TAX-YEAREND", "TAX-LINE")


async def test_where_do_i_do_it_with_a_city_is_about_the_service_under_discussion_not_the_office_finder() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ngurusnya di mana, sy tinggal di gimhae", "ask_location", language="id",
                           slots={"last_service": "EMP-NPS"},
                           entities=[{"entity": "place", "value": "gimhae"}],
                           candidates=[{"id": "IMM-OFFICE", "margin": 0.6, "score": 0.8}])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["custom"]["service_id"] == "EMP-NPS" and "국민연금공단" in message["text"]


def test_a_change_of_status_names_where_the_user_goes_not_the_status_they_hold() -> None:
    from actions.context import visa_status_of

    events = [{"event": "slot", "name": "visa_status", "value": "D-2"}, {"event": "user", "text": "đổi sang d10"}]
    entities = [{"entity": "visa_status", "value": "D-10"}]
    change = with_events(make_tracker("đổi sang d10 hết bao nhiêu tiền", "change_status", language="vi",
                                      entities=entities, slots={"visa_status": "D-10"}), events)
    assert visa_status_of(change) == "D-2"
    statement = with_events(make_tracker("em là D-10 rồi", "visa_info", language="vi", entities=entities,
                                         slots={"visa_status": "D-10"}), events)
    assert visa_status_of(statement) == "D-10"  # saying which status one holds is not a change
    both = make_tracker("D-4 → D-2 how?", "change_status", language="en",
                        entities=[{"entity": "visa_status", "value": "D-4"}, {"entity": "visa_status", "value": "D-2"}])
    assert visa_status_of(both) == "D-4"


def test_a_topic_whose_lines_do_not_speak_the_language_gives_the_interpreter_and_the_bodys_own_line() -> None:
    catalogue = default_catalogue()
    line = bot_actions.help_line(catalogue, catalogue.get("EMP-IACI"), "mn")
    assert line is not None and "1345" in line and "1588-0075" in line
    assert line.index("1345") < line.index("1588-0075")  # the line that speaks Mongolian first


async def test_an_unclear_message_that_may_be_an_emergency_gets_the_emergency_answer() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "emergency", "confidence": 0.26},
               {"name": "marriage_immigrant", "confidence": 0.25}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("상담원입니다. 태국 여성분이 지금 남편한테 맞고 있다고 전화하셨어요", "nlu_fallback",
                           language="ko", ranking=ranking)
    events = await ActionFallback().run(dispatcher, tracker, {})
    assert "112" in dispatcher.messages[0]["text"]
    assert {"event": "slot", "timestamp": None, "name": "safety_mode", "value": True} in events

    dispatcher = CollectingDispatcher()
    plain = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "greet", "confidence": 0.2}]
    await ActionFallback().run(dispatcher, make_tracker("qwerty", "nlu_fallback", language="ko", ranking=plain), {})
    assert "112" not in dispatcher.messages[0]["text"]


async def test_the_same_which_one_menu_is_never_asked_twice_in_a_row() -> None:
    asked_menu = [{"event": "user", "text": "서류는요?"},
                  {"event": "bot", "text": "어떤 서비스요?", "data": {"custom": {"answers": "ask_documents", "services": [
                      {"id": "IMM-CHG-F63", "title": "a"}, {"id": "IMM-CHG-F62", "title": "b"}]}}},
                  {"event": "user", "text": "now"}]
    dispatcher = CollectingDispatcher()
    tracker = with_events(make_tracker("비용은요?", "ask_fee", language="ko"), asked_menu)
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    custom = dispatcher.messages[0]["custom"]
    # The answer for the menu's first service, the other one tap away.
    assert custom["service_id"] == "IMM-CHG-F63" and custom["answers"] == "ask_fee"
    assert [s["id"] for s in custom["services"]] == ["IMM-CHG-F62"]

    # After a topic menu (not a "which one?" for a follow-up), the first follow-up still asks which.
    topic_menu = [{**e, "data": {"custom": {**e["data"]["custom"], "answers": "marriage_immigrant"}}}
                  if e["event"] == "bot" else e for e in asked_menu]
    dispatcher = CollectingDispatcher()
    await ActionAnswerFollowUp().run(dispatcher, with_events(make_tracker("비용은요?", "ask_fee", language="ko"),
                                                             topic_menu), {})
    assert not dispatcher.messages[0]["custom"].get("service_id")
    assert {s["id"] for s in dispatcher.messages[0]["custom"]["services"]} == {"IMM-CHG-F63", "IMM-CHG-F62"}


def test_words_that_point_at_a_service_of_the_menu_put_it_first_and_others_keep_the_order() -> None:
    from actions.actions import pointed_at_first

    catalogue = default_catalogue()
    menu = ["EMP-E9CHG", "CON-NHIS", "IMM-WORK-E9"]
    pointing = make_tracker("no, the immigration permit", "ask_online", language="en",
                            candidates=[{"id": "IMM-WORK-E9", "margin": 0.4, "score": 0.8}])
    assert pointed_at_first(pointing, catalogue, menu) == ["IMM-WORK-E9", "EMP-E9CHG", "CON-NHIS"]
    silent = make_tracker("and the fee?", "ask_fee", language="en")
    assert pointed_at_first(silent, catalogue, menu) == menu


async def test_the_tourist_line_is_never_the_first_line_for_a_resident() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("지금 바로 삼자통화로 통역 연결도 되나요?", "contact_info", language="ko",
                           candidates=[{"id": "CON-1330", "margin": 0.5, "score": 0.9},
                                       {"id": "CON-1345", "margin": 0.45, "score": 0.9}])
    await ActionContact().run(dispatcher, tracker, {})
    lines = [line for line in dispatcher.messages[0]["text"].splitlines() if line.startswith("📞")]
    assert lines and "1330" not in lines[0]


async def test_an_unclear_message_on_a_one_service_topic_gets_that_service() -> None:
    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, make_tracker("muon chuyen xuong ma chu ko ky", "nlu_fallback",
                                                        language="vi"), {})
    assert dispatcher.messages[0]["custom"]["service_id"] == "EMP-E9CHG"


async def test_after_the_safety_answer_only_what_is_asked_comes_back_not_the_whole_list() -> None:
    from bot.core.i18n import text

    after_safety = [{"event": "user", "text": "he hits me"},
                    {"event": "bot", "text": "You are not alone.", "data": {"custom": {
                        "service_id": "FAM-SHELTER", "answers": "emergency", "services": [{"id": "FAM-DANURI"}]}}},
                    {"event": "user", "text": "now"}]

    async def reply_to(message: str) -> str:
        dispatcher = CollectingDispatcher()
        tracker = with_events(make_tracker(message, "help", language="en", slots={"safety_mode": True}), after_safety)
        await ActionContact().run(dispatcher, tracker, {})
        return dispatcher.messages[0]["text"]

    silent = await reply_to("can I really send a text to 112?")
    assert text("safety_silent", "en") in silent and text("safety_shelter", "en") not in silent
    shelter = await reply_to("where can I sleep tonight? I have nowhere to go")
    assert text("safety_shelter", "en") in shelter and text("safety_location", "en") not in shelter
    again = await reply_to("ok")
    assert again == text("safety_again", "en")


def test_a_phone_line_card_in_a_language_the_line_does_not_speak_names_one_that_does() -> None:
    from bot.core.i18n import text

    dispatcher = CollectingDispatcher()
    bot_actions.present(Plan("card", ("EMP-1350",)), dispatcher, default_catalogue(), "vi", None, "contact_info")
    card = dispatcher.messages[0]["text"]
    assert text("line_not_in_your_language", "vi") in card
    after = card.split(text("line_not_in_your_language", "vi"))[1]
    assert "Tiếng Việt" in after and "1350" not in after
