"""Rasa NLU component: detect the message language, first in the pipeline.

Adds ``"language": {"code": ..., "confidence": ...}`` to the parse output (the
contract in shared/spec/intents.md) and, when the message names a language
("한국어로 해 주세요"), a ``language_choice`` entity the actions use for
explicit switches.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.detector import LanguageDetector, normalise
from bot.language.names import requested_language
from bot.language.ngram_model import NgramLanguageModel, training_texts

logger = logging.getLogger(__name__)

LANGUAGE = "language"
LANGUAGE_CHOICE_ENTITY = "language_choice"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LanguageIdentifier(GraphComponent):
    """Sets the ``language`` output property on every parsed message."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    def __init__(self, detector: LanguageDetector, model_storage: ModelStorage | None = None,
                 resource: Resource | None = None) -> None:
        self._detector = detector
        self._storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        # Before training there is no n-gram model yet: fastText and the script rules alone.
        return cls(LanguageDetector(use_ngram_model=False), model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Train the n-gram language model into the model archive."""
        model = NgramLanguageModel(training_texts())
        assert self._storage is not None and self._resource is not None
        with self._storage.write_to(self._resource) as directory:
            model.save(directory)
        self._detector = LanguageDetector(ngram_model=model)
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LanguageIdentifier:
        try:
            with model_storage.read_from(resource) as directory:
                model = NgramLanguageModel.load(directory)
        except (ValueError, FileNotFoundError, OSError):
            # An archive from before the model was stored (or a damaged one) still answers.
            logger.warning("no language model in the archive: language ID uses fastText and scripts only")
            return cls(LanguageDetector(use_ngram_model=False), model_storage, resource)
        return cls(LanguageDetector(ngram_model=model), model_storage, resource)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples carry their language in their file path; nothing to add.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            detection = self._detector.detect(text)
            message.set(LANGUAGE, detection.as_dict(), add_to_output=True)
            choice = requested_language(normalise(text), detection.code)
            if choice:
                entities = list(message.get(ENTITIES, []))
                entities.append({
                    "entity": LANGUAGE_CHOICE_ENTITY,
                    "value": choice,
                    "start": 0,
                    "end": len(text),
                    "extractor": self.__class__.__name__,
                })
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
