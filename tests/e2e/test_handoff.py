"""Mongolian user asks for a person: handoff, relay, release."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

from tests.e2e.conftest import AGENT_TOKEN, post_json

pytestmark = pytest.mark.e2e


def say(bot: str, sender: str, message: str) -> str:
    status, replies = post_json(f"{bot}/webhooks/rest/webhook", {"sender": sender, "message": message})
    assert status == 200, replies
    return "\n".join(r.get("text") or "" for r in replies)


def agent(bot: str, method: str, path: str, body: dict | None = None, token: str = AGENT_TOKEN) -> tuple[int, object]:
    request = urllib.request.Request(f"{bot}/webhooks/agent{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_mongolian_request_for_a_human(running_bot: str) -> None:
    sender = uuid.uuid4().hex
    created = say(running_bot, sender, "Би хүнтэй ярихыг хүсч байна, зөвлөхтэй холбоно уу")
    assert "H-" in created and "Манай багийн ажилтан танд энд хариулна" in created  # one truthful message
    assert "автомат" not in created.lower()  # no "I'm automated, call these numbers" beside it
    status, items = agent(running_bot, "GET", "/handoffs?status=waiting")
    mine = [h for h in items if h["conversation_id"] == sender]
    assert status == 200 and len(mine) == 1 and mine[0]["language"] == "mn"
    handoff_id = mine[0]["id"]

    waiting = say(running_bot, sender, "Визний хугацаа сунгах талаар асуух гэсэн юм")
    # The bot does not answer the question; it says where the queue stands instead of repeating itself.
    assert waiting and waiting != created and "дамжуулсан" in waiting
    assert "сунга" not in waiting

    assert agent(running_bot, "POST", f"/handoffs/{handoff_id}/claim", {"agent": "Kim"})[0] == 200
    assert agent(running_bot, "POST", f"/handoffs/{handoff_id}/reply", {"text": "Сайн байна уу, би Ким байна."})[0] == 200
    assert "би Ким байна" in say(running_bot, sender, "баярлалаа")
    assert agent(running_bot, "POST", f"/handoffs/{handoff_id}/release")[0] == 200
    status, replies = post_json(f"{running_bot}/webhooks/rest/webhook",
                                {"sender": sender, "message": "Визний хугацаа сунгах талаар асуух гэсэн юм"})
    assert any((r.get("custom") or {}).get("service_id") == "IMM-EXT" for r in replies)  # answered again


def test_agent_api_needs_the_token(running_bot: str) -> None:
    assert agent(running_bot, "GET", "/handoffs", token="wrong")[0] == 401
