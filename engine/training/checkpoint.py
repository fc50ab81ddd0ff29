"""Checkpoints: weights as safetensors, training state via torch.save (loaded with weights_only=True)."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn

from engine.errors import CheckpointError
from engine.io import atomic_write_json, replace_dir

WEIGHTS = "model.safetensors"
STATE = "state.pt"
META = "meta.json"


def save_checkpoint(folder: Path, model: nn.Module, meta: dict, state: dict | None = None) -> Path:
    """Write weights (+ optional training state) into a temp folder, then swap it in atomically."""
    from safetensors.torch import save_model

    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    if getattr(model, "partial_checkpoint", False):
        # Frozen / LoRA fine-tuning: the fixed weights equal the pretrained ones, so only what trains is saved.
        from safetensors.torch import save_file

        save_file({n: p.detach().contiguous() for n, p in model.named_parameters() if p.requires_grad},
                  str(tmp / WEIGHTS))
        meta = dict(meta, partial=True)
    else:
        save_model(model, str(tmp / WEIGHTS))
    files = [WEIGHTS]
    if state is not None:
        torch.save(state, tmp / STATE)
        files.append(STATE)
    meta = dict(meta, saved_at=time.time(), files={f: (tmp / f).stat().st_size for f in files})
    atomic_write_json(tmp / META, meta)
    replace_dir(tmp, folder)
    return folder


def read_meta(folder: Path) -> dict:
    folder = Path(folder)
    path = folder / META
    if not folder.is_dir() or (not path.is_file() and not any(folder.iterdir())):
        raise CheckpointError(f"There is no checkpoint at '{folder}': the run stopped or failed before it saved "
                              f"one (see its log and status), or the folder name is wrong. Train it again, or pass "
                              f"best, last or an existing checkpoint folder.")
    if not path.is_file():
        raise CheckpointError(f"Checkpoint '{folder}' is incomplete ({META} is missing). It was probably "
                              f"interrupted while being written; use the other checkpoint (best/last) or retrain.")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        raise CheckpointError(f"Checkpoint '{folder}' has a damaged {META}. Use the other checkpoint or retrain.") \
            from None
    for name, size in meta.get("files", {}).items():
        f = folder / name
        if not f.is_file() or f.stat().st_size != size:
            have = f.stat().st_size if f.is_file() else 0
            raise CheckpointError(f"Checkpoint file '{f}' is truncated or missing ({have} of {size} bytes). The "
                                  f"copy was cut short; restore it or train again from the other checkpoint.")
    return meta


def load_weights(folder: Path, model: nn.Module) -> dict:
    """Load safetensors weights into `model`; mismatches become a CheckpointError naming the cause."""
    from safetensors import SafetensorError
    from safetensors.torch import load_model

    meta = read_meta(folder)
    try:
        if meta.get("partial"):
            from safetensors.torch import load_file

            saved = load_file(str(Path(folder) / WEIGHTS))
            missing, unexpected = model.load_state_dict(saved, strict=False)
            missing = [k for k in missing if k in saved]  # the rest are pretrained weights rebuilt from the base
        else:
            missing, unexpected = load_model(model, str(Path(folder) / WEIGHTS), strict=False)
    except SafetensorError as exc:
        raise CheckpointError(f"Checkpoint '{Path(folder) / WEIGHTS}' cannot be read ({exc}); the file is damaged "
                              f"or truncated. Restore it or train again.") from None
    except RuntimeError as exc:
        raise CheckpointError(f"Checkpoint '{folder}' does not fit this model: {str(exc).splitlines()[0]}. It was "
                              f"saved with another config (model size, vocabulary or classes); use the config.yaml "
                              f"stored with that run.") from None
    if missing or unexpected:
        raise CheckpointError(f"Checkpoint '{folder}' does not fit this model (missing {sorted(missing)[:5]}, "
                              f"unexpected {sorted(unexpected)[:5]}). It was saved with another config; use the "
                              f"config.yaml stored with that run.")
    return meta


def load_state(folder: Path) -> dict[str, Any]:
    path = Path(folder) / STATE
    if not path.is_file():
        raise CheckpointError(f"Checkpoint '{folder}' has no training state ({STATE}); it cannot be resumed. "
                              f"Resume from checkpoints/last.")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a damaged file
        raise CheckpointError(f"Training state '{path}' cannot be read ({type(exc).__name__}); the file is damaged "
                              f"or truncated. Train again or restore the file.") from None


def rng_state(device: torch.device) -> dict:
    import random

    state = {"torch": torch.get_rng_state(), "python": random.getstate()}
    if device.type == "cuda":
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict, device: torch.device) -> None:
    import random

    torch.set_rng_state(state["torch"])
    if "python" in state:
        py = state["python"]
        random.setstate((py[0], tuple(py[1]), py[2]))
    if device.type == "cuda" and "cuda" in state:
        torch.cuda.set_rng_state_all(state["cuda"])
