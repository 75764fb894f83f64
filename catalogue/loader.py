"""Read the YAML under ``catalogue/data`` into validated records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.core.intents import ALL as CONTRACT_INTENTS
from catalogue.records import Catalogue, CatalogueError, build_catalogue

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(path: Path, base: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.relative_to(base)}: not valid YAML: {exc}") from exc


def _list_of(content: Any, key: str, path: str) -> list[Any]:
    if not isinstance(content, dict) or not isinstance(content.get(key), list):
        raise CatalogueError(f"{path}: expected a top-level '{key}:' list")
    return content[key]


def read_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """Parse and validate every file; raise CatalogueError naming the culprit."""
    base = data_dir.parent
    raw: dict[str, list[Any]] = {"services": [], "i18n": [], "documents": [], "visa_statuses": [],
                                 "contacts": [], "offices": [], "rules": []}
    for path in sorted((data_dir / "services").glob("*.yml")):
        name = str(path.relative_to(base))
        raw["services"].append((name, _list_of(_read(path, base), "services", name)))
    for path in sorted((data_dir / "i18n").glob("*.yml")):
        raw["i18n"].append((str(path.relative_to(base)), path.stem, _read(path, base) or {}))
    for key in ("documents", "visa_statuses", "contacts", "offices"):
        path = data_dir / f"{key}.yml"
        if path.exists():
            name = str(path.relative_to(base))
            raw[key].append((name, _list_of(_read(path, base), key, name)))
    for path in sorted((data_dir / "rules").glob("*.yml")):
        raw["rules"].append((str(path.relative_to(base)), _read(path, base)))
    if not raw["services"]:
        raise CatalogueError(f"no service files under {data_dir / 'services'}")
    return build_catalogue(raw, frozenset(CONTRACT_INTENTS))
