"""model.ngram_table: the n-gram bag's table started at logistic regression (and kept there), or learned from zero,
or chosen between the two on the validation split (auto) -- in the engine, in a run, on resume and in exports."""
from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from engine import config as cfgmod
from engine.models.layers import NgramBag
from engine.models.wide import AUTO_MIN_Z, bag_features, fit_bag

PAD = 0


def toy_split(n: int, seed: int, classes: int = 2) -> tuple[list[list[int]], list[int]]:
    """Texts of ids 1..199 where ids 1..3*classes mark the class (noisily) among filler ids."""
    rng = random.Random(seed)
    ids, labels = [], []
    for _ in range(n):
        y = rng.randrange(classes)
        text = [rng.randint(40, 199) for _ in range(rng.randint(5, 30))]
        for _ in range(rng.randint(1, 3)):
            cue = 1 + 3 * (y if rng.random() < 0.8 else rng.randrange(classes)) + rng.randrange(3)
            text.insert(rng.randrange(len(text) + 1), cue)
        ids.append(text)
        labels.append(y)
    return ids, labels


@pytest.mark.parametrize("classes", [2, 3])
def test_logistic_table_scores_as_the_fitted_logistic_regression(classes):
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    train_ids, train_y = toy_split(300, 1, classes)
    val_ids, val_y = toy_split(100, 2, classes)
    bag = NgramBag(4096, classes, PAD)
    done = fit_bag(bag, "logistic", train_ids, train_y, val_ids, val_y)
    assert done.mode == "logistic" and done.c is not None and done.scores is None
    idf = NgramBag(4096, classes, PAD)
    idf.fit_weights(train_ids, train_y, naive_bayes=False)
    torch.testing.assert_close(bag.weight, idf.weight)  # TF-IDF alone, no naive-Bayes factor
    nb = NgramBag(4096, classes, PAD)
    nb.fit_weights(train_ids, train_y)
    assert not torch.allclose(nb.weight, idf.weight)
    # the same liblinear model refitted at the chosen C: the bag's scores are its decision function (less the
    # intercept, which the network's own bias learns)
    one = LogisticRegression(C=done.c, solver="liblinear", dual=True, max_iter=3000, random_state=0)
    clf = (one if classes == 2 else OneVsRestClassifier(one)).fit(bag_features(bag, train_ids), np.asarray(train_y))
    x = torch.full((len(val_ids), max(map(len, val_ids))), PAD, dtype=torch.long)
    for i, row in enumerate(val_ids):
        x[i, : len(row)] = torch.tensor(row)
    with torch.no_grad():
        scores = bag(x).double().numpy()
    decision = clf.decision_function(bag_features(bag, val_ids))
    if classes == 2:
        np.testing.assert_allclose(scores[:, 1] - scores[:, 0], decision - clf.intercept_[0], atol=1e-4)
    else:
        intercepts = np.array([e.intercept_[0] for e in clf.estimators_])
        np.testing.assert_allclose(scores, decision - intercepts, atol=1e-4)
    assert (scores.argmax(1) == np.asarray(val_y)).mean() > 0.6  # it learned the cues


def test_auto_takes_logistic_only_when_it_is_clearly_better_on_validation_and_falls_back_to_learned(monkeypatch):
    train_ids, train_y = toy_split(300, 3)
    val_ids, val_y = toy_split(100, 4)
    bag = NgramBag(4096, 2, PAD)
    done = fit_bag(bag, "auto", train_ids, train_y, val_ids, val_y)
    assert set(done.scores) == {"learned", "logistic"}
    only_idf, only_nb = done.discordant
    assert done.z == pytest.approx((only_idf - only_nb) / max(1, only_idf + only_nb) ** 0.5)
    better = "logistic" if done.z >= AUTO_MIN_Z else "learned"
    assert done.mode == better
    # the discordant counts are those of the two fitted models on the validation texts
    assert (only_idf > only_nb) == (done.scores["logistic"] > done.scores["learned"]) or only_idf == only_nb
    assert f"z = {done.z:+.2f}" in done.describe(len(train_ids)) and f"-> {better}" in done.describe(len(train_ids))
    for threshold, mode in ((-1e9, "logistic"), (1e9, "learned")):  # either way, the chosen weighting is the one kept
        monkeypatch.setattr("engine.models.wide.AUTO_MIN_Z", threshold)
        chosen = NgramBag(4096, 2, PAD)
        assert fit_bag(chosen, "auto", train_ids, train_y, val_ids, val_y).mode == mode
        expected = NgramBag(4096, 2, PAD)
        expected.fit_weights(train_ids, train_y, naive_bayes=mode == "learned")
        torch.testing.assert_close(chosen.weight, expected.weight)
        assert bool(chosen.table.detach().abs().sum() > 0) == (mode == "logistic")
    for val in (None, []):  # no validation split: nothing to compare on, so the bag learns as before
        lone = NgramBag(4096, 2, PAD)
        assert fit_bag(lone, "auto", train_ids, train_y, val, val).mode == "learned"
        assert float(lone.table.detach().abs().sum()) == 0
    big = NgramBag(4096, 2, PAD)  # past AUTO_MAX_TEXTS training texts auto does not compare (it would cost minutes)
    monkeypatch.setattr("engine.models.wide.AUTO_MAX_TEXTS", len(train_ids) - 1)
    assert fit_bag(big, "auto", train_ids, train_y, val_ids, val_y).scores is None
    single = NgramBag(4096, 2, PAD)  # one class in training: no logistic regression, even when asked for
    assert fit_bag(single, "logistic", train_ids, [0] * len(train_ids), val_ids, val_y).mode == "learned"


def test_a_run_records_the_choice_keeps_the_table_frozen_and_resumes_it(tmp_path, reviews_csv):
    from conftest import tiny_config

    from engine.training import train

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=12, eval_every=4)
    cfg.model.ngram_buckets = 4096
    cfg.model.ngram_table = "logistic"
    run = train(cfg, runs_dir=tmp_path / "runs")
    saved = cfgmod.load_yaml(f"{run.run_dir}/config.yaml")
    assert saved["model"]["ngram_table"] == "logistic"
    log = open(f"{run.run_dir}/train.log", encoding="utf-8").read()
    assert "its table is logistic regression on them (C=" in log
    # the table trained 12 steps and is still the logistic regression of a fresh fit on the same split
    from engine.data.pipeline import prepare_data

    data = prepare_data(cfg)
    fresh = NgramBag(4096, len(data.label_names), data.tokenizer.pad_id)
    fit_bag(fresh, "logistic", data.ids["train"], data.labels["train"], data.ids["val"], data.labels["val"])
    from safetensors.torch import load_file

    state = load_file(f"{run.run_dir}/checkpoints/best/model.safetensors")
    torch.testing.assert_close(state["ngram.table"], fresh.table.data)
    torch.testing.assert_close(state["ngram.weight"], fresh.weight)
    # resumed: the table comes from the checkpoint and stays frozen; nothing is fitted again
    more = tiny_config(reviews_csv, arch="gru", max_steps=16, eval_every=4)
    more.model.ngram_buckets, more.model.ngram_table = 4096, "logistic"
    resumed_logistic = train(more, resume=run.run_dir)
    assert resumed_logistic.summary["steps"] == 16 and resumed_logistic.summary["ngram_table"]["mode"] == "logistic"
    assert "its table is logistic regression" not in open(f"{run.run_dir}/train.log", encoding="utf-8").read()[
        len(log):]
    last = load_file(f"{run.run_dir}/checkpoints/last/model.safetensors")
    torch.testing.assert_close(last["ngram.table"], fresh.table.data)

    auto = tiny_config(reviews_csv, arch="gru", max_steps=8, eval_every=4)
    auto.model.ngram_buckets = 4096
    first = train(auto, runs_dir=tmp_path / "runs")
    chosen = cfgmod.load_yaml(f"{first.run_dir}/config.yaml")["model"]["ngram_table"]
    assert chosen in ("learned", "logistic")  # auto is resolved and recorded
    again = tiny_config(reviews_csv, arch="gru", max_steps=12, eval_every=4)
    again.model.ngram_buckets = 4096  # still auto: the resume takes the run's recorded choice
    resumed = train(again, resume=first.run_dir)
    assert cfgmod.load_yaml(f"{resumed.run_dir}/config.yaml")["model"]["ngram_table"] == chosen


def test_the_optimizer_leaves_a_frozen_table_out():
    from conftest import tiny_config

    from engine.models import build_model
    from engine.models.wide import freeze_table
    from engine.training.optim import build_optimizer

    cfg = tiny_config("movie-reviews", arch="gru")
    cfg.model.ngram_buckets = 1024
    cfg.model.ensemble = 2
    model = build_model(cfg, 50, 2, 0)
    freeze_table(model, "logistic")
    held = {id(p) for g in build_optimizer(model, cfg.train).param_groups for p in g["params"]}
    tables = [m.ngram.table for m in model.members]
    assert tables and not any(id(t) in held for t in tables)
    freeze_table(model, "learned")
    held = {id(p) for g in build_optimizer(model, cfg.train).param_groups for p in g["params"]}
    assert all(id(t) in held for t in tables)
