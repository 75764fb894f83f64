import sqlite3
from pathlib import Path

import numpy as np

from bot.text.embedding_cache import encode_with_cache
from bot.text.sentence_embedding import DIMENSIONS


class CountingEncoder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts):
        self.seen.extend(texts)
        return np.stack([np.full(DIMENSIONS, float(len(t)), dtype=np.float32) for t in texts])


def test_only_new_texts_are_encoded_and_rows_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    encoder = CountingEncoder()
    first = encode_with_cache(["a", "bb", "a"], encoder, path=path)
    assert encoder.seen == ["a", "bb"]
    assert [row[0] for row in first] == [1.0, 2.0, 1.0]
    second = encode_with_cache(["ccc", "bb"], encoder, path=path)
    assert encoder.seen == ["a", "bb", "ccc"]
    assert [row[0] for row in second] == [3.0, 2.0]


def test_texts_that_clean_the_same_share_a_vector(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    encode_with_cache(["visa  extension"], encoder, path=tmp_path / "c.sqlite")
    encode_with_cache(["visa extension\x00"], encoder, path=tmp_path / "c.sqlite")
    assert encoder.seen == ["visa  extension"]


def test_a_damaged_row_is_encoded_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    encode_with_cache(["hello"], CountingEncoder(), path=path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE vectors SET vector = ?", (b"\x00" * 12,))
    encoder = CountingEncoder()
    (row,) = encode_with_cache(["hello"], encoder, path=path)
    assert encoder.seen == ["hello"] and row[0] == 5.0


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    encode_with_cache([f"text {i}" for i in range(300)], CountingEncoder(), path=tmp_path / "c.sqlite",
                      progress=lambda done, total: reports.append((done, total)))
    assert reports == [(256, 300), (300, 300)]
