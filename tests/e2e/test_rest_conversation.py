"""One real conversation path: REST webhook -> NLU -> action -> catalogue -> reply."""

from __future__ import annotations

import uuid

import pytest

from catalogue.loader import read_catalogue
from catalogue.official import is_official
from tests.e2e.conftest import post_json

pytestmark = pytest.mark.e2e


def _texts(messages: object) -> str:
    assert isinstance(messages, list) and messages, f"no reply: {messages!r}"
    return "\n".join(m.get("text", "") for m in messages)


def test_vietnamese_extension_question_gets_vietnamese_answer_with_its_official_page(running_bot: str) -> None:
    status, messages = post_json(f"{running_bot}/webhooks/rest/webhook",
                                 {"sender": uuid.uuid4().hex, "message": "xin chào, tôi muốn gia hạn visa"})
    assert status == 200
    reply = _texts(messages)
    custom = next(m["custom"] for m in messages if (m.get("custom") or {}).get("service_id"))
    assert custom["service_id"] == "IMM-EXT"
    # The link is the service's own official page from the catalogue (not a home page, not a blog).
    service = read_catalogue().service("IMM-EXT")
    assert any(link["url"] == service.url for link in custom["links"]) and is_official(service.url)
    assert "http" not in reply  # the link is a button, not a raw URL
    # Written in Vietnamese, not English with a greeting.
    assert "Gia hạn" in reply or "gia hạn" in reply
    assert "Lệ phí" in reply and "Fee:" not in reply


def test_a_broad_question_gets_a_menu_and_a_pick_gives_that_service(running_bot: str) -> None:
    sender, url = uuid.uuid4().hex, f"{running_bot}/webhooks/rest/webhook"
    status, messages = post_json(url, {"sender": sender, "message": "I'm married to a Korean, what support is there?"})
    assert status == 200
    ids = next([s["id"] for s in m["custom"]["services"]] for m in messages if (m.get("custom") or {}).get("services"))
    buttons = next(m["buttons"] for m in messages if m.get("buttons"))
    assert 2 <= len(ids) <= 4 and len(buttons) == len(ids)
    status, messages = post_json(url, {"sender": sender, "message": buttons[1]["payload"]})
    assert status == 200
    assert [m["custom"]["service_id"] for m in messages if (m.get("custom") or {}).get("service_id")] == [ids[1]]


def test_parse_output_carries_language_per_contract(running_bot: str) -> None:
    status, parsed = post_json(f"{running_bot}/model/parse", {"text": "외국인등록증을 잃어버렸어요"})
    assert status == 200
    assert parsed["language"]["code"] == "ko"
    assert 0.0 < parsed["language"]["confidence"] <= 1.0


def test_language_is_sticky_for_short_messages(running_bot: str) -> None:
    sender = uuid.uuid4().hex
    post_json(f"{running_bot}/webhooks/rest/webhook", {"sender": sender, "message": "Tôi muốn làm thêm, visa D-2"})
    status, messages = post_json(f"{running_bot}/webhooks/rest/webhook", {"sender": sender, "message": "ok"})
    assert status == 200
    tracker = _get_json(f"{running_bot}/conversations/{sender}/tracker")
    assert tracker["slots"]["language"] == "vi"
    assert tracker["slots"]["visa_status"] == "D-2"


def test_web_chat_page_and_bad_input(running_bot: str) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{running_bot}/webhooks/webchat/") as response:
        page = response.read().decode()
        assert "Ieum" in page
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    status, body = post_json(f"{running_bot}/webhooks/webchat/webhook", {"sender": "x", "message": "hi"})
    assert status == 400 and "sender" in body["error"]
    status, body = post_json(f"{running_bot}/webhooks/webchat/webhook",
                             {"sender": uuid.uuid4().hex, "message": "a" * 100_000})
    assert status == 400 and "limited" in body["error"]


def _get_json(url: str) -> dict:
    import json
    import urllib.request

    with urllib.request.urlopen(url) as response:
        return json.loads(response.read())
