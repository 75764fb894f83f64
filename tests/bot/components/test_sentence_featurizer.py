from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_featurizer import MultilingualSentenceFeaturizer, sentence_vectors
from bot.core.settings import reload as reload_settings
from bot.text.sentence_embedding import DIMENSIONS


@pytest.fixture
def featurizer(tmp_path: Path) -> MultilingualSentenceFeaturizer:
    return MultilingualSentenceFeaturizer.create({}, LocalModelStorage(tmp_path), Resource("f"),
                                                 ExecutionContext(None, "test"))  # type: ignore[arg-type]


def test_every_message_gets_one_sentence_vector(featurizer: MultilingualSentenceFeaturizer) -> None:
    messages = [Message.build(text="비자 연장하고 싶어요"), Message.build(text="")]
    featurizer.process(messages)
    vectors = sentence_vectors(messages)
    assert vectors is not None and vectors.shape == (2, DIMENSIONS)
    assert np.all(np.isfinite(vectors))


def test_training_examples_are_featurized_through_the_disk_cache(
        featurizer: MultilingualSentenceFeaturizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IEUM_EMBEDDING_CACHE", str(tmp_path / "cache.sqlite"))
    reload_settings()
    examples = [Message.build(text="gia hạn visa", intent="extend_stay"),
                Message.build(text="visa uzaytirish", intent="extend_stay")]
    featurizer.process_training_data(TrainingData(examples))
    assert (tmp_path / "cache.sqlite").exists()
    fresh = [Message.build(text="gia hạn visa")]
    featurizer.process(fresh)
    assert np.allclose(sentence_vectors(examples)[0], sentence_vectors(fresh)[0], atol=1e-6)


def test_without_the_featurizer_there_are_no_vectors() -> None:
    assert sentence_vectors([Message.build(text="hello")]) is None
