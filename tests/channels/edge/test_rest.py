"""POST /webhooks/rest/webhook through the edge: Rasa's JSON in and out, polite 4xx for bad input."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.channels.edge.conftest import FakeBot


def post(base: str, body: object, **kwargs: object) -> httpx.Response:
    return httpx.post(f"{base}/webhooks/rest/webhook", json=body, timeout=10, **kwargs)  # type: ignore[arg-type]


def test_service_answer_has_rasa_shape_with_custom_part(fake_edge: str, fake_bot: FakeBot) -> None:
    response = post(fake_edge, {"sender": "integrator-1", "message": "I need to extend my visa"})
    assert response.status_code == 200
    messages = response.json()
    assert messages[0]["recipient_id"] == "integrator-1"
    assert messages[0]["text"].startswith("Gia hạn")
    assert messages[0]["buttons"] == [{"title": "📄 Giấy tờ cần có", "payload": '/ask_documents{"service_id":"IMM-EXT"}'}]
    assert messages[1]["custom"]["service_id"] == "IMM-EXT"
    assert messages[1]["custom"]["links"][0]["url"] == "https://www.hikorea.go.kr/"
    # The bot saw a namespaced sender: a REST client can never reach a web or messaging conversation.
    assert fake_bot.calls[0][0] == "rest:integrator-1"


def test_menu_carries_custom_services(fake_edge: str) -> None:
    messages = post(fake_edge, {"sender": "s", "message": "I'm married to a Korean"}).json()
    assert [s["id"] for s in messages[1]["custom"]["services"]] == ["MIG-F6", "MIG-CENTER"]


@pytest.mark.parametrize("body, status, words", [
    ([1, 2], 400, "JSON object"),
    ({"sender": "s"}, 400, "'message'"),
    ({"sender": "s", "message": "   "}, 400, "'message'"),
    ({"sender": "s", "message": 42}, 400, "'message'"),
    ({"sender": "x" * 121, "message": "hi"}, 400, "'sender'"),
    ({"sender": {"a": 1}, "message": "hi"}, 400, "'sender'"),
    ({"sender": "s", "message": "a" * 2001}, 413, "2000"),
])
def test_bad_input_gets_a_polite_4xx(fake_edge: str, fake_bot: FakeBot, body: object, status: int, words: str) -> None:
    response = post(fake_edge, body)
    assert response.status_code == status
    assert words in response.json()["error"]
    assert fake_bot.calls == []


def test_not_json_is_refused_with_a_clear_message(fake_edge: str, fake_bot: FakeBot) -> None:
    broken = httpx.post(f"{fake_edge}/webhooks/rest/webhook", content=b'{"sender": ', timeout=10,
                        headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "JSON" in broken.json()["error"]
    plain = httpx.post(f"{fake_edge}/webhooks/rest/webhook", content=b"hello", timeout=10,
                       headers={"Content-Type": "text/plain"})
    assert plain.status_code == 415 and "application/json" in plain.json()["error"]
    invalid_utf8 = httpx.post(f"{fake_edge}/webhooks/rest/webhook", content=b'{"message": "\xff"}', timeout=10,
                              headers={"Content-Type": "application/json"})
    assert invalid_utf8.status_code == 400
    assert fake_bot.calls == []


def test_unknown_paths_and_methods_are_json_4xx(fake_edge: str) -> None:
    missing = httpx.get(f"{fake_edge}/conversations/someone/tracker", timeout=10)
    assert missing.status_code == 404 and missing.json() == {"error": "Not found."}
    wrong = httpx.get(f"{fake_edge}/webhooks/rest/webhook", timeout=10)
    assert wrong.status_code == 405 and "method" in wrong.json()["error"]


def test_foreign_intent_payloads_reach_the_bot_as_plain_text(fake_edge: str, fake_bot: FakeBot) -> None:
    post(fake_edge, {"sender": "s", "message": '/restart'})
    post(fake_edge, {"sender": "s", "message": '/request_document{"document":"CERT-ENTRYEXIT"}'})
    post(fake_edge, {"sender": "s", "message": '/request_document{"arn":"950101-5123456"}'})
    texts = [call[1] for call in fake_bot.calls]
    assert texts[0] == "restart"
    assert texts[1] == '/request_document{"document":"CERT-ENTRYEXIT"}'  # one of our buttons: allowed
    assert not texts[2].startswith("/") and "5123456" not in texts[2]


def test_registration_number_is_masked_before_the_bot_and_kept_encrypted(
        vault_env: str, fake_edge: str, fake_bot: FakeBot) -> None:
    response = post(fake_edge, {"sender": "s", "message": "my number is 950101-5123456",
                                "metadata": {"browser_language": "vi-VN", "arn_token": "forged", "x": 1}})
    assert response.status_code == 200
    sender, seen, metadata = fake_bot.calls[0]
    assert "5123456" not in seen and "950101-5******" in seen
    # The vault token is the edge's own (a client's forged one is dropped), and other metadata is dropped.
    assert metadata["browser_language"] == "vi-VN" and "x" not in metadata
    assert metadata["arn_token"] != "forged" and len(metadata["arn_token"]) >= 16
    engine = create_engine(vault_env)
    with engine.connect() as connection:
        dump = " ".join(str(row) for table in ("arn_vault",) for row in connection.execute(text(f"SELECT * FROM {table}")))
    assert dump and "5123456" not in dump and "9501015123456" not in dump


def test_full_width_and_unhyphenated_numbers_are_masked_too(vault_env: str, fake_edge: str, fake_bot: FakeBot) -> None:
    post(fake_edge, {"sender": "s", "message": "번호 9501015123456"})
    post(fake_edge, {"sender": "s", "message": "번호 ９５０１０１－５１２３４５６"})
    for _, seen, metadata in fake_bot.calls:
        assert "5123456" not in seen and "５１２３４５６" not in seen and "arn_token" in metadata
