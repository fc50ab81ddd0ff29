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

import sys

from _default_steps import arguments, default_config, default_model, median_ms, step_plan, trainer


def main() -> int:
    args = arguments(__doc__, "cell")

    import torch

    from engine.data.pipeline import prepare_data

    mkldnn = torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled
    print(f"rnn_cells: torch {torch.__version__}, {torch.get_num_threads()} threads, oneDNN "
          f"{'on' if mkldnn else 'off'}", flush=True)
    for source in args.data:
        data = prepare_data(default_config(source))
        steps = {}
        for arch in ("lstm", "gru"):
            cfg = default_config(source, [f"model.arch={arch}"])
            steps[arch] = trainer(cfg, *default_model(cfg, data))
        ms = median_ms(steps, step_plan(cfg, data, args.steps), args.rounds)
        print(f"rnn_cells: {source}: lstm {ms['lstm']:.1f} ms/step, gru {ms['gru']:.1f} ms/step, ratio "
              f"{ms['lstm'] / ms['gru']:.2f} (lstm / gru; {args.rounds} x {args.steps} steps each, median)",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
