"""Rasa NLU component: the ``document`` entity, as a catalogue document id.

Names of certificates and cards are a closed list: the catalogue's
document names and aliases (catalogue/data/documents.yml) plus every
surface form annotated in the training data ("외국인등록사실증명",
"giấy xác nhận đăng ký người nước ngoài" -> CERT-ARC). Matching is on
folded text (no diacritics, any case), longest name first.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any, Dict, List

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.training import PROJECT_ROOT

DOCUMENTS_YAML = PROJECT_ROOT / "catalogue" / "data" / "documents.yml"
ENTITY = "document"
MIN_NAME_CHARS = 3


def fold_same_length(text: str) -> str:
    """Lower-case, Latin letters without diacritics, one character for one
    so that offsets found in the folded text hold in the original."""
    out = []
    for ch in text:
        low = ch.lower() if len(ch.lower()) == 1 else ch
        base = "d" if low == "đ" else unicodedata.normalize("NFD", low)[0]
        out.append(base if base.isascii() and base.isalpha() else low)
    return "".join(out)


def catalogue_names(path: Path = DOCUMENTS_YAML) -> dict[str, str]:
    if not path.exists():
        return {}
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: dict[str, str] = {}
    for document in content.get("documents", []):
        for name in list((document.get("names") or {}).values()) + list(document.get("aliases") or []):
            names[str(name)] = document["id"]
    return names


def find_documents(text: str, names: dict[str, str], extractor: str) -> list[dict[str, Any]]:
    folded = fold_same_length(text)
    taken: list[tuple[int, int]] = []
    found = []
    for name in sorted(names, key=len, reverse=True):
        start = folded.find(name)
        while start >= 0:
            end = start + len(name)
            boundary_ok = not (name[0].isascii() and start > 0 and folded[start - 1].isalnum()) and \
                not (name[-1].isascii() and end < len(folded) and folded[end].isalnum())
            if boundary_ok and not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append({"entity": ENTITY, "value": names[name], "start": start, "end": end,
                              "extractor": extractor})
            start = folded.find(name, end)
    return sorted(found, key=lambda e: e["start"])


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
        names = {fold_same_length(k): v for k, v in catalogue_names().items()}
        for example in training_data.training_examples:
            text = example.get(TEXT) or ""
            for entity in example.get(ENTITIES) or []:
                if entity.get("entity") == ENTITY and isinstance(entity.get("value"), str):
                    names[fold_same_length(text[entity["start"]:entity["end"]])] = entity["value"]
        self._names = {k.strip(): v for k, v in names.items() if len(k.strip()) >= MIN_NAME_CHARS}
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
