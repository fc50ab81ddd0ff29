"""model.ngram_buckets is a most: with many classes a run builds a smaller n-gram table (buckets x classes within
engine.config.NGRAM_MAX_CELLS), records the number in config.yaml, loads, predicts and resumes with it."""
from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from engine import config as cfgmod
from engine.config import NGRAM_MAX_CELLS, ngram_buckets_for


def test_the_number_set_stands_until_the_table_would_pass_the_cap():
    assert NGRAM_MAX_CELLS == 1 << 23
    assert ngram_buckets_for(1 << 20, 2) == 1 << 20
    assert ngram_buckets_for(1 << 20, 8) == 1 << 20  # 8 classes: exactly the cap
    assert ngram_buckets_for(1 << 20, 9) == 1 << 19
    assert ngram_buckets_for(1 << 20, 150) == 32_768  # the largest power of two with 150 x it <= 2^23
    assert ngram_buckets_for(1000, 150) == 1000  # small enough already: left as set
    assert ngram_buckets_for(0, 150) == 0  # no bag
    for classes in (3, 9, 17, 150, 1000, 77_777):
        fitted = ngram_buckets_for(1 << 24, classes)
        assert fitted * classes <= NGRAM_MAX_CELLS < 2 * fitted * classes


def test_resolve_touches_only_classifiers_with_the_bag():
    cfg = cfgmod.load_preset("default")
    assert "150 classes" in cfgmod.resolve_ngram_buckets(cfg, 150) and cfg.model.ngram_buckets == 32_768
    assert cfgmod.resolve_ngram_buckets(cfg, 150) == ""  # already resolved
    gen = cfgmod.load_preset("default")
    gen.task, gen.model.arch = "generation", "gpt"
    assert cfgmod.resolve_ngram_buckets(gen, 150) == "" and gen.model.ngram_buckets == 1 << 20


@pytest.fixture()
def many_classes_csv(tmp_path):
    """12 classes, each marked by its own words among shared filler."""
    rng = random.Random(0)
    filler = [f"w{i}" for i in range(60)]
    path = tmp_path / "intents.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["utterance", "intent"])
        for i in range(480):
            c = i % 12
            words = rng.sample(filler, 6) + [f"cue{c}a", f"cue{c}b"]
            rng.shuffle(words)
            out.writerow([" ".join(words), f"intent_{c:02d}"])
    return path


def test_a_run_with_many_classes_builds_records_predicts_and_resumes_the_smaller_table(
        tmp_path, monkeypatch, many_classes_csv):
    from conftest import tiny_config
    from safetensors.torch import load_file

    from engine.inference import classify, load_run
    from engine.training import train

    monkeypatch.setattr(cfgmod, "NGRAM_MAX_CELLS", 4096)  # 12 classes x 4096 buckets would pass it: 256 fit
    cfg = tiny_config(many_classes_csv, arch="gru", max_steps=10, eval_every=5)
    cfg.model.ngram_buckets = 4096
    run = train(cfg, runs_dir=tmp_path / "runs")
    folder = Path(run.run_dir)
    assert cfgmod.load_yaml(folder / "config.yaml")["model"]["ngram_buckets"] == 256
    log = (folder / "train.log").read_text(encoding="utf-8")
    assert "N-gram buckets: 256 instead of 4,096: with 12 classes" in log
    state = load_file(str(folder / "checkpoints" / "best" / "model.safetensors"))
    assert tuple(state["ngram.table"].shape) == (256, 12)
    loaded = load_run(folder)
    assert loaded.model.ngram.buckets == 256
    assert classify(loaded, ["w1 cue3a w2 cue3b"])[0]["label"] in json.loads(
        (folder / "labels.json").read_text(encoding="utf-8"))

    more = tiny_config(many_classes_csv, arch="gru", max_steps=14, eval_every=5)
    more.model.ngram_buckets = 4096  # the number the user set: the resume fits it to the classes as the run did
    resumed = train(more, resume=folder)
    assert resumed.summary["steps"] == 14
    assert cfgmod.load_yaml(folder / "config.yaml")["model"]["ngram_buckets"] == 256


def test_the_model_panel_estimate_sizes_the_smaller_table(monkeypatch):
    from hellotorch_gui.panels.model import compute_estimate

    cfg = cfgmod.load_preset("default")
    cfg.model.ensemble = 1
    big = compute_estimate(cfg, 1000, 150)
    assert big["ngram_buckets"] == 32_768 and cfg.model.ngram_buckets == 1 << 20  # the panel's config is left alone
    small = compute_estimate(cfg, 1000, 2)
    assert small["ngram_buckets"] is None
    table = lambda classes, buckets: buckets * classes  # noqa: E731
    assert big["params"]["total"] - small["params"]["total"] < table(150, 1 << 20) - table(2, 1 << 20)
    assert big["params"]["total"] - small["params"]["total"] == (
        table(150, 32_768) - table(2, 1 << 20) + (150 - 2) * (cfg.model.hidden_dim + 1))
