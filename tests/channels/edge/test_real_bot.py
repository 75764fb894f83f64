"""Every reply type through every web channel of the edge, against the real bot (Rasa 3.6 + actions).

Rasa and the action server run from the Rasa venv with the small test model
(tests/config.fast.yml); the edge runs here, on Python >= 3.12, in front of
them, exactly as `make run` wires them (shared secret, shared number vault).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.channels.edge.conftest import TEST_SECRET, RealBot
from tests.channels.edge.socket_client import RasaSocketClient

pytestmark = pytest.mark.e2e


@dataclass
class Seen:
    """What a client received in one turn, read the way that channel's client reads it."""
    texts: list[str] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    service_ids: list[str] = field(default_factory=list)
    menus: list[list[str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def _custom(seen: Seen, custom: dict[str, Any]) -> None:
    if custom.get("service_id"):
        seen.service_ids.append(custom["service_id"])
    if custom.get("services"):
        seen.menus.append([s["id"] for s in custom["services"]])
    seen.links += custom.get("links") or []


async def via_rest(edge: str, messages: list[str]) -> Seen:
    sender = uuid.uuid4().hex
    seen = Seen()
    async with httpx.AsyncClient(timeout=60) as client:
        for message in messages:
            seen = Seen()
            response = await client.post(f"{edge}/webhooks/rest/webhook", json={"sender": sender, "message": message})
            assert response.status_code == 200, response.text
            for m in response.json():
                assert m["recipient_id"] == sender
                seen.texts += [m["text"]] if m.get("text") else []
                seen.buttons += m.get("buttons") or []
                _custom(seen, m.get("custom") or {})
    return seen


async def via_socketio(edge: str, messages: list[str]) -> Seen:
    client = RasaSocketClient(edge)
    await client.connect()
    seen = Seen()
    try:
        for message in messages:
            seen = Seen()
            await client.say(message)
            for m in await client.replies(1, timeout=60, settle=1.5):
                if "text" in m:
                    seen.texts.append(m["text"])
                    seen.buttons += [{"title": q["title"], "payload": q["payload"]} for q in m.get("quick_replies", [])]
                else:
                    _custom(seen, m)
    finally:
        await client.close()
    return seen


async def via_widget(edge: str, messages: list[str]) -> Seen:
    session = None
    seen = Seen()
    async with httpx.AsyncClient(timeout=60) as client:
        for message in messages:
            seen = Seen()
            response = await client.post(f"{edge}/webhooks/webchat/webhook", json={"session": session, "message": message})
            assert response.status_code == 200, response.text
            session = response.json()["session"]
            for r in response.json()["replies"]:
                seen.texts += [r["text"]] if r["text"] else []
                seen.buttons += r["buttons"]
                seen.service_ids += [r["service_id"]] if r["service_id"] else []
                seen.menus += [[s["id"] for s in r["services"]]] if r["services"] else []
                seen.links += r["links"]
    return seen


CHANNELS: dict[str, Callable[[str, list[str]], Any]] = {"rest": via_rest, "socketio": via_socketio,
                                                         "widget": via_widget}


def service_answer(seen: Seen) -> None:
    assert seen.service_ids == ["IMM-EXT"]
    # The service's own official page (a Korean public body's site), as a link button.
    assert any((urlsplit(link["url"]).hostname or "").endswith((".go.kr", "gov.kr")) for link in seen.links)
    assert seen.buttons and all(b["payload"].startswith("/") for b in seen.buttons)
    assert "http" not in seen.text and "Lệ phí" in seen.text


def menu(seen: Seen) -> None:
    assert len(seen.menus) == 1 and 2 <= len(seen.menus[0]) <= 4
    assert len(seen.buttons) == len(seen.menus[0])


def form_question(seen: Seen) -> None:
    assert "Which document" in seen.text and seen.buttons


def emergency(seen: Seen) -> None:
    assert "112" in seen.text and "119" in seen.text


def handoff(seen: Seen) -> None:
    assert "H-" in seen.text and "queue" in seen.text or "offline" in seen.text


CASES: dict[str, tuple[list[str], Callable[[Seen], None]]] = {
    "service answer": (["xin chào, tôi muốn gia hạn visa"], service_answer),
    "menu": (["I'm married to a Korean, what support is there?"], menu),
    "form question": (["I want to request a document to be issued"], form_question),
    "emergency": (["help my husband is hitting me"], emergency),
    "handoff notice": (["i want talk to real counsellor"], handoff),
}


@pytest.mark.parametrize("channel", list(CHANNELS))
@pytest.mark.parametrize("case", list(CASES))
async def test_reply_type_matrix(real_edge: str, channel: str, case: str) -> None:
    messages, check = CASES[case]
    seen = await CHANNELS[channel](real_edge, messages)
    check(seen)


async def test_registration_number_reaches_the_form_masked_and_never_the_tracker(real_edge: str,
                                                                                 real_bot: RealBot) -> None:
    sender = uuid.uuid4().hex
    turns = ["I want to request a document to be issued", '/request_document{"document":"CERT-ENTRYEXIT"}',
             "/affirm", "John Smith", "my number is 950101-5123456"]
    async with httpx.AsyncClient(timeout=60) as client:
        for text in turns:
            response = await client.post(f"{real_edge}/webhooks/rest/webhook", json={"sender": sender, "message": text})
            assert response.status_code == 200
        last = " ".join(m.get("text") or "" for m in response.json())
        assert "reach you" in last  # the form took the number: the edge's vault token reached the action
        tracker = (await client.get(f"{real_bot.rasa_url}/conversations/rest:{sender}/tracker")).json()
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert "my number is 950101-5******" in said
    # Nowhere in the stored conversation (texts, slots, metadata) is the number in clear.
    dump = json.dumps(tracker, ensure_ascii=False)
    assert "950101-5123456" not in dump and "9501015123456" not in dump
    assert not any(re.search(r"\d{6}-?[5-8]\d{6}", text) for text in said)


async def test_rasa_serves_only_the_edge(real_bot: RealBot) -> None:
    body = {"sender": uuid.uuid4().hex, "message": "hello"}
    async with httpx.AsyncClient(timeout=60) as client:
        direct = await client.post(f"{real_bot.rasa_url}/webhooks/rest/webhook", json=body)
        wrong = await client.post(f"{real_bot.rasa_url}/webhooks/rest/webhook", json=body,
                                  headers={"X-Ieum-Edge-Secret": "guess"})
        right = await client.post(f"{real_bot.rasa_url}/webhooks/rest/webhook", json=body,
                                  headers={"X-Ieum-Edge-Secret": TEST_SECRET})
    assert direct.status_code == 403 and wrong.status_code == 403 and right.status_code == 200


async def test_counter_card_and_health_through_the_edge(real_edge: str) -> None:
    async with httpx.AsyncClient(timeout=60) as client:
        card = await client.get(f"{real_edge}/webhooks/webchat/card/IMM-EXT?lang=vi")
        health = await client.get(f"{real_edge}/health")
        parse = await client.post(f"{real_edge}/model/parse", json={"text": "외국인등록증을 잃어버렸어요"})
    assert card.status_code == 200 and "<section" in card.text
    assert "default-src 'none'" in card.headers["content-security-policy"]
    assert health.json() == {"status": "ok", "edge": "ok", "bot": "ok"}
    assert parse.status_code == 200 and parse.json()["language"]["code"] == "ko"
