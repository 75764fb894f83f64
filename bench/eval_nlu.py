"""``make eval-nlu``: intents and entities on the held-out split, ours vs baseline.

Held-out data: tests/data/nlu/<lang>.yml (never in data/, so training never
sees it). Both models are trained on data/ with the same domain; the
baseline is the pipeline `rasa init` writes (bench/configs/baseline.yml).
Writes bench/results/nlu.md, nlu.json and nlu-confusion.png.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import time
from collections import Counter
from pathlib import Path

from bot.core.languages import TIER1
from bot.training import PROJECT_ROOT, ensure_model

RESULTS = PROJECT_ROOT / "bench" / "results"
TEST_DIR = PROJECT_ROOT / "tests" / "data" / "nlu"


def load_test_sets() -> dict[str, list[tuple[str, str, list[str]]]]:
    from rasa.shared.nlu.training_data.loading import load_data

    sets = {}
    for lang in TIER1:
        path = TEST_DIR / f"{lang}.yml"
        if not path.exists():
            continue
        data = load_data(str(path))
        sets[lang] = [(m.get("text"), m.get("intent"),
                       [e["value"] for e in m.get("entities") or [] if e.get("entity") == "visa_status"])
                      for m in data.intent_examples]
    return sets


async def predict(model: Path, sets: dict[str, list[tuple[str, str, list[str]]]]) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    out: dict[str, list[tuple[str, list[str], float]]] = {}
    for lang, rows in sets.items():
        predictions = []
        for text, _intent, _gold in rows:
            started = time.perf_counter()
            parsed = await agent.parse_message(text)
            elapsed = time.perf_counter() - started
            intent = (parsed.get("intent") or {}).get("name") or "none"
            values = [e["value"] for e in parsed.get("entities") or [] if e.get("entity") == "visa_status"]
            predictions.append((intent, values, elapsed))
        out[lang] = predictions
    return out


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def entity_f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        common = sum((Counter(g) & Counter(p)).values())
        tp += common
        fp += len(p) - common
        fn += len(g) - common
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(sets: dict, predictions: dict) -> dict:
    per_lang = {}
    all_gold, all_pred, all_ent_gold, all_ent_pred, times = [], [], [], [], []
    for lang, rows in sets.items():
        gold = [intent for _, intent, _ in rows]
        pred = [p[0] for p in predictions[lang]]
        ent_gold = [g for _, _, g in rows]
        ent_pred = [p[1] for p in predictions[lang]]
        per_lang[lang] = {
            "n": len(rows),
            "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows),
            "macro_f1": macro_f1(gold, pred),
            "visa_status_f1": entity_f1(ent_gold, ent_pred),
        }
        all_gold += gold
        all_pred += pred
        all_ent_gold += ent_gold
        all_ent_pred += ent_pred
        times += [p[2] for p in predictions[lang]]
    return {
        "per_language": per_lang,
        "accuracy": sum(g == p for g, p in zip(all_gold, all_pred, strict=True)) / max(1, len(all_gold)),
        "macro_f1": macro_f1(all_gold, all_pred),
        "visa_status_f1": entity_f1(all_ent_gold, all_ent_pred),
        "parse_p50_ms": statistics.median(times) * 1000 if times else 0.0,
        "gold": all_gold,
        "predicted": all_pred,
    }


def confusion_png(gold: list[str], predicted: list[str], path: Path, who: str = "Ieum") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    labels = sorted(set(gold) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)))
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g], index[p]] += 1
    matrix = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(12, 11))
    image = ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted intent")
    ax.set_ylabel("true intent")
    ax.set_title(f"{who} intent confusion on the held-out split, 12 languages (row-normalised)")
    for i in range(len(labels)):
        for j in range(len(labels)):
            if i != j and matrix[i, j] >= 0.05:
                ax.text(j, i, f"{matrix[i, j]:.2f}", ha="center", va="center", fontsize=5, color="darkred")
    fig.colorbar(image, ax=ax, fraction=0.03)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _cell(value: float | None, bold: bool = False) -> str:
    if value is None:
        return "-"
    return f"**{value:.3f}**" if bold else f"{value:.3f}"


def report(ours: dict, baseline: dict | None, timings: dict[str, float]) -> str:
    lines = ["# Intent and entity evaluation (held-out split)", "",
             "| lang | n | ours acc | ours macro-F1 | ours visa_status F1 "
             "| baseline acc | baseline macro-F1 | baseline visa_status F1 | acc gain |",
             "|---|---|---|---|---|---|---|---|---|"]
    rows = [(lang, r, baseline["per_language"][lang] if baseline else None)
            for lang, r in ours["per_language"].items()]
    rows.append(("**all**", {**ours, "n": len(ours["gold"])}, baseline))
    for lang, r, b in rows:
        gain = f"{r['accuracy'] - b['accuracy']:+.3f}" if b else "-"
        lines.append(f"| {lang} | {r['n']} | {_cell(r['accuracy'], bold=True)} | {_cell(r['macro_f1'])} "
                     f"| {_cell(r['visa_status_f1'])} | {_cell(b['accuracy'] if b else None)} "
                     f"| {_cell(b['macro_f1'] if b else None)} | {_cell(b['visa_status_f1'] if b else None)} "
                     f"| {gain} |")
    lines += ["", f"Parse latency p50 (in-process `Agent.parse_message`): ours {ours['parse_p50_ms']:.1f} ms"
              + (f", baseline {baseline['parse_p50_ms']:.1f} ms" if baseline else "") + ".",
              "", "Training time: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()) + ".",
              "", "Confusion matrices: `bench/results/nlu-confusion.png`"
              + (", baseline `bench/results/nlu-confusion-baseline.png`" if baseline else "") + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--baseline-model", default=None,
                        help="evaluate this trained baseline instead of training one (it takes ~1 h on 2 cores)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # Rasa's structlog prints every parse (text included) at debug level unless
    # told otherwise; that is noise here and costs time inside the timed parse.
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    sets = load_test_sets()
    timings: dict[str, float] = {}
    started = time.monotonic()
    ours_model = ensure_model(PROJECT_ROOT / args.config, PROJECT_ROOT / "models")
    timings["ours (or cached)"] = time.monotonic() - started
    results = {"ours": score(sets, asyncio.run(predict(ours_model, sets)))}
    if not args.no_baseline:
        started = time.monotonic()
        if args.baseline_model:
            base_model = Path(args.baseline_model)
        else:
            base_model = ensure_model(PROJECT_ROOT / "bench" / "configs" / "baseline.yml",
                                      PROJECT_ROOT / "models" / "baseline", prefix="baseline")
            timings["baseline (or cached)"] = time.monotonic() - started
        results["baseline"] = score(sets, asyncio.run(predict(base_model, sets)))
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = report(results["ours"], results.get("baseline"), timings)
    confusion_png(results["ours"]["gold"], results["ours"]["predicted"], RESULTS / "nlu-confusion.png")
    if "baseline" in results:
        confusion_png(results["baseline"]["gold"], results["baseline"]["predicted"],
                      RESULTS / "nlu-confusion-baseline.png", who="Baseline (rasa init pipeline)")
    (RESULTS / "nlu.md").write_text(text, encoding="utf-8")
    summary = {k: {kk: vv for kk, vv in v.items() if kk not in ("gold", "predicted")} for k, v in results.items()}
    confusions = Counter((g, p) for g, p in zip(results["ours"]["gold"], results["ours"]["predicted"], strict=True)
                         if g != p)
    summary["ours"]["top_confusions"] = [f"{g}->{p} x{n}" for (g, p), n in confusions.most_common(15)]
    (RESULTS / "nlu.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(text)
    print("top confusions:", ", ".join(summary["ours"]["top_confusions"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
