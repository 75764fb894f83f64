"""Nearest services from vectors: best match blended with the mean of the best three."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.text.service_vectors import ServiceVectors


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_one_lucky_paraphrase_does_not_beat_several_agreeing_questions() -> None:
    vectors = ServiceVectors(["A", "B", "B", "B"],
                             np.vstack([unit(1, 0.05, 0), unit(0.95, 0.3, 0), unit(0.95, 0.3, 0.05),
                                        unit(0.9, 0.4, 0)]))
    query = unit(1, 0.2, 0)
    scores = vectors.scores(query)
    assert set(scores) == {"A", "B"}
    assert vectors.rank(query, 1)[0][0] == "B"


def test_scores_are_cosines_for_a_single_text() -> None:
    vectors = ServiceVectors(["A"], np.vstack([unit(1, 0, 0)]))
    assert abs(vectors.scores(unit(1, 0, 0))["A"] - 1.0) < 1e-6


def test_save_and_load_keep_ids_and_ranking(tmp_path: Path) -> None:
    vectors = ServiceVectors(["X", "Y", "X"], np.vstack([unit(1, 0), unit(0, 1), unit(0.7, 0.7)]))
    vectors.save(tmp_path / "v.npz")
    loaded = ServiceVectors.load(tmp_path / "v.npz")
    assert loaded.ids == ["X", "Y", "X"]
    assert loaded.rank(unit(1, 0.1), 2)[0][0] == "X"


def test_mismatched_ids_and_rows_are_refused() -> None:
    try:
        ServiceVectors(["A"], np.zeros((2, 3), dtype=np.float32))
    except ValueError as error:
        assert "2 vectors" in str(error)
    else:
        raise AssertionError("expected a ValueError")
