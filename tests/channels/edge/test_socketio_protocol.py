"""/socket.io/ on the edge with a real python-socketio client: Rasa's events, Rasa's shapes, replies that arrive."""

from __future__ import annotations

import asyncio

import pytest
import socketio

from channels.edge.app import create_app
from channels.edge.limits import MemoryRateLimiter
from channels.edge.settings import RateLimit
from tests.channels.edge.conftest import FakeBot, edge_settings, serve
from tests.channels.edge.socket_client import RasaSocketClient


async def test_service_answer_arrives_with_quick_replies_then_custom(fake_edge: str, fake_bot: FakeBot) -> None:
    client = RasaSocketClient(fake_edge)
    session = await client.connect()
    await client.say("gia hạn visa")
    first, custom = await client.replies(2)
    await client.close()
    assert set(first) == {"text", "quick_replies"}  # exactly what rasa-webchat renders as buttons
    assert first["quick_replies"] == [{"content_type": "text", "title": "📄 Giấy tờ cần có",
                                       "payload": '/ask_documents{"service_id":"IMM-EXT"}'}]
    assert custom["service_id"] == "IMM-EXT" and custom["links"][0]["title"] == "HiKorea"
    assert fake_bot.calls[0][0].startswith("web:") and session.split(".")[0] in fake_bot.calls[0][0]


@pytest.mark.parametrize("message, check", [
    ("I'm married to a Korean", lambda m: m[0]["quick_replies"] and [s["id"] for s in m[1]["services"]] == ["MIG-F6", "MIG-CENTER"]),
    ("I want a document", lambda m: m[0]["text"] == "Which document do you need?" and len(m[0]["quick_replies"]) == 1),
    # Text without buttons is split at blank lines, as Rasa's SocketIOOutput does.
    ("I'm in danger", lambda m: [x["text"] for x in m] == ["In danger now: call 112 (police) or 119 (fire, ambulance).",
                                                           "1366: women's emergency line."]),
    ("a person please", lambda m: len(m) == 1 and "counsellor" in m[0]["text"] and set(m[0]) == {"text"}),
])
async def test_each_reply_type(fake_edge: str, message: str, check) -> None:  # type: ignore[no-untyped-def]
    client = RasaSocketClient(fake_edge)
    await client.connect()
    await client.say(message)
    received = await client.replies(1)
    await client.close()
    assert check(received), received


async def test_reconnecting_with_the_issued_session_resumes_the_conversation(fake_edge: str, fake_bot: FakeBot) -> None:
    first = RasaSocketClient(fake_edge)
    session = await first.connect()
    await first.say("hello")
    await first.replies(1)
    await first.close()
    again = RasaSocketClient(fake_edge)
    assert await again.connect(session) == session  # a reload keeps the same session
    await again.say("hello again")
    await again.replies(1)
    await again.close()
    assert fake_bot.calls[0][0] == fake_bot.calls[1][0]


async def test_someone_elses_session_id_gets_nothing_of_theirs(fake_edge: str, fake_bot: FakeBot) -> None:
    alice = RasaSocketClient(fake_edge)
    alice_session = await alice.connect()
    await alice.say("hello")
    await alice.replies(1)
    alice_sender = fake_bot.calls[0][0]
    conversation = alice_sender.removeprefix("web:")

    # Mallory knows Alice's conversation id (from a log, say), or forges a signature for it.
    for forged in (conversation, alice_sender, f"{conversation}.AAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBB",
                   alice_session[:-2] + "xx"):
        mallory = RasaSocketClient(fake_edge)
        given = await mallory.connect(forged)
        assert given != alice_session and given != forged
        # ... and even naming Alice's real session in a message does not switch conversations.
        await mallory.say("what did alice say?", session_id=alice_session)
        await mallory.replies(1)
        await mallory.close()
        assert fake_bot.calls[-1][0] != alice_sender

    await alice.say("still mine")
    mine = await alice.replies(1)
    await alice.close()
    assert mine == [{"text": "echo: still mine"}]  # Alice got only her own replies
    assert [c[0] for c in fake_bot.calls].count(alice_sender) == 2


async def test_two_tabs_of_one_session_both_get_the_replies(fake_edge: str) -> None:
    tab1, tab2 = RasaSocketClient(fake_edge), RasaSocketClient(fake_edge)
    session = await tab1.connect()
    await tab2.connect(session)
    await tab1.say("hello")
    assert (await tab1.replies(1))[0]["text"] == "echo: hello"
    assert (await tab2.replies(1))[0]["text"] == "echo: hello"
    await tab1.close()
    await tab2.close()


async def test_polling_transport_works_too(fake_edge: str) -> None:
    client = RasaSocketClient(fake_edge)
    await client.connect(transports=["polling"])
    await client.say("hello")
    assert (await client.replies(1))[0] == {"text": "echo: hello"}
    await client.close()


async def test_malformed_events_get_a_polite_line_and_reach_no_one(fake_edge: str, fake_bot: FakeBot) -> None:
    client = RasaSocketClient(fake_edge)
    await client.connect()
    await client.client.emit("user_uttered", "just a string")
    await client.client.emit("user_uttered", {"message": {"nested": 1}})
    got = await client.replies(2)
    await client.say("x" * 5000)
    got += await client.replies(1)
    await client.close()
    assert [m["text"] for m in got[:2]] == ["Please send your message as text."] * 2
    assert "2000" in got[2]["text"]
    assert fake_bot.calls == []


async def test_origin_not_allowed_cannot_connect(fake_bot: FakeBot) -> None:
    app = create_app(edge_settings(allowed_origins=("https://partner.example",)), bot=fake_bot,
                     limiter=MemoryRateLimiter())
    with serve(app) as url:
        allowed = RasaSocketClient(url, origin="https://partner.example")
        await allowed.connect()
        await allowed.close()
        for origin in ("https://evil.example", "https://partner.example.evil.test", "null"):
            refused = RasaSocketClient(url, origin=origin)
            with pytest.raises(socketio.exceptions.ConnectionError):
                await refused.connect()
            await refused.client.disconnect()


async def test_per_conversation_rate_limit_answers_politely(fake_bot: FakeBot) -> None:
    app = create_app(edge_settings(sender_limit=RateLimit(2, 60)), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as url:
        client = RasaSocketClient(url)
        await client.connect()
        for text in ("one", "two", "three"):
            await client.say(text)
            await asyncio.sleep(0.2)
        got = await client.replies(3)
        await client.close()
    assert [m["text"] for m in got[:2]] == ["echo: one", "echo: two"]
    assert "faster than we can answer" in got[2]["text"]
    assert len(fake_bot.calls) == 2
