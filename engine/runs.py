"""Run folders: where they live, how they are named, their status and summaries."""
from __future__ import annotations

import json
import math
import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.errors import CheckpointError
from engine.io import atomic_write_json, read_jsonl
from engine.paths import default_runs_dir  # callers import it from here too

STATUS_FILE = "status.json"
SUMMARY_FILE = "summary.json"
METRICS_FILE = "metrics.jsonl"
CONFIG_FILE = "config.yaml"


def new_run_dir(runs_dir: str | os.PathLike | None, arch: str, name: str = "") -> Path:
    """Create a fresh, uniquely named run folder."""
    root = Path(runs_dir) if runs_dir else default_runs_dir()
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") if name else ""
    base = f"{stamp}-{arch}" + (f"-{label}" if label else "")
    for i in range(1000):
        candidate = root / (base if i == 0 else f"{base}-{i}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise CheckpointError(f"Could not create a run folder under '{root}'.")


def format_duration(seconds: float | None) -> str:
    """Seconds as h:mm:ss ('' when unknown)."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def write_status(run_dir: str | os.PathLike, status: str, **extra: Any) -> None:
    data = {"status": status, "pid": os.getpid(), "updated": time.time()}
    data.update(extra)
    atomic_write_json(Path(run_dir) / STATUS_FILE, data)


def read_json(path: Path) -> dict:
    """A run file's JSON object; {} when it is missing, unreadable, not JSON or not an object (a damaged file
    must not break the listing of every other run)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return {}
    return value if isinstance(value, dict) else {}


def run_columns(run_dir: str | os.PathLike) -> tuple[str, str]:
    """The text and label columns a run was trained on (its data report), or ("", "") when unknown."""
    report = read_json(Path(run_dir) / "data_report.json")
    return str(report.get("text_column") or ""), str(report.get("label_column") or "")


def _number(value) -> float | None:
    """A finite float, or None for anything else (a hand-edited or damaged summary)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def run_status(run_dir: str | os.PathLike) -> str:
    """running / paused / finished / stopped / failed; a 'running' run whose process died is 'failed'."""
    st = read_json(Path(run_dir) / STATUS_FILE)
    status = str(st.get("status", "unknown"))
    if status in ("running", "paused", "starting") and st.get("pid"):
        try:
            pid = int(st["pid"])
        except (TypeError, ValueError):
            return "failed"
        if not _pid_alive(pid):
            return "failed"
    return status


EXPORT_FILES = ("model_card.json", "model.onnx", "model.safetensors", "model.pt", "vocab.json")


def check_run_dir(run_dir: str | os.PathLike) -> Path:
    p = Path(run_dir)
    if p.is_file():
        raise CheckpointError(f"'{p}' is a file, not a run folder. Pass the folder printed by `hellotorch train` "
                              f"(runs are listed in {default_runs_dir()}); a data file goes after --data or --file.")
    if not p.is_dir():
        raise CheckpointError(f"Run folder '{p}' does not exist. List runs in {default_runs_dir()} or pass the "
                              f"folder printed by `hellotorch train`.")
    if not (p / CONFIG_FILE).is_file():
        raise CheckpointError(f"'{p}' is not a Hello PyTorch run folder (no {CONFIG_FILE} inside). Pass the folder "
                              f"that `hellotorch train` created.")
    if (p / "model_card.json").is_file() or \
            (not (p / STATUS_FILE).is_file() and any((p / n).is_file() for n in EXPORT_FILES)):
        # an export folder holds the run's config.yaml too, but never a status.json
        card = "" if (p / "model_card.json").is_file() else \
            " whose model_card.json is missing (export the run again)"
        raise CheckpointError(f"'{p}' is an export folder{card}, not a run folder: predict, bench and the "
                              f"Playground take an export; eval, resume, export and export-script take the run "
                              f"folder it came from (its model_card.json names it under source.run_dir).")
    return p


def list_runs(runs_dir: str | os.PathLike | None = None) -> list[dict]:
    """Every run under the runs folder with status, task, model, data, best metric and duration."""
    root = Path(runs_dir) if runs_dir else default_runs_dir()
    out = []
    if not root.is_dir():
        return out
    for d in sorted(root.iterdir()):
        if not (d / CONFIG_FILE).is_file():
            continue
        summ = read_json(d / SUMMARY_FILE)
        st = read_json(d / STATUS_FILE)
        test = summ.get("test")
        text = lambda v: str(v) if v is not None and not isinstance(v, (dict, list)) else None  # noqa: E731
        out.append({
            "run_dir": str(d), "name": d.name, "status": run_status(d),
            "task": text(summ.get("task") or st.get("task")), "arch": text(summ.get("arch") or st.get("arch")),
            "data": text(summ.get("data") or st.get("data")), "best_metric": _number(summ.get("best_metric")),
            "monitor": text(summ.get("monitor")), "duration_s": _number(summ.get("duration_s")),
            "test": {str(k): v for k, v in test.items() if _number(v) is not None} if isinstance(test, dict) else {},
            **_baseline_of(summ), **read_user_meta(d),
        })
    return out


def _baseline_of(summary: dict) -> dict:
    """The run's baseline on its test split ({"baseline": {metric: value}, "baseline_note": what it is, or why
    it was skipped}); empty values for a run from before baselines or one still training."""
    base = summary.get("baseline")
    if not isinstance(base, dict):
        return {"baseline": {}, "baseline_note": ""}
    test = base.get("test")
    values = {str(k): float(v) for k, v in test.items() if _number(v) is not None} if isinstance(test, dict) else {}
    note = base.get("skipped") if "skipped" in base else base.get("description")
    return {"baseline": values, "baseline_note": str(note or "")}


USER_FILE = "user.json"  # what the user says about a run: a display name, tags and a note


def read_user_meta(run_dir: str | os.PathLike) -> dict:
    meta = read_json(Path(run_dir) / USER_FILE)
    tags = meta.get("tags")
    return {"label": str(meta.get("label") or ""),
            "tags": [str(t) for t in tags] if isinstance(tags, list) else [],
            "note": str(meta.get("note") or "")}


def update_user_meta(run_dir: str | os.PathLike, *, label: str | None = None, tags: list[str] | None = None,
                     note: str | None = None) -> dict:
    """Rename (a display name: the folder keeps its name, so paths recorded elsewhere stay valid), tag or
    annotate a run."""
    p = check_run_dir(run_dir)
    meta = read_user_meta(p)
    if label is not None:
        meta["label"] = label.strip()
    if tags is not None:
        meta["tags"] = sorted({t.strip() for t in tags if t.strip()})
    if note is not None:
        meta["note"] = note.strip()
    atomic_write_json(p / USER_FILE, meta)
    return meta


def delete_run(run_dir: str | os.PathLike) -> None:
    """Remove a run folder; a run whose process is alive is refused."""
    import shutil

    p = check_run_dir(run_dir)
    if run_status(p) in ("running", "paused", "starting"):
        raise CheckpointError(f"'{p.name}' is still training; stop it before deleting it.")
    shutil.rmtree(p)


def load_metrics(run_dir: str | os.PathLike) -> list[dict]:
    return read_jsonl(Path(run_dir) / METRICS_FILE)
