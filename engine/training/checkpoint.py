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
    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    if getattr(model, "partial_checkpoint", False):
        # Frozen / LoRA fine-tuning: the fixed weights equal the pretrained ones, so only what trains is saved.
        save_weights(tmp / WEIGHTS, {n: p for n, p in model.named_parameters() if p.requires_grad})
        meta = dict(meta, partial=True)
    else:
        save_weights(tmp / WEIGHTS, model.state_dict())
    files = [WEIGHTS]
    if state is not None:
        torch.save(state, tmp / STATE)
        files.append(STATE)
    meta = dict(meta, saved_at=time.time(), files={f: (tmp / f).stat().st_size for f in files})
    atomic_write_json(tmp / META, meta)
    replace_dir(tmp, folder)
    return folder


# ------------------------------------------------------------------------------ weights files (any layout)
def _alias_groups(tensors: dict[str, torch.Tensor]) -> list[list[str]]:
    """Names that hold one and the same tensor (tied weights), each group sorted; singletons left out."""
    groups: dict[tuple, list[str]] = {}
    for name, t in tensors.items():
        if t.numel() and t.device.type != "meta":  # empty and meta tensors have no address to compare
            groups.setdefault((t.device, t.data_ptr(), t.dtype, tuple(t.shape), t.stride()), []).append(name)
    return [sorted(names) for names in groups.values() if len(names) > 1]


def _owns_storage(t: torch.Tensor) -> bool:
    storage = t.untyped_storage()
    return t.data_ptr() == storage.data_ptr() and t.numel() * t.element_size() == storage.nbytes()


def savable_tensors(tensors: dict[str, torch.Tensor]) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The tensors as safetensors can write them whatever the device laid out: on the CPU, contiguous, each
    owning its memory, and a tensor held under several names (tied weights) once; plus {dropped: kept} names.

    On CUDA, cuDNN keeps all of an RNN's weights as views of one flat buffer (flatten_parameters); safetensors
    refuses such views, so they are copied. Tied names keep safetensors' own choice (the first sorted name),
    so files stay the same as save_model's and load with it too.
    """
    aliases = {name: group[0] for group in _alias_groups(tensors) for name in group[1:]}
    out = {}
    for name, t in tensors.items():
        if name in aliases:
            continue
        t = t.detach().to("cpu")
        if not (t.is_contiguous() and _owns_storage(t)):
            t = t.clone(memory_format=torch.contiguous_format)
        out[name] = t
    return out, aliases


def save_weights(path: Path, tensors: dict[str, torch.Tensor]) -> None:
    """Write `tensors` (a state dict or part of one) as a safetensors file, whatever their device and layout."""
    from safetensors.torch import save_file

    out, aliases = savable_tensors(tensors)
    save_file(out, str(path), metadata=aliases or None)


def load_weights_file(model: nn.Module, path: Path) -> tuple[list[str], list[str]]:
    """Copy a safetensors file into `model`'s own tensors (any device, any layout); (missing, unexpected).

    A name tied to another in the model is filled from whichever of its names the file holds. Shape
    mismatches raise RuntimeError, a damaged file SafetensorError.
    """
    from safetensors.torch import load_file

    saved = load_file(str(path))
    for group in _alias_groups(model.state_dict()):
        present = [name for name in group if name in saved]
        if present:
            for name in group:
                saved.setdefault(name, saved[present[0]])
    missing, unexpected = model.load_state_dict(saved, strict=False)
    return list(missing), list(unexpected)


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
                                  f"copy was cut short; restore it, use the other checkpoint (--checkpoint best or last; the "
                                  f"Checkpoint box in the window) or train again.")
    return meta


def load_weights(folder: Path, model: nn.Module) -> dict:
    """Load safetensors weights into `model`; mismatches become a CheckpointError naming the cause."""
    from safetensors import SafetensorError

    meta = read_meta(folder)
    try:
        missing, unexpected = load_weights_file(model, Path(folder) / WEIGHTS)
        if meta.get("partial"):
            missing = []  # only what trains was saved; the rest are pretrained weights rebuilt from the base
    except SafetensorError as exc:
        raise CheckpointError(f"Checkpoint '{Path(folder) / WEIGHTS}' cannot be read ({exc}); the file is damaged "
                              f"or truncated. Restore it or train again.") from None
    except RuntimeError as exc:  # "Error(s) in loading state_dict for X:" then one line per tensor: name them
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        detail = "; ".join(lines[1:3]) or (lines[0] if lines else type(exc).__name__)
        raise CheckpointError(f"Checkpoint '{folder}' does not fit this model: {detail.rstrip('.')}. The weights "
                              f"were saved with another config (model size, vocabulary or classes): a run's "
                              f"config.yaml, tokenizer.json and labels.json must be the ones it was trained with. "
                              f"Restore them (were they edited?) or train again.") from None
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
        state["cuda_index"] = _cuda_index(device)
    return state


def _cuda_index(device: torch.device) -> int:
    return torch.cuda.current_device() if device.index is None else int(device.index)


def set_rng_state(state: dict, device: torch.device) -> None:
    """Restore the random generators a checkpoint saved, on whatever machine resumes it.

    A GPU checkpoint resumes on a CPU (its CUDA states are not needed) and on a machine with fewer GPUs (the
    states that fit are set, and the training GPU gets the one the run trained with); a CPU checkpoint resumes
    on a GPU, whose generator keeps the run's seed.
    """
    import random

    torch.set_rng_state(state["torch"])
    if "python" in state:
        py = state["python"]
        random.setstate((py[0], tuple(py[1]), py[2]))
    saved = list(state.get("cuda") or [])
    if device.type != "cuda" or not saved:
        return
    count = torch.cuda.device_count()
    for index, gen in enumerate(saved[:count]):
        torch.cuda.set_rng_state(gen, index)
    trained_on, here = state.get("cuda_index"), _cuda_index(device)
    if trained_on is not None and int(trained_on) < len(saved) and here < count:
        torch.cuda.set_rng_state(saved[int(trained_on)], here)
