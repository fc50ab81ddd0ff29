"""Callbacks observe the loop; a single TrainerControl is the only thing they may change."""
from __future__ import annotations

import math
import sys
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class TrainerState:
    """A read-only snapshot of where training is; callbacks must not mutate it."""

    run_dir: str = ""
    task: str = "classification"
    epoch: int = 0
    step: int = 0
    total_steps: int = 0
    steps_per_epoch: int = 0
    epochs: int = 0
    samples_seen: int = 0
    lr: float = 0.0
    loss: float = float("nan")
    samples_per_s: float = 0.0
    elapsed_s: float = 0.0
    eta_s: float | None = None
    monitor: str = "loss"
    mode: str = "min"
    best_metric: float | None = None
    best_step: int | None = None
    status: str = "running"
    last_eval: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)


class TrainerControl:
    """Flags set by observers (GUI buttons, Ctrl-C, early stopping); the loop honours them between steps."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._resume = threading.Event()
        self._resume.set()
        self._save = threading.Event()
        self.stop_reason = ""

    @property
    def should_stop(self) -> bool:
        return self._stop.is_set()

    @property
    def should_pause(self) -> bool:
        return not self._resume.is_set()

    @property
    def should_save(self) -> bool:
        return self._save.is_set()

    def request_stop(self, reason: str = "stopped by the user") -> None:
        self.stop_reason = self.stop_reason or reason
        self._stop.set()
        self._resume.set()  # a paused loop must wake up to stop

    def request_pause(self) -> None:
        self._resume.clear()

    def request_resume(self) -> None:
        self._resume.set()

    def request_save(self) -> None:
        self._save.set()

    def clear_save(self) -> None:
        self._save.clear()

    def wait_while_paused(self, timeout: float = 0.2) -> None:
        """Block until resumed or stopped (the loop calls this while paused)."""
        while not self._resume.is_set() and not self._stop.is_set():
            self._resume.wait(timeout)


class Callback:
    """No-op hooks; subclass and override what you need (transformers' TrainerCallback style)."""

    def on_status(self, state: TrainerState, control: TrainerControl, message: str) -> None: ...
    def on_train_begin(self, state: TrainerState, control: TrainerControl) -> None: ...
    def on_epoch_begin(self, state: TrainerState, control: TrainerControl) -> None: ...
    def on_step_end(self, state: TrainerState, control: TrainerControl) -> None: ...
    def on_log(self, state: TrainerState, control: TrainerControl, logs: dict) -> None: ...
    def on_evaluate(self, state: TrainerState, control: TrainerControl, metrics: dict) -> None: ...
    def on_checkpoint(self, state: TrainerState, control: TrainerControl, path: str, kind: str) -> None: ...
    def on_sample(self, state: TrainerState, control: TrainerControl, sample: dict) -> None:
        """Generation runs: a sample being written at an evaluation, streamed as it grows (at most every
        SAMPLE_STREAM_S and once more with done=True): {step, index, prompt, completion, done}."""
    def on_pause(self, state: TrainerState, control: TrainerControl) -> None: ...
    def on_resume(self, state: TrainerState, control: TrainerControl) -> None: ...
    def on_train_end(self, state: TrainerState, control: TrainerControl, result: Any) -> None: ...
    def on_exception(self, state: TrainerState, control: TrainerControl, exc: BaseException) -> None: ...


class CallbackList:
    """Fans each hook out to every callback."""

    def __init__(self, callbacks: list[Callback] | None = None) -> None:
        self.callbacks = list(callbacks or [])

    def __getattr__(self, name: str):
        if not name.startswith("on_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> None:
            for cb in self.callbacks:
                hook = getattr(cb, name, None)  # duck-typed callbacks may implement only some hooks
                if hook is not None:
                    hook(*args, **kwargs)

        return call


class EarlyStoppingCallback(Callback):
    """Stops when the monitored validation metric has not improved for `patience` evaluations."""

    def __init__(self, patience: int, min_delta: float = 0.0) -> None:
        self.patience = patience
        self.min_delta = min_delta
        self.bad_evals = 0
        self.best: float | None = None

    def on_evaluate(self, state: TrainerState, control: TrainerControl, metrics: dict) -> None:
        value = metrics.get(state.monitor)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return
        better = self.best is None or (
            value > self.best + self.min_delta if state.mode == "max" else value < self.best - self.min_delta)
        if better:
            self.best, self.bad_evals = value, 0
        else:
            self.bad_evals += 1
            if self.bad_evals >= self.patience:
                control.request_stop(f"early stopping: validation {state.monitor} did not improve for "
                                     f"{self.patience} evaluations")

    def state_dict(self) -> dict:
        return {"bad_evals": self.bad_evals, "best": self.best}

    def load_state_dict(self, d: dict) -> None:
        self.bad_evals, self.best = d.get("bad_evals", 0), d.get("best")


class ProgressBarCallback(Callback):
    """A terminal progress bar (tqdm on stderr) with loss, lr, samples/s and ETA."""

    def __init__(self, stream=None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bar = None

    def on_status(self, state, control, message):
        if not self.quiet:
            self._write(message)

    def on_train_begin(self, state, control):
        if self.quiet:
            return
        from tqdm import tqdm

        self.bar = tqdm(total=state.total_steps, initial=state.step, file=self.stream, unit="step",
                        dynamic_ncols=True, mininterval=0.5, desc="train")

    def on_step_end(self, state, control):
        if self.bar is not None:
            self.bar.update(state.step - self.bar.n)

    def on_log(self, state, control, logs):
        if self.bar is not None and logs.get("split") == "train":
            self.bar.set_postfix(epoch=state.epoch + 1, loss=f"{logs['loss']:.4f}", lr=f"{logs['lr']:.2e}",
                                 sps=f"{logs.get('samples_per_s', 0):.0f}", refresh=False)

    def on_evaluate(self, state, control, metrics):
        if self.quiet:
            return
        shown = {k: v for k, v in metrics.items() if isinstance(v, (int, float)) and k in (
            "loss", "accuracy", "f1_macro", "perplexity", "roc_auc")}
        text = "  ".join(f"{k}={v:.4f}" for k, v in shown.items())
        self._write(f"[val] step {state.step}: {text}")
        for s in metrics.get("samples", [])[:2]:
            self._write(f"  sample: {s['prompt']!r} -> {s['completion']!r}")

    def on_pause(self, state, control):
        self._write("paused (resume to continue)")

    def on_train_end(self, state, control, result):
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def on_exception(self, state, control, exc):
        self.on_train_end(state, control, None)

    def _write(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)


class TensorBoardCallback(Callback):
    """Writes scalars to TensorBoard event files in the run folder (optional dependency)."""

    def __init__(self) -> None:
        self.writer = None

    def on_train_begin(self, state, control):
        try:
            from torch.utils.tensorboard import SummaryWriter
        except ImportError:  # tensorboard not installed: stay silent, the run goes on
            return
        self.writer = SummaryWriter(log_dir=f"{state.run_dir}/tensorboard")

    def on_log(self, state, control, logs):
        if self.writer is None:
            return
        split = logs.get("split", "train")
        wall = logs.get("time")  # the row's own clock, as the event's timestamp (a float32 scalar would round
        # a Unix time to 128 s); TensorBoard's "relative"/"wall" axes read it from there
        for k, v in logs.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in ("step", "epoch", "time"):
                self.writer.add_scalar(f"{split}/{k}", v, logs.get("step", state.step), walltime=wall)

    def on_train_end(self, state, control, result):
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    on_exception = on_train_end  # type: ignore[assignment]

