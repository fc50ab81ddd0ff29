"""LSTM against GRU as the default's deep half: training steps of one copy of the default model, each cell.

PyTorch's CPU build runs an LSTM through oneDNN (aten::mkldnn_rnn_layer and its backward: the whole sequence in
fused kernels) but a GRU through its own loop of small kernels, one time step at a time, so on a CPU the LSTM --
four gate blocks against three -- takes the shorter step. This builds the default model on each data set twice,
`model.arch: lstm` (the default) and `gru`, from the same seed, times training steps on the same batches,
alternating over several rounds, and prints the median milliseconds per optimizer step and the ratio (lstm / gru;
below 1 = the LSTM is faster). Whether oneDNN is on is printed first (`torch.backends.mkldnn`); with it off both
cells take the loop. Accuracy is bench/accuracy_table.py's and bench/unseen_data.py's business (README
"Benchmarks": the LSTM scored as well or better).

    .venv/bin/python bench/rnn_cells.py
    .venv/bin/python bench/rnn_cells.py --data chinese-reviews --rounds 6
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
    p.add_argument("--steps", type=int, default=40, help="timed optimizer steps per cell and round")
    p.add_argument("--rounds", type=int, default=4, help="rounds, each timing both cells")
    args = p.parse_args()

    import torch

    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data
    from engine.models import build_model
    from engine.models.build import fit_ngram_weights
    from engine.training.optim import build_optimizer
    from engine.training.tuning import _TrainBatches, train_step

    print(f"rnn_cells: torch {torch.__version__}, {torch.get_num_threads()} threads, oneDNN "
          f"{'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}",
          flush=True)
    for source in args.data:
        cfg = cfgmod.load_preset("default", [f"data.source={source}", "model.ensemble=1"])
        data = prepare_data(cfg)
        cells = {}
        for arch in ("lstm", "gru"):
            c = cfgmod.apply_overrides(cfg, [f"model.arch={arch}"])
            torch.manual_seed(0)
            model = build_model(c, data.tokenizer.vocab_size, len(data.label_names), data.tokenizer.pad_id)
            fit_ngram_weights(model, data.ids["train"], data.labels["train"])
            model.train()
            cells[arch] = (c, model, build_optimizer(model, c.train))
        batches = _TrainBatches(cfg, data, torch.device("cpu"))
        stream = batches.stream(cfg.train.batch_size)
        plan = [batches.tensors(next(stream)) for _ in range(5 + args.steps)]
        times: dict[str, list[float]] = {arch: [] for arch in cells}
        for _ in range(args.rounds):
            for arch, (c, model, optimizer) in cells.items():
                for x, y in plan[:5]:  # warm-up
                    train_step(model, optimizer, c, [(x, y)])
                for x, y in plan[5:]:
                    t0 = time.perf_counter()
                    train_step(model, optimizer, c, [(x, y)])
                    times[arch].append(time.perf_counter() - t0)
        ms = {k: 1000 * statistics.median(v) for k, v in times.items()}
        print(f"rnn_cells: {source}: lstm {ms['lstm']:.1f} ms/step, gru {ms['gru']:.1f} ms/step, ratio "
              f"{ms['lstm'] / ms['gru']:.2f} (lstm / gru; {args.rounds} x {args.steps} steps each, median)",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
