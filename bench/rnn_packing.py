"""A one-directional RNN over the padded batch against packed sequences: training steps of the default preset.

engine.models.classifiers.RNNClassifier skips packing when the network reads one direction (the default's GRU):
an output at a real position depends only on the tokens up to it, so pooling the real positions of the padded
batch gives packing's logits and gradients (equal up to float rounding, tests/test_models_classifiers.py) without
sorting the batch or running shrinking per-step batches. This times one copy of the default model on each built-in
classification data set with the same fitted weights and the same batches, packed and unpacked, alternating over
several rounds, and prints the median milliseconds per optimizer step, the ratio (unpacked / packed; below 1 =
faster) and the largest logit difference between the two paths on a batch of validation texts.

    .venv/bin/python bench/rnn_packing.py
    .venv/bin/python bench/rnn_packing.py --data movie-reviews --rounds 6
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", nargs="+", default=["movie-reviews", "chinese-reviews"])
    p.add_argument("--steps", type=int, default=40, help="timed optimizer steps per path and round")
    p.add_argument("--rounds", type=int, default=4, help="rounds, each timing both paths")
    args = p.parse_args()

    import torch

    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data
    from engine.models import build_model
    from engine.models.build import fit_ngram_weights
    from engine.training.batches import make_batch
    from engine.training.optim import build_optimizer
    from engine.training.tuning import _TrainBatches, train_step

    for source in args.data:
        cfg = cfgmod.load_preset("default", [f"data.source={source}", "model.ensemble=1"])
        data = prepare_data(cfg)
        torch.manual_seed(0)
        model = build_model(cfg, data.tokenizer.vocab_size, len(data.label_names), data.tokenizer.pad_id)
        fit_ngram_weights(model, data.ids["train"], data.labels["train"])
        optimizer = build_optimizer(model, cfg.train)
        batches = _TrainBatches(cfg, data, torch.device("cpu"))
        stream = batches.stream(cfg.train.batch_size)
        plan = [batches.tensors(next(stream)) for _ in range(5 + args.steps)]
        causal_ok = model._causal_ok
        paths = {"packed": lambda: False, "unpacked": causal_ok}
        times: dict[str, list[float]] = {name: [] for name in paths}
        model.train()
        for _ in range(args.rounds):
            for name, choose in paths.items():
                model._causal_ok = choose
                for x, y in plan[:5]:  # warm-up
                    train_step(model, optimizer, cfg, [(x, y)])
                for x, y in plan[5:]:
                    t0 = time.perf_counter()
                    train_step(model, optimizer, cfg, [(x, y)])
                    times[name].append(time.perf_counter() - t0)
        model.eval()
        n = min(256, len(data.ids["val"]))
        x, _ = make_batch("classification", [data.ids["val"][i] for i in range(n)],
                          [data.labels["val"][i] for i in range(n)], data.tokenizer.pad_id)
        with torch.no_grad():
            model._causal_ok = lambda: False
            packed = model(x)
            model._causal_ok = causal_ok
            unpacked = model(x)
        del model._causal_ok
        ms = {k: 1000 * statistics.median(v) for k, v in times.items()}
        print(f"rnn_packing: {source}: packed {ms['packed']:.1f} ms/step, unpacked {ms['unpacked']:.1f} ms/step, "
              f"ratio {ms['unpacked'] / ms['packed']:.2f} (unpacked / packed; {args.rounds} x {args.steps} steps "
              f"each, median); largest logit difference on {n} validation texts "
              f"{float((packed - unpacked).abs().max()):.1e}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
