from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.linear_intent_classifier import LinearIntentClassifier
from bot.components.sentence_featurizer import MultilingualSentenceFeaturizer
from bot.core.settings import reload as reload_settings

EXAMPLES = {
    "extend_stay": ["I want to extend my visa", "how do I extend my stay", "visa extension please",
                    "비자 연장하고 싶어요", "체류기간 연장 방법", "gia hạn visa thế nào", "продлить визу"],
    "childcare_support": ["childcare support for my baby", "daycare subsidy", "help paying for kindergarten",
                          "어린이집 보육료 지원", "양육수당 신청", "hỗ trợ nuôi con", "пособие на ребёнка"],
}
UNSEEN = {"extend_stay": "Vizamni uzaytirmoqchiman", "childcare_support": "Хүүхдийн мөнгө авах"}


def _context() -> ExecutionContext:
    return ExecutionContext(None, "test")  # type: ignore[arg-type]


def _train(tmp_path: Path, with_vectors: bool) -> tuple[LocalModelStorage, Resource]:
    storage, resource = LocalModelStorage(tmp_path), Resource("classifier")
    data = TrainingData([Message.build(text=t, intent=i) for i, texts in EXAMPLES.items() for t in texts])
    if with_vectors:
        MultilingualSentenceFeaturizer.create({}, storage, Resource("f"), _context()).process_training_data(data)
    classifier = LinearIntentClassifier.create({"calibration_folds": 2}, storage, resource, _context())
    classifier.train(data)
    return storage, resource


def _predict(storage, resource, text: str, with_vectors: bool) -> dict:
    classifier = LinearIntentClassifier.load({"calibration_folds": 2}, storage, resource, _context())
    message = Message.build(text=text)
    if with_vectors:
        MultilingualSentenceFeaturizer.create({}, storage, Resource("f"), _context()).process([message])
    classifier.process([message])
    return message.as_dict(only_output_properties=True)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IEUM_EMBEDDING_CACHE", str(tmp_path / "cache.sqlite"))
    reload_settings()


@pytest.mark.parametrize("intent", sorted(UNSEEN))
def test_sentence_vectors_recognise_a_language_with_no_examples(tmp_path: Path, intent: str) -> None:
    storage, resource = _train(tmp_path, with_vectors=True)
    parsed = _predict(storage, resource, UNSEEN[intent], with_vectors=True)
    assert parsed["intent"]["name"] == intent
    assert [r["name"] for r in parsed["intent_ranking"]].count(intent) == 1
    assert abs(sum(r["confidence"] for r in parsed["intent_ranking"]) - 1.0) < 1e-6


def test_a_pipeline_without_the_featurizer_still_classifies(tmp_path: Path) -> None:
    storage, resource = _train(tmp_path, with_vectors=False)
    assert _predict(storage, resource, "visa extension", with_vectors=False)["intent"]["name"] == "extend_stay"


def test_a_model_trained_with_vectors_survives_a_missing_featurizer(tmp_path: Path) -> None:
    storage, resource = _train(tmp_path, with_vectors=True)
    parsed = _predict(storage, resource, "daycare subsidy", with_vectors=False)
    assert parsed["intent"]["name"] == "childcare_support"


def test_digits_alone_carry_no_intent_unless_trained(tmp_path: Path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("classifier")
    data = TrainingData([Message.build(text=t, intent=i) for i, texts in EXAMPLES.items() for t in texts]
                        + [Message.build(text="112", intent="extend_stay")])
    LinearIntentClassifier.create({"calibration_folds": 2}, storage, resource, _context()).train(data)
    unknown = _predict(storage, resource, "0000", with_vectors=False)
    assert unknown["intent"]["confidence"] == pytest.approx(1 / len(EXAMPLES))
    assert _predict(storage, resource, " 112 ", with_vectors=False)["intent"]["confidence"] > 1 / len(EXAMPLES)
