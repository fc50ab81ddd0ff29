"""Measured, not assumed, speed advice: is bf16 (or fp16) faster than fp32 on this machine?

bf16 autocast on a CPU can be 1.3x faster (an AMD EPYC) or 2.6x slower (an Intel Xeon whose bf16 kernels fall
back) than fp32 for the same model, so "bf16 supported" says nothing about speed. `measure` trains a small
Transformer classifier for a few steps in each precision on a device; the environment self-check runs it and
keeps the result in the cache folder, where the Hyperparameters panel and `advice` read it without measuring.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

CACHE_FILE = "precision_speed.json"
SLOWER = 0.95  # a precision below this share of fp32's samples/s is called slower


def precisions_for(device_type: str) -> list[str]:
    """The precisions training takes on a device type (fp16 autocast only on CUDA: the loop refuses it elsewhere)."""
    return ["fp32", "bf16", "fp16"] if device_type == "cuda" else ["fp32", "bf16"]


def measure(device: str = "cpu", steps: int = 8, warmup: int = 3, batch: int = 32, length: int = 64,
            should_stop: Callable[[], bool] | None = None) -> dict[str, Any]:
    """{"device", "samples_per_s": {precision: n}, "ratio": {precision: n / fp32}, "fastest"} for one device."""
    import torch
    from torch.nn import functional as F

    from engine import config as cfgmod
    from engine.envinfo import resolve_device
    from engine.models import build_model

    dev = resolve_device(device)
    stop = should_stop or (lambda: False)
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["model.arch=transformer", "model.embed_dim=128",
                                                   "model.num_layers=2", "model.num_heads=4", "model.ffn_dim=256",
                                                   f"data.max_length={length}"])
    rates: dict[str, float] = {}
    for precision in precisions_for(dev.type):
        if stop():
            break
        dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision)
        torch.manual_seed(0)
        model = build_model(cfg, 2000, 2, 0).to(dev).train()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        scaler = torch.amp.GradScaler(dev.type, enabled=precision == "fp16")
        x = torch.randint(4, 2000, (batch, length), device=dev)
        y = torch.randint(0, 2, (batch,), device=dev)
        t0 = 0.0
        try:
            for i in range(warmup + steps):
                if i == warmup:
                    _sync(dev)
                    t0 = time.perf_counter()
                with torch.autocast(dev.type, dtype=dtype, enabled=dtype is not None):
                    loss = F.cross_entropy(model(x).float(), y)
                scaler.scale(loss).backward()
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
            _sync(dev)
        except RuntimeError:  # a precision this device cannot run
            continue
        rates[precision] = steps * batch / (time.perf_counter() - t0)
    base = rates.get("fp32")
    ratio = {p: round(r / base, 3) for p, r in rates.items()} if base else {}
    return {"device": str(dev), "samples_per_s": {p: round(r, 1) for p, r in rates.items()}, "ratio": ratio,
            "fastest": max(rates, key=rates.get) if rates else None, "measured": time.strftime("%Y-%m-%d %H:%M")}


def _sync(dev) -> None:
    import torch

    if dev.type == "cuda":
        torch.cuda.synchronize(dev)


def _cache_path() -> Path:
    from engine.paths import cache_dir

    return cache_dir() / CACHE_FILE


def _machine_key(device: str) -> str:
    """The measurement holds for this device type, CPU model and torch version only."""
    import platform

    from engine.envinfo import _cpu_model

    try:
        import importlib.metadata as md

        torch_version = md.version("torch")
    except Exception:  # noqa: BLE001
        torch_version = "?"
    kind = device.split(":")[0]
    return f"{kind}|{_cpu_model() if kind == 'cpu' else device}|{platform.machine()}|torch {torch_version}"


def remember(results: list[dict]) -> None:
    """Keep measurements for `advice` (atomic; a failure to write only loses the advice)."""
    from engine.io import atomic_write_json

    try:
        saved = load_all()
        for r in results:
            saved[_machine_key(r["device"])] = r
        atomic_write_json(_cache_path(), saved)
    except OSError:
        pass


def load_all() -> dict:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def slower_than_fp32(device: str, precision: str) -> dict | None:
    """{"ratio": samples/s of `precision` / fp32, "measured": when} when `precision` was measured slower than fp32
    on this machine's `device` (the resolved device: cpu, cuda, cuda:0, mps), else None (faster, or unmeasured)."""
    if precision == "fp32":
        return None
    found = load_all().get(_machine_key(device))
    if not found:
        return None
    ratio = (found.get("ratio") or {}).get(precision)
    if not isinstance(ratio, (int, float)) or ratio >= SLOWER:
        return None
    return {"ratio": float(ratio), "measured": str(found.get("measured", "?"))}


def advice(device: str, precision: str) -> str:
    """A warning when `precision` was measured slower than fp32 on this machine ('' when not, or unmeasured).
    `device` is the resolved device (cpu, cuda, cuda:0, mps)."""
    slow = slower_than_fp32(device, precision)
    if slow is None:
        return ""
    ratio, found = slow["ratio"], slow
    return (f"{precision} trained at {ratio:.2f}x the speed of fp32 on this machine's {device.split(':')[0]} "
            f"(measured by the environment check, {found.get('measured', '?')}): fp32 is faster here. bf16 saves "
            f"memory but not time on this processor.")


def summary_line(result: dict) -> str:
    """'cpu: bf16 0.38x fp32, fp32 fastest' for reports."""
    ratio = result.get("ratio") or {}
    parts = [f"{p} {r:.2f}x fp32" for p, r in ratio.items() if p != "fp32"]
    fastest = result.get("fastest")
    return f"{result.get('device')}: {', '.join(parts) or 'fp32 only'}; {fastest} is fastest here"
