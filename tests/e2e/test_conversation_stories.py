"""tests/test_stories.yml under `rasa test core --fail-on-prediction-errors`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def test_conversation_stories_pass(fast_model: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "test", "core", "--stories", "tests/test_stories.yml",
         "--model", str(fast_model), "--out", str(tmp_path), "--fail-on-prediction-errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TF_CPP_MIN_LOG_LEVEL": "2"})
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8") \
        if (tmp_path / "failed_test_stories.yml").exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:] + failed[:3000]
    assert "None of the test stories failed" in failed
