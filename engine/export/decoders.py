"""The one wrapper that gives every decoder the engine trains a cache-in / cache-out signature.

    logits, new_a, new_b = CachedDecoder(model)(input_ids, cache_a, cache_b)

- GPT (from scratch): cache_a/cache_b are the keys/values [layers, batch, heads, past, head_dim].
- LSTM language model: cache_a/cache_b are the state h/c [layers, batch, hidden] (they do not grow).
- Hugging Face causal LMs (Llama, SmolLM2, ...): keys/values [layers, batch, kv_heads, past, head_dim],
  rebuilt into a `DynamicCache` on the way in and stacked on the way out.

ONNX export traces this module, so decoding through ONNX Runtime is incremental: feed the prompt with an
empty cache, then one token at a time with the cache the previous call returned (`decode_loop`).
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch
from torch import nn

INPUT_NAMES = ["input_ids", "cache_a", "cache_b"]
OUTPUT_NAMES = ["logits", "new_cache_a", "new_cache_b"]


def _hf_model(model: nn.Module) -> nn.Module | None:
    return getattr(model, "hf", None)


class CachedDecoder(nn.Module):
    """(input_ids [B, T], cache_a, cache_b) -> (logits [B, T, V], new cache_a, new cache_b)."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model
        self.hf = _hf_model(model)
        if self.hf is None and not hasattr(model, "forward_cached"):
            raise TypeError(f"{type(model).__name__} has no cached decoding path")

    def forward(self, input_ids: torch.Tensor, cache_a: torch.Tensor, cache_b: torch.Tensor):
        if self.hf is None:
            return self.model.forward_cached(input_ids, cache_a, cache_b)
        from engine.lazy import TRANSFORMERS_LOCK

        with TRANSFORMERS_LOCK:  # the first import, one thread at a time (engine.lazy)
            from transformers import DynamicCache

        cache = DynamicCache(config=self.hf.config)
        for i in range(cache_a.shape[0]):
            cache.update(cache_a[i], cache_b[i], i)
        past = cache_a.shape[3]
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0) + past
        mask = torch.ones(input_ids.shape[0], past + t, dtype=torch.long, device=input_ids.device)
        out = self.hf(input_ids=input_ids, past_key_values=cache, position_ids=positions, attention_mask=mask,
                      use_cache=True)
        layers = out.past_key_values.layers
        return (out.logits, torch.stack([layer.keys for layer in layers]),
                torch.stack([layer.values for layer in layers]))


def cache_spec(model: nn.Module) -> dict:
    """How to start a cache for `model`: its initial (empty) shape at batch 1, the axis that grows with the
    context (None for an RNN state) and the longest context the model takes."""
    hf = _hf_model(model)
    if hf is not None:
        c = hf.config
        heads = getattr(c, "num_attention_heads", 1)
        kv_heads = getattr(c, "num_key_value_heads", None) or heads
        head_dim = getattr(c, "head_dim", None) or c.hidden_size // heads
        shape = [c.num_hidden_layers, 1, kv_heads, 0, head_dim]
        return {"kind": "kv", "shape": shape, "grow_axis": 3,
                "context": int(getattr(c, "max_position_embeddings", 0) or 0) or None}
    shape = list(model.cache_shape(1))
    if getattr(model, "arch", "") == "lstm_lm":
        return {"kind": "state", "shape": shape, "grow_axis": None, "context": None}
    return {"kind": "kv", "shape": shape, "grow_axis": 3, "context": int(model.max_context)}


def torch_step(module: nn.Module, device: torch.device | str = "cpu"
               ) -> Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """decode_loop's `step` for a PyTorch module with the (input_ids, cache_a, cache_b) call (CachedDecoder, a
    traced one): a run in the app and its safetensors/hf/TorchScript exports decode through the same loop."""
    def step(ids: np.ndarray, a: np.ndarray, b: np.ndarray):
        with torch.no_grad():
            out = module(torch.from_numpy(np.ascontiguousarray(ids)).to(device), torch.from_numpy(a).to(device),
                         torch.from_numpy(b).to(device))
        return tuple(t.float().cpu().numpy() for t in out)

    return step


def empty_cache(spec: dict, dtype=np.float32) -> tuple[np.ndarray, np.ndarray]:
    shape = tuple(spec["shape"])
    return np.zeros(shape, dtype=dtype), np.zeros(shape, dtype=dtype)


def decode_loop(step: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]],
                spec: dict, prompt_ids: list[int], *, max_new_tokens: int, pick: Callable[[np.ndarray, list[int]], int],
                eos_id: int | None = None, on_token: Callable[[int], Any] | None = None) -> list[int]:
    """Incremental decoding with any backend's `step` (ONNX Runtime session, traced module, eager module).

    The prompt goes in once; each later call feeds only the new token and the cache. When a growing cache
    reaches the model's context, decoding restarts from the most recent half-context tokens (a sliding
    window, as `engine.models.sampling.generate` crops the context)."""
    ids = list(prompt_ids)
    context = spec.get("context")
    a, b = empty_cache(spec)
    feed = ids if context is None else ids[-context:]
    new: list[int] = []
    for _ in range(max_new_tokens):
        logits, a, b = step(np.asarray([feed], dtype=np.int64), a, b)
        token = int(pick(logits[0, -1], ids))
        if eos_id is not None and token == eos_id:
            break
        ids.append(token)
        new.append(token)
        if on_token is not None and on_token(token) is False:
            break
        feed = [token]
        if context is not None and spec.get("grow_axis") is not None and a.shape[spec["grow_axis"]] + 1 > context:
            a, b = empty_cache(spec)
            feed = ids[-max(1, context // 2):]
    return new
