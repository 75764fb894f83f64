"""The edge's guards, one public path at a time: CORS, body size, rate limits, headers, sessions."""

from __future__ import annotations

import uuid

import httpx
import pytest

from channels.edge.app import create_app
from channels.edge.headers import CSP
from channels.edge.limits import MemoryRateLimiter, RedisRateLimiter
from channels.edge.settings import RateLimit
from tests.channels.edge.conftest import FakeBot, edge_settings, serve

PARTNER = "https://partner.example"


@pytest.fixture
def partner_edge(fake_bot: FakeBot):  # type: ignore[no-untyped-def]
    app = create_app(edge_settings(allowed_origins=(PARTNER,)), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as url:
        yield url


def test_preflight_and_post_from_an_allowed_origin(partner_edge: str, fake_bot: FakeBot) -> None:
    preflight = httpx.options(f"{partner_edge}/webhooks/webchat/webhook", timeout=10, headers={
        "Origin": PARTNER, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == PARTNER
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    post = httpx.post(f"{partner_edge}/webhooks/webchat/webhook", json={"message": "hello"}, timeout=10,
                      headers={"Origin": PARTNER})
    assert post.status_code == 200 and post.headers["access-control-allow-origin"] == PARTNER
    assert len(fake_bot.calls) == 1


@pytest.mark.parametrize("origin", ["https://evil.example", "https://partner.example.evil.test",
                                    "http://partner.example", "null", "https://partner.example:8443"])
def test_any_other_origin_is_refused_before_the_bot(partner_edge: str, fake_bot: FakeBot, origin: str) -> None:
    preflight = httpx.options(f"{partner_edge}/webhooks/rest/webhook", timeout=10,
                              headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers
    post = httpx.post(f"{partner_edge}/webhooks/rest/webhook", json={"sender": "s", "message": "hi"}, timeout=10,
                      headers={"Origin": origin})
    assert post.status_code == 403 and "not allowed" in post.json()["error"]
    assert "access-control-allow-origin" not in post.headers
    assert fake_bot.calls == []


def test_nothing_but_the_own_origin_by_default(fake_edge: str, fake_bot: FakeBot) -> None:
    own = fake_edge  # http://127.0.0.1:<port>: same origin as the page the edge serves
    assert httpx.post(f"{own}/webhooks/rest/webhook", json={"message": "hi"}, headers={"Origin": own}).status_code == 200
    assert httpx.post(f"{own}/webhooks/rest/webhook", json={"message": "hi"},
                      headers={"Origin": "http://localhost:8080"}).status_code == 403
    assert len(fake_bot.calls) == 1


def test_oversize_bodies_get_413(fake_edge: str, fake_bot: FakeBot) -> None:
    big = b'{"sender": "s", "message": "' + b"a" * 70_000 + b'"}'
    declared = httpx.post(f"{fake_edge}/webhooks/rest/webhook", content=big, timeout=10,
                          headers={"Content-Type": "application/json"})
    assert declared.status_code == 413 and "too large" in declared.json()["error"]

    def chunks():  # type: ignore[no-untyped-def]
        yield big[:1000]
        yield big[1000:]
    streamed = httpx.post(f"{fake_edge}/webhooks/webchat/webhook", content=chunks(), timeout=10,
                          headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert fake_bot.calls == []


def test_rate_limit_per_client_address_gives_429(fake_bot: FakeBot) -> None:
    app = create_app(edge_settings(client_limit=RateLimit(3, 60)), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as url:
        codes = [httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": f"s{i}", "message": "hi"}).status_code
                 for i in range(5)]
        refused = httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": "s9", "message": "hi"})
    assert codes == [200, 200, 200, 429, 429]
    assert refused.json()["error"].startswith("Too many") and int(refused.headers["retry-after"]) >= 1
    assert len(fake_bot.calls) == 3


def test_rate_limit_per_conversation_gives_429(fake_bot: FakeBot) -> None:
    app = create_app(edge_settings(sender_limit=RateLimit(2, 60)), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as url:
        codes = [httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": "same", "message": "hi"}).status_code
                 for _ in range(3)]
        other = httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": "other", "message": "hi"}).status_code
    assert codes == [200, 200, 429] and other == 200


@pytest.mark.redis
def test_rate_limit_is_shared_through_redis(redis_url: str, fake_bot: FakeBot) -> None:
    """Two edge processes (two apps here) share one count when IEUM_REDIS_URL is set."""
    prefix = f"ieum:test:{uuid.uuid4().hex}:"
    first = create_app(edge_settings(sender_limit=RateLimit(3, 60)), bot=fake_bot,
                       limiter=RedisRateLimiter(redis_url, prefix=prefix))
    second = create_app(edge_settings(sender_limit=RateLimit(3, 60)), bot=fake_bot,
                        limiter=RedisRateLimiter(redis_url, prefix=prefix))
    with serve(first) as a, serve(second) as b:
        codes = [httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": "shared", "message": "hi"}).status_code
                 for url in (a, b, a, b)]
    assert codes == [200, 200, 200, 429]


async def test_redis_outage_does_not_take_the_chat_down() -> None:
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0")
    assert await limiter.hit("sender:x", RateLimit(1, 60)) is None
    await limiter.close()


def test_pages_carry_a_strict_csp(fake_edge: str) -> None:
    for path in ("/webhooks/webchat/", "/webhooks/webchat/chat.js", "/webhooks/webchat/chat.css"):
        response = httpx.get(f"{fake_edge}{path}", timeout=10)
        assert response.status_code == 200
        assert response.headers["content-security-policy"] == CSP
        assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    page = httpx.get(f"{fake_edge}/webhooks/webchat/").text
    assert '<script src="chat.js"></script>' in page and "<script>" not in page  # no inline script
    assert httpx.get(f"{fake_edge}/", follow_redirects=False).headers["location"] == "/webhooks/webchat/"
    assert httpx.post(f"{fake_edge}/webhooks/rest/webhook", json={"x": 1}).headers["content-security-policy"] == CSP


def test_widget_sessions_are_issued_signed_and_bound(fake_edge: str, fake_bot: FakeBot) -> None:
    url = f"{fake_edge}/webhooks/webchat/webhook"
    first = httpx.post(url, json={"session": None, "message": "hello"}).json()
    token = first["session"]
    assert first["replies"] == [{"kind": "text", "text": "echo: hello", "buttons": [], "links": [],
                                 "service_id": None, "services": []}]
    assert httpx.post(url, json={"session": token, "message": "again"}).json()["session"] == token
    alice = fake_bot.calls[0][0]
    assert fake_bot.calls[1][0] == alice
    # Someone presenting Alice's conversation id, or a token with a forged signature, gets a new session.
    for forged in (alice, alice.removeprefix("web:"), token[:-3] + "abc", "x" * 50):
        body = httpx.post(url, json={"session": forged, "message": "hi"}).json()
        assert body["session"] != token and fake_bot.calls[-1][0] != alice


def test_service_reply_json_for_the_widget(fake_edge: str) -> None:
    reply = httpx.post(f"{fake_edge}/webhooks/webchat/webhook", json={"message": "visa"}).json()["replies"][0]
    assert reply["kind"] == "service" and reply["service_id"] == "IMM-EXT"
    assert reply["links"][0] == {"title": "HiKorea", "url": "https://www.hikorea.go.kr/"}


def test_parse_api_only_for_loopback_and_never_when_off(fake_bot: FakeBot) -> None:
    app = create_app(edge_settings(parse_api=False), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as url:
        assert httpx.post(f"{url}/model/parse", json={"text": "hi"}).status_code == 404


def test_health_says_when_rasa_is_unreachable(fake_edge: str) -> None:
    response = httpx.get(f"{fake_edge}/health", timeout=10)
    assert response.status_code == 503 and response.json() == {"status": "degraded", "edge": "ok", "bot": "unreachable"}


def test_counter_card_proxy_is_polite_when_rasa_is_down(fake_edge: str) -> None:
    response = httpx.get(f"{fake_edge}/webhooks/webchat/card/IMM-EXT?lang=vi", timeout=10)
    assert response.status_code == 503 and "not reachable" in response.json()["error"]
    assert httpx.get(f"{fake_edge}/webhooks/webchat/card/..%2F..%2Fetc", timeout=10).status_code == 404
