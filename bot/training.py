"""Train a Rasa model only when its inputs changed.

The fingerprint covers the config, the domain, every training file and the
custom NLU components' code (Rasa's own fingerprint does not see our
component code), so a stale model is never served and an unchanged one is
never retrained.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot.core.settings import PROJECT_ROOT, settings

RASA = Path(sys.executable).parent / "rasa"


def component_modules(config: Path) -> list[str]:
    """Our NLU components named in a config, as module names."""
    names = re.findall(r"name:\s*(bot\.components\.\w+)\.\w+", config.read_text(encoding="utf-8"))
    return sorted(set(names))


def code_inputs(modules: list[str]) -> list[Path]:
    """The project's source files those modules import, directly or not.

    Rasa's own fingerprint does not see our component code; this does, and
    only that code, so a change to replies or channels never retrains.
    """
    if not modules:
        return []
    import grimp  # a development tool; imported only when a config has our components

    # No cache: a stale import graph would give a stale fingerprint.
    graph = grimp.build_graph("bot", "catalogue", include_external_packages=False, cache_dir=None)
    needed = set(modules)
    for module in modules:
        needed |= graph.find_upstream_modules(module)
    files = []
    for name in sorted(needed):
        path = PROJECT_ROOT / Path(*name.split("."))
        files.append(path / "__init__.py" if path.is_dir() else path.with_suffix(".py"))
    return [f for f in files if f.exists()]


def training_inputs(config: Path, domain: Path, data: Path) -> list[Path]:
    files = [config, domain]
    files += sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml"))
    modules = component_modules(config)
    files += code_inputs(modules)
    if modules:
        # The components also learn from data files: the language model from
        # bot/language/data, the gazetteers and typical questions from every
        # file under catalogue/data (documents, places, services).
        files += sorted(p for p in (PROJECT_ROOT / "bot").rglob("*.tsv") if p.is_file())
        files += sorted(p for p in (PROJECT_ROOT / "catalogue" / "data").rglob("*") if p.is_file())
    return files


def _digest(paths: list[Path]) -> str:
    """Names and contents of the files, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def rasa_cache_dir(config: Path) -> Path:
    root = settings().cache_dir / "rasa-cache"
    # Caches of older code are of no use again once the code moved on: keep the newest few.
    if root.exists():
        for old in sorted((d for d in root.iterdir() if d.is_dir()), key=lambda d: d.stat().st_mtime)[:-3]:
            shutil.rmtree(old, ignore_errors=True)
    return root / _digest(code_inputs(component_modules(config)))


def fingerprint(config: Path, domain: Path, data: Path) -> str:
    return _digest(training_inputs(config, domain, data))


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
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(PROJECT_ROOT), "RASA_TELEMETRY_ENABLED": "false",
           # Rasa's training cache keys on config and data, not on our components' code: a cache per
           # version of that code keeps a changed component from being restored from an old run.
           "RASA_CACHE_DIRECTORY": str(rasa_cache_dir(config))}
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
