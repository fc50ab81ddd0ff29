"""Autoregressive sampling for the generation models: temperature, top-k, top-p, EOS and cooperative stop."""
from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn


def penalize_repeats(logits: torch.Tensor, ids: torch.Tensor, penalty: float) -> torch.Tensor:
    """CTRL-style repetition penalty: tokens already present get their logit divided (if > 0) or multiplied
    (if < 0) by ``penalty``; 1.0 changes nothing."""
    if penalty == 1.0:
        return logits
    seen = torch.gather(logits, -1, ids)
    seen = torch.where(seen > 0, seen / penalty, seen * penalty)
    return logits.scatter(-1, ids, seen)


def filter_logits(logits: torch.Tensor, top_k: int = 0, top_p: float = 1.0) -> torch.Tensor:
    """Set logits outside the top-k and outside the top-p nucleus to -inf; the best token always survives."""
    if top_k > 0 and top_k < logits.shape[-1]:
        kth = torch.topk(logits, top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p < 1.0:
        sorted_logits, order = torch.sort(logits, dim=-1, descending=True)
        probs = sorted_logits.softmax(dim=-1)
        # Drop a token when the tokens ranked above it already cover top_p of the mass.
        drop_sorted = probs.cumsum(dim=-1) - probs >= top_p
        drop_sorted[..., 0] = False
        drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)
        logits = logits.masked_fill(drop, float("-inf"))
    return logits


def _context_limit(model: nn.Module) -> int:
    limit = getattr(model, "context_length", None) or getattr(model, "max_context", None)
    return int(limit) if limit else 2**62


@torch.no_grad()
def generate(model: nn.Module, input_ids: torch.Tensor, *, max_new_tokens: int, temperature: float = 1.0,
             top_k: int = 0, top_p: float = 1.0, eos_id: int | None = None, greedy: bool = False,
             generator: torch.Generator | None = None,
             on_token: Callable[[int], bool | None] | None = None,
             repetition_penalty: float = 1.0) -> torch.Tensor:
    """Continue ``input_ids`` [B, T] (or [T]) by up to ``max_new_tokens``; returns prompt + new tokens [B, T + n].

    The context is cropped to the model's context length each step. ``greedy`` (or temperature <= 0)
    takes the arg-max. Generation stops when every row has produced ``eos_id`` (the EOS is kept in the
    output; rows that finish early are filled with ``model.pad_id``) or when ``on_token`` returns False.
    ``on_token`` sees each new token id of a single-row prompt except the EOS, so a GUI can stream text.
    The model's train/eval mode is left as the caller set it.
    """
    if input_ids.dim() == 1:
        input_ids = input_ids.unsqueeze(0)
    if input_ids.dim() != 2 or input_ids.shape[1] == 0:
        raise ValueError("generate() needs a prompt of shape [B, T] with T >= 1 (start from a BOS or any token).")
    if on_token is not None and input_ids.shape[0] != 1:
        raise ValueError("on_token streams one sequence; pass a prompt with batch size 1.")
    if repetition_penalty <= 0:
        raise ValueError(f"repetition_penalty must be > 0 (got {repetition_penalty}).")
    if max_new_tokens < 0:
        raise ValueError(f"max_new_tokens must be >= 0 (got {max_new_tokens}).")
    device = next(model.parameters()).device
    ids = input_ids.to(device)
    limit = _context_limit(model)
    pad_id = int(getattr(model, "pad_id", 0))
    finished = torch.zeros(ids.shape[0], dtype=torch.bool, device=device)
    for _ in range(max_new_tokens):
        logits = penalize_repeats(model(ids[:, -limit:])[:, -1, :].float(), ids, repetition_penalty)
        if greedy or temperature <= 0:
            nxt = logits.argmax(dim=-1)
        else:
            probs = filter_logits(logits / temperature, top_k, top_p).softmax(dim=-1)
            if generator is not None and generator.device != probs.device:
                probs = probs.to(generator.device)
            nxt = torch.multinomial(probs, 1, generator=generator).squeeze(-1).to(device)
        if eos_id is not None:
            nxt = nxt.masked_fill(finished, pad_id)
        ids = torch.cat([ids, nxt.unsqueeze(-1)], dim=1)
        if eos_id is not None:
            finished |= nxt == eos_id
        token = int(nxt[0]) if on_token is not None else None
        if eos_id is not None and bool(finished.all()):
            break
        if on_token is not None and on_token(token) is False:
            break
    return ids
