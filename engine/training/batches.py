"""Batching over pre-tokenized ids: seeded order, a resumable position, padding and evaluation.

The trainer's hot path is `Batcher`: a split's ids (TokenIds) and labels sit as tensors on the training device
when they fit (else in pinned host memory), and a batch is one gather plus a mask, with no Python list per
step and no device-to-host sync (batch widths come from host-side lengths). `epoch_batches` and `make_batch`
keep the list-based interface for augmentation and small callers; both paths give the same tensors."""
from __future__ import annotations

import random
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from engine.data.tokens import TokenIds, as_token_ids


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The shuffled example order of one epoch; depends only on (seed, epoch), so a resume sees the same."""
    g = torch.Generator().manual_seed(seed * 100_003 + epoch)
    return torch.randperm(n, generator=g).tolist()


GROUP_CHUNK = 50  # batches whose examples are sorted by length together when grouping


def epoch_batches(lengths, batch_size: int, seed: int, epoch: int,
                  group_by_length: bool = False) -> list[list[int]]:
    """The batches (lists of example indices) of one epoch, a function of (seed, epoch) only.

    With grouping, the shuffled order is cut into chunks of GROUP_CHUNK batches, each chunk is sorted by
    length (longest first) and cut into batches, and the batches are shuffled again: similar lengths share a
    batch, so there is less padding, while every epoch still sees a different seeded order."""
    return [b.tolist() for b in epoch_batch_tensors(lengths, batch_size, seed, epoch, group_by_length)]


def pinned(batches: list[torch.Tensor], device: torch.device) -> list[torch.Tensor]:
    """The batches' indices in one page-locked tensor when training on CUDA: a copy from pageable memory would
    wait for the GPU to finish its queue, once a step."""
    if torch.device(device).type != "cuda" or not batches:
        return batches
    flat = torch.cat(batches).pin_memory()
    return list(torch.split(flat, [len(b) for b in batches]))


def epoch_batch_tensors(lengths, batch_size: int, seed: int, epoch: int,
                        group_by_length: bool = False) -> list[torch.Tensor]:
    """epoch_batches as int64 index tensors (views of one order tensor): the trainer's form, no lists."""
    n = len(lengths)
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed * 100_003 + epoch))
    if not group_by_length:
        return list(torch.split(order, batch_size)) if n else []
    lens = np.asarray(lengths.numpy() if isinstance(lengths, torch.Tensor) else lengths, dtype=np.int64)
    order_np = order.numpy()
    chunk = batch_size * GROUP_CHUNK
    batches: list[torch.Tensor] = []
    for c in range(0, n, chunk):
        part = order_np[c:c + chunk]
        part = part[np.argsort(-lens[part], kind="stable")]  # longest first; ties keep the shuffled order
        batches.extend(torch.split(torch.from_numpy(part.copy()), batch_size))
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
    lengths = torch.tensor([len(s) for s in seqs])
    return lm_targets(pad_batch(seqs, pad_id), lengths, torch.tensor(labels) if labels is not None else None)


def lm_targets(blocks: torch.Tensor, lengths: torch.Tensor, prompt_lengths: torch.Tensor | None = None
               ) -> tuple[torch.Tensor, torch.Tensor]:
    """Padded blocks [B, W] -> (inputs [B, W-1], next-token targets with -100 past each block's end and, for
    instruction data, over the prompt)."""
    targets = blocks[:, 1:].clone()
    positions = torch.arange(targets.shape[1], device=blocks.device).unsqueeze(0)
    targets[positions >= (lengths - 1).unsqueeze(1)] = -100
    if prompt_lengths is not None:  # target j is token j + 1: the response starts at token prompt_len
        targets[positions < (prompt_lengths - 1).unsqueeze(1)] = -100
    return blocks[:, :-1], targets


class Batcher:
    """Batches of one split as tensors on the training device, built by index.

    The ids (TokenIds) and labels move to `device` once when they take at most `device_share` of its free
    memory; otherwise they stay in pinned host memory, each batch is gathered there and copied without
    blocking. `width_multiple` > 1 rounds each batch's width up (fewer distinct shapes for CUDA graphs)."""

    def __init__(self, task: str, ids, labels: list[int] | None, pad_id: int, device: torch.device,
                 width_multiple: int = 1, device_share: float = 0.25) -> None:
        self.task, self.pad_id, self.device = task, pad_id, torch.device(device)
        self.width_multiple = max(1, width_multiple)
        ids = as_token_ids(ids)
        self.max_width = max(1, int(ids.lengths.max())) if len(ids) else 1
        label_t = torch.tensor(labels, dtype=torch.long) if labels is not None and len(labels) else None
        on_device = self.device.type == "cpu" or _fits(self.device, ids.nbytes, device_share)
        home = self.device if on_device else torch.device("cpu")
        self.ids: TokenIds = ids.to(home, pin=not on_device)
        self.labels = label_t.to(home) if label_t is not None else None
        self.copy = not on_device  # a batch is gathered on the host and copied over

    @property
    def on_device(self) -> bool:
        return not self.copy

    def width(self, index: torch.Tensor) -> int:
        w = self.ids.width(index)
        m = self.width_multiple
        return min(self.max_width, -(-w // m) * m) if m > 1 else w

    def __call__(self, index: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """(inputs, targets) of the examples at `index` (a host int64 tensor), on the training device."""
        width = self.width(index)
        idx = index.to(self.ids.device, non_blocking=True)
        x = self.ids.pad(idx, self.pad_id, width)
        if self.task == "classification":
            y = self.labels[idx] if self.labels is not None else None
        else:  # lengths from the offsets where the ids live: no host tensor to copy
            lengths = self.ids.offsets[idx + 1] - self.ids.offsets[idx]
            x, y = lm_targets(x, lengths, self.labels[idx] if self.labels is not None else None)
        if self.copy:
            x = x.pin_memory().to(self.device, non_blocking=True)
            y = y.pin_memory().to(self.device, non_blocking=True) if y is not None else None
        return x, y


def _fits(device: torch.device, nbytes: int, share: float) -> bool:
    """True when `nbytes` take at most `share` of the device's free memory (False when it cannot be read)."""
    try:
        if device.type == "cuda":
            return nbytes <= share * torch.cuda.mem_get_info(device)[0]
        return device.type != "meta"
    except Exception:  # noqa: BLE001 - no figure: keep the data on the host
        return False


def compute_loss(task: str, logits: torch.Tensor, target: torch.Tensor, label_smoothing: float = 0.0
                 ) -> torch.Tensor:
    """The training loss: cross-entropy over classes, or over next tokens with -100 targets ignored. Classifier
    logits stacked [K, B, C] (an ensemble in training mode) give the mean of the K members' own losses."""
    if task == "classification":
        if logits.dim() == 3:
            target = target.repeat(logits.shape[0])
            logits = logits.reshape(-1, logits.shape[-1])
        return F.cross_entropy(logits.float(), target, label_smoothing=label_smoothing)
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100,
                           label_smoothing=label_smoothing)


@torch.no_grad()
def evaluate_ids(model: nn.Module, task: str, ids, labels: list[int] | None, *, pad_id: int,
                 batch_size: int, device: torch.device, autocast_dtype: torch.dtype | None = None,
                 should_stop: Callable[[], bool] | None = None) -> dict:
    """Mean loss (token-weighted for generation) and, for classification, class probabilities.

    Examples go in length order (less padding); the loss and the probabilities stay on the device until the
    end, so the only syncs are the stop checks' (none) and the final read."""
    was_training = model.training
    model.eval()
    ids = as_token_ids(ids)
    batcher = Batcher(task, ids, labels, pad_id, device)
    order = torch.from_numpy(np.argsort(ids.lengths.numpy(), kind="stable"))
    if batcher.on_device and torch.device(device).type == "cuda":
        order = order.pin_memory()
    total_loss = torch.zeros((), dtype=torch.float64, device=device)
    total_weight = torch.zeros((), dtype=torch.long, device=device)
    prob_parts: list[torch.Tensor] = []
    complete, done = True, 0
    try:
        for start in range(0, len(order), batch_size):
            if should_stop is not None and should_stop():
                complete = False
                break
            idx = order[start:start + batch_size]
            x, y = batcher(idx)
            with torch.autocast(device.type, dtype=autocast_dtype, enabled=autocast_dtype is not None):
                logits = model(x)
            if task == "classification":
                total_loss += F.cross_entropy(logits.float(), y, reduction="sum")
                total_weight += len(idx)
                prob_parts.append(torch.softmax(logits.float(), dim=-1))
            else:
                total_loss += F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1),
                                              ignore_index=-100, reduction="sum")
                total_weight += (y != -100).sum()
            done = start + len(idx)
    finally:
        model.train(was_training)
    probs = np.zeros((0, 0), dtype=np.float32)
    if prob_parts:  # back to the examples' own order (the ones scored, when stopped early)
        scored = order[:done]
        p = torch.cat(prob_parts).cpu().numpy()
        probs = np.zeros((len(ids), p.shape[1]), dtype=np.float32)
        probs[scored.numpy()] = p
        if done < len(ids):
            probs = probs[np.sort(scored.numpy())]
    weight = int(total_weight)
    return {"loss": float(total_loss) / max(1, weight), "probs": probs, "count": weight, "complete": complete}
