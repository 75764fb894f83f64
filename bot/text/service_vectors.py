"""Sentence vectors of the catalogue's services, and the nearest services to a message.

A service is represented by many short texts (its titles and summaries in
every language and the typical questions users ask about it), each one row
of a matrix of L2-normalised vectors. A message's closeness to a service is
its best match among those rows, blended with the mean of its three best:
one lucky paraphrase should not outweigh a service that several typical
questions agree on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from catalogue.loader import DATA_DIR, read_catalogue
from catalogue.questions import read_questions

# Weight of the best single match against the mean of the three best.
BEST_WEIGHT = 0.5
TOP_MEAN = 3


def service_texts(data_dir: Path = DATA_DIR, *, questions: bool = True) -> tuple[list[str], list[str]]:
    """(service id per text, text): titles, summaries and, if asked, typical questions."""
    catalogue = read_catalogue(data_dir)
    ids: list[str] = []
    texts: list[str] = []
    for service in catalogue.services:
        for text in list(service.title.values()) + list(service.summary.values()):
            ids.append(service.id)
            texts.append(text)
    if questions:
        known = {s.id for s in catalogue.services}
        for question in read_questions(data_dir / "questions", known):
            ids.append(question.service_id)
            texts.append(question.text)
    return ids, texts


class ServiceVectors:
    """One row per service text; read-only after construction (safe to share)."""

    def __init__(self, ids: Sequence[str], matrix: np.ndarray) -> None:
        if len(ids) != matrix.shape[0]:
            raise ValueError(f"{len(ids)} ids for {matrix.shape[0]} vectors")
        self.ids = list(ids)
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self.services = sorted(set(self.ids))
        index = {sid: i for i, sid in enumerate(self.services)}
        self._service_of_row = np.array([index[sid] for sid in self.ids], dtype=np.int32)
        # Rows grouped by service, for the per-service best matches.
        order = np.argsort(self._service_of_row, kind="stable")
        self._order = order
        self._starts = np.searchsorted(self._service_of_row[order], np.arange(len(self.services)))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, ids=np.array(self.ids), matrix=self.matrix.astype(np.float16))

    @classmethod
    def load(cls, path: Path) -> ServiceVectors:
        with np.load(path, allow_pickle=False) as data:
            return cls([str(i) for i in data["ids"]], data["matrix"].astype(np.float32))

    def scores(self, query: np.ndarray) -> dict[str, float]:
        """Closeness of ``query`` (a normalised vector) to every service."""
        similarities = (self.matrix @ query)[self._order]
        groups = np.split(similarities, self._starts[1:])
        out = {}
        for sid, group in zip(self.services, groups, strict=True):
            if group.size == 0:
                continue
            top = np.sort(group)[-TOP_MEAN:]
            out[sid] = float(BEST_WEIGHT * top[-1] + (1 - BEST_WEIGHT) * top.mean())
        return out

    def rank(self, query: np.ndarray, limit: int) -> list[tuple[str, float]]:
        scores = self.scores(query)
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
