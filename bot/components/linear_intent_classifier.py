"""Intent classifier: TF-IDF word and character n-grams into a linear SVM.

The text is segmented per script (bot.text.segment) and folded the way
users type it (no Vietnamese diacritics, any Uzbek apostrophe), then
sublinear TF-IDF of character 1-4-grams and word 1-2-grams feed a linear
SVM whose scores become confidences through one fitted temperature
(bot.components.confidence), so the FallbackClassifier threshold means
something. When the pipeline has
MultilingualSentenceFeaturizer, its sentence vector (times
``sentence_weight``) is appended: the n-grams know the exact words, the
vector knows meaning across languages. On our 12-language data this is more
accurate than DIET and trains in a minute or two on two cores; see
bench/results/nlu.md. Saved with skops, never pickle.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Dict, List, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack

from bot.components import skops_io
from bot.components.confidence import confidences, fit_temperature, out_of_fold_scores
from bot.components.sentence_featurizer import sentence_vectors
from bot.core.folding import fold
from bot.text.segment import segment

logger = logging.getLogger(__name__)


def prepare(text: str) -> str:
    """Words separated by spaces in every script, folded as users type."""
    return fold(" ".join(word for word, _ in segment(text)))


PREPARED = "_prepared_text"


def prepared(message: Message) -> str:
    """``prepare`` of the message text, computed once per message (segmenting Thai or Khmer is not free)."""
    value = message.get(PREPARED)
    if value is None:
        value = prepare(message.get(TEXT) or "")
        message.set(PREPARED, value)
    return value


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


MODEL_FILE = "linear_intent_classifier.skops"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):
    @classmethod
    def required_components(cls) -> List[Type]:
        return []

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # sentence_weight 2 was chosen by 5-fold cross-validation on the
        # training data (1: 0.908, 2: 0.918, 3: 0.916 accuracy).
        return {"C": 0.5, "calibration_folds": 3, "ranking_length": 10, "random_state": 7, "sentence_weight": 2.0}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Dict[str, Any] | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model: dict[str, Any] = model or {}

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    @staticmethod
    def _texts(messages: List[Message]) -> List[str]:
        return [prepared(message) for message in messages]

    def _features(self, texts: List[str], vectors: np.ndarray | None) -> csr_matrix:
        blocks = [self._model["chars"].transform(texts), self._model["words"].transform(texts)]
        width = int(self._model.get("sentence_width", 0))
        if width:
            if vectors is None or vectors.shape[1] != width:
                # Trained with sentence vectors but the pipeline lost the
                # featurizer: zeros keep the n-gram part working.
                vectors = np.zeros((len(texts), width), dtype=np.float32)
            blocks.append(csr_matrix(vectors * self.config["sentence_weight"]))
        return hstack(blocks).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            logger.debug("no intent examples: LinearIntentClassifier not trained")
            return self._resource
        texts = self._texts(examples)
        self._model = {
            "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True,
                                     lowercase=False).fit(texts),
            "words": TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=False,
                                     token_pattern=r"\S+").fit(texts),
        }
        vectors = sentence_vectors(examples)
        self._model["sentence_width"] = 0 if vectors is None else int(vectors.shape[1])
        features = self._features(texts, vectors)
        labels = [e.get(INTENT) for e in examples]
        counts = Counter(labels)
        rare = sorted(label for label, n in counts.items() if n < self.config["calibration_folds"])
        if rare:
            logger.warning(f"intents with fewer than {self.config['calibration_folds']} examples are left out of "
                           f"intent classification: {rare}")
            keep = [i for i, label in enumerate(labels) if label not in rare]
            features, labels = features[keep], [labels[i] for i in keep]
        label_array = np.asarray(labels)
        classes = np.unique(label_array)

        def fit(x, y):
            return LinearSVC(C=self.config["C"], random_state=self.config["random_state"]).fit(x, y)

        scores = out_of_fold_scores(fit, features, label_array, classes, self.config["calibration_folds"],
                                    self.config["random_state"])
        self._model["temperature"] = fit_temperature(scores, np.searchsorted(classes, label_array))
        classifier = fit(features, label_array)
        self._model["classifier"] = classifier
        # Training texts without letters that mean something ("112", "88").
        self._model["letterless"] = sorted({(e.get(TEXT) or "").strip() for e in examples
                                            if not _has_letters(e.get(TEXT) or "")})
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if not self._model or not messages:
            return messages
        features = self._features(self._texts(messages), sentence_vectors(messages))
        probabilities = confidences(self._model["classifier"].decision_function(features), self._model["temperature"])
        classes = self._model["classifier"].classes_
        known_letterless = set(self._model.get("letterless", []))
        for message, row in zip(messages, probabilities, strict=True):
            text = (message.get(TEXT) or "").strip()
            if not _has_letters(text) and text not in known_letterless:
                # "0000", "3" or "??" carry no intent: without this the SVM's
                # guess (often deny) would cancel a form waiting for digits.
                row = np.full(len(row), 1.0 / len(row))
            scored = sorted(((float(p), str(name)) for name, p in zip(classes, row, strict=True)),
                            key=lambda pair: -pair[0])
            ranking = [{"name": name, "confidence": p} for p, name in scored]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[: self.config["ranking_length"]], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            skops_io.dump(self._model, model_dir / MODEL_FILE)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                # Only the sklearn/numpy/scipy types we saved are allowed back in.
                model = skops_io.load(model_dir / MODEL_FILE)
        except ValueError as error:
            logger.warning(f"LinearIntentClassifier could not be loaded ({error}); it will predict nothing")
            model = None
        return cls(config, model_storage, resource, model)
