"""Data-parallel training across processes with PyTorch's own stack (torchrun + DistributedDataParallel).

`hellotorch train CONFIG --nproc N` (or `torchrun --nproc-per-node N main.py train CONFIG`) starts N copies
of the same loop. Each one reads WORLD_SIZE / RANK / LOCAL_RANK from the environment torchrun sets, joins the
process group (NCCL on CUDA, gloo on CPU), wraps the model in DistributedDataParallel and takes its share
of every global batch (the DistributedSampler rule: rank r takes examples r, r + N, r + 2N, ...), so N
processes with batch_size B compute the same gradient as one process with batch_size B. Only rank 0 writes
the run folder and talks to callbacks; its stop/pause/save requests reach the other ranks once per step.
On CUDA each process takes one GPU, so more processes than visible GPUs are refused before anything starts
(check_gpu_processes for the launcher and the window; Dist.check_gpus on every rank of a hand-made torchrun).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import torch

from engine.envinfo import describe_visible_gpus, gpu_names, resolve_device, visible_gpus
from engine.errors import ConfigError

PAUSE_POLL_S = 0.2


def cpu_process_limit() -> int:
    """Most gloo processes worth starting on this CPU: one per core (at least 2, so DDP can be tried anywhere)."""
    return max(2, os.cpu_count() or 1)


def _too_few_gpus(lead: str, nproc: int, device_name: str, fix: str) -> ConfigError:
    """The one message for more CUDA processes than GPUs: what was asked, the visible GPUs, what to do."""
    auto = " (train.device 'auto' picks CUDA here)" if (device_name or "auto").strip().lower() == "auto" else ""
    return ConfigError(f"{lead}{auto}, but {describe_visible_gpus()}. {fix}, or set train.device=cpu to train "
                       f"{nproc} gloo processes on the CPU.")


def check_gpu_processes(nproc: int, device_name: str, flag: str = "--nproc") -> torch.device:
    """Refuse, before anything starts, N data-parallel processes that the device cannot hold: more CUDA processes
    than visible GPUs (one GPU each) or several on MPS. Returns the resolved device (ConfigError otherwise)."""
    device = resolve_device(device_name)
    if nproc <= 1:
        return device
    if device.type == "mps":
        raise ConfigError(f"{flag} {nproc} asks for {nproc} processes, but train.device {device_name!r} is Apple's "
                          f"MPS, which trains in one process (DistributedDataParallel has no MPS backend). Use "
                          f"{flag} 1, or set train.device=cpu to train {nproc} gloo processes on the CPU.")
    count = torch.cuda.device_count() if device.type == "cuda" else 0
    if device.type == "cuda" and nproc > count:
        raise _too_few_gpus(f"{flag} {nproc} starts {nproc} processes with one GPU each", nproc, device_name,
                            f"Lower {flag} to {count}")
    return device


def process_limit(device_name: str) -> dict[str, Any]:
    """How many data-parallel processes a run on device_name may start here, and why (for the window's bound):
    device ("cuda", "cpu", "mps"; "" when it cannot be used), limit, gpus, gpu_names, visible_devices, cpus,
    error."""
    gpus = visible_gpus()
    info: dict[str, Any] = {"gpus": gpus, "gpu_names": gpu_names(gpus), "cpus": cpu_process_limit(), "error": "",
                            "visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES")}
    try:
        device = resolve_device(device_name)
    except ConfigError as exc:
        return dict(info, device="", limit=1, error=str(exc))
    limit = {"cuda": len(info["gpus"]), "mps": 1}.get(device.type, info["cpus"])
    return dict(info, device=device.type, limit=max(1, limit))


@dataclass
class Dist:
    world: int = 1
    rank: int = 0
    local_rank: int = 0
    backend: str = ""
    local_world: int = 1  # processes on this machine (torchrun's LOCAL_WORLD_SIZE)

    @classmethod
    def from_env(cls) -> Dist:
        world = int(os.environ.get("WORLD_SIZE", "1") or 1)
        if world <= 1:
            return cls()
        return cls(world, int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0")),
                   local_world=int(os.environ.get("LOCAL_WORLD_SIZE", "0") or world))

    def check_gpus(self, device: torch.device) -> None:
        """On CUDA each process takes the GPU of its local rank: refuse (on every rank alike, so none waits for the
        others) a torchrun that starts more processes on this machine than it has GPUs."""
        if not self.enabled or device.type != "cuda":
            return
        count, need = torch.cuda.device_count(), max(self.local_world, self.local_rank + 1)
        if need > count:
            raise _too_few_gpus(f"This is rank {self.rank} of a torchrun that started {need} processes on this "
                                f"machine, one GPU each", need, str(device),
                                f"Start torchrun with --nproc-per-node {count} (or hellotorch with --nproc {count})")

    @property
    def enabled(self) -> bool:
        return self.world > 1

    @property
    def main(self) -> bool:
        return self.rank == 0

    def init(self, device: torch.device) -> torch.device:
        """Join the process group; on CUDA each process takes the GPU of its local rank."""
        import torch.distributed as dist

        if device.type == "cuda":
            self.check_gpus(device)
            device = torch.device("cuda", self.local_rank)
            torch.cuda.set_device(device)
            self.backend = "nccl"
        else:
            self.backend = "gloo"
        if not dist.is_initialized():
            dist.init_process_group(self.backend, timeout=timedelta(minutes=30))
        return device

    def close(self, wait: bool = True) -> None:
        """Leave the process group together (a rank that leaves alone aborts in gloo's threads)."""
        import torch.distributed as dist

        if self.enabled and dist.is_initialized():
            if wait:
                try:
                    dist.barrier()
                except Exception:  # noqa: BLE001 - a dead peer: leave anyway
                    pass
            dist.destroy_process_group()

    def shard(self, idx: list[int]) -> list[int]:
        return idx[self.rank::self.world] if self.enabled else idx

    def _tensor(self, values: list[float], device: torch.device) -> torch.Tensor:
        return torch.tensor(values, dtype=torch.float64, device=device if self.backend == "nccl" else "cpu")

    def mean(self, value: float, device: torch.device) -> float:
        if not self.enabled:
            return value
        import torch.distributed as dist

        t = self._tensor([value], device)
        dist.all_reduce(t)
        return float(t[0]) / self.world

    def broadcast_text(self, text: str) -> str:
        if not self.enabled:
            return text
        import torch.distributed as dist

        box = [text]
        dist.broadcast_object_list(box, src=0)
        return box[0]

    def sync_control(self, control, device: torch.device) -> tuple[bool, bool, bool]:
        """Once per step: (stop, pause, save) as every rank agrees on them. A request made on any rank (rank 0
        hears the user) holds for all; one that arrives later waits for the next step, so no rank leaves the
        loop while another still expects it in a collective."""
        if not self.enabled:
            return control.should_stop, control.should_pause, control.should_save
        import torch.distributed as dist

        t = self._tensor([float(control.should_stop), float(control.should_pause), float(control.should_save)],
                         device)
        dist.all_reduce(t, op=dist.ReduceOp.MAX)
        stop, pause, save = (bool(v) for v in t.tolist())
        if stop and not control.should_stop:
            control.request_stop("stopped on another rank")
        if pause and not control.should_pause:
            control.request_pause()
        if save and not control.should_save:
            control.request_save()
        return stop, pause, save

    def wait_while_paused(self, control, device: torch.device) -> bool:
        """All ranks wait together until rank 0 resumes (or anything stops); returns the agreed 'stop'."""
        if not self.enabled:
            control.wait_while_paused()
            return control.should_stop
        import torch.distributed as dist

        while True:
            holding = control.should_pause and not control.should_stop if self.main else False  # rank 0 decides
            t = self._tensor([float(holding), float(control.should_stop)], device)
            dist.all_reduce(t, op=dist.ReduceOp.MAX)
            paused, stop = (bool(v) for v in t.tolist())
            if stop and not control.should_stop:
                control.request_stop("stopped on another rank")
            if not paused or stop:
                control.request_resume()
                return stop
            time.sleep(PAUSE_POLL_S)

    def barrier(self) -> None:
        if self.enabled:
            import torch.distributed as dist

            dist.barrier()
