"""Rasa NLU component: entities that rules find better than a model.

Status codes and reference numbers have a closed, regular form, and Korean
place names a closed list (the catalogue's gazetteer, in every script); a
learned extractor would only add errors. Values come out normalised
(``D-2``, ``IEUM-7K3M-9QX2``, ``안산시``) as the intent contract requires.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.references import find_references
from bot.text.visa_codes import find_status_codes
from catalogue.places import default_gazetteer


def rule_entities(text: str, extractor: str) -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = []
    for mention in find_status_codes(text):
        entity = {"entity": "visa_status", "value": mention.code, "start": mention.start,
                  "end": mention.end, "extractor": extractor}
        if mention.substatus:
            entity["substatus"] = mention.substatus
        entities.append(entity)
    for reference, start, end in find_references(text):
        entities.append({"entity": "reference_number", "value": reference, "start": start,
                         "end": end, "extractor": extractor})
    # Place spellings are matched on folded text, so the span is the message.
    for place in default_gazetteer().find(text):
        entities.append({"entity": "place", "value": place.name, "start": 0, "end": len(text),
                         "extractor": extractor})
    return entities


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RuleEntityExtractor(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleEntityExtractor:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = rule_entities(message.get(TEXT) or "", self.__class__.__name__)
            if found:
                message.set(ENTITIES, list(message.get(ENTITIES, [])) + found, add_to_output=True)
        return messages
