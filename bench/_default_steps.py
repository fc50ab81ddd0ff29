"""Shared by bench/rnn_cells.py and bench/rnn_packing.py: one copy of the default model on a built-in data set, a
fixed plan of training batches, and training steps timed side by side (warm-up, then alternating rounds, median)."""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

WARM_UP = 5  # untimed steps before each variant's timed steps in every round


def arguments(doc: str, what: str) -> argparse.Namespace:
    """--data, --steps, --rounds; `what` names the compared variants in the help ("cell", "path")."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", nargs="+", default=["movie-reviews", "chinese-reviews"])
    p.add_argument("--steps", type=int, default=40, help=f"timed optimizer steps per {what} and round")
    p.add_argument("--rounds", type=int, default=4, help=f"rounds, each timing every {what}")
    return p.parse_args()


def default_config(source: str, overrides: list[str] | None = None):
    """The default preset on `source` as one model (no ensemble), with `overrides`."""
    from engine import config as cfgmod

    return cfgmod.load_preset("default", [f"data.source={source}", "model.ensemble=1", *(overrides or [])])


def default_model(cfg, data):
    """(model in training mode, its optimizer): built from seed 0, n-gram bag fitted on the training split."""
    import torch

    from engine.models import build_model
    from engine.models.build import fit_ngram_weights
    from engine.training.optim import build_optimizer

    torch.manual_seed(0)
    model = build_model(cfg, data.tokenizer.vocab_size, len(data.label_names), data.tokenizer.pad_id)
    fit_ngram_weights(model, data.ids["train"], data.labels["train"])
    model.train()
    return model, build_optimizer(model, cfg.train)


def step_plan(cfg, data, steps: int) -> list:
    """WARM_UP + `steps` training batches (x, y) as the loop draws them, on the CPU."""
    import torch

    from engine.training.tuning import _TrainBatches

    batches = _TrainBatches(cfg, data, torch.device("cpu"))
    stream = batches.stream(cfg.train.batch_size)
    return [batches.tensors(next(stream)) for _ in range(WARM_UP + steps)]


def trainer(cfg, model, optimizer) -> Callable:
    """A function (x, y) -> None taking one optimizer step of `model`."""
    from engine.training.tuning import train_step

    return lambda x, y: train_step(model, optimizer, cfg, [(x, y)])


def median_ms(steps: dict[str, Callable], plan: list, rounds: int) -> dict[str, float]:
    """Median milliseconds per step of each variant: every round warms up and times each variant in turn."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            for x, y in plan[:WARM_UP]:
                step(x, y)
            for x, y in plan[WARM_UP:]:
                t0 = time.perf_counter()
                step(x, y)
                times[name].append(time.perf_counter() - t0)
    return {name: 1000 * statistics.median(v) for name, v in times.items()}
