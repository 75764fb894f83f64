"""The edge's Rasa client: the secret on every call, a polite line whenever Rasa fails, Rasa's output read back."""

from __future__ import annotations

import asyncio
import json

import httpx

from bot.core.replies import ReplyKind
from channels.edge.rasa_client import FALLBACK_TEXT, SECRET_HEADER, RasaClient, replies_from_rest


def client_with(handler) -> RasaClient:  # type: ignore[no-untyped-def]
    return RasaClient("http://rasa.internal", "s3cret", timeout=0.3,
                      client=httpx.AsyncClient(transport=httpx.MockTransport(handler)))


async def test_posts_rasas_json_with_the_secret() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"recipient_id": "web:1", "text": "Xin chào!"}])

    replies = await client_with(handler).send("web:1", "xin chào", {"browser_language": "vi"})
    assert [r.text for r in replies] == ["Xin chào!"]
    assert seen[0].url == "http://rasa.internal/webhooks/rest/webhook"
    assert seen[0].headers[SECRET_HEADER] == "s3cret"
    assert json.loads(seen[0].content) == {"sender": "web:1", "message": "xin chào",
                                           "metadata": {"browser_language": "vi"}}


async def test_slow_rasa_gets_the_polite_fallback_not_an_error() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(2)
        return httpx.Response(200, json=[])

    replies = await client_with(slow).send("web:1", "hi", {})
    assert [r.text for r in replies] == [FALLBACK_TEXT] and "1345" in FALLBACK_TEXT


async def test_failing_or_unreachable_rasa_gets_the_fallback() -> None:
    def error(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, text="Traceback ...")

    def not_json(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>")

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    for handler in (error, not_json, down):
        assert [r.text for r in await client_with(handler).send("web:1", "hi", {})] == [FALLBACK_TEXT]


def test_custom_part_is_folded_into_the_reply_it_belongs_to() -> None:
    replies = replies_from_rest([
        {"recipient_id": "x", "text": "Emergency: 112"},
        {"recipient_id": "x", "text": "Extension of stay", "buttons": [{"title": "Documents", "payload": "/ask_documents"}]},
        {"recipient_id": "x", "custom": {"service_id": "IMM-EXT", "links": [{"title": "HiKorea", "url": "https://www.hikorea.go.kr"}]}},
        {"recipient_id": "x", "text": "Which one?", "buttons": [{"title": "A", "payload": "/a"}]},
        {"recipient_id": "x", "custom": {"services": [{"id": "A-1"}, {"id": "B-2"}]}},
        "garbage", {"recipient_id": "x"},
    ])
    assert [r.kind for r in replies] == [ReplyKind.TEXT, ReplyKind.SERVICE, ReplyKind.MENU]
    assert replies[1].service_id == "IMM-EXT" and replies[1].links[0]["title"] == "HiKorea"
    assert [s["id"] for s in replies[2].services] == ["A-1", "B-2"]
    assert replies_from_rest({"not": "a list"}) == []
