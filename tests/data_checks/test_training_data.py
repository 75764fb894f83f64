"""The NLU data keeps the shape the intent contract needs."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.core.intents import ALL as CONTRACT_INTENTS
from bot.core.languages import TIER1
from tests.conftest import ROOT

_EXAMPLE = re.compile(r"^\s*- (.+)$")


def examples(paths: list[Path]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in paths:
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            lines = [m.group(1) for line in block["examples"].splitlines() if (m := _EXAMPLE.match(line))]
            out.setdefault(block["intent"], []).extend(lines)
    return out


@pytest.mark.parametrize("lang", TIER1)
def test_every_intent_has_25_training_and_8_held_out_examples(lang: str) -> None:
    train = examples(sorted((ROOT / "data" / "nlu" / lang).glob("*.yml")))
    test = examples([ROOT / "tests" / "data" / "nlu" / f"{lang}.yml"])
    assert set(train) == set(CONTRACT_INTENTS)
    assert min(len(v) for v in train.values()) >= 25
    assert set(test) == set(CONTRACT_INTENTS)
    assert min(len(v) for v in test.values()) >= 8
    overlap = {e for v in train.values() for e in v} & {e for v in test.values() for e in v}
    assert not overlap, f"held-out examples also in training: {sorted(overlap)[:5]}"


def test_domain_lists_exactly_the_contract_intents() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert Counter(domain["intents"]) == Counter(CONTRACT_INTENTS)


def test_rasa_data_validate_has_no_warnings() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "rasa"), "data", "validate", "--config", "config.yml"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(ROOT / "var")})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    problems = [line for line in output.splitlines() if "UserWarning" in line or "[93m" in line]
    assert not problems, problems[:5]


@pytest.mark.parametrize("lang", TIER1)
def test_the_hard_split_is_never_trained_on(lang: str) -> None:
    train = {e.strip().lower() for v in examples(sorted((ROOT / "data" / "nlu" / lang).glob("*.yml"))).values()
             for e in v}
    hard = {e.strip().lower() for v in examples([ROOT / "tests" / "data" / "nlu" / "hard" / f"{lang}.yml"]).values()
            for e in v}
    assert len(hard) >= 10
    assert not train & hard, f"hard-split messages also in training: {sorted(train & hard)[:5]}"
