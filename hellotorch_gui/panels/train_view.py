"""What the Train panel shows of a run, derived from the run itself: its job's events while it trains, its folder
(config.yaml, status.json, summary.json, checkpoints/last, metrics.jsonl) otherwise. No Qt here: `read_run` runs
in a task thread, the rest is plain arithmetic the panel renders in the current language."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

LIVE = ("starting", "running", "paused", "scoring")
RESUMABLE = ("stopped", "failed")


@dataclass
class RunView:
    """The current run as the Train panel shows it."""

    run_dir: str = ""             # "" before the loop made the folder, or when there is no current run
    task: str = ""                # the run's own task ("" = no run: labels follow the config)
    status: str = "idle"          # idle, starting, running, paused, scoring, finished, stopped, failed
    step: int = 0
    total_steps: int = 0
    epoch: int = 0                # 0-based epoch of the last step
    epochs: int = 0               # planned epochs when they limit the run
    max_steps: int = 0            # > 0: max steps limit the run (the epochs setting is not used)
    eta_s: float | None = None    # the loop's ETA at eta_step (computed at logging steps)
    eta_step: int = 0
    samples_per_step: float = 0.0
    mean_rate: float | None = None  # samples/s of the whole run, once it ended
    checkpoint_step: int | None = None  # the last checkpoint's step: what a resume starts from
    stop_reason: str = ""
    error: str = ""
    detached: bool = False        # trained by a process of its own
    summary: dict = field(default_factory=dict)

    @property
    def live(self) -> bool:
        return self.status in LIVE

    def limits(self, cfg) -> None:
        """What bounds the run, from its config: max_steps when set, else the epochs."""
        self.max_steps = int(cfg.train.max_steps or 0)
        self.epochs = 0 if self.max_steps > 0 else int(cfg.train.epochs or 0)

    def steps_per_s(self) -> float | None:
        """Optimizer steps per second as the loop measures them for its ETA: training, evaluation and
        checkpoint time together, pauses excluded."""
        left = self.total_steps - self.eta_step
        if self.eta_s is None or self.eta_s <= 0 or left <= 0:
            return None
        return left / self.eta_s

    def eta(self) -> float | None:
        """Seconds left at the current step, at the loop's own pace."""
        rate = self.steps_per_s()
        return None if rate is None else max(0, self.total_steps - self.step) / rate

    def samples_per_s(self) -> float | None:
        """Examples per second at the same pace as the ETA (so the two always agree)."""
        rate = self.steps_per_s()
        if rate is None or self.samples_per_step <= 0:
            return None
        return rate * self.samples_per_step

    def resumable(self) -> bool:
        """A stopped, failed or killed run with a checkpoint short of its planned steps."""
        return (self.status in RESUMABLE and self.checkpoint_step is not None and bool(self.run_dir)
                and self.checkpoint_step < self.total_steps)

    def continuable(self) -> bool:
        """Any ended run with a checkpoint can train further."""
        return self.status in ("finished", *RESUMABLE) and self.checkpoint_step is not None and bool(self.run_dir)

    def end(self, summary: dict) -> None:
        """The figures of an ended run from its summary."""
        self.summary = dict(summary)
        self.status = str(summary.get("status") or self.status)
        self.step = int(summary.get("steps") or self.step)
        self.total_steps = int(summary.get("total_steps") or self.total_steps or self.step)
        self.stop_reason = str(summary.get("stop_reason") or "")
        duration = summary.get("duration_s")
        if isinstance(duration, (int, float)) and duration > 0 and summary.get("samples_seen"):
            self.mean_rate = float(summary["samples_seen"]) / duration
        self.eta_s = None


def _json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_run(run_dir: str, with_rows: bool = True) -> dict:
    """Everything the Train panel shows of a run folder (in a task thread: metrics.jsonl may be long):
    {"run_dir", "view": RunView, "config": Config or None, "rows": [...], "live": bool}."""
    from engine import config as cfgmod
    from engine.io import read_jsonl
    from engine.runs import run_status
    from hellotorch_gui.bridge import checkpoint_step

    folder = Path(run_dir)
    view = RunView(run_dir=str(folder))
    cfg = None
    try:
        cfg = cfgmod.from_dict(cfgmod.load_yaml(folder / "config.yaml"))
        view.task = cfg.task
        view.limits(cfg)
        view.samples_per_step = float(cfg.train.batch_size * cfg.train.grad_accum)
    except Exception:  # noqa: BLE001 - a damaged config still lets the curves and the status show
        pass
    st = _json(folder / "status.json")
    view.status = run_status(folder)
    if view.status == "unknown":
        view.status = "failed"
    view.task = view.task or str(st.get("task") or "")
    view.step = int(st.get("step") or 0)
    view.total_steps = int(st.get("total_steps") or 0)
    view.epoch = int(st.get("epoch") or 0)
    view.error = str(st.get("error") or "")
    if view.status == "failed" and not view.error and st.get("status") in LIVE:
        view.error = "killed"  # status.json says it trains, but its process is gone
    summary = _json(folder / "summary.json")
    if summary and view.status in ("finished", "stopped"):
        view.end(summary)
    view.checkpoint_step = checkpoint_step(str(folder))
    if view.checkpoint_step is not None and not view.total_steps and cfg is not None and view.max_steps:
        view.total_steps = view.max_steps
    rows = []
    if with_rows:
        rows = [r for r in read_jsonl(folder / "metrics.jsonl") if r.get("split") in ("train", "val")]
        if not view.step and rows:
            view.step = int(max(r.get("step", 0) for r in rows))
    return {"run_dir": str(folder), "view": view, "config": cfg, "rows": rows, "live": view.status in LIVE}
