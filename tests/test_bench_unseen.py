"""bench/unseen_data.py cannot rot: its held-out review files and its verdict line."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("unseen_data", ROOT / "bench" / "unseen_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_held_out_review_files_have_other_columns_and_two_classes(tmp_path):
    paths = _bench().write_sets(tmp_path)
    seen = {}
    for path in paths:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        seen[path.name] = (rows[0], len(rows) - 1, {r[2] for r in rows[1:]})
        assert all(r[1].strip() for r in rows[1:])
    assert seen == {"amazon.csv": (["id", "review_text", "polarity"], 3610, {"pos", "neg"}),
                    "tweets.csv": (["id", "tweet", "sentiment"], 4196, {"pos", "neg"}),
                    "nyt.csv": (["id", "snippet", "tone"], 4946, {"pos", "neg"})}


def test_the_verdict_counts_runs_above_equal_and_below_their_baselines():
    line = _bench().summary_line("default", [(0.80, 0.78), (0.70, 0.70), (0.60, 0.61)])
    assert "mean 0.7000 vs its baselines 0.6967 over 3 runs, +0.33 points, ratio 1.005 (beats it)" in line
    assert line.endswith("above 1, equal 1, below 1")
    assert "(does not beat it)" in _bench().summary_line("x", [(0.5, 0.6)])
