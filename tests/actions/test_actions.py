from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswerService, ActionConverse, ActionFallback
from actions.language_slot import ValidatePredefinedSlots
from tests.actions.conftest import make_tracker


async def test_service_answer_in_vietnamese_with_link_fee_and_source() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("tôi muốn gia hạn visa", "extend_stay", language="vi")
    events = await ActionAnswerService().run(dispatcher, tracker, {})
    (message,) = dispatcher.messages
    text = message["text"]
    assert "Gia hạn thời gian lưu trú" in text and "체류기간 연장허가" in text
    assert "https://www.hikorea.go.kr" in text
    assert "60,000 KRW" in text and "48,000 KRW" in text
    assert "kiểm tra ngày 2026-11-25" in text  # checked-on date, in Vietnamese
    assert events == [{"event": "slot", "timestamp": None, "name": "last_service", "value": "IMM-EXT"}]


async def test_visa_status_entity_picks_eligible_service_first() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("D-4 alba", "part_time_work", language="ko",
                           entities=[{"entity": "visa_status", "value": "D-4"}])
    await ActionAnswerService().run(dispatcher, tracker, {})
    assert "유학생 시간제취업 허가" in dispatcher.messages[0]["text"]


async def test_greeting_with_a_question_answers_both() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("xin chào, tôi muốn gia hạn visa", "greet", language="vi",
                           ranking=[{"name": "greet", "confidence": 0.5}, {"name": "extend_stay", "confidence": 0.4}])
    await ActionConverse().run(dispatcher, tracker, {})
    assert len(dispatcher.messages) == 2
    assert dispatcher.messages[0]["text"].startswith("Xin chào")
    assert "https://www.hikorea.go.kr" in dispatcher.messages[1]["text"]


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
