"""The pieces every messaging channel shares: modes, links, splitting, fitting under a count limit."""

from __future__ import annotations

import logging

import pytest

from bot.core.settings import reload as reload_settings
from channels.edge import messaging
from channels.edge.messaging.common import (
    Block,
    Mode,
    chunks,
    clip,
    fit_blocks,
    parse_payload,
    resolve_mode,
    split_links,
    unique_choices,
)

from .conftest import FakeBot


@pytest.mark.parametrize("config, env, mode", [
    ({"secret": "s"}, "", Mode.VERIFIED),
    ({"secret": "s", "local_mode": True}, "production", Mode.VERIFIED),
    ({"secret": " ", "local_mode": True}, "", Mode.LOCAL),
    ({"local_mode": "1"}, "development", Mode.LOCAL),
    ({"local_mode": "false"}, "", Mode.DISABLED),
    ({}, "production", Mode.DISABLED),
    ({"secret": ""}, "", Mode.DISABLED),
])
def test_resolve_mode(monkeypatch, config, env, mode) -> None:
    monkeypatch.setenv("IEUM_ENV", env)
    reload_settings()
    assert resolve_mode("test", config, ["secret"]) is mode


def test_local_mode_in_production_refuses_to_start(monkeypatch) -> None:
    monkeypatch.setenv("IEUM_ENV", "Production")
    reload_settings()
    with pytest.raises(RuntimeError, match="IEUM_ENV=production"):
        resolve_mode("test", {"local_mode": True}, ["secret"])


def test_local_mode_is_logged_loudly(caplog) -> None:
    with caplog.at_level(logging.WARNING):
        resolve_mode("kakao", {"local_mode": True}, ["skill_secret"])
    assert "LOCAL MODE" in caplog.text and "NOT authenticated" in caplog.text


def test_split_links_keeps_openable_links_and_never_pastes_others() -> None:
    buttons, lines = split_links([
        {"title": "Official", "url": "https://www.hikorea.go.kr/x"},
        {"title": "Card", "url": "http://localhost:5005/card"},
        {"title": "Loop", "url": "http://127.0.0.1/x"},
        {"title": "Script", "url": "javascript:alert(1)"},
        {"title": "Hotline", "url": "tel:1345"},
        {"title": "Bare", "url": "https:///nohost"},
    ])
    assert buttons == [{"title": "Official", "url": "https://www.hikorea.go.kr/x"}]
    assert lines == ["📞 Hotline: 1345"]


def test_clip_and_chunks() -> None:
    assert clip("short", 10) == "short"
    assert clip("Which of these do you mean", 20) == "Which of these do…"
    assert len(clip("x" * 50, 14)) == 14
    text = "a" * 2500
    assert [len(c) for c in chunks(text, 1000)] == [1000, 1000, 500]
    assert chunks("one\ntwo\nthree", 8) == ["one\ntwo", "three"]
    assert chunks("   ", 10) == []


def test_fit_blocks_changes_nothing_that_fits() -> None:
    blocks = [Block("a"), Block("b")]
    assert fit_blocks(blocks, 3, 100) == blocks


def test_fit_blocks_merges_texts_then_flattens_the_rest() -> None:
    card = {"card": 1}
    blocks = [Block("a"), Block("b"), Block("c", card, [{"title": "t", "payload": "/p"}]), Block("d", card), Block("e")]
    fitted = fit_blocks(blocks, 3, 100)
    assert [(b.text, b.rich) for b in fitted] == [("a\n\nb", None), ("c", card), ("d\n\ne", None)]
    fitted = fit_blocks(blocks + [Block("f", card, [{"title": "u", "payload": "/q"}])], 3, 100)
    assert len(fitted) == 3 and fitted[-1].rich is None
    assert fitted[-1].text == "d\n\ne\n\nf" and fitted[-1].choices == [{"title": "u", "payload": "/q"}]


def test_unique_choices() -> None:
    choices = [{"title": str(i), "payload": f"/p{i % 3}"} for i in range(6)]
    assert [c["title"] for c in unique_choices(choices, 2)] == ["0", "1"]


def test_parse_payload() -> None:
    assert parse_payload('/ask_fee{"service_id":"IMM-REISSUE"}') == ("ask_fee", {"service_id": "IMM-REISSUE"})
    assert parse_payload("/affirm") == ("affirm", {})
    assert parse_payload("home") is None
    assert parse_payload('/x{"a": 1}') is None


def test_package_routes_mounts_only_configured_channels() -> None:
    paths = [r.path for r in messaging.routes(FakeBot(), {
        "kakao": {"skill_secret": "s"}, "telegram": {"secret_token": "s", "access_token": "t"}, "rest": None})]
    assert paths == ["/webhooks/kakao/webhook", "/webhooks/telegram/webhook"]


def test_every_messaging_channel_in_the_contract_has_routes_and_nothing_else() -> None:
    from bot.core.contract import MESSAGING_CHANNELS
    from channels.edge import messaging

    assert tuple(messaging.CHANNELS) == MESSAGING_CHANNELS
