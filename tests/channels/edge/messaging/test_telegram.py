"""Telegram webhook: the secret-token header, updates, callback queries, rendering, callback_data <= 64 bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.replies import Reply
from bot.core.settings import reload as reload_settings
from channels.edge.messaging import telegram
from channels.edge.messaging.common import SORRY_TEXT
from channels.edge.messaging.telegram import EXPIRED_BUTTON, CallbackCodec, TelegramChannel, render

from .conftest import REPLY_TYPES, FakeBot, FakePlatform, fixture, replies

SECRET = "telegram_secret-token-for-tests"
TOKEN = "123456:telegram-bot-token-for-tests"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
URL = "/webhooks/telegram/webhook"
API = f"https://api.telegram.org/bot{TOKEN}"
USER = "telegram:700100200"


def channel(bot: FakeBot, platform: FakePlatform, **config: Any) -> TelegramChannel:
    return TelegramChannel(bot, {"secret_token": SECRET, "access_token": TOKEN, **config}, client=platform.client())


async def post(app_client, ch: TelegramChannel, body: Any, headers: dict[str, str]):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = await app_client(ch).post(URL, content=content, headers=headers)
    await ch.background.drain()
    return response


def calls(platform: FakePlatform) -> list[tuple[str, dict[str, Any]]]:
    return [(str(r.url).removeprefix(API + "/"), json.loads(r.content)) for r in platform.requests]


# -- valid updates --------------------------------------------------------------------


async def test_a_text_message_is_answered_with_send_message(app_client, platform) -> None:
    bot = FakeBot(replies("service"))
    ch = channel(bot, platform)
    response = await post(app_client, ch, fixture("telegram_message.json"), HEADERS)
    assert response.status_code == 200
    assert bot.calls == [(USER, "tôi mất thẻ người nước ngoài", {"channel": "telegram", "language_hint": "vi"})]
    assert calls(platform) == [("sendMessage", m) for m in render(replies("service"), 700100200, ch.codec)]


async def test_a_button_press_is_acknowledged_then_sent_as_the_users_message(app_client, platform) -> None:
    bot = FakeBot(replies("form_question"))
    ch = channel(bot, platform)
    assert (await post(app_client, ch, fixture("telegram_callback.json"), HEADERS)).status_code == 200
    sent = calls(platform)
    assert sent[0] == ("answerCallbackQuery", {"callback_query_id": "4382bfdwdsb323b2d9"})
    assert bot.calls[0][:2] == (USER, '/ask_documents{"service_id":"IMM-REISSUE"}')
    assert [method for method, _ in sent[1:]] == ["sendMessage"]


@pytest.mark.parametrize("data", ["m:unknownkey123456", "garbage", "c:bad intent:s=x", "c:ask:s=a b", "t:", ""])
async def test_a_button_we_cannot_read_is_answered_and_not_sent_to_the_bot(app_client, platform, data: str) -> None:
    bot = FakeBot()
    update = fixture("telegram_callback.json")
    update["callback_query"]["data"] = data
    assert (await post(app_client, channel(bot, platform), update, HEADERS)).status_code == 200
    assert bot.calls == []
    assert calls(platform) == [("answerCallbackQuery", {"callback_query_id": "4382bfdwdsb323b2d9",
                                                        "text": EXPIRED_BUTTON})]


@pytest.mark.parametrize("name", ["telegram_sticker.json"])
async def test_updates_without_text_are_acknowledged_quietly(app_client, platform, name: str) -> None:
    bot = FakeBot()
    assert (await post(app_client, channel(bot, platform), fixture(name), HEADERS)).status_code == 200
    assert bot.calls == [] and platform.requests == []


async def test_other_update_types_are_acknowledged_quietly(app_client, platform) -> None:
    bot = FakeBot()
    update = {"update_id": 5, "edited_message": fixture("telegram_message.json")["message"]}
    assert (await post(app_client, channel(bot, platform), update, HEADERS)).status_code == 200
    assert bot.calls == [] and platform.requests == []


async def test_text_is_sent_as_plain_text(app_client, platform) -> None:
    bot = FakeBot([Reply("<b>bold?</b> *not markdown* [x](https://evil.example)")])
    update = fixture("telegram_message.json")
    update["message"]["text"] = "<script>alert(1)</script>"
    await post(app_client, channel(bot, platform), update, HEADERS)
    assert bot.calls[0][1] == "<script>alert(1)</script>"
    [(_, request)] = calls(platform)
    assert "parse_mode" not in request
    assert request["text"] == "<b>bold?</b> *not markdown* [x](https://evil.example)"


# -- forged and malformed updates -----------------------------------------------------


@pytest.mark.parametrize("headers, status", [({}, 401), ({"X-Telegram-Bot-Api-Secret-Token": ""}, 401),
                                             ({"X-Telegram-Bot-Api-Secret-Token": "guess"}, 403),
                                             ({"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]}, 403)])
async def test_forged_updates_are_refused(app_client, platform, headers, status) -> None:
    bot = FakeBot()
    response = await post(app_client, channel(bot, platform), fixture("telegram_message.json"), headers)
    assert response.status_code == status
    assert "Secret-Token" in response.json()["error"]
    assert bot.calls == [] and platform.requests == []


async def test_the_secret_is_checked_before_the_body(app_client, platform) -> None:
    bot = FakeBot()
    response = await post(app_client, channel(bot, platform), b"{not json", {"X-Telegram-Bot-Api-Secret-Token": "x"})
    assert response.status_code == 403


def _message(**changes: Any) -> dict[str, Any]:
    update = fixture("telegram_message.json")
    update["message"].update(changes)
    return update


@pytest.mark.parametrize("body", [
    b"{not json", b"[]", b"\xff", b"42", {"message": {"text": "hi"}}, {"update_id": "1"},
    _message(text=5), _message(text=""), _message(text="x" * 6000), _message(chat={}), _message(**{"from": None}),
    {"update_id": 1, "callback_query": {"id": "", "from": {"id": 1}, "data": "t:/affirm"}},
    {"update_id": 1, "callback_query": {"id": "abc", "data": "t:/affirm"}},
], ids=lambda b: str(b)[:40])
async def test_malformed_updates_get_400(app_client, platform, body) -> None:
    bot = FakeBot()
    response = await post(app_client, channel(bot, platform), body, HEADERS)
    assert response.status_code == 400
    assert response.json()["error"]
    assert bot.calls == [] and platform.requests == []


# -- modes ----------------------------------------------------------------------------


async def test_local_mode_needs_no_secret(app_client, platform) -> None:
    bot = FakeBot()
    ch = TelegramChannel(bot, {"local_mode": True, "api_base": "http://fake-telegram.test"}, client=platform.client())
    assert (await post(app_client, ch, fixture("telegram_message.json"), {})).status_code == 200
    assert len(bot.calls) == 1
    assert str(platform.requests[0].url) == "http://fake-telegram.test/bot/sendMessage"


def test_local_mode_is_refused_in_production(monkeypatch) -> None:
    monkeypatch.setenv("IEUM_ENV", "production")
    reload_settings()
    with pytest.raises(RuntimeError):
        TelegramChannel(FakeBot(), {"local_mode": "yes"})


async def test_without_secrets_the_channel_is_off(app_client, platform) -> None:
    bot = FakeBot()
    ch = TelegramChannel(bot, {"access_token": TOKEN}, client=platform.client())
    assert (await post(app_client, ch, fixture("telegram_message.json"), HEADERS)).status_code == 503
    assert bot.calls == []


def test_a_secret_telegram_would_refuse_is_refused_at_start() -> None:
    with pytest.raises(ValueError):
        TelegramChannel(FakeBot(), {"secret_token": "has spaces!", "access_token": TOKEN})


def test_module_routes_builds_the_webhook() -> None:
    assert [r.path for r in telegram.routes(FakeBot(), {"secret_token": SECRET, "access_token": TOKEN})] == [URL]


# -- what the user sees ---------------------------------------------------------------


@pytest.mark.parametrize("kind", REPLY_TYPES)
async def test_reply_matrix(app_client, platform, kind: str) -> None:
    ch = channel(FakeBot(replies(kind)), platform)
    await post(app_client, ch, fixture("telegram_message.json"), HEADERS)
    sent = [body for method, body in calls(platform)]
    assert sent == fixture(f"expected/telegram/{kind}.json")
    assert not any("http" in m["text"] for m in sent), "a raw URL in text"
    data = [b["callback_data"] for m in sent for row in m.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row if "callback_data" in b]
    assert all(len(d.encode()) <= telegram.MAX_CALLBACK_DATA for d in data)
    originals = [b["payload"] for r in replies(kind) for b in r.buttons]
    assert [ch.codec.decode(d) for d in data] == originals


def test_service_buttons_carry_the_service_id_and_links_are_url_buttons() -> None:
    [message] = render(replies("service"), 1, CallbackCodec())
    rows = message["reply_markup"]["inline_keyboard"]
    assert [list(row[0]) for row in rows] == [["text", "url"]] * 2 + [["text", "callback_data"]] * 4
    assert all(":s=IMM-REISSUE" in row[0]["callback_data"] for row in rows[2:])


async def test_a_failing_bot_gets_an_apology(app_client, platform) -> None:
    ch = channel(FakeBot(error=RuntimeError("down")), platform)
    await post(app_client, ch, fixture("telegram_message.json"), HEADERS)
    assert calls(platform) == [("sendMessage", {"chat_id": 700100200, "text": SORRY_TEXT})]


def test_a_long_answer_is_split_with_the_keyboard_on_the_last_part() -> None:
    text = "\n".join("줄 " + "가" * 200 for _ in range(30))
    messages = render([Reply(text, buttons=[{"title": "ok", "payload": "/affirm"}])], 1, CallbackCodec())
    assert len(messages) == 2 and all(len(m["text"]) <= telegram.MAX_TEXT for m in messages)
    assert "reply_markup" not in messages[0] and "reply_markup" in messages[1]
    assert "\n".join(m["text"] for m in messages) == text


# -- callback_data within 64 bytes ------------------------------------------------------


PAYLOADS = [
    '/ask_documents{"service_id":"IMM-REISSUE"}',
    '/ask_processing_time{"service_id":"IMM-REISSUE"}',
    '/check_request_status{"service_id":"LAB-WAGE-CLAIM-UNPAID-RETIREMENT"}',       # 72 bytes raw
    '/request_document{"document":"CERT-ALIEN-REGISTRATION-FACTS-ENGLISH"}',
    '/part_time_work{"visa_status":"D-2"}',
    '/choose_language{"language_choice":"km"}',
    '/marriage_immigrant{"service_id":"FAM-F6","visa_status":"F-6"}',
    '/affirm', "home", "우편으로 받을게요",
    '/ask_fee{"service_id": "IMM-REISSUE"}',                                          # spaced JSON: kept as it is
    "아주 긴 선택지 " * 8,                                                              # 70+ bytes of Korean text
    '/ask_online{"service_id":"' + "X" * 80 + '"}',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_fits_callback_data_and_comes_back_unchanged(payload: str) -> None:
    codec = CallbackCodec()
    data = codec.encode(payload)
    assert 1 <= len(data.encode("utf-8")) <= 64
    assert codec.decode(data) == payload


def test_our_service_payloads_need_no_server_side_state() -> None:
    writer, reader = CallbackCodec(), CallbackCodec()      # e.g. before and after a restart
    for payload in PAYLOADS[:7]:
        assert reader.decode(writer.encode(payload)) == payload
    assert writer.encode(PAYLOADS[1]) == "c:ask_processing_time:s=IMM-REISSUE"


def test_the_table_is_bounded_and_forgets_the_oldest() -> None:
    codec = CallbackCodec(capacity=2)
    long = ["x" * 70 + str(i) for i in range(3)]
    data = [codec.encode(p) for p in long]
    assert all(d.startswith("m:") for d in data)
    assert [codec.decode(d) for d in data] == [None, long[1], long[2]]


async def test_a_refused_keyboard_still_delivers_the_text(app_client) -> None:
    refusing = FakePlatform(status=400)
    ch = channel(FakeBot(replies("form_question")), refusing)
    await post(app_client, ch, fixture("telegram_message.json"), HEADERS)
    first, retry = calls(refusing)
    assert "reply_markup" in first[1]
    assert retry == ("sendMessage", {"chat_id": 700100200, "text": "How would you like to receive it?"})
