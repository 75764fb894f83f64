from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswerService, ActionConverse, ActionFallback
from actions.language_slot import ValidatePredefinedSlots
from catalogue.loader import read_catalogue
from tests.actions.conftest import make_tracker

EXTENSION = [{"id": "IMM-EXT", "margin": 0.8, "score": 0.93}, {"id": "IMM-EXT-F6", "margin": -0.4, "score": 0.86},
             {"id": "EMP-REHIRE", "margin": -0.5, "score": 0.85}]


async def test_service_answer_in_vietnamese_is_short_with_link_fee_source_and_id() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("tôi muốn gia hạn visa", "extend_stay", language="vi", candidates=EXTENSION)
    events = await ActionAnswerService().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    text = message["text"]
    assert "Gia hạn thời gian lưu trú" in text and "체류기간 연장허가" in text
    assert "60,000 KRW" in text and "48,000 KRW" in text
    assert read_catalogue().service("IMM-EXT").checked_on.isoformat() in text  # checked-on date
    assert "🔎" in text and "gov.kr" in text  # the official source, by site name
    assert "http" not in text  # links are buttons, not raw URLs
    assert len(text.splitlines()) <= 7
    assert message["custom"]["service_id"] == "IMM-EXT"
    # The official page of the service itself, as a link button titled in Vietnamese.
    assert {"title": "Trang chính thức", "url": read_catalogue().service("IMM-EXT").url} in message["custom"]["links"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/ask_documents{"service_id":"IMM-EXT"}' in payloads and '/ask_location{"service_id":"IMM-EXT"}' in payloads
    assert events == [{"event": "slot", "timestamp": None, "name": "last_service", "value": "IMM-EXT"}]


async def test_d4_student_with_topik_2_gets_20_hours_and_the_service() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("D-4 TOPIK 2급 알바 몇 시간?", "part_time_work", language="ko",
                           entities=[{"entity": "visa_status", "value": "D-4"}],
                           candidates=[{"id": "IMM-PTJOB", "margin": 0.9, "score": 0.9},
                                       {"id": "IMM-PTJOB-CHG", "margin": -0.2, "score": 0.85}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    hours, service = dispatcher.messages[0]["text"], dispatcher.messages[1]
    assert "20" in hours and "TOPIK 2" in hours
    assert service["custom"]["service_id"] == "IMM-PTJOB"


async def test_e9_side_job_is_not_allowed_with_reason_and_source() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("I have E-9, can I work evenings in a restaurant?", "part_time_work", language="en",
                           entities=[{"entity": "visa_status", "value": "E-9"}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    assert "not allowed" in message["text"] and "1577-0071" in message["text"]
    assert f"checked on {read_catalogue().rules['e9_side_job']['checked_on']}" in message["text"]


async def test_part_time_without_status_asks_for_it_with_buttons() -> None:
    dispatcher = CollectingDispatcher()
    await ActionAnswerService().run(dispatcher, make_tracker("alba", "part_time_work", language="en"), {})
    (message,) = dispatcher.messages
    assert "residence card" in message["text"]
    assert {"title": "D-4", "payload": '/part_time_work{"visa_status":"D-4"}'} in message["buttons"]


async def test_greeting_with_a_question_answers_both() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("xin chào, tôi muốn gia hạn visa", "greet", language="vi", candidates=EXTENSION,
                           ranking=[{"name": "greet", "confidence": 0.5}, {"name": "extend_stay", "confidence": 0.4}])
    await ActionConverse().run(dispatcher, tracker, {})
    assert len(dispatcher.messages) == 2
    assert dispatcher.messages[0]["text"].startswith("Xin chào")
    assert dispatcher.messages[1]["custom"]["service_id"] == "IMM-EXT"


async def test_tier2_language_gets_english_text() -> None:
    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, make_tracker("???", "nlu_fallback", language="ja"), {})
    assert dispatcher.messages[0]["text"].startswith("Sorry")


async def test_language_slot_is_sticky_and_switches_on_request() -> None:
    action = ValidatePredefinedSlots()
    dispatcher = CollectingDispatcher()
    sticky = await action.extract_language(dispatcher, make_tracker("ok", "affirm", language="vi"), {})
    assert sticky == {"language": "vi"}
    switched = await action.extract_language(
        dispatcher,
        make_tracker("can you speak Thai?", "choose_language", language="vi", detected="en", confidence=0.9,
                     entities=[{"entity": "language_choice", "value": "th"}]), {})
    assert switched == {"language": "th"}
    first = await action.extract_language(
        dispatcher, make_tracker("👍", "affirm", language=None, metadata={"browser_language": "km-KH"}), {})
    assert first == {"language": "km"}


async def test_emergency_puts_numbers_first_in_thai() -> None:
    from actions.actions import ActionEmergency

    dispatcher = CollectingDispatcher()
    await ActionEmergency().run(dispatcher, make_tracker("ช่วยด้วย", "emergency", language="th"), {})
    (message,) = dispatcher.messages
    lines = message["text"].splitlines()
    assert "112" in lines[1] and "119" in lines[2] and "1577-1366" in lines[3]
    assert "buttons" not in message or not message["buttons"]


async def test_contact_info_at_night_says_when_lines_open_and_what_to_do_now(monkeypatch) -> None:
    import datetime as dt

    from actions import actions as module
    from actions.actions import ActionContact

    # Saturday 23:30 in Korea: 1345 is closed for Thai until Monday 09:00.
    monkeypatch.setattr(module, "now", lambda: dt.datetime(2026, 11, 28, 23, 30, tzinfo=module.KOREA))
    dispatcher = CollectingDispatcher()
    await ActionContact().run(dispatcher, make_tracker("📞?", "contact_info", language="en", candidates=[
        {"id": "CON-1345", "margin": 0.30}, {"id": "FAM-DANURI", "margin": 0.28}, {"id": "IMM-EXT", "margin": -0.5}]),
        {})
    text = dispatcher.messages[0]["text"]
    assert "1345" in text and "closed now — opens 11-30 09:00" in text
    assert "1577-1366" in text and "open now" in text
    assert [s["id"] for s in dispatcher.messages[0]["custom"]["services"]][:2] == ["CON-1345", "FAM-DANURI"]
    # Asked about one line, the answer is that line's card with its hours in the user's language.
    dispatcher = CollectingDispatcher()
    await ActionContact().run(dispatcher, make_tracker("เบอร์โทร 1345", "contact_info", language="th", candidates=[
        {"id": "CON-1345", "margin": 0.9}, {"id": "IMM-VISACHECK", "margin": -0.1}]), {})
    (card,) = dispatcher.messages
    assert card["custom"]["service_id"] == "CON-1345"
    assert "1345" in card["text"].splitlines()[-1] and "09:00" in card["text"]


async def test_f5_reentry_exemption_is_two_years() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("F-5 re-entry permit for a long trip?", "reentry_permit", language="en",
                           entities=[{"entity": "visa_status", "value": "F-5"}],
                           candidates=[{"id": "IMM-REENTRY-MULTI", "margin": 0.5, "score": 0.9},
                                       {"id": "IMM-REENTRY", "margin": -0.3, "score": 0.88}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    assert "within 24 months" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["custom"]["service_id"].startswith("IMM-REENTRY")


async def test_two_fallbacks_in_a_row_hand_over_to_a_person() -> None:
    from actions.actions import previous_action

    tracker = make_tracker("???", "nlu_fallback", language="en")
    tracker.events = [{"event": "user", "text": "asdf"}, {"event": "action", "name": "action_fallback"},
                      {"event": "action", "name": "action_listen"}, {"event": "user", "text": "???"}]
    assert previous_action(tracker) == "action_fallback"
    dispatcher = CollectingDispatcher()
    await ActionFallback().run(dispatcher, tracker, {})
    first = dispatcher.messages[0]["text"]
    assert "A person from our team will answer you here" in first and "H-" in first
    assert "queue" in first or "offline" in first  # the truth about when, whatever the hour
    # From now on the bot only relays.
    dispatcher = CollectingDispatcher()
    await ActionConverse().run(dispatcher, make_tracker("hello?", "greet", language="en"), {})
    assert "Your message has been passed on" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["text"] != first  # the queue's state, not the same sentence
