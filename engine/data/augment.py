"""Training-only token augmentation (random delete, swap with neighbour, mask), deterministic given an rng."""
from __future__ import annotations

import random
from typing import Any


def augment_ids(ids: list[int], rng: random.Random, delete_p: float, swap_p: float, mask_p: float,
                mask_id: int) -> list[int]:
    """Delete each token with delete_p (never all), swap neighbours with swap_p, then mask with mask_p."""
    out = list(ids)
    if not out or (delete_p <= 0 and swap_p <= 0 and mask_p <= 0):
        return out
    if delete_p > 0:
        kept = [t for t in out if rng.random() >= delete_p]
        out = kept if kept else [out[rng.randrange(len(out))]]
    if swap_p > 0:
        i = 0
        while i < len(out) - 1:
            if rng.random() < swap_p:
                out[i], out[i + 1] = out[i + 1], out[i]
                i += 2
            else:
                i += 1
    if mask_p > 0:
        out = [mask_id if rng.random() < mask_p else t for t in out]
    return out


def augment_text(text: str, tokenizer: Any, rng: random.Random, delete_p: float, swap_p: float,
                 mask_p: float) -> str:
    """The text as the model would see it after augmentation; masked tokens show as '<unk>'."""
    ids = tokenizer.encode(text)
    return tokenizer.decode(augment_ids(ids, rng, delete_p, swap_p, mask_p, tokenizer.unk_id))
