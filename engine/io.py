"""Atomic file writes: a killed process never leaves a half-written file behind."""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable


def file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the process umask (0o644 under umask 022).

    mkstemp makes its files 0600, so a file written atomically would be unreadable by the other users a plain
    write would let read it (a service account serving an export). The umask is read from /proc where it can
    be: setting it to read it back is not safe while other threads create files."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic(path: str | os.PathLike, writer: Callable[[str], None]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        writer(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    def w(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)

    _atomic(path, w)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    def w(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)

    _atomic(path, w)


def finite(obj: Any) -> Any:
    """Replace NaN/inf floats by None, recursively, so files stay strict JSON."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite(v) for v in obj]
    return obj


def atomic_write_json(path: str | os.PathLike, obj: Any) -> None:
    atomic_write_text(path, json.dumps(finite(obj), indent=2, ensure_ascii=False, default=_json_default) + "\n")


def atomic_write_with(path: str | os.PathLike, save: Callable[[str], None]) -> None:
    """Call ``save(tmp_path)`` (e.g. safetensors' save_file) and move the result into place."""
    _atomic(path, save)


def append_jsonl(path: str | os.PathLike, obj: Any) -> None:
    """Append one JSON line and flush it; a reader skips a torn last line."""
    line = json.dumps(finite(obj), ensure_ascii=False, default=_json_default) + "\n"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    rows = []
    p = Path(path)
    if not p.exists():
        return rows
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # torn last line from a killed process
    return rows


def apply_umask(folder: Path) -> None:
    """Give every file under `folder` the mode the user's umask gives new files: some writers (safetensors,
    tempfile) make theirs owner-only whatever the umask says."""
    mode = file_mode()
    for path in Path(folder).rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.chmod(path, mode)


def replace_dir(tmp_dir: Path, final_dir: Path) -> None:
    """Swap a fully written folder into place (its files' modes as the umask says); the old one is removed
    only after the swap."""
    apply_umask(tmp_dir)
    old = final_dir.with_name(final_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final_dir.exists():
        os.replace(final_dir, old)
    os.replace(tmp_dir, final_dir)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _json_default(o: Any) -> Any:
    try:
        import numpy as np

        if isinstance(o, np.generic):
            return o.item()
        if isinstance(o, np.ndarray):
            return o.tolist()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(o, Path):
        return str(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")
