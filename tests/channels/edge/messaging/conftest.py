"""Fakes for the messaging channels: a bot, each platform's API, and an ASGI client.

Nothing here reaches the network: the webhook is called in-process through
httpx's ASGI transport, and the platform's reply API is an
httpx.MockTransport that records what the channel sent.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from bot.core.replies import Reply
from bot.core.settings import reload as reload_settings

FIXTURES = Path(__file__).parent / "fixtures"
REPLY_TYPES = ["service", "menu", "form_question", "emergency", "handoff"]


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def replies(kind: str) -> list[Reply]:
    """One reply type as the bot returns it (Rasa's REST output read back through the reply model)."""
    return [Reply.from_message(m) for m in fixture(f"replies/{kind}.json")]


class FakeBot:
    """A BotPort that records every call and answers with scripted replies (optionally slowly, or failing)."""

    def __init__(self, answer: list[Reply] | None = None, delay: float = 0.0, error: Exception | None = None):
        self.answer = answer if answer is not None else [Reply("hello")]
        self.delay = delay
        self.error = error
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.release = asyncio.Event()

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Reply]:
        self.calls.append((sender, text, copy.deepcopy(metadata)))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.error:
            raise self.error
        return copy.deepcopy(self.answer)


class FakePlatform:
    """The platform's HTTP API: records each request, answers 200 (or a configured status)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json={"ok": self.status < 400, "result": True})

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self.handler))

    def bodies(self, path_end: str = "") -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests if r.url.path.endswith(path_end)]


@pytest.fixture
def platform() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def app_client() -> Callable[[Any], httpx.AsyncClient]:
    """An httpx client talking to a Starlette app made of one channel's routes (in-process)."""
    made: list[httpx.AsyncClient] = []

    def make(channel: Any) -> httpx.AsyncClient:
        app = Starlette(routes=channel.routes())
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://edge.test")
        made.append(client)
        return client

    return make


@pytest.fixture(autouse=True)
def not_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IEUM_ENV", raising=False)
    reload_settings()
