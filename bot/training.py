"""Train a Rasa model only when its inputs changed.

The fingerprint covers the config, the domain, every training file and the
custom NLU components' code (Rasa's own fingerprint does not see our
component code), so a stale model is never served and an unchanged one is
never retrained.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RASA = Path(sys.executable).parent / "rasa"


def training_inputs(config: Path, domain: Path, data: Path) -> list[Path]:
    files = [config, domain]
    files += sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml"))
    if "bot." in config.read_text(encoding="utf-8"):
        # Our components are code and data of their own (the language model
        # learns from bot/language/data); a config without them ignores them.
        files += sorted(p for p in (PROJECT_ROOT / "bot").rglob("*") if p.is_file() and p.suffix in (".py", ".tsv"))
        # They also learn from the catalogue (document names, places, the
        # services' typical questions): every file under catalogue/data.
        files += sorted(p for p in (PROJECT_ROOT / "catalogue" / "data").rglob("*") if p.is_file())
    return files


def fingerprint(config: Path, domain: Path, data: Path) -> str:
    digest = hashlib.sha256()
    for path in training_inputs(config, domain, data):
        digest.update(str(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_model(config: Path, out_dir: Path, *, domain: Path | None = None, data: Path | None = None,
                 prefix: str = "ieum", quiet: bool = False) -> Path:
    """Path of a model trained on the current inputs; trains one if needed."""
    domain = domain or PROJECT_ROOT / "domain.yml"
    data = data or PROJECT_ROOT / "data"
    name = f"{prefix}-{fingerprint(config, domain, data)}"
    model = out_dir / f"{name}.tar.gz"
    if model.exists():
        if not quiet:
            print(f"model up to date: {model.relative_to(PROJECT_ROOT) if model.is_relative_to(PROJECT_ROOT) else model}")
        return model
    out_dir.mkdir(parents=True, exist_ok=True)
    if not quiet:
        print(f"training {name} (inputs changed or no model yet) ...", flush=True)
    started = time.monotonic()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(PROJECT_ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    command = [str(RASA), "train", "--config", str(config), "--domain", str(domain), "--data", str(data),
               "--out", str(out_dir), "--fixed-model-name", name]
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE if quiet else None,
                            stderr=subprocess.STDOUT if quiet else None)
    if result.returncode != 0 or not model.exists():
        tail = "\n".join((result.stdout or b"").decode(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"rasa train failed (exit {result.returncode}):\n{tail}")
    for old in out_dir.glob(f"{prefix}-*.tar.gz"):
        if old != model:
            old.unlink()  # keep one model per prefix: the fresh one
    if not quiet:
        print(f"trained {name} in {time.monotonic() - started:.0f} s", flush=True)
    return model
