"""Fixtures for the edge's tests (run in .venv-edge, Python >= 3.12, no Rasa).

- ``FakeBot``: a ``BotPort`` that answers each reply type by keyword and
  records exactly what reached it (for protocol tests and masking checks);
- ``serve``: the edge on a real loopback port (uvicorn in a thread), for the
  socket.io client and the browser;
- ``real_bot``: Rasa and the action server with the small test model,
  started in the Rasa venv (tests/config.fast.yml, as tests/e2e does).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from bot.core import settings as core_settings
from bot.core.replies import Reply
from channels.edge.app import create_app
from channels.edge.limits import MemoryRateLimiter
from channels.edge.settings import EdgeSettings, RateLimit

ROOT = Path(__file__).resolve().parents[3]
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
ARTIFACTS = ROOT / "tests" / "artifacts"
TEST_SECRET = "edge-test-secret-not-for-production"
TEST_ARN_KEY = base64.b64encode(bytes(range(32))).decode()

SERVICE = Reply("Gia hạn thời gian lưu trú: lệ phí 60.000 won.",
                buttons=[{"title": "📄 Giấy tờ cần có", "payload": '/ask_documents{"service_id":"IMM-EXT"}'}],
                links=[{"title": "HiKorea", "url": "https://www.hikorea.go.kr/"},
                       {"title": "Counter card", "url": "http://localhost:5005/webhooks/webchat/card/IMM-EXT?lang=vi"}],
                service_id="IMM-EXT")
MENU = Reply("Which one do you mean?",
             buttons=[{"title": "Marriage immigrant (F-6)", "payload": '/marriage_immigrant{"service_id":"MIG-F6"}'},
                      {"title": "Family centres", "payload": '/marriage_immigrant{"service_id":"MIG-CENTER"}'}],
             services=[{"id": "MIG-F6"}, {"id": "MIG-CENTER"}])
FORM = Reply("Which document do you need?",
             buttons=[{"title": "Certificate of entry and exit", "payload": '/request_document{"document":"CERT-ENTRYEXIT"}'}])
EMERGENCY = Reply("In danger now: call 112 (police) or 119 (fire, ambulance).\n\n1366: women's emergency line.")
# What a hostile catalogue entry or an echoed slot could look like: must render as inert text.
XSS = Reply('<img src=x onerror="alert(1)"><script>alert(2)</script>',
            buttons=[{"title": '<svg onload="alert(3)">', "payload": "/affirm"}],
            links=[{"title": "<b>bold</b>", "url": "javascript:alert(4)"},
                   {"title": "data", "url": "data:text/html,<script>alert(5)</script>"}],
            service_id="IMM-EXT")
HANDOFF = Reply("A counsellor will answer you here (Mon-Fri 09:00-18:00). You are number 1 in the queue.")


@dataclass
class FakeBot:
    """Answers by keyword; ``calls`` is what the bot received (sender, text, metadata)."""
    calls: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    delay: float = 0.0

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Reply]:
        self.calls.append((sender, text, metadata))
        if self.delay:
            await asyncio.sleep(self.delay)
        lowered = text.lower()
        for keyword, reply in (("visa", SERVICE), ("married", MENU), ("document", FORM),
                               ("danger", EMERGENCY), ("person", HANDOFF), ("xss", XSS)):
            if keyword in lowered:
                return [reply]
        return [Reply(f"echo: {text}")]


@pytest.fixture
def vault_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database and a test key for the number vault."""
    url = f"sqlite:///{tmp_path / 'edge.db'}"
    monkeypatch.setenv("IEUM_DATABASE_URL", url)
    monkeypatch.setenv("IEUM_ARN_KEY", TEST_ARN_KEY)
    core_settings.reload()
    yield url
    monkeypatch.undo()
    core_settings.reload()


def edge_settings(**overrides: Any) -> EdgeSettings:
    values: dict[str, Any] = {"rasa_url": "http://127.0.0.1:9", "edge_secret": TEST_SECRET, "messaging": {},
                              "sender_limit": RateLimit(1000, 60), "client_limit": RateLimit(10_000, 60)}
    values.update(overrides)
    return EdgeSettings(**values)


@pytest.fixture
def fake_bot() -> FakeBot:
    return FakeBot()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(app: Any, port: int | None = None) -> Iterator[str]:
    """The app on http://127.0.0.1:<port> until the block ends."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="wsproto",
                                           lifespan="on", timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the edge did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def fake_edge(fake_bot: FakeBot) -> Iterator[str]:
    """The edge in front of the fake bot, on a real port."""
    with serve(create_app(edge_settings(), bot=fake_bot, limiter=MemoryRateLimiter())) as url:
        yield url


# --- the real bot ---------------------------------------------------------

@dataclass
class RealBot:
    rasa_url: str
    database_url: str
    edge_port: int  # where the real edge will listen; the bot's counter-card links point there


@pytest.fixture(scope="session")
def real_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealBot]:
    """Rasa + action server with the fast test model (trained once, cached in tests/.cache/models)."""
    if not RASA_PYTHON.exists():
        pytest.skip("the Rasa venv (.venv) is missing: run `make install`")
    work = tmp_path_factory.mktemp("rasa")
    edge_port = free_port()
    env = {**os.environ, "IEUM_EDGE_SECRET": TEST_SECRET, "IEUM_ARN_KEY": TEST_ARN_KEY,
           "IEUM_AGENT_TOKEN": "edge-agent-token", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([str(RASA_PYTHON), "-m", "bot.launcher", "local", "--work", str(work),
                                "--config", "tests/config.fast.yml", "--public-url", f"http://127.0.0.1:{edge_port}"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    url = None
    output: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:  # blocks until the launcher says where Rasa is (training may come first)
        output.append(line)
        if line.startswith("READY "):
            url = line.split()[1]
            break
    if url is None:
        process.wait(timeout=30)
        pytest.fail("Rasa did not start:\n" + "".join(output[-40:]))
    # Keep draining the launcher's output so it never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        yield RealBot(url, f"sqlite:///{work / 'ieum.db'}", edge_port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def other_site_port() -> int:
    """The port of the "other website" the browser tests embed the widgets on (its origin is allowed)."""
    return free_port()


@pytest.fixture(scope="session")
def real_edge(real_bot: RealBot, other_site_port: int) -> Iterator[str]:
    """The edge in front of the real bot, sharing its database (the number vault) and key."""
    saved = {k: os.environ.get(k) for k in ("IEUM_DATABASE_URL", "IEUM_ARN_KEY")}
    os.environ.update({"IEUM_DATABASE_URL": real_bot.database_url, "IEUM_ARN_KEY": TEST_ARN_KEY})
    core_settings.reload()
    cfg = edge_settings(rasa_url=real_bot.rasa_url, bot_timeout_seconds=60.0, parse_api=True,
                        allowed_origins=(f"http://127.0.0.1:{other_site_port}",))
    with serve(create_app(cfg, limiter=MemoryRateLimiter()), port=real_bot.edge_port) as url:
        yield url
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    core_settings.reload()


# --- the browser ------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser).

    Module-scoped: Playwright's sync API keeps an event loop running in this thread
    while it is open, which the async tests of other modules cannot share.
    """
    if not CHROMIUM.exists():
        from tests.conftest import _skipped_services

        _skipped_services.add("Chromium (/usr/bin/chromium; `apt-get install chromium`, .ci/run does it)")
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
