"""``make eval-lid``: our language identification against three anchors.

Measured on tests/data/lid/test.tsv (never used for tuning; dev.tsv is for
that). Anchors, all run in the same process on the same messages:
raw fastText lid.176.ftz (top label), langdetect, lingua (all languages).
Writes bench/results/lid.md and lid.json.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

from bot.core.languages import TIER1
from bot.language.detector import SUPPORTED, LanguageDetector, load_fasttext
from bot.training import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"


def read_set(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["lang"], row["kind"], row["text"]) for row in csv.DictReader(handle, delimiter="\t")]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fasttext_raw() -> Callable[[str], str]:
    model = load_fasttext()
    return lambda text: model.predict(text.replace("\n", " "), k=1)[0][0].replace("__label__", "")


def langdetect_anchor() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            code = detect(text)
        except LangDetectException:
            return "und"
        return "zh" if code.startswith("zh") else code

    return run


def lingua_anchor() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def run(text: str) -> str:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else "und"

    return run


def evaluate(name: str, predict: Callable[[str], str], rows: list[tuple[str, str, str]]) -> dict:
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusions: dict[tuple[str, str], int] = defaultdict(int)
    times = []
    for lang, _kind, text in rows:
        started = time.perf_counter()
        guess = predict(text)
        times.append(time.perf_counter() - started)
        per_lang[lang][1] += 1
        if guess == lang:
            per_lang[lang][0] += 1
        else:
            confusions[(lang, guess)] += 1
    tier1 = [per_lang[lang] for lang in TIER1 if lang in per_lang]
    return {
        "name": name,
        "per_language": {lang: c / n for lang, (c, n) in per_lang.items()},
        "tier1_accuracy": sum(c for c, _ in tier1) / max(1, sum(n for _, n in tier1)),
        "all_accuracy": sum(c for c, _ in per_lang.values()) / max(1, sum(n for _, n in per_lang.values())),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": sorted(times)[int(len(times) * 0.95)] * 1000,
        "confusions": sorted(((f"{a}->{b}", n) for (a, b), n in confusions.items()), key=lambda x: -x[1]),
    }


def markdown(results: list[dict], rows: list[tuple[str, str, str]], memory_mb: float, set_name: str) -> str:
    counts: dict[str, int] = defaultdict(int)
    for lang, _, _ in rows:
        counts[lang] += 1
    head = "| lang | n | " + " | ".join(r["name"] for r in results) + " |"
    lines = [f"# Language identification on `{set_name}`", "", head,
             "|---|---|" + "---|" * len(results)]
    for lang in SUPPORTED:
        if lang not in counts:
            continue
        tier = "¹" if lang in TIER1 else "²"
        cells = []
        for r in results:
            value = r["per_language"].get(lang, 0.0)
            cells.append(f"**{value:.3f}**" if r is results[0] else f"{value:.3f}")
        lines.append(f"| {lang}{tier} | {counts[lang]} | " + " | ".join(cells) + " |")
    lines.append("| **tier-1 all** | | " + " | ".join(f"{r['tier1_accuracy']:.3f}" for r in results) + " |")
    lines.append("| **all 20** | | " + " | ".join(f"{r['all_accuracy']:.3f}" for r in results) + " |")
    lines.append("| median ms/msg | | " + " | ".join(f"{r['median_ms']:.3f}" for r in results) + " |")
    lines += ["", f"Memory added by our detector (fastText model + lexicons): {memory_mb:.1f} MB (max RSS delta).",
              "", "Most frequent confusions (ours): " + ", ".join(f"{c} ×{n}" for c, n in results[0]["confusions"][:12])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="test", choices=["test", "dev"])
    parser.add_argument("--no-anchors", action="store_true", help="only our detector (fast, for tuning on dev)")
    args = parser.parse_args(argv)
    rows = read_set(PROJECT_ROOT / "tests" / "data" / "lid" / f"{args.set}.tsv")

    gc.collect()
    before = rss_mb()
    ours = LanguageDetector()
    ours.detect("warm up")
    memory = rss_mb() - before
    results = [evaluate("Ieum", lambda t: ours.detect(t).code, rows)]
    if not args.no_anchors:
        for name, factory in (("fastText lid.176", fasttext_raw), ("langdetect", langdetect_anchor),
                              ("lingua (all)", lingua_anchor)):
            print(f"running {name} ...", flush=True)
            results.append(evaluate(name, factory(), rows))
    report = markdown(results, rows, memory, f"tests/data/lid/{args.set}.tsv")
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.set == "test" else "-dev"
    (RESULTS / f"lid{suffix}.md").write_text(report, encoding="utf-8")
    (RESULTS / f"lid{suffix}.json").write_text(json.dumps({"memory_mb": memory, "results": results}, indent=2,
                                                          ensure_ascii=False), encoding="utf-8")
    print(f"written to {RESULTS / f'lid{suffix}.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
