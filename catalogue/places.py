"""Korean place names in any script, and the offices that serve them.

Users write where they live in their own script ("Ансан", "安山", "อันซาน",
"ansan-si", "안산"). The gazetteer (``catalogue/data/places.yml``) maps each
spelling to the Korean official name (the ``place`` entity of
shared/spec/intents.md, e.g. ``안산시``), and offices list the Korean names of
the areas they serve, so one lookup works for every language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.folding import fold_compact
from catalogue.records import Office, Service

PLACES_YAML = Path(__file__).resolve().parent / "data" / "places.yml"
# Spellings shorter than this match inside unrelated words ("Gu", "서").
MIN_ALIAS_CHARS = 2


@dataclass(frozen=True)
class Place:
    name: str            # Korean official name: 안산시, 서울특별시 영등포구
    province: str        # 경기도, 서울특별시
    aliases: tuple[str, ...]


# What may follow a Korean place name inside one word: an administrative suffix
# or a particle ("안산에서", "수원시에", "김해쪽"). Anything else means another word
# that starts with the same syllables ("남동생" is not 남동구, "이천원" not 이천시);
# the subject particles 이/가 are left out for the same reason ("고양이" is a cat).
KOREAN_TAILS = ("", "시", "군", "구", "도", "에", "에서", "에서는", "에서도", "으로", "로", "은", "는", "의", "쪽", "쪽에", "근처", "근처에", "살아요", "살고", "사는", "삽니다", "시에", "시에서", "시청",
                "역", "이에요", "예요", "입니다", "인데", "인데요", "요")
MAX_KOREAN_TAIL = max(len(t) for t in KOREAN_TAILS)
# Cyrillic and Devanagari words carry case endings and postpositions ("в Ансане", "अन्सानमा").
INFLECTED_TAIL_CHARS = 3
# "Ansan-si", "Yeongdeungpo-gu", "Gyeonggi-do" fold to the name plus these; Uzbek and romanised
# Mongolian add case endings to the name ("Ansanda yashayman": in Ansan).
LATIN_TAILS = ("", "si", "gu", "gun", "do", "da", "ga", "dan", "ta", "dagi")
LATIN_TAIL = 4
_WORD = re.compile(r"[^\s,.;:!?()\[\]\"'“”«»/]+")


def _script(alias: str) -> str:
    if any("가" <= ch <= "힣" for ch in alias):
        return "hangul"
    if any("\u0400" <= ch <= "\u04ff" or "\u0900" <= ch <= "\u097f" for ch in alias):
        return "inflected"
    if alias.isascii() or all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"
                              for ch in alias):
        return "latin"
    return "unspaced"  # Chinese, Thai, Khmer: no spaces between words, so substrings


# Kept hand-written rather than a spaCy PhraseMatcher/EntityRuler: measured in
# bench/results/spacy.md (same accuracy only once every ending is re-encoded, slower, needs spaCy+TF).
class Gazetteer:
    """Spellings of places by script; matching respects each script's idea of a word.

    Latin spellings match whole words (so "san bay" is not 오산, "an sang" not
    안산), Cyrillic and Devanagari whole words with a short ending, Hangul at the
    start of a word followed by a suffix or particle, and Chinese, Thai and
    Khmer anywhere (they have no spaces to respect).
    """

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self._by_alias: dict[str, Place] = {}
        self._script: dict[str, str] = {}
        self._words: dict[str, int] = {}
        for place in places:
            # "안산" for "안산시", "영등포" for "영등포구": people drop the suffix.
            last = place.name.split()[-1]
            stem = last[:-1] if last[-1:] in ("시", "군", "구") else last
            for alias in (place.name, last, stem, *place.aliases):
                folded = fold_compact(alias)
                if len(folded) >= MIN_ALIAS_CHARS:
                    # First writer wins: the YAML lists larger places first.
                    self._by_alias.setdefault(folded, place)
                    self._script.setdefault(folded, _script(alias))
                    self._words.setdefault(folded, len(alias.split()))
        self._unspaced = [a for a, script in self._script.items() if script == "unspaced"]

    @classmethod
    def from_yaml(cls, path: Path = PLACES_YAML) -> Gazetteer:
        if not path.exists():
            return cls([])
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls([Place(str(p["name"]), str(p.get("province") or ""), tuple(str(a) for a in p.get("aliases") or ()))
                    for p in data.get("places") or []])

    def find(self, text: str) -> list[Place]:
        """Places named in ``text``, longest spelling first, each once.

        Each word (and run of up to three words) is looked up in the alias
        table with the endings its script allows stripped, so the cost grows
        with the message, not with the ~2,500 spellings.
        """
        raw = _WORD.findall(text)
        words = [w for w in (fold_compact(w) for w in raw) if w]
        hits: dict[str, None] = {}
        for n in range(1, 4):
            for i in range(len(words) - n + 1):
                span = "".join(words[i:i + n])
                for alias in self._spellings_in(span):
                    if self._words[alias] == n:
                        hits[alias] = None
        # A name joined to another word by a hyphen: "taga-Ansan" (Tagalog: from Ansan),
        # "Gimpo-д" (Mongolian case ending). Only when the whole word is no spelling, so
        # "Чхунчхон-Пукто" stays 충청북도 and is not also 춘천 (Чхунчхон).
        for word in raw:
            if "-" in word and not self._spellings_in(fold_compact(word)):
                for part in word.split("-"):
                    hits.update((alias, None) for alias in self._spellings_in(fold_compact(part))
                                if self._words[alias] == 1)
        unspaced = "".join(words)
        if any(not ch.isascii() for ch in unspaced):
            hits.update((alias, None) for alias in self._unspaced if alias in unspaced)
        found: list[Place] = []
        for alias in sorted(hits, key=len, reverse=True):
            place = self._by_alias[alias]
            if place not in found:
                found.append(place)
        return found

    def _spellings_in(self, span: str) -> list[str]:
        """Aliases that ``span`` is, once its script's allowed ending is taken off."""
        out = []
        for cut in range(0, max(INFLECTED_TAIL_CHARS, MAX_KOREAN_TAIL, LATIN_TAIL) + 1):
            stem, tail = (span[:-cut], span[-cut:]) if cut else (span, "")
            script = self._script.get(stem)
            if script is None or script == "unspaced":
                continue
            if (script == "latin" and tail in LATIN_TAILS) or (script == "inflected" and cut <= INFLECTED_TAIL_CHARS) \
                    or (script == "hangul" and tail in KOREAN_TAILS):
                out.append(stem)
        return out

    def get(self, name: str) -> Place | None:
        return self._by_alias.get(fold_compact(name))


def offices_for(place: Place | None, offices: tuple[Office, ...] | list[Office], kind: str) -> list[Office]:
    """Offices of ``kind`` serving the place: the city or district itself first, then its province."""
    if place is None:
        return []
    of_kind = [o for o in offices if o.kind == kind]
    exact = [o for o in of_kind if place.name in o.areas]
    if exact:
        return exact
    return [o for o in of_kind if place.province and place.province in o.areas]


# Which offices.yml kind serves a service done in person: its own place first, else its group's.
# Places with no list of their own (a community centre, an NPS branch) have no entry: the reply
# names the kind of place, and the service's line finds the nearest one.
_OFFICE_KIND_OF_PLACE = {"family_center": "family_center"}
_OFFICE_KIND_OF_GROUP = {"work": "job_center", "labour": "labour_office", "return": "job_center",
                         "family": "family_center"}


def office_kind(service: Service) -> str | None:
    """The kind of office (offices.yml) a user goes to for ``service``, or None if there is no list."""
    if service.place is not None:
        return _OFFICE_KIND_OF_PLACE.get(service.place)
    return _OFFICE_KIND_OF_GROUP.get(service.group, "immigration")


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once (``default_gazetteer.cache_clear()`` re-reads it)."""
    return Gazetteer.from_yaml()
