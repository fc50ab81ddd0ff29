"""Export speed on this CPU, measured side by side in one run.

* minilm-l6 fine-tuned on movie-reviews (seeded 80/10/10), batch 1, a ~15-token review: ONNX Runtime fp32
  and int8 p50 latency as a ratio of torch eager (goals <= 0.5 and <= 0.2), int8 file size as a ratio of
  fp32 (goal <= 0.3), and test-split accuracy of eager vs int8 (goal: <= 1 point lost).
* smollm2-135m exported with its KV cache: greedy tokens/s through ONNX Runtime vs transformers `generate`
  with its cache (goal ratio >= 1.0), and ONNX time per token at 200 tokens of context vs at 10 (goal
  <= 1.5).

    .venv/bin/python bench/export_latency.py [--only minilm|smollm2] [--epochs 1]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from engine import config as cfgmod  # noqa: E402
from engine.export import ExportedModel, export_run  # noqa: E402
from engine.training import train  # noqa: E402

SPLIT = ["data.val_fraction=0.1", "data.test_fraction=0.1", "train.seed=42"]
REVIEW = "A warm, funny and beautifully acted film that I would happily watch again."


def _p50(fn, runs: int = 60) -> float:
    from engine.export.parity import latencies

    return float(np.median(latencies(fn, runs, warmup=5))) * 1000


def minilm(epochs: int, runs_dir: str, run_dir: str | None = None) -> None:
    from engine.data.pipeline import prepare_data
    from engine.inference import load_run

    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), SPLIT + [
        "data.source=movie-reviews", "data.max_length=64", "model.arch=pretrained", "model.pretrained=minilm-l6",
        "model.finetune=full", f"train.epochs={epochs}", "train.batch_size=32", "train.lr=1e-4",
        "train.scheduler=linear", "train.warmup_steps=50"]))
    if run_dir is None:
        t0 = time.perf_counter()
        run_dir = train(cfg, runs_dir=runs_dir).run_dir
        print(f"minilm: fine-tuned {epochs} epoch(s) in {time.perf_counter() - t0:.0f} s", flush=True)
    exp = export_run(run_dir, "onnx", quantize="int8", measure_speed=False, record=False,
                     out=os.path.join(runs_dir, "minilm-onnx"))
    run = load_run(run_dir)
    torch_acc = json.loads(open(os.path.join(run_dir, "summary.json"), encoding="utf-8").read())["test"]["accuracy"]
    fp32, int8 = ExportedModel.load(exp.folder), ExportedModel.load(exp.folder, "int8")
    ids, _ = fp32.encode(REVIEW)
    x = np.asarray([ids], dtype=np.int64)
    torch.set_num_threads(torch.get_num_threads())
    with torch.no_grad():
        eager = _p50(lambda: run.model(torch.from_numpy(x)))
    onnx = _p50(lambda: fp32.logits(x))
    q = _p50(lambda: int8.logits(x))
    size32 = os.path.getsize(os.path.join(exp.folder, "model.onnx"))
    size8 = os.path.getsize(os.path.join(exp.folder, "model.int8.onnx"))
    print(f"minilm_latency: batch 1, {len(ids)} tokens: torch eager p50 {eager:.2f} ms, ONNX Runtime fp32 "
          f"{onnx:.2f} ms (ratio {onnx / eager:.2f}, goal <= 0.5), int8 {q:.2f} ms (ratio {q / eager:.2f}, "
          f"goal <= 0.2)", flush=True)
    print(f"minilm_size: fp32 {size32 / 1e6:.1f} MB, int8 {size8 / 1e6:.1f} MB (ratio {size8 / size32:.2f}, "
          f"goal <= 0.3)", flush=True)
    data = prepare_data(run.cfg)
    texts, labels = data.texts["test"], np.asarray(data.labels["test"])
    names = run.label_names
    acc = {}
    for name, model in (("fp32", fp32), ("int8", int8)):
        preds = [names.index(p["label"]) for p in model.classify(texts)]
        acc[name] = float((np.asarray(preds) == labels).mean())
    print(f"minilm_accuracy: test split ({len(texts)} reviews): torch {torch_acc:.4f}, ONNX fp32 "
          f"{acc['fp32']:.4f}, int8 {acc['int8']:.4f} (loss {100 * (torch_acc - acc['int8']):.2f} points, "
          f"goal <= 1)", flush=True)


def smollm2(runs_dir: str) -> None:
    from engine.export.decoders import empty_cache
    from engine.inference import load_run

    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), SPLIT + [
        "task=generation", "data.source=movie-reviews", "data.max_length=64", "data.limit_rows=400",
        "model.arch=pretrained", "model.pretrained=smollm2-135m", "model.finetune=lora", "train.max_steps=1",
        "train.batch_size=4", "train.sample_max_new_tokens=4"]))
    res = train(cfg, runs_dir=runs_dir)
    t0 = time.perf_counter()
    exp = export_run(res.run_dir, "onnx", measure_speed=False, parity_examples=4)
    print(f"smollm2_export: ONNX with KV cache written in {time.perf_counter() - t0:.0f} s; greedy tokens match "
          f"torch: {exp.parity['fp32']['greedy_tokens_match']}, max |logit diff| "
          f"{exp.parity['fp32']['max_abs_diff']:.2e}", flush=True)
    model = ExportedModel.load(exp.folder)
    run = load_run(res.run_dir)
    prompt = model.prompt_ids("This movie is")
    new_tokens = 100
    hf = run.model.hf
    with torch.no_grad():
        hf.generate(torch.tensor([prompt]), max_new_tokens=5, do_sample=False, use_cache=True)  # warm-up
        t0 = time.perf_counter()
        out = hf.generate(torch.tensor([prompt]), max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                          do_sample=False, use_cache=True, pad_token_id=run.tokenizer.pad_id)
        t_torch = time.perf_counter() - t0
    n_torch = out.shape[1] - len(prompt)

    def no_eos(row, ids):
        return int(np.argmax(row))
    from engine.export.decoders import decode_loop

    spec = model.cache_spec()
    decode_loop(model.step, spec, prompt, max_new_tokens=5, pick=no_eos)
    t0 = time.perf_counter()
    got = decode_loop(model.step, spec, prompt, max_new_tokens=new_tokens, pick=no_eos)
    t_onnx = time.perf_counter() - t0
    print(f"smollm2_decode: greedy {new_tokens} tokens after a {len(prompt)}-token prompt: transformers generate "
          f"(KV cache) {n_torch / t_torch:.1f} tokens/s, ONNX Runtime (KV cache) {len(got) / t_onnx:.1f} tokens/s, "
          f"ratio {len(got) / t_onnx / (n_torch / t_torch):.2f} (goal >= 1.0)", flush=True)

    def per_token(context: int) -> float:
        ids = (prompt * (context // len(prompt) + 1))[:context]
        _, a, b = model.step(np.asarray([ids], dtype=np.int64), *empty_cache(spec))
        one = np.asarray([[ids[-1]]], dtype=np.int64)
        return _p50(lambda: model.step(one, a, b), runs=30)

    t10, t200 = per_token(10), per_token(200)
    print(f"smollm2_context: ONNX time per new token at 10 tokens of context {t10:.1f} ms, at 200 {t200:.1f} ms, "
          f"ratio {t200 / t10:.2f} (goal <= 1.5)", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", choices=["minilm", "smollm2"], default=None)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--runs", default=None, help="keep the runs here (default: a temporary folder)")
    p.add_argument("--minilm-run", default=None, help="an already fine-tuned MiniLM run (skips the training)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="hellotorch-export-bench-") as tmp:
        runs_dir = args.runs or tmp
        if args.only in (None, "minilm"):
            minilm(args.epochs, runs_dir, args.minilm_run)
        if args.only in (None, "smollm2"):
            smollm2(runs_dir)


if __name__ == "__main__":
    main()
