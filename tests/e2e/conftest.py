"""Rasa and the action server, started for real on free ports."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from bot.launcher import ServersDidNotStart, local_bot
from bot.training import ensure_model
from tests.conftest import ROOT

AGENT_TOKEN = "e2e-agent-token"
MODEL_CACHE = ROOT / "tests" / ".cache" / "models"


@pytest.fixture(scope="session")
def fast_model() -> Path:
    """The project's domain and data with tests/config.fast.yml, cached by fingerprint."""
    return ensure_model(ROOT / "tests" / "config.fast.yml", MODEL_CACHE, prefix="fast", quiet=True)


@pytest.fixture(scope="session")
def running_bot(fast_model: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    env = {"IEUM_AGENT_TOKEN": AGENT_TOKEN, "IEUM_ARN_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}
    try:
        with local_bot(fast_model, tmp_path_factory.mktemp("bot"), env) as base:
            yield base
    except ServersDidNotStart as error:
        pytest.fail(str(error))


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
