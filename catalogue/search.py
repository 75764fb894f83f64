"""Find services from words in any supported language.

Matching is on character n-grams of text with spaces and punctuation
removed, so partial words ("등록증" finds "외국인등록증"), spacing errors
("외국인 등록증"), missing Vietnamese diacritics and romanised Korean
("oegugin deungnokjeung") all still hit. Grams are weighted by rarity
(idf) and by field (titles and aliases above summaries). The index is built
once from the validated records and is read-only afterwards, so it is safe
to share between threads.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from bot.core.folding import fold_compact
from catalogue.romanise import romanise

# Latin letters lose their diacritics for matching; Thai, Khmer and Indic
# vowel signs are combining marks too, but there they are the word.

TITLE_WEIGHT = 3.0
ALIAS_WEIGHT = 3.0
SUMMARY_WEIGHT = 1.0
QUESTION_WEIGHT = 1.0
# Below this share of the query's grams matched, a hit is noise.
MIN_SCORE = 0.18
MAX_QUERY_CHARS = 300
RERANK_DEPTH = 15


def grams(text: str) -> set[str]:
    """Trigrams of the folded text; bigrams too where words are short.

    Korean, Chinese, Thai and Khmer pack a word into two or three
    characters, so bigrams carry meaning there; in Latin and Cyrillic text
    they match almost everything and only add noise.
    """
    folded = fold_compact(text)
    if len(folded) <= 2:
        return {folded} if folded else set()
    out = {folded[i:i + 3] for i in range(len(folded) - 2)}
    if any(not ch.isascii() and not "\u0400" <= ch <= "\u04ff" and not "\u00c0" <= ch <= "\u024f" for ch in folded):
        out.update(folded[i:i + 2] for i in range(len(folded) - 1))
    return out


@dataclass(frozen=True)
class IndexedText:
    service_id: str
    text: str
    weight: float


@dataclass(frozen=True)
class Hit:
    service_id: str
    score: float


class SearchIndex:
    def __init__(self, texts: Iterable[IndexedText]) -> None:
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        # Gram sets of short names (titles, aliases) for re-ranking by how
        # much of the query one name covers.
        self._names: dict[str, list[frozenset[str]]] = defaultdict(list)
        for item in texts:
            variants = [item.text]
            if any("가" <= ch <= "힣" for ch in item.text):
                variants.append(romanise(item.text))
            for variant in variants:
                variant_grams = grams(variant)
                if item.weight >= TITLE_WEIGHT:
                    self._names[item.service_id].append(frozenset(variant_grams))
                for gram in variant_grams:
                    current = postings[gram].get(item.service_id, 0.0)
                    postings[gram][item.service_id] = max(current, item.weight)
        services = {sid for posting in postings.values() for sid in posting}
        total = max(1, len(services))
        self._postings: dict[str, dict[str, float]] = {}
        self._idf: dict[str, float] = {}
        for gram, posting in postings.items():
            idf = math.log(1 + total / len(posting))
            self._idf[gram] = idf
            self._postings[gram] = posting
        self._max_weight = max(TITLE_WEIGHT, ALIAS_WEIGHT)
        # Grams unknown to the index count as the rarest known one (computed once:
        # the index holds ~100,000 grams).
        self._unknown_idf = max(self._idf.values(), default=1.0)

    def query(self, text: str, limit: int = 20) -> list[Hit]:
        query_grams = grams(text[:MAX_QUERY_CHARS])
        if not query_grams:
            return []
        # Grams unknown to the index still count in the denominator: a
        # query that is mostly unknown words is a weak match.
        unknown_idf = self._unknown_idf
        denominator = sum(self._idf.get(g, unknown_idf) for g in query_grams) * self._max_weight
        scores: dict[str, float] = defaultdict(float)
        for gram in query_grams:
            posting = self._postings.get(gram)
            if not posting:
                continue
            idf = self._idf[gram]
            for sid, weight in posting.items():
                scores[sid] += idf * weight
        query_weight = sum(self._idf.get(g, unknown_idf) for g in query_grams)
        candidates = sorted(scores.items(), key=lambda kv: -kv[1])[:max(limit, RERANK_DEPTH)]
        hits = []
        for sid, score in candidates:
            base = score / denominator
            # A query that one title or alias covers well ("gia hạn" in "Gia
            # hạn thời gian lưu trú") beats one scattered over long summaries.
            coverage = max((sum(self._idf[g] for g in query_grams & name) / query_weight
                            for name in self._names.get(sid, ())), default=0.0)
            final = (base + coverage) / 2
            if final >= MIN_SCORE:
                hits.append(Hit(sid, final))
        hits.sort(key=lambda h: (-h.score, h.service_id))
        return hits[:limit]
