"""Optimizers, learning-rate schedules and the L1 penalty."""
from __future__ import annotations

import math

import torch
from torch import nn

from engine.config import TrainConfig
from engine.models.classifiers import members


NGRAM_LR_SCALE = 5.0  # the n-gram bag is a linear model on sparse counts: it learns best faster than the net


def build_optimizer(model: nn.Module, t: TrainConfig) -> torch.optim.Optimizer:
    """SGD (momentum, Nesterov), Adam or AdamW; no weight decay on biases, norms and embeddings' padding. A
    classifier's n-gram bag (``ngram.*``, an ensemble member's too) gets its own group: NGRAM_LR_SCALE x the learning rate, no decay."""
    decay, no_decay, wide = [], [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        if name.startswith("ngram.") or ".ngram." in name:  # an ensemble's: members.N.ngram.*
            wide.append(p)
        else:
            (decay if p.dim() > 1 else no_decay).append(p)
    groups = [{"params": decay, "weight_decay": t.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    if wide:
        groups.append({"params": wide, "weight_decay": 0.0, "lr": t.lr * NGRAM_LR_SCALE})
    if t.optimizer == "sgd":
        return torch.optim.SGD(groups, lr=t.lr, momentum=t.momentum, nesterov=t.nesterov and t.momentum > 0)
    # The fused kernels (CPU and CUDA) update all parameters in one pass; the default on CPU is a Python loop
    # over tensors, which cost the engine ~5% against transformers.Trainer (bench/finetune_vs_trainer.py).
    params = [p for g in groups for p in g["params"]]
    fused = bool(params) and all(p.device.type in ("cpu", "cuda") and p.dtype.is_floating_point for p in params)
    if t.optimizer == "adadelta":
        return torch.optim.Adadelta(groups, lr=t.lr, rho=0.95, eps=1e-6)  # Kim (2014)'s settings
    if t.optimizer == "adam":
        return torch.optim.Adam(groups, lr=t.lr, fused=fused or None)
    return torch.optim.AdamW(groups, lr=t.lr, fused=fused or None)


def output_layer(model: nn.Module) -> nn.Linear | None:
    """The classifier's last layer (weights [num_classes, features]); None for models without one."""
    inner = getattr(model, "module", model)  # DDP
    for name in ("fc", "head"):
        layer = getattr(inner, name, None)
        if isinstance(layer, nn.Linear):
            return layer
    return None


@torch.no_grad()
def apply_max_norm(model: nn.Module, max_norm: float) -> None:
    """Rescale each row (one class) of the output weights to L2 norm `max_norm` when it is larger (every
    ensemble member's)."""
    for one in members(model):
        layer = output_layer(one)
        if layer is None or max_norm <= 0:
            continue
        w = layer.weight
        norms = w.norm(dim=1, keepdim=True)
        w.mul_(torch.clamp(max_norm / norms.clamp_min(1e-12), max=1.0))


def lr_factor(step: int, t: TrainConfig, total_steps: int) -> float:
    """Multiplier of the peak LR at an optimizer step (pure function: resumable and plottable)."""
    warm = t.warmup_steps
    if t.scheduler in ("constant", "linear", "cosine") and warm > 0 and step < warm:
        return (step + 1) / warm
    if t.scheduler == "constant":
        return 1.0
    if t.scheduler == "linear":
        span = max(1, total_steps - warm)
        return max(0.0, 1.0 - (step - warm) / span)
    if t.scheduler == "cosine":
        span = max(1, total_steps - warm)
        progress = min(1.0, (step - warm) / span)
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    if t.scheduler == "step":
        return t.gamma ** (step // t.step_size)
    if t.scheduler == "exponential":
        return t.gamma ** step
    raise ValueError(f"unknown scheduler {t.scheduler}")


def build_scheduler(optimizer: torch.optim.Optimizer, t: TrainConfig, total_steps: int):
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: lr_factor(s, t, total_steps))


def lr_curve(t: TrainConfig, total_steps: int) -> list[float]:
    """The LR at every step, for plots and the schedule lesson."""
    return [t.lr * lr_factor(s, t, total_steps) for s in range(total_steps)]


def l1_penalty(model: nn.Module) -> torch.Tensor:
    """Σ|w| over weight matrices (biases and norms excluded)."""
    terms = [p.abs().sum() for p in model.parameters() if p.requires_grad and p.dim() > 1]
    return torch.stack(terms).sum() if terms else torch.zeros(())


def training_objective(loss: torch.Tensor, model: nn.Module, t: TrainConfig) -> tuple[torch.Tensor, torch.Tensor]:
    """(the loss to log, the objective to backpropagate) from the batch's training loss, plus the L1 penalty. An
    ensemble's loss is its copies' mean; the objective is K times it, so each copy gets exactly its own loss's
    gradient, and the penalty counts every weight once (the log shows it per copy)."""
    copies = len(members(model))
    objective = loss * copies if copies > 1 else loss
    if t.l1_lambda > 0:
        penalty = t.l1_lambda * l1_penalty(model)
        loss, objective = loss + penalty / copies, objective + penalty
    return loss, objective


def clip_gradients(model: nn.Module, max_norm: float) -> None:
    """Clip the gradient norm to `max_norm`: each ensemble copy's on its own, as if it trained alone."""
    for one in members(model):
        torch.nn.utils.clip_grad_norm_(one.parameters(), max_norm)
