from bench.eval_nlu import report, score


def _result(accuracy: float) -> dict:
    return {"per_language": {"ko": {"n": 10, "accuracy": accuracy, "macro_f1": accuracy - 0.01,
                                    "visa_status_f1": 0.9}},
            "accuracy": accuracy, "macro_f1": accuracy - 0.01, "visa_status_f1": 0.9, "parse_p50_ms": 20.0,
            "gold": ["greet"] * 10, "predicted": ["greet"] * 10}


def test_report_puts_the_baseline_beside_ours_with_the_gain() -> None:
    text = report(_result(0.95), _result(0.80), {"ours": 240.0})
    ko_row = next(line for line in text.splitlines() if line.startswith("| ko |"))
    assert ko_row == "| ko | 10 | **0.950** | 0.940 | 0.900 | 0.800 | 0.790 | 0.900 | +0.150 |"
    assert "baseline 20.0 ms" in text and "nlu-confusion-baseline.png" in text


def test_report_without_a_baseline_leaves_its_cells_empty() -> None:
    text = report(_result(0.95), None, {})
    ko_row = next(line for line in text.splitlines() if line.startswith("| ko |"))
    assert ko_row.endswith("| - | - | - | - |")
    assert "nan" not in text and "baseline" not in text.split("|---|")[-1]


def test_score_counts_intents_and_visa_entities_per_language() -> None:
    sets = {"vi": [("gia hạn visa D-2", "extend_stay", ["D-2"]), ("xin chào", "greet", [])]}
    predictions = {"vi": [("extend_stay", ["D-2"], 0.02), ("goodbye", [], 0.04)]}
    result = score(sets, predictions)
    assert result["per_language"]["vi"]["accuracy"] == 0.5
    assert result["visa_status_f1"] == 1.0
    assert abs(result["parse_p50_ms"] - 30.0) < 1e-9
