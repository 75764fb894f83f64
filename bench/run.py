"""``make bench``: run the benchmarks, write bench/results/bench.{md,json,png}."""

from __future__ import annotations

import json
import platform
import tempfile
import time
from pathlib import Path

from bench import catalogue_search

RESULTS = Path(__file__).resolve().parent / "results"


def chart(rows: list[dict[str, object]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r['method']}\n{r['catalogue']}" for r in rows]
    p95 = [float(r["p95_ms"]) for r in rows]  # type: ignore[arg-type]
    p50 = [float(r["p50_ms"]) for r in rows]  # type: ignore[arg-type]
    fig, ax = plt.subplots(figsize=(8, 4))
    x = range(len(rows))
    ax.bar([i - 0.2 for i in x], p50, width=0.4, label="p50")
    ax.bar([i + 0.2 for i in x], p95, width=0.4, label="p95")
    ax.set_xticks(list(x), labels, fontsize=8)
    ax.set_ylabel("ms per search")
    ax.set_yscale("log")
    ax.set_title("Catalogue search latency (lower is better)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    started = time.time()
    with tempfile.TemporaryDirectory() as work:
        rows = catalogue_search.run(Path(work))
    lines = ["# Benchmarks", "", f"Machine: {platform.processor() or platform.machine()}, "
             f"Python {platform.python_version()}; run {time.strftime('%Y-%m-%d %H:%M')}", "",
             "## Catalogue search (SQLite)", "", "| catalogue | services | method | p50 ms | p95 ms | searches |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['catalogue']} | {r['services']} | {r['method']} | {r['p50_ms']:.3f} | "
                     f"{r['p95_ms']:.3f} | {r['n']} |")
    report = "\n".join(lines) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.md").write_text(report, encoding="utf-8")
    (RESULTS / "bench.json").write_text(json.dumps({"catalogue_search": rows}, indent=2), encoding="utf-8")
    chart(rows, RESULTS / "bench.png")
    print(report)
    print(f"written to {RESULTS}/bench.md, bench.json, bench.png in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
