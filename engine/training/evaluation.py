"""Metrics of a split for a model in memory: shared by the loop, `hellotorch eval` and the window."""
from __future__ import annotations

import time
from typing import Any

import torch

from engine.metrics import classification_metrics, generation_similarity, perplexity
from engine.sysmem import release_freed_memory
from engine.training.batches import evaluate_ids

MAX_REFERENCE_EXAMPLES = 40
SAMPLE_STREAM_S = 0.05  # a streamed sample is passed to the callbacks at most this often


def evaluate_split(ctx: Any, split: str, final: bool = False) -> dict:
    """`ctx` has model, data (PreparedData), cfg, device, amp_dtype and optionally control."""
    d, cfg = ctx.data, ctx.cfg
    control = getattr(ctx, "control", None)
    ids = d.ids[split]
    labels = d.labels.get(split) if cfg.task == "classification" else (d.labels.get(split) or None)
    out = evaluate_ids(ctx.model, cfg.task, ids, labels, pad_id=d.tokenizer.pad_id,
                       batch_size=max(cfg.train.batch_size, 64), device=ctx.device, autocast_dtype=ctx.amp_dtype,
                       should_stop=None if final or control is None else (lambda: control.should_stop))
    release_freed_memory()  # the batches' buffers: kept by the allocator, they would add to the next phase
    if not out["complete"]:
        return {}  # interrupted by Stop: no partial metrics
    if cfg.task == "classification":
        metrics = classification_metrics(labels, out["probs"], d.label_names) if len(out["probs"]) else {}
        metrics["loss"] = out["loss"]
        if final:
            metrics["predictions"] = out["probs"].argmax(axis=1).tolist() if len(out["probs"]) else []
            metrics["probabilities"] = out["probs"].tolist()
        return metrics
    metrics = {"loss": out["loss"], "perplexity": perplexity(out["loss"])}
    if final:
        metrics.update(response_similarity(ctx, split) if d.sft else continuation_similarity(ctx, d.texts[split]))
    else:
        metrics["samples"] = sample_generations(ctx)
    return metrics


def _prompts(ctx: Any) -> list[str]:
    cfg, d = ctx.cfg, ctx.data
    if cfg.train.sample_prompts.strip():
        return [p for p in cfg.train.sample_prompts.split("|") if p.strip()][:4]
    prompts = []
    for text in d.texts.get("val", [])[:3]:
        toks = d.tokenizer.encode(text)[:4]
        prompts.append(d.tokenizer.decode(toks))
    return prompts or [""]


@torch.no_grad()
def sample_generations(ctx: Any, seed: int = 0) -> list[dict]:
    """Continue a few fixed prompts (seeded sampling, own generator: training RNG untouched)."""
    from engine.models import generate

    d, cfg = ctx.data, ctx.cfg
    tok = d.tokenizer
    was = ctx.model.training
    ctx.model.eval()
    gen = torch.Generator(device="cpu").manual_seed(cfg.train.seed + seed)
    cb, state, control = getattr(ctx, "cb", None), getattr(ctx, "state", None), getattr(ctx, "control", None)
    samples = []
    try:
        for index, prompt in enumerate(_prompts(ctx)):
            ids = d.prompt_ids(prompt)
            x = torch.tensor([ids], dtype=torch.long, device=ctx.device)
            new: list[int] = []
            last = [time.monotonic()]

            def on_token(token: int, index=index, prompt=prompt, new=new, last=last) -> bool:
                new.append(token)
                now = time.monotonic()
                if cb is not None and now - last[0] >= SAMPLE_STREAM_S:
                    last[0] = now
                    cb.on_sample(state, control, {"step": getattr(state, "step", 0), "index": index,
                                                  "prompt": prompt, "completion": tok.decode(new), "done": False})
                return not (control is not None and control.should_stop)

            y = generate(ctx.model, x, max_new_tokens=cfg.train.sample_max_new_tokens, temperature=0.8, top_k=40,
                         eos_id=tok.eos_id, generator=gen if ctx.device.type == "cpu" else None,
                         on_token=on_token)
            sample = {"prompt": prompt, "completion": tok.decode(y[0, len(ids):].tolist())}
            samples.append(sample)
            if cb is not None:
                cb.on_sample(state, control, dict(sample, step=getattr(state, "step", 0), index=index, done=True))
            if control is not None and control.should_stop:
                break
    finally:
        ctx.model.train(was)
    return samples


MIN_CONTINUATION_TOKENS = 6  # a held-out text is continued from its first half when it has at least this many


def _known(tok, ids: list[int]) -> list[int]:  # noqa: ANN001
    """Generated ids without <unk>: the model saying "a word I do not know" matches nothing in a reference."""
    unk = getattr(tok, "unk_id", None)
    return [i for i in ids if i != unk] if unk is not None else ids


@torch.no_grad()
def response_similarity(ctx: Any, split: str) -> dict:
    """Instruction data: greedy answers to held-out prompts vs the reference responses (ROUGE-L, chrF)."""
    from engine.models import generate

    d = ctx.data
    tok = d.tokenizer
    was = ctx.model.training
    ctx.model.eval()
    preds, refs = [], []
    try:
        for prompt, ref in list(zip(d.texts[split], d.responses.get(split, [])))[:MAX_REFERENCE_EXAMPLES]:
            ids = d.prompt_ids(prompt)
            want = min(len(tok.encode(ref)) + 1, ctx.cfg.data.max_length)
            y = generate(ctx.model, torch.tensor([ids], device=ctx.device), max_new_tokens=want, greedy=True,
                         eos_id=tok.eos_id)
            preds.append(tok.decode(_known(tok, y[0, len(ids):].tolist())))
            refs.append(ref)
    finally:
        ctx.model.train(was)
    if not preds:
        return {}
    sim = generation_similarity(preds, refs)
    sim["examples"] = [{"reference": r, "generated": p} for p, r in list(zip(preds, refs))[:5]]
    return sim


@torch.no_grad()
def continuation_similarity(ctx: Any, texts: list[str]) -> dict:
    """Greedy continuation of the first half of held-out texts vs. their true second half (ROUGE-L, chrF)."""
    from engine.models import generate

    tok = ctx.data.tokenizer
    was = ctx.model.training
    ctx.model.eval()
    preds, refs = [], []
    try:
        for text in texts:
            ids = tok.encode(text)
            if len(ids) < MIN_CONTINUATION_TOKENS:
                continue
            ids = ids[: ctx.cfg.data.max_length]
            half = len(ids) // 2
            x = torch.tensor([[tok.eos_id] + ids[:half]], dtype=torch.long, device=ctx.device)
            y = generate(ctx.model, x, max_new_tokens=len(ids) - half, greedy=True, eos_id=tok.eos_id)
            preds.append(tok.decode(_known(tok, y[0, half + 1:].tolist())))
            refs.append(tok.decode(ids[half:]))  # an unknown word stays <unk> here: a generated one never matches it
            if len(preds) >= MAX_REFERENCE_EXAMPLES:
                break
    finally:
        ctx.model.train(was)
    if not preds:  # said rather than left out: the README promises these scores for generation runs
        return {"similarity_note": f"ROUGE-L and chrF were not computed: every held-out text is shorter than "
                                   f"{MIN_CONTINUATION_TOKENS} tokens, too short to continue half of it."}
    sim = generation_similarity(preds, refs)
    sim["examples"] = [{"reference": r, "generated": p} for p, r in list(zip(preds, refs))[:5]]
    return sim
