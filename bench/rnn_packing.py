"""A one-directional RNN over the padded batch against packed sequences: training steps of the default preset.

engine.models.classifiers.RNNClassifier skips packing when the network reads one direction (the default's LSTM):
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

import sys

from _default_steps import arguments, default_config, default_model, median_ms, step_plan, trainer


def main() -> int:
    args = arguments(__doc__, "path")

    import torch

    from engine.data.pipeline import prepare_data
    from engine.training.batches import make_batch

    for source in args.data:
        cfg = default_config(source)
        data = prepare_data(cfg)
        model, optimizer = default_model(cfg, data)
        step = trainer(cfg, model, optimizer)
        causal_ok = model._causal_ok
        paths = {"packed": lambda: False, "unpacked": causal_ok}

        def on(choose):
            def run(x, y):
                model._causal_ok = choose
                step(x, y)
            return run

        ms = median_ms({name: on(choose) for name, choose in paths.items()}, step_plan(cfg, data, args.steps),
                       args.rounds)
        model.eval()
        n = min(256, len(data.ids["val"]))
        x, _ = make_batch("classification", [data.ids["val"][i] for i in range(n)],
                          [data.labels["val"][i] for i in range(n)], data.tokenizer.pad_id)
        with torch.no_grad():
            model._causal_ok = paths["packed"]
            packed = model(x)
            model._causal_ok = causal_ok
            unpacked = model(x)
        del model._causal_ok
        print(f"rnn_packing: {source}: packed {ms['packed']:.1f} ms/step, unpacked {ms['unpacked']:.1f} ms/step, "
              f"ratio {ms['unpacked'] / ms['packed']:.2f} (unpacked / packed; {args.rounds} x {args.steps} steps "
              f"each, median); largest logit difference on {n} validation texts "
              f"{float((packed - unpacked).abs().max()):.1e}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
