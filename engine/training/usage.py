"""Live GPU memory and load of a training run, sampled by a callback at most once a second.

The window's in-process worker hands each sample to a signal; a training process (`hellotorch train`, which
the window starts for separate-process and multi-GPU runs) also writes it to RUN_DIR/usage.json, which the
window reads while it follows the run. On a CPU nothing is sampled and nothing is written.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from engine.envinfo import device_usage, reset_peak_device_memory, resolve_device
from engine.io import atomic_write_json
from engine.training.callbacks import Callback

USAGE_FILE = "usage.json"
EVERY_S = 1.0


def run_devices(device_name: str) -> list[torch.device]:
    """The CUDA devices a run on device_name trains on, seen from this process: under torchrun each local rank's
    GPU (rank 0 samples them all), else the one device; [] off CUDA or when the device is unusable."""
    try:
        device = resolve_device(device_name)
    except Exception:  # noqa: BLE001 - the loop reports a bad device; a gauge just stays empty
        return []
    if device.type != "cuda":
        return []
    if int(os.environ.get("WORLD_SIZE", "1") or 1) > 1:
        local = int(os.environ.get("LOCAL_WORLD_SIZE", "1") or 1)
        return [torch.device("cuda", i) for i in range(min(local, torch.cuda.device_count()))]
    return [device]


class DeviceUsageCallback(Callback):
    """Samples device_usage for the run's GPUs at train begin, every `every_s` seconds of steps, and at the end;
    each non-empty sample (a list of per-GPU dicts) goes to `sink` and, with write_file, to RUN_DIR/usage.json."""

    def __init__(self, device_name: str, sink: Callable[[list[dict[str, Any]]], None] | None = None,
                 write_file: bool = False, every_s: float = EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.device_name, self.sink, self.write_file = device_name, sink, write_file
        self.every_s, self.clock = every_s, clock
        self.devices: list[torch.device] = []
        self._last = float("-inf")

    def on_train_begin(self, state, control) -> None:
        self.devices = run_devices(self.device_name)
        for device in self.devices:  # this run's peak, not that of an earlier run in the same process
            reset_peak_device_memory(device)
        self._sample(state, force=True)

    def on_step_end(self, state, control) -> None:
        self._sample(state)

    def on_train_end(self, state, control, result) -> None:
        self._sample(state, force=True)

    def _sample(self, state, force: bool = False) -> None:
        if not self.devices:
            return
        now = self.clock()
        if not force and now - self._last < self.every_s:
            return
        self._last = now
        usage = [u for u in (device_usage(d) for d in self.devices) if u]
        if not usage:
            return
        if self.sink is not None:
            self.sink(usage)
        if self.write_file and state.run_dir:
            with contextlib.suppress(OSError):  # a gauge must never stop training
                atomic_write_json(Path(state.run_dir) / USAGE_FILE, {"time": time.time(), "devices": usage})
