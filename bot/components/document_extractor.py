"""Rasa NLU component: the ``document`` entity, as a catalogue document id.

Names of certificates and cards are a closed list: the catalogue's
document names and aliases (catalogue/data/documents.yml) plus every
surface form annotated in the training data ("외국인등록사실증명",
"giấy xác nhận đăng ký người nước ngoài" -> CERT-ARC). Matching is on
folded text (no diacritics, any case), longest name first.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text.documents import ENTITY, find_documents, name_index
from catalogue.loader import read_catalogue


def catalogue_names() -> dict[str, str]:
    """Folded catalogue document names -> id (the same index the document form uses)."""
    return name_index(read_catalogue().documents)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class DocumentEntityExtractor(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    def __init__(self, model_storage: ModelStorage, resource: Resource, names: dict[str, str] | None = None) -> None:
        self._storage = model_storage
        self._resource = resource
        self._names = names or {}

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> DocumentEntityExtractor:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        seen: dict[str, str] = {}
        for example in training_data.training_examples:
            text = example.get(TEXT) or ""
            for entity in example.get(ENTITIES) or []:
                if entity.get("entity") == ENTITY and isinstance(entity.get("value"), str):
                    seen[text[entity["start"]:entity["end"]]] = entity["value"]
        self._names = name_index(read_catalogue().documents, seen)
        with self._storage.write_to(self._resource) as directory:
            (directory / "document_names.json").write_text(json.dumps(self._names, ensure_ascii=False),
                                                           encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> DocumentEntityExtractor:
        try:
            with model_storage.read_from(resource) as directory:
                names = json.loads((directory / "document_names.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            names = {}
        return cls(model_storage, resource, names)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = find_documents(message.get(TEXT) or "", self._names, self.__class__.__name__)
            if found:
                message.set(ENTITIES, list(message.get(ENTITIES, [])) + found, add_to_output=True)
        return messages
