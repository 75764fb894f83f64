"""A character n-gram naive Bayes language model trained on our own texts.

fastText's lid.176 was trained on Wikipedia-style prose: it does not know
romanised Khmer or Mongolian, Vietnamese without diacritics, or the way our
users mix Korean words into their sentences. This model learns exactly
that from the project's NLU training data (data/nlu/<lang>/) plus a small
supplement of romanised and short messages (bot/language/data/). It is
trained with the Rasa model and stored in its archive (a served model never
depends on the working tree), and scores a message with one dict lookup
per n-gram and a numpy sum.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import numpy as np
import yaml

from bot.core.settings import PROJECT_ROOT

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
EXTRA = Path(__file__).resolve().parent / "data" / "extra_training.tsv"

MAX_N = 4
MIN_COUNT = 2
ALPHA = 0.3
WELL_KNOWN_TEXTS = 500
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_SPACES = re.compile(r"[\s\d_]+")


def ngrams(text: str) -> list[str]:
    """Character 1..4-grams of the lower-cased text, words padded with spaces."""
    padded = " " + _SPACES.sub(" ", text.lower()).strip() + " "
    # Runs of spaces are collapsed, so the only all-space grams are unigrams.
    out = [ch for ch in padded if ch != " "]
    for n in range(2, MAX_N + 1):
        out += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return out


def _nlu_examples(lang_dir: Path) -> Iterable[str]:
    for path in sorted(lang_dir.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield _ANNOTATION.sub(r"\1", line[2:])


# Languages not written in Latin letters: their romanised messages form a
# class of their own ("th-Latn"), or the native-script n-grams would drown
# them, and are reported as the language itself.
LATIN_CLASS = "-Latn"
NON_LATIN = frozenset("ko zh th km ne mn ru ja my si bn ur kk ky".split())


def _class_of(lang: str, text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii())
    if lang in NON_LATIN and letters and latin / len(letters) > 0.8:
        return f"{lang}{LATIN_CLASS}"
    return lang


def language_of(class_name: str) -> str:
    """The language a model class stands for ("th-Latn" -> "th")."""
    return class_name.removesuffix(LATIN_CLASS)


# Uzbek, Kazakh and Kyrgyz are often typed on a Russian keyboard, their own
# letters replaced by the nearest Russian ones ("қанча" -> "канча"). Without
# copies written that way the model meets those messages as near-Russian.
RUSSIAN_KEYBOARD = {
    "uz": str.maketrans("ўқғҳЎҚҒҲ", "укгхУКГХ"),
    "kk": str.maketrans("әіңғүұқөһӘІҢҒҮҰҚӨҺ", "аингуукохАИНГУУКОХ"),
    "ky": str.maketrans("ңөүҢӨҮ", "ноуНОУ"),
}


def _typed_on_russian_keyboard(texts: dict[str, list[str]]) -> None:
    for lang, table in RUSSIAN_KEYBOARD.items():
        if lang in texts:
            texts[lang] = texts[lang] + [folded for text in texts[lang] if (folded := text.translate(table)) != text]


def training_texts(nlu_dir: Path = NLU_DIR, extra: Path = EXTRA) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    if nlu_dir.exists():
        for lang_dir in sorted(p for p in nlu_dir.iterdir() if p.is_dir()):
            for text in _nlu_examples(lang_dir):
                texts[_class_of(lang_dir.name, text)].append(text)
    if extra.exists():
        with extra.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("lang") and row.get("text"):
                    texts[_class_of(row["lang"], row["text"])].append(row["text"])
    _typed_on_russian_keyboard(texts)
    return dict(texts)


class NgramLanguageModel:
    def __init__(self, texts: dict[str, list[str]]) -> None:
        self.languages: tuple[str, ...] = tuple(sorted(texts))
        # Languages with enough text for the model's opinion to count alone.
        sizes: Counter[str] = Counter()
        for name, items in texts.items():
            sizes[language_of(name)] += len(items)
        self.well_known = frozenset(lang for lang, n in sizes.items() if n >= WELL_KNOWN_TEXTS)
        counts: list[Counter[str]] = []
        total: Counter[str] = Counter()
        for lang in self.languages:
            c: Counter[str] = Counter()
            for text in texts[lang]:
                c.update(ngrams(text))
            counts.append(c)
            total.update(c)
        vocabulary = [g for g, n in total.items() if n >= MIN_COUNT]
        self._index = {g: i for i, g in enumerate(vocabulary)}
        matrix = np.zeros((len(vocabulary), len(self.languages)), dtype=np.float32)
        for j, c in enumerate(counts):
            denominator = sum(c[g] for g in vocabulary) + ALPHA * len(vocabulary)
            for g, i in self._index.items():
                matrix[i, j] = math.log((c[g] + ALPHA) / denominator)
        self._log_probs = matrix
        self._fold_classes()

    def _fold_classes(self) -> None:
        # "th-Latn" and "th" are one language to callers: a 0/1 matrix folds
        # the classes into languages in one product instead of a Python loop.
        self._merged_names = tuple(dict.fromkeys(language_of(name) for name in self.languages))
        self._fold = np.zeros((len(self.languages), len(self._merged_names)), dtype=np.float64)
        for j, name in enumerate(self.languages):
            self._fold[j, self._merged_names.index(language_of(name))] = 1.0

    # -- inside a model archive: trained with the model, not rebuilt at start --

    def save(self, directory: Path) -> None:
        vocabulary = sorted(self._index, key=self._index.__getitem__)
        (directory / "ngram_model.json").write_text(json.dumps(
            {"languages": self.languages, "well_known": sorted(self.well_known), "vocabulary": vocabulary},
            ensure_ascii=False), encoding="utf-8")
        np.save(directory / "ngram_log_probs.npy", self._log_probs)

    @classmethod
    def load(cls, directory: Path) -> NgramLanguageModel:
        meta = json.loads((directory / "ngram_model.json").read_text(encoding="utf-8"))
        model = cls.__new__(cls)
        model.languages = tuple(meta["languages"])
        model.well_known = frozenset(meta["well_known"])
        model._index = {g: i for i, g in enumerate(meta["vocabulary"])}
        model._log_probs = np.load(directory / "ngram_log_probs.npy", allow_pickle=False)
        if model._log_probs.shape != (len(model._index), len(model.languages)):
            raise ValueError("the stored language model is damaged")
        model._fold_classes()
        return model

    def scores(self, text: str) -> dict[str, float]:
        """Posterior over the model's languages (uniform prior), tempered.

        Naive Bayes is overconfident because n-grams overlap; dividing the
        log-likelihood by sqrt(#grams) keeps the posterior usable as one
        signal among several.
        """
        rows = [i for i in map(self._index.get, ngrams(text)) if i is not None]
        if not rows:
            return {}
        log_likelihood = self._log_probs.take(rows, axis=0).sum(axis=0) / math.sqrt(len(rows))
        log_likelihood -= log_likelihood.max()
        probs = np.exp(log_likelihood.astype(np.float64))
        merged = (probs / probs.sum()) @ self._fold
        return dict(zip(self._merged_names, merged.tolist(), strict=True))


@functools.lru_cache(maxsize=1)
def default_model() -> NgramLanguageModel:
    return NgramLanguageModel(training_texts())
