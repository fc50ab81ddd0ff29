"""Does an export compute what the PyTorch model computes, and how fast? (Run on every export.)"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from engine.export.core import FP32_TOLERANCE
from engine.export.runtime import ExportedModel, pad_ids

GREEDY_PROMPT = 8
GREEDY_TOKENS = 12
STOP = -1  # the end of a greedy continuation (<eos>) as one more compared token


def _torch_logits(model: torch.nn.Module, ids: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return model(torch.from_numpy(ids)).float().numpy()


def _chunks(examples: list[list[int]], size: int = 16):
    for i in range(0, len(examples), size):
        yield examples[i:i + size]


def _classification(run, exported: ExportedModel, examples: list[list[int]]) -> tuple[dict, np.ndarray]:
    pad = run.tokenizer.pad_id
    ref, got = [], []
    for chunk in _chunks(examples):
        ids = pad_ids(chunk, pad)
        ref.append(_torch_logits(run.model, ids))
        got.append(exported.logits(ids))
    ref_a, got_a = np.concatenate(ref), np.concatenate(got)
    return {"max_abs_diff": float(np.abs(ref_a - got_a).max()),
            "label_agreement": float((ref_a.argmax(1) == got_a.argmax(1)).mean()),
            "tolerance": FP32_TOLERANCE * max(1.0, float(np.abs(ref_a).max()))}, ref_a


def _generation(run, exported: ExportedModel, examples: list[list[int]]) -> dict:
    from engine.models import generate

    context = int(getattr(run.model, "context_length", None) or run.cfg.data.max_length)
    worst, scale = 0.0, 1.0
    for seq in examples[:4]:
        ids = np.asarray([seq[: min(len(seq), context, 32)]], dtype=np.int64)
        ref = _torch_logits(run.model, ids)
        if exported.cached:
            from engine.export.decoders import empty_cache

            got = exported.step(ids, *empty_cache(exported.cache_spec()))[0]
        else:
            got = exported.logits(ids)
        worst = max(worst, float(np.abs(ref - got).max()))
        scale = max(scale, float(np.abs(ref).max()))
    # Greedy continuations of the first GREEDY_PROMPT tokens of up to 4 examples, compared token by token with the
    # stop counted as a token (a model that ends a line at once still compares one decision per prompt)
    eos, same, compared, match = run.tokenizer.eos_id, 0, 0, True
    for seq in examples[:4]:
        prompt = seq[:GREEDY_PROMPT]
        with torch.no_grad():
            ref_ids = generate(run.model, torch.tensor([prompt]), max_new_tokens=GREEDY_TOKENS, greedy=True,
                               eos_id=eos)[0, len(prompt):].tolist()
        ref_ids = (ref_ids[: ref_ids.index(eos)] if eos in ref_ids else ref_ids)[:GREEDY_TOKENS]
        got_ids = exported.generate_ids(prompt, max_new_tokens=GREEDY_TOKENS, temperature=0.0)
        ref_t, got_t = (ids + ([STOP] if len(ids) < GREEDY_TOKENS else []) for ids in (ref_ids, got_ids))
        same += sum(a == b for a, b in zip(ref_t, got_t))
        compared += max(len(ref_t), len(got_t))
        match = match and ref_t == got_t
    return {"max_abs_diff": worst, "tolerance": FP32_TOLERANCE * scale, "greedy_tokens_match": match,
            "greedy_agreement": same / max(1, compared), "greedy_compared": compared, "label_agreement": None}


def check_parity(run, folder: Path, examples: list[list[int]], data: Any = None) -> dict:
    """fp32 (and int8) export vs the PyTorch model on the same examples, plus tokenizer.json agreement."""
    out: dict = {"examples": len(examples)}
    exported = ExportedModel.load(folder)
    if run.task == "classification":
        out["fp32"], ref = _classification(run, exported, examples)
        labels = None
        if data is not None and data.labels.get("test") and len(data.ids.get("test") or []) >= len(examples):
            labels = np.asarray(data.labels["test"][: len(examples)])
            out["torch_accuracy"] = float((ref.argmax(1) == labels).mean())
        if exported.card.get("int8_file"):
            q = ExportedModel.load(folder, "int8")
            got = np.concatenate([q.logits(pad_ids(c, run.tokenizer.pad_id)) for c in _chunks(examples)])
            out["int8"] = {"max_abs_diff": float(np.abs(ref - got).max()),
                           "label_agreement": float((ref.argmax(1) == got.argmax(1)).mean())}
            if labels is not None:
                out["int8"]["accuracy"] = float((got.argmax(1) == labels).mean())
    else:
        out["fp32"] = _generation(run, exported, examples)
        if exported.card.get("int8_file"):
            q = ExportedModel.load(folder, "int8")
            g = _generation(run, q, examples)
            out["int8"] = {"max_abs_diff": g["max_abs_diff"], "greedy_agreement": g["greedy_agreement"],
                           "greedy_compared": g["greedy_compared"], "label_agreement": None}
    tok_file = (exported.card.get("tokenizer") or {}).get("file")
    if tok_file and data is not None:
        out.update(tokenizer_json_agreement(run, folder / tok_file,
                                            (data.texts.get("test") or data.texts.get("train") or [])[:200]))
    return out


def tokenizer_json_agreement(run, path: Path, texts: list[str]) -> dict:
    """Share of texts that the export's tokenizer.json, used as `tokenizers` users use it (encode, decode with
    its defaults), encodes to the ids the app feeds the model and decodes to the text the app prints."""
    from tokenizers import Tokenizer

    from engine.data.encoding import classification_ids, plain_ids

    if not texts:
        return {"tokenizer_json_agreement": None, "tokenizer_json_decode_agreement": None}
    hf = Tokenizer.from_file(str(path))
    ours = (classification_ids(run.tokenizer, texts, run.cfg.data.max_length) if run.task == "classification"
            else plain_ids(run.tokenizer, texts)).tolist()
    theirs = [e.ids for e in hf.encode_batch(texts)]
    decoded = [hf.decode(ids) == run.tokenizer.decode(ids) for ids in ours]
    return {"tokenizer_json_agreement": float(np.mean([a == b for a, b in zip(ours, theirs)])),
            "tokenizer_json_decode_agreement": float(np.mean(decoded))}


def latencies(fn, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def time_backend(exported: ExportedModel, examples: list[list[int]], pad_id: int, runs: int = 30,
                 budget_s: float = 10.0) -> dict:
    """Latency p50/p95 (ms) at batch 1 on a ~15-token input and throughput (examples/s) at batch 32;
    generation: the same for a forward over the prompt, plus decoding tokens/s."""
    one = min(examples, key=lambda s: abs(len(s) - 15))
    ids1 = np.asarray([one], dtype=np.int64)
    batch = (examples * (32 // max(1, len(examples)) + 1))[:32]
    ids32 = pad_ids(batch, pad_id)
    if exported.task == "classification":
        def single():
            exported.logits(ids1)

        def many():
            exported.logits(ids32)
    else:
        from engine.export.decoders import empty_cache

        spec = exported.cache_spec()

        def single():
            if exported.cached:
                exported.step(ids1, *empty_cache(spec))
            else:
                exported.logits(ids1)

        def many():
            if exported.cached:
                a, b = empty_cache(spec)
                shape = list(a.shape)
                shape[1] = 32
                exported.step(ids32, np.zeros(shape, np.float32), np.zeros(shape, np.float32))
            else:
                exported.logits(ids32)
    t0 = time.perf_counter()
    single()
    first = time.perf_counter() - t0
    n = max(5, min(runs, int(budget_s / 2 / max(first, 1e-4))))
    lat = np.asarray(latencies(single, n)) * 1000
    t0 = time.perf_counter()
    many()
    first32 = time.perf_counter() - t0
    m = max(2, min(10, int(budget_s / 2 / max(first32, 1e-4))))
    t32 = latencies(many, m, warmup=1)
    row = {"backend": exported.backend, "p50_ms": float(np.percentile(lat, 50)),
           "p95_ms": float(np.percentile(lat, 95)), "throughput_per_s": 32 / float(np.median(t32))}
    if exported.task == "generation":  # decoding steps per second: a step that picks <eos> is one too
        steps, t0 = 0, time.perf_counter()
        for seq in (examples[:4] or [one]):
            new = exported.generate_ids(list(seq[:8]) or one[:8], max_new_tokens=20, temperature=0.0)
            steps += len(new) + (len(new) < 20)
        row["decode_tokens_per_s"] = steps / max(1e-9, time.perf_counter() - t0)
    return row


def measure_speed(folder: Path, examples: list[list[int]], pad_id: int) -> dict:
    """Timing of the export's own file (and its int8 file): a row per backend, plus sizes."""
    exported = ExportedModel.load(folder)
    rows = [time_backend(exported, examples, pad_id)]
    if exported.card.get("int8_file"):
        rows.append(time_backend(ExportedModel.load(folder, "int8"), examples, pad_id))
    sizes = {"model_bytes": (folder / exported.card["model_file"]).stat().st_size
             if (folder / exported.card["model_file"]).is_file() else None}
    if exported.card.get("int8_file"):
        sizes["int8_bytes"] = (folder / exported.card["int8_file"]).stat().st_size
    return {"rows": rows, **sizes}
