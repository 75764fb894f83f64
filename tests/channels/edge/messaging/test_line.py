"""LINE webhook: signature first, payload checks, the reply API call, rendering and limits."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest

from bot.core.replies import Reply
from bot.core.settings import reload as reload_settings
from channels.edge.messaging import line
from channels.edge.messaging.common import SORRY_TEXT
from channels.edge.messaging.line import LineChannel, render

from .conftest import REPLY_TYPES, FakeBot, FakePlatform, fixture, fixture_bytes, replies

SECRET = "line-channel-secret-for-tests"
TOKEN = "line-access-token-for-tests"
URL = "/webhooks/line/webhook"
USER = "line:U4af4980629a1b2c3d4e5f6a7b8c9d0e1"


def sign(body: bytes, secret: str = SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return {"X-Line-Signature": base64.b64encode(digest).decode(), "Content-Type": "application/json"}


def channel(bot: FakeBot, platform: FakePlatform, **config: Any) -> LineChannel:
    return LineChannel(bot, {"channel_secret": SECRET, "access_token": TOKEN, **config}, client=platform.client())


async def post(app_client, ch: LineChannel, body: bytes, headers: dict[str, str]):
    response = await app_client(ch).post(URL, content=body, headers=headers)
    await ch.background.drain()
    return response


# -- valid requests -------------------------------------------------------------------


async def test_text_message_is_answered_through_the_reply_api(app_client, platform) -> None:
    bot = FakeBot(replies("service"))
    ch = channel(bot, platform)
    body = fixture_bytes("line_text.json")
    response = await post(app_client, ch, body, sign(body))
    assert response.status_code == 200
    assert bot.calls == [(USER, "tôi mất thẻ người nước ngoài", {"channel": "line"})]
    [request] = platform.requests
    assert str(request.url) == "https://api.line.me/v2/bot/message/reply"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(request.content) == {"replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
                                           "messages": render(replies("service"))}


async def test_postback_sends_its_data_to_the_bot(app_client, platform) -> None:
    bot = FakeBot()
    ch = channel(bot, platform)
    body = fixture_bytes("line_postback.json")
    assert (await post(app_client, ch, body, sign(body))).status_code == 200
    assert bot.calls[0][:2] == (USER, '/ask_documents{"service_id":"IMM-REISSUE"}')


async def test_the_verify_request_gets_200_and_asks_nobody(app_client, platform) -> None:
    bot = FakeBot()
    ch = channel(bot, platform)
    body = fixture_bytes("line_verify.json")
    response = await post(app_client, ch, body, sign(body))
    assert response.status_code == 200
    assert bot.calls == [] and platform.requests == []


async def test_events_we_do_not_answer_are_acknowledged(app_client, platform) -> None:
    bot = FakeBot()
    ch = channel(bot, platform)
    body = fixture_bytes("line_mixed.json")    # follow, sticker, standby-mode text
    assert (await post(app_client, ch, body, sign(body))).status_code == 200
    assert bot.calls == [] and platform.requests == []


async def test_several_events_are_answered_in_order(app_client, platform) -> None:
    bot = FakeBot()
    ch = channel(bot, platform)
    payload = fixture("line_text.json")
    payload["events"] += fixture("line_postback.json")["events"]
    body = json.dumps(payload).encode()
    await post(app_client, ch, body, sign(body))
    assert [c[1] for c in bot.calls] == ["tôi mất thẻ người nước ngoài", '/ask_documents{"service_id":"IMM-REISSUE"}']
    assert [b["replyToken"] for b in platform.bodies()] == ["nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
                                                            "b60d432864f44d079f6d8efe86cf404b"]


# -- forged and malformed requests ----------------------------------------------------


def _forgeries() -> list[tuple[str, bytes, dict[str, str]]]:
    body = fixture_bytes("line_text.json")
    reserialised = json.dumps(json.loads(body)).encode()       # same JSON, other bytes
    tampered = body.replace("thẻ".encode(), b"the")
    return [("no signature", body, {"Content-Type": "application/json"}),
            ("empty signature", body, {"X-Line-Signature": ""}),
            ("wrong secret", body, sign(body, "another-secret")),
            ("signature of other bytes", reserialised, sign(body)),
            ("tampered body", tampered, sign(body)),
            ("garbage signature", body, {"X-Line-Signature": "not base64 at all"}),
            ("unsigned malformed body", b"{not json", {})]


@pytest.mark.parametrize("name, body, headers", _forgeries(), ids=[f[0] for f in _forgeries()])
async def test_forged_requests_get_401_before_anything_is_parsed(app_client, platform, name, body, headers) -> None:
    bot = FakeBot()
    response = await post(app_client, channel(bot, platform), body, headers)
    assert response.status_code == 401
    assert "Signature" in response.json()["error"]
    assert bot.calls == [] and platform.requests == []


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"events": {}}', b'{"destination": "U1"}', b"\xff",
                                  b'{"events": "x"}'])
async def test_signed_but_malformed_bodies_get_400(app_client, platform, body: bytes) -> None:
    bot = FakeBot()
    response = await post(app_client, channel(bot, platform), body, sign(body))
    assert response.status_code == 400
    assert bot.calls == [] and platform.requests == []


async def test_malformed_events_inside_a_valid_body_are_skipped(app_client, platform) -> None:
    bot = FakeBot()
    body = json.dumps({"events": [1, None, {"type": "message"}, {"type": "postback", "replyToken": "t",
                                                                  "source": {"userId": 5}, "postback": {}}]}).encode()
    assert (await post(app_client, channel(bot, platform), body, sign(body))).status_code == 200
    assert bot.calls == []


# -- modes ----------------------------------------------------------------------------


async def test_local_mode_accepts_unsigned_requests(app_client, platform) -> None:
    bot = FakeBot()
    ch = LineChannel(bot, {"local_mode": "true", "api_base": "http://fake-line.test"}, client=platform.client())
    response = await post(app_client, ch, fixture_bytes("line_text.json"), {})
    assert response.status_code == 200 and len(bot.calls) == 1
    assert str(platform.requests[0].url) == "http://fake-line.test/v2/bot/message/reply"


def test_local_mode_is_refused_in_production(monkeypatch) -> None:
    monkeypatch.setenv("IEUM_ENV", "production")
    reload_settings()
    with pytest.raises(RuntimeError):
        LineChannel(FakeBot(), {"local_mode": True})


async def test_a_half_configured_channel_is_off(app_client, platform) -> None:
    bot = FakeBot()
    ch = LineChannel(bot, {"channel_secret": SECRET}, client=platform.client())   # no access token
    body = fixture_bytes("line_text.json")
    assert (await post(app_client, ch, body, sign(body))).status_code == 503
    assert bot.calls == []


def test_module_routes_builds_the_webhook() -> None:
    assert [r.path for r in line.routes(FakeBot(), {"channel_secret": "s", "access_token": "t"})] == [URL]


# -- what the user sees ---------------------------------------------------------------


@pytest.mark.parametrize("kind", REPLY_TYPES)
async def test_reply_matrix(app_client, platform, kind: str) -> None:
    ch = channel(FakeBot(replies(kind)), platform)
    body = fixture_bytes("line_text.json")
    await post(app_client, ch, body, sign(body))
    [sent] = platform.bodies("/v2/bot/message/reply")
    assert sent["messages"] == fixture(f"expected/line/{kind}.json")
    texts = [m.get("text", "") for m in sent["messages"]] + [
        c.get("text", "") for m in sent["messages"] if m["type"] == "flex" for c in m["contents"]["body"]["contents"]]
    assert not any("http" in t for t in texts), "a raw URL in text"


def test_service_card_is_a_flex_bubble_with_link_and_postback_buttons() -> None:
    [message] = render(replies("service"))
    actions = [c["action"] for c in message["contents"]["footer"]["contents"]]
    assert [a["type"] for a in actions] == ["uri", "uri", "postback", "postback", "postback", "postback"]
    assert all('"service_id":"IMM-REISSUE"' in a["data"] for a in actions if a["type"] == "postback")
    assert all(a["displayText"] and "IMM-REISSUE" not in a["displayText"] for a in actions if a["type"] == "postback")


def test_menu_and_choices_are_quick_replies_on_the_last_message() -> None:
    messages = render(replies("menu") + replies("form_question"))
    assert "quickReply" not in messages[0]
    data = [i["action"]["data"] for i in messages[-1]["quickReply"]["items"]]
    assert data == ['/extend_stay{"service_id":"IMM-EXTEND"}', '/change_status{"service_id":"IMM-CHANGE"}',
                    '/reentry_permit{"service_id":"IMM-REENTRY"}', "home", "office", "post"]


def test_limits_hold_for_an_overfull_turn() -> None:
    many = [Reply(f"card {i}", buttons=[{"title": f"a rather long button title {i}-{j}", "payload": f"/p{i}_{j}"}
                                        for j in range(3)],
                  links=[{"title": "Official page with a long name", "url": f"https://www.gov.kr/{i}"}],
                  service_id=f"SVC-{i}") for i in range(6)]
    many += [Reply(f"question {i}", buttons=[{"title": f"choice {i}-{j}", "payload": f"c{i}{j}"} for j in range(5)])
             for i in range(4)]
    messages = render(many)
    assert len(messages) <= line.MAX_MESSAGES
    items = messages[-1]["quickReply"]["items"]
    assert len(items) == line.MAX_QUICK_REPLY
    assert all(len(i["action"]["label"]) <= line.MAX_LABEL for i in items)
    labels = [c["action"]["label"] for m in messages if m["type"] == "flex" for c in m["contents"]["footer"]["contents"]]
    assert labels and all(len(label) <= line.MAX_LABEL for label in labels)
    assert all(len(m.get("text", "")) <= line.MAX_TEXT and len(m.get("altText", "")) <= line.MAX_ALT_TEXT
               for m in messages)


def test_a_payload_too_long_for_postback_data_is_left_out() -> None:
    [message] = render([Reply("pick", buttons=[{"title": "ok", "payload": "/ok"}, {"title": "x", "payload": "y" * 301}])])
    assert [i["action"]["data"] for i in message["quickReply"]["items"]] == ["/ok"]


def test_phone_links_are_buttons_on_line() -> None:
    [message] = render([Reply("Call", links=[{"title": "Danuri", "url": "tel:15771366"}])])
    assert message["contents"]["footer"]["contents"][0]["action"] == {"type": "uri", "label": "Danuri",
                                                                      "uri": "tel:15771366"}


async def test_a_failing_bot_gets_an_apology(app_client, platform) -> None:
    ch = channel(FakeBot(error=RuntimeError("down")), platform)
    body = fixture_bytes("line_text.json")
    assert (await post(app_client, ch, body, sign(body))).status_code == 200
    assert platform.bodies()[0]["messages"] == [{"type": "text", "text": SORRY_TEXT}]


async def test_a_refused_reply_is_logged_not_raised(app_client, caplog) -> None:
    refusing = FakePlatform(status=400)
    ch = channel(FakeBot(), refusing)
    body = fixture_bytes("line_text.json")
    assert (await post(app_client, ch, body, sign(body))).status_code == 200
    assert len(refusing.requests) == 1
    assert "refused" in caplog.text
