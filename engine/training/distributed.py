"""Data-parallel training across processes with PyTorch's own stack (torchrun + DistributedDataParallel).

`hellotorch train CONFIG --nproc N` (or `torchrun --nproc-per-node N main.py train CONFIG`) starts N copies
of the same loop. Each one reads WORLD_SIZE / RANK / LOCAL_RANK from the environment torchrun sets, joins the
process group (NCCL on CUDA, gloo on CPU), wraps the model in DistributedDataParallel and takes its share
of every global batch (the DistributedSampler rule: rank r takes examples r, r + N, r + 2N, ...), so N
processes with batch_size B compute the same gradient as one process with batch_size B. Only rank 0 writes
the run folder and talks to callbacks; its stop/pause/save requests reach the other ranks once per step.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import timedelta

import torch

PAUSE_POLL_S = 0.2


@dataclass
class Dist:
    world: int = 1
    rank: int = 0
    local_rank: int = 0
    backend: str = ""

    @classmethod
    def from_env(cls) -> Dist:
        world = int(os.environ.get("WORLD_SIZE", "1") or 1)
        if world <= 1:
            return cls()
        return cls(world, int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0")))

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
