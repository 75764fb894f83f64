"""Save and load scikit-learn models with skops (never pickle), admitting only sklearn, numpy and scipy types."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def dump(model: Any, path: Path) -> None:
    import skops.io as sio

    sio.dump(model, path)


def load(path: Path) -> Any:
    """The saved model; ValueError if the file holds any type outside sklearn, numpy and scipy."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    allowed = [t for t in untrusted if t.startswith(("sklearn.", "numpy.", "scipy."))]
    if len(allowed) != len(untrusted):
        raise ValueError(f"unexpected types in {path}: {sorted(set(untrusted) - set(allowed))}")
    return sio.load(path, trusted=allowed)
