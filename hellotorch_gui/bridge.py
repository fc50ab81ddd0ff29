"""The one thin bridge to Qt: engine callbacks re-emitted as typed signals from worker threads."""
from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot


def _snapshot(state: Any) -> dict:
    """A plain copy of the engine's TrainerState (signals must not share mutable objects)."""
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in vars(state).items()}


def _describe(exc: BaseException) -> str:
    from engine.errors import HelloTorchError

    return str(exc) if isinstance(exc, HelloTorchError) else f"{type(exc).__name__}: {exc}"


class TrainingWorker(QObject):
    """Runs `engine.training.train` in a QThread; implements the engine's Callback hooks as signals."""

    statusChanged = Signal(str)          # a human-readable line for the log console
    started = Signal(dict)               # state at on_train_begin (run_dir, total_steps, parameters ...)
    stepped = Signal(dict)               # throttled: at most ~10 per second
    logged = Signal(dict)                # one metrics.jsonl row (train/val/test)
    evaluated = Signal(dict)             # full validation metrics (incl. generation samples)
    checkpointSaved = Signal(str, str)   # path, kind (last/best)
    sampleStreamed = Signal(dict)        # a generation sample growing token by token (engine-throttled)
    paused = Signal()
    resumed = Signal()
    failed = Signal(str, str)            # message, traceback
    finished = Signal(dict)              # result summary ({} after a failure)

    def __init__(self, config: Any, runs_dir: str | None = None, resume: str | None = None) -> None:
        super().__init__()
        from engine.training.callbacks import TrainerControl

        self.config, self.runs_dir, self.resume = config, runs_dir, resume
        self.control = TrainerControl()
        self._last_step_emit = 0.0

    # -- engine Callback protocol (called on the worker thread) ------------------------------
    def on_status(self, state, control, message):
        self.statusChanged.emit(message)

    def on_train_begin(self, state, control):
        self.started.emit(_snapshot(state))

    def on_epoch_begin(self, state, control):
        pass

    def on_step_end(self, state, control):
        now = time.monotonic()
        if now - self._last_step_emit >= 0.1 or state.step >= state.total_steps:
            self._last_step_emit = now
            self.stepped.emit(_snapshot(state))

    def on_log(self, state, control, logs):
        self.logged.emit(dict(logs))

    def on_evaluate(self, state, control, metrics):
        self.evaluated.emit(dict(metrics))

    def on_checkpoint(self, state, control, path, kind):
        self.checkpointSaved.emit(path, kind)

    def on_sample(self, state, control, sample):
        self.sampleStreamed.emit(dict(sample))

    def on_pause(self, state, control):
        self.stepped.emit(_snapshot(state))
        self.paused.emit()

    def on_resume(self, state, control):
        self.resumed.emit()

    def on_train_end(self, state, control, result):
        pass

    def on_exception(self, state, control, exc):
        pass

    # -- work ---------------------------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        summary: dict = {}
        try:
            from engine.training import train

            result = train(self.config, callbacks=[self], control=self.control, runs_dir=self.runs_dir,
                           resume=self.resume)
            summary = dict(result.summary)
        except BaseException as exc:  # noqa: BLE001 - everything becomes a `failed` signal
            self.failed.emit(_describe(exc), traceback.format_exc())
        finally:
            self.finished.emit(summary)


class TrainingController(QObject):
    """Owns at most one training job (thread + worker) and its control flags."""

    jobStarted = Signal()
    jobFinished = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: TrainingWorker | None = None
        self._active = False

    @property
    def is_running(self) -> bool:
        """True from start() until jobFinished (the thread itself may linger a moment longer)."""
        return self._active

    def start(self, config: Any, runs_dir: str | None = None, resume: str | None = None) -> TrainingWorker:
        if self.is_running:
            raise RuntimeError("a training job is already running")
        if self.thread is not None:
            self.thread.wait()  # the previous job's thread is ending: let it
        self._active = True
        self.thread = QThread()
        self.thread.setObjectName("trainingThread")
        self.worker = TrainingWorker(config, runs_dir, resume)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._on_finished)
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.start()
        self.jobStarted.emit()
        return self.worker

    @Slot(dict)
    def _on_finished(self, summary: dict) -> None:
        self._active = False
        self.jobFinished.emit(summary)

    def pause(self) -> None:
        if self.worker:
            self.worker.control.request_pause()

    def resume(self) -> None:
        if self.worker:
            self.worker.control.request_resume()

    def stop(self, reason: str = "stopped by the user") -> None:
        if self.worker:
            self.worker.control.request_stop(reason)

    def save_now(self) -> None:
        if self.worker:
            self.worker.control.request_save()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the thread ends (used on close after stop); True when it ended."""
        if self.thread is None:
            return True
        ended = self.thread.wait(timeout_ms)
        if ended:
            self._active = False  # the queued jobFinished may still be on its way
        return ended


class TaskWorker(QObject):
    """Runs one function off the GUI thread: fn(progress, should_stop) -> result."""

    progressed = Signal(str, float)      # message, fraction in [0, 1] or -1 when unknown
    succeeded = Signal(object)
    failed = Signal(str, str)
    finished = Signal()

    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(lambda msg, frac=-1.0: self.progressed.emit(str(msg), float(frac)),
                             self._cancel.is_set)
            if not self._cancel.is_set():
                self.succeeded.emit(result)
        except BaseException as exc:  # noqa: BLE001
            if not self._cancel.is_set():
                self.failed.emit(_describe(exc), traceback.format_exc())
        finally:
            self.finished.emit()


class _Relay(QObject):
    """Lives on the GUI thread so that plain Python callbacks run there (queued), never on the worker."""

    def __init__(self, on_success, on_failure, on_progress) -> None:
        super().__init__()
        self.on_success, self.on_failure, self.on_progress = on_success, on_failure, on_progress
        self.delivered = False  # set once the worker's queued signals have all arrived

    @Slot()
    def done(self) -> None:
        self.delivered = True

    @Slot(object)
    def success(self, result: Any) -> None:
        if self.on_success:
            self.on_success(result)

    @Slot(str, str)
    def failure(self, message: str, details: str) -> None:
        if self.on_failure:
            self.on_failure(message, details)

    @Slot(str, float)
    def progress(self, message: str, fraction: float) -> None:
        if self.on_progress:
            self.on_progress(message, fraction)


class TaskRunner(QObject):
    """Starts TaskWorkers in their own threads; a new task of the same name cancels the previous one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, tuple[QThread, TaskWorker, _Relay]] = {}
        self._retired: list[tuple[QThread, TaskWorker, _Relay]] = []

    def run(self, name: str, fn: Callable[..., Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[str, str], None] | None = None,
            on_progress: Callable[[str, float], None] | None = None) -> TaskWorker:
        """Run fn(progress, should_stop) in a thread; callbacks are called on the GUI thread."""
        self.cancel(name)
        self._reap()
        thread = QThread()
        thread.setObjectName(f"task-{name}")
        worker = TaskWorker(fn)
        worker.moveToThread(thread)
        relay = _Relay(on_success, on_failure, on_progress)
        thread.started.connect(worker.run)
        worker.succeeded.connect(relay.success)
        worker.failed.connect(relay.failure)
        worker.progressed.connect(relay.progress)
        worker.finished.connect(relay.done)  # queued after succeeded/failed: marks them delivered
        # Direct: quit must not wait for the GUI event loop (shutdown() blocks it while waiting).
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        self._jobs[name] = (thread, worker, relay)
        thread.start()
        return worker

    def _reap(self) -> None:
        """Forget jobs whose thread ended and whose results reached the GUI thread."""
        def alive(job) -> bool:
            return not (job[0].isFinished() and job[2].delivered)

        self._jobs = {n: j for n, j in self._jobs.items() if alive(j)}
        self._retired = [j for j in self._retired if not j[0].isFinished()]  # cancelled: results unwanted

    def cancel(self, name: str) -> None:
        job = self._jobs.pop(name, None)
        if job:
            job[1].cancel()
            self._retired.append(job)  # keep references until its thread ends

    def is_running(self, name: str) -> bool:
        job = self._jobs.get(name)
        return bool(job and job[0].isRunning())

    def running(self) -> list[str]:
        return [n for n, j in self._jobs.items() if j[0].isRunning()]

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the threads; True when all ended."""
        for name in list(self._jobs):
            self.cancel(name)
        ok = True
        for thread, _, _ in self._retired:
            ok = thread.wait(timeout_ms) and ok
        self._retired = []
        return ok
