"""The messaging channels' settings, from the ``kakao``, ``line`` and ``telegram`` sections of credentials.yml.

Secrets are never written in the file: a value ``${NAME}`` is replaced by
the environment variable NAME (empty when unset), as Rasa does for its
own credentials file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from bot.core.contract import MESSAGING_CHANNELS

CHANNELS = MESSAGING_CHANNELS
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _expand(value: Any, env: dict[str, str]) -> Any:
    if isinstance(value, str):
        return _VARIABLE.sub(lambda m: env.get(m.group(1), ""), value)
    if isinstance(value, dict):
        return {k: _expand(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env) for v in value]
    return value


def load(path: Path | None, env: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """{channel: its settings} for the messaging channels configured in the file."""
    if path is None or not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    env = dict(os.environ) if env is None else env
    return {name: _expand(data.get(name) or {}, env) for name in CHANNELS if name in data}
