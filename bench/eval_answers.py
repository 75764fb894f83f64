"""``make eval-answers``: does the answer lead with the service the question is about?

Held-out questions: ``tests/data/services/{dev,test}/<lang>.tsv`` (language,
question, the acceptable service ids, single|broad), written apart from the
catalogue's typical questions. Every question is parsed once by the trained
model (cached by model name), then three resolvers answer it in the same run:

- ``ours``: catalogue.resolver with the reply plan the actions send;
- ``today``: the previous resolver (the top intent's services ranked by
  eligibility and words, the catalogue search as fallback);
- ``e5``: the plain nearest service by e5-small vectors of title and summary,
  restricted to the predicted intent's services.

"right first" is the service the reply leads with (a menu's first item);
"top-3" is whether an acceptable service is among the resolver's first three.
The hard intent split (``tests/data/nlu/hard``) is scored in the same run.
Writes bench/results/answers.md and answers.json. ``--tune`` fits the
resolver's weights on the dev split (never on test) and prints them.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import itertools
import json
import logging
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from bot.training import PROJECT_ROOT, ensure_model

if TYPE_CHECKING:
    from catalogue.resolver import Question

RESULTS = PROJECT_ROOT / "bench" / "results"
SERVICES_DIR = PROJECT_ROOT / "tests" / "data" / "services"
HARD_DIR = PROJECT_ROOT / "tests" / "data" / "nlu" / "hard"
CACHE = PROJECT_ROOT / "var" / "cache"
# A bot that answers with a menu too often makes people do its work.
MAX_MENU_RATE = 0.2
TIER1 = ("ko", "en", "zh", "vi", "th", "ru", "uz", "ne", "mn", "id", "tl", "km")


@dataclasses.dataclass(frozen=True)
class Case:
    lang: str
    text: str
    expected: tuple[str, ...]
    kind: str


def load_cases(split: str, directory: Path = SERVICES_DIR) -> list[Case]:
    cases = []
    for path in sorted((directory / split).glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise ValueError(f"{path.name}:{number}: expected 4 tab-separated fields, got {len(fields)}")
            lang, text, expected, kind = fields
            cases.append(Case(lang, text, tuple(i.strip() for i in expected.split(",") if i.strip()), kind))
    return cases


async def parse_all(model: Path, texts: list[str]) -> dict[str, dict[str, Any]]:
    """Parse results by text, cached per model (the model name carries its fingerprint)."""
    cache_file = CACHE / f"answers-parse-{model.name.removesuffix('.tar.gz')}.json"
    cached: dict[str, dict[str, Any]] = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    todo = [t for t in dict.fromkeys(texts) if t not in cached]
    if todo:
        from rasa.core.agent import Agent

        agent = Agent.load(str(model))
        for number, text in enumerate(todo, 1):
            started = time.perf_counter()
            parsed = await agent.parse_message(text)
            parsed["_parse_ms"] = (time.perf_counter() - started) * 1000
            cached[text] = parsed
            if number % 50 == 0 or number == len(todo):
                print(f"\rparsing [{number}/{len(todo)}]", end="", flush=True)
        print()
        CACHE.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cached, ensure_ascii=False, default=str))
    return cached


def top_intent(parsed: dict[str, Any]) -> str:
    return (parsed.get("intent") or {}).get("name") or ""


def question_of(case: Case, parsed: dict[str, Any]) -> Question:
    from catalogue.resolver import question_from_parse

    status = next((e["value"] for e in parsed.get("entities") or [] if e.get("entity") == "visa_status"), None)
    return question_from_parse({**parsed, "text": case.text}, case.lang, status)


class Systems:
    """The three resolvers, each answering (case, parse) with (first named, top-3)."""

    def __init__(self) -> None:
        from catalogue.loader import read_catalogue
        from catalogue.questions import read_questions
        from catalogue.service_catalogue import ServiceCatalogue

        records = read_catalogue()
        self.catalogue = ServiceCatalogue(records, None, read_questions(service_ids={s.id for s in records.services}))
        self._e5: Any = None
        self._resolvers: dict[Any, Any] = {}

    def ours(self, case: Case, parsed: dict[str, Any], weights: Any = None) -> tuple[str | None, list[str], str]:
        from catalogue.resolver import WEIGHTS, Resolver, plan_reply

        weights = weights or WEIGHTS
        if weights not in self._resolvers:
            self._resolvers[weights] = Resolver(self.catalogue, weights)
        resolution = self._resolvers[weights].resolve(question_of(case, parsed))
        plan = plan_reply(top_intent(parsed), resolution, self.catalogue.phone_service_ids, weights.menu_margin)
        return plan.first, resolution.top(3), plan.kind

    def today(self, case: Case, parsed: dict[str, Any]) -> tuple[str | None, list[str], str]:
        intent = top_intent(parsed)
        status = next((e["value"] for e in parsed.get("entities") or [] if e.get("entity") == "visa_status"), None)
        services = [s.id for s in self.catalogue.for_intent(intent, status, case.text)]
        if not services:
            services = [r.service.id for r in self.catalogue.search(case.text, case.lang, status, False, 3)]
        return (services[0] if services else None), services[:3], "card"

    def e5(self, case: Case, parsed: dict[str, Any]) -> tuple[str | None, list[str], str]:
        from bot.text.sentence_embedding import shared_encoder

        vectors = self._e5_vectors()
        query = shared_encoder().encode([case.text])[0]
        scores = vectors.scores(query)
        intent = top_intent(parsed)
        allowed = {s.id for s in self.catalogue.records.services if intent in s.intents}
        ranked = sorted((sid for sid in scores if sid in allowed or not allowed), key=lambda s: -scores[s])
        return (ranked[0] if ranked else None), ranked[:3], "card"

    def _e5_vectors(self) -> Any:
        if self._e5 is None:
            from bot.text.embedding_cache import encode_with_cache
            from bot.text.sentence_embedding import shared_encoder
            from bot.text.service_vectors import ServiceVectors, service_texts

            ids, texts = service_texts(questions=False)
            self._e5 = ServiceVectors(ids, encode_with_cache(texts, shared_encoder().encode))
        return self._e5


def evaluate(cases: list[Case], parses: dict[str, dict[str, Any]],
             system: Callable[[Case, dict[str, Any]], tuple[str | None, list[str], str]]) -> dict[str, Any]:
    per_lang: dict[str, dict[str, Any]] = {}
    times: list[float] = []
    misses = []
    for case in cases:
        started = time.perf_counter()
        first, top3, kind = system(case, parses[case.text])
        times.append((time.perf_counter() - started) * 1000)
        row = per_lang.setdefault(case.lang, {"n": 0, "first": 0, "top3": 0, "menus": 0, "broad": 0,
                                              "broad_menus": 0, "broad_offered": 0})
        row["n"] += 1
        right = first in case.expected
        row["first"] += right
        row["top3"] += any(s in case.expected for s in top3)
        row["menus"] += kind == "menu"
        row["broad"] += case.kind == "broad"
        row["broad_menus"] += case.kind == "broad" and kind == "menu"
        # A broad question has no single right service: a menu that offers one of them answers it.
        row["broad_offered"] += case.kind == "broad" and (right or (kind == "menu" and any(
            s in case.expected for s in top3)))
        if not right:
            misses.append({"lang": case.lang, "text": case.text, "expected": list(case.expected), "got": first,
                           "kind": kind, "intent": top_intent(parses[case.text])})
    total = {k: sum(r[k] for r in per_lang.values())
             for k in ("n", "first", "top3", "menus", "broad", "broad_menus", "broad_offered")}
    times.sort()
    return {
        "per_language": {lang: {"n": r["n"], "first": r["first"] / r["n"], "top3": r["top3"] / r["n"],
                                "menu_rate": r["menus"] / r["n"]} for lang, r in per_lang.items()},
        "first": total["first"] / max(1, total["n"]),
        "top3": total["top3"] / max(1, total["n"]),
        "menu_rate": total["menus"] / max(1, total["n"]),
        "broad_menu_rate": total["broad_menus"] / max(1, total["broad"]),
        "broad_offered": total["broad_offered"] / max(1, total["broad"]),
        "n": total["n"],
        "p50_ms": statistics.median(times) if times else 0.0,
        "p95_ms": times[int(0.95 * (len(times) - 1))] if times else 0.0,
        "misses": misses,
    }


def hard_intents(model_parses: dict[str, dict[str, Any]], rows: list[tuple[str, str, str]]) -> dict[str, Any]:
    per_lang: dict[str, list[bool]] = {}
    misses = []
    for lang, text, intent in rows:
        got = top_intent(model_parses[text])
        per_lang.setdefault(lang, []).append(got == intent)
        if got != intent:
            misses.append({"lang": lang, "text": text, "expected": intent, "got": got})
    n = sum(len(v) for v in per_lang.values())
    return {"per_language": {lang: sum(v) / len(v) for lang, v in per_lang.items()},
            "accuracy": sum(sum(v) for v in per_lang.values()) / max(1, n), "n": n, "misses": misses}


def load_hard() -> list[tuple[str, str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    rows = []
    for path in sorted(HARD_DIR.glob("*.yml")):
        for message in load_data(str(path)).intent_examples:
            rows.append((path.stem, message.get("text"), message.get("intent")))
    return rows


def menu_quality(cases: list[Case], parses: dict[str, dict[str, Any]], system: Callable) -> dict[str, float]:
    """How well menus go where they help: broad questions, or a wrong first answer with the right one in the menu."""
    shown = helpful = needed = needed_and_shown = 0
    for case in cases:
        first, top3, kind = system(case, parses[case.text])
        wanted = case.kind == "broad" or (first not in case.expected and any(s in case.expected for s in top3))
        needed += wanted
        if kind == "menu":
            shown += 1
            helpful += wanted
            needed_and_shown += wanted
    precision = helpful / shown if shown else 0.0
    recall = needed_and_shown / needed if needed else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "rate": shown / max(1, len(cases))}


def tune(cases: list[Case], parses: dict[str, dict[str, Any]], systems: Systems) -> Any:
    """Grid search on the dev split, in two stages.

    1. The signal weights, menus off: the best right-first.
    2. The menu margin and window: menus where they help (broad questions, or a
       wrong first answer with the right one in the menu), for at most a fifth
       of all answers. A menu leads with the same service as the card would, so it
       never changes right-first.
    """
    from catalogue.resolver import WEIGHTS

    best, best_key = WEIGHTS, (-1.0, 0.0)
    grid = {"intent": [0.25, 0.5, 1.0], "classifier": [1.0, 2.0, 4.0, 8.0], "semantic": [0.0, 10.0, 20.0],
            "lexical": [0.0, 1.0, 2.0, 4.0], "general": [0.0, 0.5]}
    base = dataclasses.replace(WEIGHTS, menu_margin=0.0)
    for values in itertools.product(*grid.values()):
        weights = dataclasses.replace(base, **dict(zip(grid, values, strict=True)))
        result = evaluate(cases, parses, functools.partial(systems.ours, weights=weights))
        key = (round(result["first"], 4), round(result["top3"], 4))
        if key > best_key:
            best, best_key = weights, key
            print(f"  first {result['first']:.3f} top3 {result['top3']:.3f} "
                  f"{ {k: getattr(weights, k) for k in grid} }", flush=True)
    signals, best_f1 = best, -1.0
    for margin, window in itertools.product([0.1, 0.2, 0.3, 0.5, 0.75, 1.0], [0.5, 1.0, 2.0]):
        weights = dataclasses.replace(signals, menu_margin=margin, menu_window=window)
        quality = menu_quality(cases, parses, lambda c, p, w=weights: systems.ours(c, p, w))
        if quality["rate"] <= MAX_MENU_RATE and quality["f1"] > best_f1:
            best, best_f1 = weights, quality["f1"]
            print(f"  menus: margin {margin} window {window}: {quality}", flush=True)
    return best


def table(results: dict[str, dict[str, Any]], langs: list[str]) -> list[str]:
    names = list(results)
    header = "| lang | n | " + " | ".join(f"{n} first | {n} top-3" for n in names) + f" | {names[0]} menus |"
    lines = [header, "|" + "---|" * (2 + 2 * len(names) + 1)]
    for lang in langs:
        cells = [f"{results[n]['per_language'][lang]['first']:.3f} | {results[n]['per_language'][lang]['top3']:.3f}"
                 for n in names]
        n = results[names[0]]["per_language"][lang]["n"]
        menu = results[names[0]]["per_language"][lang]["menu_rate"]
        lines.append(f"| {lang} | {n} | " + " | ".join(cells) + f" | {menu:.3f} |")
    cells = [f"**{results[n]['first']:.3f}** | **{results[n]['top3']:.3f}**" for n in names]
    lines.append(f"| **all** | {results[names[0]]['n']} | " + " | ".join(cells)
                 + f" | {results[names[0]]['menu_rate']:.3f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    parser.add_argument("--tune", action="store_true", help="fit the weights on the dev split and print them")
    parser.add_argument("--model", type=Path, help="a trained model (default: train/reuse config.yml's)")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.WARNING)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    model = args.model or ensure_model(PROJECT_ROOT / "config.yml", PROJECT_ROOT / "models")
    split = "dev" if args.tune else args.split
    cases = load_cases(split)
    hard = load_hard()
    parses = asyncio.run(parse_all(model, [c.text for c in cases] + [t for _, t, _ in hard]))
    systems = Systems()
    if args.tune:
        print("best weights on dev:", tune(cases, parses, systems))
        return
    results = {"ours": evaluate(cases, parses, systems.ours), "today": evaluate(cases, parses, systems.today),
               "e5": evaluate(cases, parses, systems.e5)}
    hard_result = hard_intents(parses, hard)
    langs = [lang for lang in TIER1 if lang in results["ours"]["per_language"]]
    parse_ms = sorted(p["_parse_ms"] for p in (parses[c.text] for c in cases) if "_parse_ms" in p)
    lines = [f"# Right service first ({split} split, {len(cases)} questions, model {model.name})", "",
             "ours = catalogue.resolver + the reply plan the actions send; today = the previous resolver;",
             "e5 = nearest service by e5-small title+summary vectors within the predicted intent.", "",
             *table(results, langs), "",
             f"- menu shown: {results['ours']['menu_rate']:.3f} of all questions; "
             f"{results['ours']['broad_menu_rate']:.3f} of the broad ones; a broad question's reply leads with or "
             f"offers one of its services in {results['ours']['broad_offered']:.3f} of cases "
             f"(the table counts only the first item)",
             f"- resolver latency (ours, after the NLU parse): p50 {results['ours']['p50_ms']:.2f} ms, "
             f"p95 {results['ours']['p95_ms']:.2f} ms; today p95 {results['today']['p95_ms']:.2f} ms; "
             f"e5 p95 {results['e5']['p95_ms']:.2f} ms (its question vector comes from the encoder's cache, "
             "filled by the parse)",
             f"- NLU parse (shared by all three, includes the sentence vector and service_candidates): "
             f"p50 {statistics.median(parse_ms) if parse_ms else 0:.1f} ms", "",
             f"## Hard intent split ({hard_result['n']} messages, never trained on)", "",
             "| lang | accuracy |", "|---|---|",
             *[f"| {lang} | {acc:.3f} |" for lang, acc in sorted(hard_result["per_language"].items())],
             f"| **all** | **{hard_result['accuracy']:.3f}** |", "",
             "## Misses (ours)", "",
             *[f"- {m['lang']} `{m['text']}`: expected {', '.join(m['expected'])}, got {m['got']} "
               f"({m['kind']}, intent {m['intent']})" for m in results["ours"]["misses"]], "",
             "## Hard split misses", "",
             *[f"- {m['lang']} `{m['text']}`: expected {m['expected']}, got {m['got']}" for m in hard_result["misses"]]]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "answers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / "answers.json").write_text(json.dumps({"split": split, "model": model.name, "systems": results,
                                                      "hard": hard_result}, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    print("\n".join(lines[:len(langs) + 12]))
    print(f"written: {RESULTS / 'answers.md'}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
