"""KakaoTalk skill webhook: authentication, payload checks, rendering, limits, the 5-second rule."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.replies import Reply
from bot.core.settings import reload as reload_settings
from channels.edge.messaging import kakao
from channels.edge.messaging.common import SLOW_TEXT, SORRY_TEXT
from channels.edge.messaging.kakao import KakaoChannel, render

from .conftest import REPLY_TYPES, FakeBot, FakePlatform, fixture, replies

SECRET = "kakao-skill-secret-for-tests"
HEADERS = {"X-Ieum-Kakao-Secret": SECRET}
URL = "/webhooks/kakao/webhook"
USER = "kakao:a1b2c3d4e5f6"


def channel(bot: FakeBot, **config: Any) -> KakaoChannel:
    client = config.pop("client", None)
    return KakaoChannel(bot, {"skill_secret": SECRET, **config}, client=client)


def texts(response: dict[str, Any]) -> list[str]:
    """Every text the user reads in a SkillResponse."""
    out = []
    for output in response["template"]["outputs"]:
        for kind, body in output.items():
            out += [body.get(k, "") for k in ("text", "title", "description")]
            out += [i.get("title", "") for i in body.get("items", [])]
            out += [body.get("header", {}).get("title", "")]
    return out


# -- valid requests -------------------------------------------------------------------


async def test_typed_message_goes_to_the_bot_and_the_answer_is_a_skill_response(app_client) -> None:
    bot = FakeBot(replies("service"))
    response = await app_client(channel(bot)).post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    assert response.status_code == 200
    assert bot.calls == [(USER, "외국인등록증을 잃어버렸어요", {"channel": "kakao"})]
    assert response.json() == render(replies("service"))
    assert response.json()["version"] == "2.0"


async def test_a_button_pick_sends_its_payload_not_its_title(app_client) -> None:
    bot = FakeBot()
    response = await app_client(channel(bot)).post(URL, json=fixture("kakao_button.json"), headers=HEADERS)
    assert response.status_code == 200
    assert bot.calls[0][1] == '/ask_documents{"service_id":"IMM-REISSUE"}'


async def test_user_text_is_passed_on_exactly_as_typed(app_client) -> None:
    bot = FakeBot()
    payload = fixture("kakao_text.json")
    payload["userRequest"]["utterance"] = "  <b>950101-5123456</b> /restart  "
    await app_client(channel(bot)).post(URL, json=payload, headers=HEADERS)
    assert bot.calls[0][1] == "  <b>950101-5123456</b> /restart  "


async def test_path_secret_mode(app_client) -> None:
    bot = FakeBot()
    client = app_client(channel(bot, auth="path"))
    assert (await client.post(f"{URL}/{SECRET}", json=fixture("kakao_text.json"))).status_code == 200
    assert (await client.post(f"{URL}/wrong", json=fixture("kakao_text.json"))).status_code == 403
    assert (await client.post(URL, json=fixture("kakao_text.json"), headers=HEADERS)).status_code == 404
    assert len(bot.calls) == 1


# -- forged and malformed requests: 4xx, and the bot is never asked ------------------


@pytest.mark.parametrize("headers, status", [({}, 401), ({"X-Ieum-Kakao-Secret": "guess"}, 403),
                                             ({"X-Ieum-Kakao-Secret": ""}, 401),
                                             ({"X-Ieum-Kakao-Secret": SECRET + "x"}, 403)])
async def test_forged_requests_are_refused(app_client, headers: dict[str, str], status: int) -> None:
    bot = FakeBot()
    response = await app_client(channel(bot)).post(URL, json=fixture("kakao_text.json"), headers=headers)
    assert response.status_code == status
    assert "error" in response.json()
    assert bot.calls == []


def _without_user(payload: dict[str, Any]) -> dict[str, Any]:
    del payload["userRequest"]["user"]["id"]
    return payload


def _set(path: tuple[str, ...], value: Any):
    def change(payload: dict[str, Any]) -> dict[str, Any]:
        target = payload
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return payload
    return change


@pytest.mark.parametrize("body", [
    b"not json", b"[1, 2]", b"\xff\xfe", b'{"userRequest": "x"}', b"",
    json.dumps(_without_user(fixture("kakao_text.json"))).encode(),
    json.dumps(_set(("userRequest", "utterance"), "")(fixture("kakao_text.json"))).encode(),
    json.dumps(_set(("userRequest", "utterance"), 42)(fixture("kakao_text.json"))).encode(),
    json.dumps(_set(("userRequest", "utterance"), "x" * 6000)(fixture("kakao_text.json"))).encode(),
    json.dumps(_set(("userRequest", "user", "id"), ["a"])(fixture("kakao_text.json"))).encode(),
])
async def test_malformed_payloads_get_400(app_client, body: bytes) -> None:
    bot = FakeBot()
    response = await app_client(channel(bot)).post(URL, content=body, headers=HEADERS)
    assert response.status_code == 400
    assert response.json()["error"]
    assert bot.calls == []


async def test_oversized_body_gets_413(app_client) -> None:
    bot = FakeBot()
    response = await app_client(channel(bot)).post(URL, content=b"{" + b" " * 300_000 + b"}", headers=HEADERS)
    assert response.status_code == 413
    assert bot.calls == []


async def test_a_bad_click_extra_falls_back_to_the_utterance(app_client) -> None:
    bot = FakeBot()
    payload = _set(("action", "clientExtra"), {"payload": 7})(fixture("kakao_button.json"))
    assert (await app_client(channel(bot)).post(URL, json=payload, headers=HEADERS)).status_code == 200
    assert bot.calls[0][1] == "📄 Documents"


# -- modes ----------------------------------------------------------------------------


async def test_local_mode_needs_no_secret(app_client) -> None:
    bot = FakeBot()
    local = KakaoChannel(bot, {"local_mode": True})
    assert (await app_client(local).post(URL, json=fixture("kakao_text.json"))).status_code == 200
    assert len(bot.calls) == 1


async def test_local_mode_is_refused_in_production(monkeypatch) -> None:
    monkeypatch.setenv("IEUM_ENV", "production")
    reload_settings()
    with pytest.raises(RuntimeError, match="production"):
        KakaoChannel(FakeBot(), {"local_mode": True})


async def test_local_mode_is_ignored_when_the_secret_is_set(app_client) -> None:
    bot = FakeBot()
    response = await app_client(channel(bot, local_mode=True)).post(URL, json=fixture("kakao_text.json"))
    assert response.status_code == 401
    assert bot.calls == []


async def test_without_secret_or_local_mode_the_channel_is_off(app_client) -> None:
    bot = FakeBot()
    response = await app_client(KakaoChannel(bot, {"skill_secret": ""})).post(URL, json=fixture("kakao_text.json"))
    assert response.status_code == 503
    assert bot.calls == []


def test_module_routes_builds_the_webhook() -> None:
    assert [r.path for r in kakao.routes(FakeBot(), {"skill_secret": SECRET})] == [URL]


# -- what the user sees ---------------------------------------------------------------


@pytest.mark.parametrize("kind", REPLY_TYPES)
async def test_reply_matrix(app_client, kind: str) -> None:
    bot = FakeBot(replies(kind))
    response = await app_client(channel(bot)).post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    assert response.status_code == 200
    assert response.json() == fixture(f"expected/kakao/{kind}.json")
    assert not any("http" in t for t in texts(response.json())), "a raw URL in text"


def test_service_card_carries_the_service_id_natively() -> None:
    response = render(replies("service"))
    card = response["template"]["outputs"][0]["textCard"]
    assert [b["action"] for b in card["buttons"]] == ["webLink", "webLink", "message"]
    payloads = [b["extra"]["payload"] for b in card["buttons"] if "extra" in b]
    payloads += [q["extra"]["payload"] for q in response["template"]["quickReplies"]]
    assert len(payloads) == 4 and all('"service_id":"IMM-REISSUE"' in p for p in payloads)
    assert "IMM-REISSUE" not in json.dumps(texts(response))


def test_menu_is_a_list_card_whose_items_send_the_service_payloads() -> None:
    listcard = render(replies("menu"))["template"]["outputs"][0]["listCard"]
    assert [i["extra"]["payload"] for i in listcard["items"]] == [
        '/extend_stay{"service_id":"IMM-EXTEND"}', '/change_status{"service_id":"IMM-CHANGE"}',
        '/reentry_permit{"service_id":"IMM-REENTRY"}']


def test_limits_hold_for_an_overfull_turn() -> None:
    many = [Reply(f"card {i}\n" + "x" * 300, buttons=[{"title": f"button number {i}-{j}", "payload": f"/p{i}{j}"}
                                                      for j in range(4)],
                  links=[{"title": f"link {i}-{j}", "url": f"https://www.gov.kr/{i}/{j}"} for j in range(5)],
                  service_id=f"SVC-{i}") for i in range(4)]
    many += [Reply("y" * 2500), Reply("menu", buttons=[{"title": "a", "payload": "/a"}],
                                      services=[{"id": "A-B", "title": "A"}])]
    template = render(many)["template"]
    assert 1 <= len(template["outputs"]) <= kakao.MAX_OUTPUTS
    assert len(template["quickReplies"]) <= kakao.MAX_QUICK_REPLIES
    for output in template["outputs"]:
        for kind, body in output.items():
            assert len(body.get("text", "")) <= kakao.MAX_SIMPLE_TEXT
            assert len(body.get("title", "")) <= kakao.MAX_CARD_TITLE
            assert len(body.get("description", "")) <= kakao.MAX_CARD_DESCRIPTION
            assert len(body.get("buttons", [])) <= kakao.MAX_CARD_BUTTONS
            assert len(body.get("items", [])) <= kakao.MAX_LIST_ITEMS
            assert all(len(b["label"]) <= kakao.MAX_LABEL for b in body.get("buttons", []))
    assert all(len(q["label"]) <= kakao.MAX_LABEL for q in template["quickReplies"])


def test_a_long_text_is_split_not_cut() -> None:
    text = "\n".join(f"line {i} " + "가" * 90 for i in range(25))   # about 2450 characters
    outputs = render([Reply(text)])["template"]["outputs"]
    assert len(outputs) == 3 and all(len(o["simpleText"]["text"]) <= 1000 for o in outputs)
    assert "\n".join(o["simpleText"]["text"] for o in outputs) == text


def test_no_replies_still_gives_one_output() -> None:
    assert render([])["template"]["outputs"] == [{"simpleText": {"text": "…"}}]


def test_a_link_kakao_cannot_open_is_never_shown_raw() -> None:
    response = render([Reply("Call us", links=[{"title": "Hotline", "url": "tel:1345"},
                                               {"title": "x", "url": "javascript:alert(1)"}])])
    assert texts(response)[0] == "Call us\n📞 Hotline: 1345"
    assert "javascript" not in json.dumps(response)


# -- the 5-second rule ----------------------------------------------------------------


async def test_a_slow_bot_gets_a_polite_holding_answer_then_the_answer_on_asking_again(app_client) -> None:
    bot = FakeBot(replies("handoff"), delay=0.3)
    kakao_channel = channel(bot, deadline_seconds=0.05)
    client = app_client(kakao_channel)
    first = await client.post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    assert first.json() == {"version": "2.0", "template": {"outputs": [{"simpleText": {"text": SLOW_TEXT}}]}}
    await kakao_channel.background.drain()
    again = await client.post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    assert again.json() == render(replies("handoff"))
    assert len(bot.calls) == 1, "asking again must not send the message to the bot twice"


async def test_a_different_question_after_a_slow_one_is_asked_afresh(app_client) -> None:
    bot = FakeBot(delay=0.2)
    kakao_channel = channel(bot, deadline_seconds=0.05)
    client = app_client(kakao_channel)
    await client.post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    await kakao_channel.background.drain()
    bot.delay = 0
    response = await client.post(URL, json=fixture("kakao_button.json"), headers=HEADERS)
    assert response.json() == render([Reply("hello")])
    assert [c[1] for c in bot.calls] == ["외국인등록증을 잃어버렸어요", '/ask_documents{"service_id":"IMM-REISSUE"}']


async def test_callback_mode_answers_use_callback_and_posts_the_answer_later(app_client) -> None:
    platform = FakePlatform()
    bot = FakeBot(replies("service"), delay=0.2)
    kakao_channel = channel(bot, deadline_seconds=0.05, callback=True, client=platform.client())
    response = await app_client(kakao_channel).post(URL, json=fixture("kakao_callback.json"), headers=HEADERS)
    assert response.json() == {"version": "2.0", "useCallback": True}
    assert platform.requests == []
    await kakao_channel.background.drain()
    assert [str(r.url) for r in platform.requests] == [fixture("kakao_callback.json")["userRequest"]["callbackUrl"]]
    assert platform.bodies() == [render(replies("service"))]


async def test_callback_mode_answers_inline_when_the_bot_is_fast(app_client) -> None:
    platform = FakePlatform()
    bot = FakeBot(replies("menu"))
    kakao_channel = channel(bot, deadline_seconds=1, callback=True, client=platform.client())
    response = await app_client(kakao_channel).post(URL, json=fixture("kakao_callback.json"), headers=HEADERS)
    assert response.json() == render(replies("menu"))
    await kakao_channel.background.drain()
    assert platform.requests == []


async def test_a_callback_url_off_kakao_is_never_called(app_client) -> None:
    platform = FakePlatform()
    payload = _set(("userRequest", "callbackUrl"), "https://attacker.example/steal")(fixture("kakao_callback.json"))
    kakao_channel = channel(FakeBot(delay=0.2), deadline_seconds=0.05, callback=True, client=platform.client())
    response = await app_client(kakao_channel).post(URL, json=payload, headers=HEADERS)
    assert response.json()["template"]["outputs"][0]["simpleText"]["text"] == SLOW_TEXT
    await kakao_channel.background.drain()
    assert platform.requests == []


async def test_a_failing_bot_gets_an_apology_not_a_500(app_client) -> None:
    bot = FakeBot(error=RuntimeError("rasa is down"))
    response = await app_client(channel(bot)).post(URL, json=fixture("kakao_text.json"), headers=HEADERS)
    assert response.status_code == 200
    assert response.json()["template"]["outputs"][0]["simpleText"]["text"] == SORRY_TEXT


def test_deadline_must_leave_room_for_kakao() -> None:
    with pytest.raises(ValueError):
        channel(FakeBot(), deadline_seconds=5)
