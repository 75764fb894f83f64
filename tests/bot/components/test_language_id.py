from pathlib import Path

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components import language_id
from bot.components.language_id import LanguageIdentifier

# Romanised Khmer: fastText has never seen it; only our n-gram model knows it.
ROMANISED_KHMER = "khnhom chong ban visa thmey"


def _context() -> ExecutionContext:
    return ExecutionContext(None, "test")  # type: ignore[arg-type]


def _language(component: LanguageIdentifier, text: str) -> str:
    message = Message.build(text=text)
    component.process([message])
    return message.as_dict(only_output_properties=True)["language"]["code"]


def test_the_language_model_travels_in_the_archive(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    storage, resource = LocalModelStorage(tmp_path), Resource("lid")
    LanguageIdentifier.create({}, storage, resource, _context()).train(TrainingData())
    # Loading must not read the working tree: make rebuilding from it impossible.
    monkeypatch.setattr(language_id, "training_texts", lambda: (_ for _ in ()).throw(AssertionError("rebuilt")))
    loaded = LanguageIdentifier.load({}, storage, resource, _context())
    assert _language(loaded, "비자 연장하고 싶어요") == "ko"
    assert _language(loaded, ROMANISED_KHMER) == "km"


def test_an_archive_without_the_model_still_answers(tmp_path: Path) -> None:
    loaded = LanguageIdentifier.load({}, LocalModelStorage(tmp_path), Resource("missing"), _context())
    assert _language(loaded, "비자 연장하고 싶어요") == "ko"
