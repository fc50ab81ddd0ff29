"""Batching over pre-tokenized ids: seeded order, a resumable position, padding and evaluation."""
from __future__ import annotations

import random
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The shuffled example order of one epoch; depends only on (seed, epoch), so a resume sees the same."""
    g = torch.Generator().manual_seed(seed * 100_003 + epoch)
    return torch.randperm(n, generator=g).tolist()


GROUP_CHUNK = 50  # batches whose examples are sorted by length together when grouping


def epoch_batches(lengths: list[int], batch_size: int, seed: int, epoch: int,
                  group_by_length: bool = False) -> list[list[int]]:
    """The batches (lists of example indices) of one epoch, a function of (seed, epoch) only.

    With grouping, the shuffled order is cut into chunks of GROUP_CHUNK batches, each chunk is sorted by
    length (longest first) and cut into batches, and the batches are shuffled again: similar lengths share a
    batch, so there is less padding, while every epoch still sees a different seeded order."""
    order = epoch_order(len(lengths), seed, epoch)
    if not group_by_length:
        return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    chunk = batch_size * GROUP_CHUNK
    batches: list[list[int]] = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c:c + chunk], key=lambda i: -lengths[i])
        batches.extend(part[i:i + batch_size] for i in range(0, len(part), batch_size))
    g = torch.Generator().manual_seed(seed * 100_003 + epoch + 7_919)
    return [batches[i] for i in torch.randperm(len(batches), generator=g).tolist()]


def batch_rng(seed: int, epoch: int, index: int) -> random.Random:
    return random.Random(f"{seed}:{epoch}:{index}")


def pad_batch(seqs: list[list[int]], pad_id: int) -> torch.Tensor:
    """Right-pad a list of id lists to the longest one."""
    width = max(1, max(len(s) for s in seqs))
    out = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    for i, s in enumerate(seqs):
        if s:
            out[i, : len(s)] = torch.tensor(s, dtype=torch.long)
    return out


def make_batch(task: str, seqs: list[list[int]], labels: list[int] | None, pad_id: int):
    """Classification: (ids, labels). Generation: blocks become (inputs, next-token targets); for instruction
    data `labels` holds each sequence's prompt length, and the prompt's own tokens are not predicted."""
    if task == "classification":
        return pad_batch(seqs, pad_id), torch.tensor(labels, dtype=torch.long)
    blocks = pad_batch(seqs, pad_id)
    targets = blocks[:, 1:].clone()
    lengths = torch.tensor([len(s) for s in seqs])
    positions = torch.arange(targets.shape[1]).unsqueeze(0)
    targets[positions >= (lengths - 1).unsqueeze(1)] = -100
    if labels is not None:  # target j is token j + 1: the response starts at token prompt_len
        targets[positions < (torch.tensor(labels) - 1).unsqueeze(1)] = -100
    return blocks[:, :-1], targets


def compute_loss(task: str, logits: torch.Tensor, target: torch.Tensor, label_smoothing: float = 0.0
                 ) -> torch.Tensor:
    """The training loss: cross-entropy over classes, or over next tokens with -100 targets ignored."""
    if task == "classification":
        return F.cross_entropy(logits.float(), target, label_smoothing=label_smoothing)
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100,
                           label_smoothing=label_smoothing)


@torch.no_grad()
def evaluate_ids(model: nn.Module, task: str, ids: list[list[int]], labels: list[int] | None, *, pad_id: int,
                 batch_size: int, device: torch.device, autocast_dtype: torch.dtype | None = None,
                 should_stop: Callable[[], bool] | None = None) -> dict:
    """Mean loss (token-weighted for generation) and, for classification, class probabilities."""
    was_training = model.training
    model.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # length order: less padding
    total_loss, total_weight = 0.0, 0
    probs = np.zeros((len(ids), 0), dtype=np.float32)
    prob_rows: dict[int, np.ndarray] = {}
    complete = True
    try:
        for start in range(0, len(order), batch_size):
            if should_stop is not None and should_stop():
                complete = False
                break
            idx = order[start:start + batch_size]
            seqs = [ids[i] for i in idx]
            x, y = make_batch(task, seqs, [labels[i] for i in idx] if labels is not None else None, pad_id)
            x, y = x.to(device), y.to(device)
            with torch.autocast(device.type, dtype=autocast_dtype, enabled=autocast_dtype is not None):
                logits = model(x)
            if task == "classification":
                loss = F.cross_entropy(logits.float(), y, reduction="sum")
                weight = len(idx)
                p = torch.softmax(logits.float(), dim=-1).cpu().numpy()
                for row, i in zip(p, idx):
                    prob_rows[i] = row
            else:
                loss = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1),
                                       ignore_index=-100, reduction="sum")
                weight = int((y != -100).sum())
            total_loss += float(loss)
            total_weight += weight
    finally:
        model.train(was_training)
    if prob_rows:
        probs = np.stack([prob_rows[i] for i in range(len(ids)) if i in prob_rows])
    return {"loss": total_loss / max(1, total_weight), "probs": probs, "count": total_weight, "complete": complete}
