"""Rasa and the action server, started for real on free ports."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.launcher import project_env, start_servers, stop, wait_until_up
from bot.training import ensure_model
from tests.conftest import ROOT, free_port

AGENT_TOKEN = "e2e-agent-token"
MODEL_CACHE = ROOT / "tests" / ".cache" / "models"


@pytest.fixture(scope="session")
def fast_model() -> Path:
    """The project's domain and data with tests/config.fast.yml, cached by fingerprint."""
    return ensure_model(ROOT / "tests" / "config.fast.yml", MODEL_CACHE, prefix="fast", quiet=True)


@pytest.fixture(scope="session")
def running_bot(fast_model: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("bot")
    env = project_env()
    env["IEUM_DATABASE_URL"] = f"sqlite:///{work / 'ieum.db'}"
    env["IEUM_AGENT_TOKEN"] = AGENT_TOKEN
    env["IEUM_ARN_KEY"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    subprocess.run([sys.executable, "-m", "catalogue", "load"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    rasa_port, action_port = free_port(), free_port()
    # Counter-card links point at this server, as they would in production.
    env["IEUM_PUBLIC_URL"] = f"http://127.0.0.1:{rasa_port}"
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    processes = start_servers(fast_model, rasa_port, action_port, endpoints=endpoints, env=env, log_dir=work)
    try:
        up = (wait_until_up(f"http://127.0.0.1:{action_port}/health", 120, processes)
              and wait_until_up(f"http://127.0.0.1:{rasa_port}/", 300, processes))
        if not up:
            logs = "\n".join((work / f"{n}.log").read_text(errors="replace")[-3000:] for n in ("actions", "rasa"))
            pytest.fail(f"servers did not start:\n{logs}")
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        stop(processes)


def post_json(url: str, payload: dict, timeout: float = 30) -> tuple[int, object]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, body.decode(errors="replace")
