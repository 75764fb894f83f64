"""A disk cache of sentence vectors, so retraining does not re-encode 14,000 examples.

Encoding the training data takes minutes on two cores; most of it is the same
between trainings. The cache is an SQLite file keyed by the model id and the
cleaned text, under the user's cache folder (``$XDG_CACHE_HOME/ieum`` or
``~/.cache/ieum``; ``IEUM_EMBEDDING_CACHE`` names another file). It lives
outside the checkout because a vector depends only on the model and the text:
every clone on the machine (a CI run's fresh clone too) can reuse it. Losing
it only costs time: it is rebuilt on the next training.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from bot.core.settings import settings
from bot.text.sentence_embedding import DIMENSIONS, MODEL_ID, clean

CHUNK = 256


def cache_path() -> Path:
    config = settings()
    # The file name carries the model id so a new encoder never reads old vectors.
    return config.embedding_cache or config.cache_dir / f"embeddings-{MODEL_ID}.sqlite"


def _key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\n{clean(text)}".encode()).hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
    return connection


def encode_with_cache(texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray], *,
                      path: Path | None = None, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Vectors for ``texts``, encoding (in chunks, reporting progress) only the ones not cached."""
    path = path or cache_path()
    keys = [_key(text) for text in texts]
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    with closing(_connect(path)) as connection:
        found: dict[str, np.ndarray] = {}
        for key in dict.fromkeys(keys):
            row = connection.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
            vector = np.frombuffer(row[0], dtype=np.float32) if row else None
            if vector is not None and vector.shape == (DIMENSIONS,):
                found[key] = vector
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                todo.setdefault(key, text)
        pending = list(todo.items())
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start:start + CHUNK]
            vectors = encode([text for _, text in chunk])
            with connection:
                connection.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                                       [(key, vector.astype(np.float32).tobytes())
                                        for (key, _), vector in zip(chunk, vectors, strict=True)])
            found.update({key: vector for (key, _), vector in zip(chunk, vectors, strict=True)})
            if progress:
                progress(min(start + CHUNK, len(pending)), len(pending))
    for row, key in enumerate(keys):
        out[row] = found[key]
    return out
