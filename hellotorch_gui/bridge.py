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
    from engine.errors import HelloTorchError, os_error_message

    if isinstance(exc, HelloTorchError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    return f"{type(exc).__name__}: {exc}"


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
    usageSampled = Signal(list)          # per-GPU memory/load dicts (engine.envinfo.device_usage), at most 1/s
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
            from engine.training.usage import DeviceUsageCallback

            usage = DeviceUsageCallback(self.config.train.device, sink=self.usageSampled.emit)
            result = train(self.config, callbacks=[self, usage], control=self.control, runs_dir=self.runs_dir,
                           resume=self.resume)
            summary = dict(result.summary)
        except BaseException as exc:  # noqa: BLE001 - everything becomes a `failed` signal
            self.failed.emit(_describe(exc), traceback.format_exc())
        finally:
            self.finished.emit(summary)


class _FileControl:
    """TrainerControl-like object whose requests go to a detached run's control.json."""

    def __init__(self, run_dir: str) -> None:
        self.run_dir = run_dir

    def _send(self, command: str) -> None:
        from engine.training.control_file import send_command

        try:
            send_command(self.run_dir, command)
        except OSError:
            pass  # the folder vanished: the follower reports the end

    def request_pause(self) -> None:
        self._send("pause")

    def request_resume(self) -> None:
        self._send("resume")

    def request_stop(self, reason: str = "") -> None:
        self._send("stop")

    def request_save(self) -> None:
        self._send("save")


class DetachedJob(QObject):
    """Follows a training process through its run folder (status.json, metrics.jsonl) with the same signals as
    TrainingWorker; steers it through control.json. The process does not depend on the window: closing the
    app leaves it running, and a new window re-attaches with the whole curve history (metrics.jsonl)."""

    statusChanged = Signal(str)
    started = Signal(dict)
    stepped = Signal(dict)
    logged = Signal(dict)
    evaluated = Signal(dict)
    checkpointSaved = Signal(str, str)
    sampleStreamed = Signal(dict)
    paused = Signal()
    resumed = Signal()
    usageSampled = Signal(list)  # from RUN_DIR/usage.json, which the training process writes at most 1/s
    failed = Signal(str, str)
    finished = Signal(dict)

    POLL_MS = 250

    def __init__(self, run_dir: str, process: Any = None, parent: QObject | None = None,
                 from_end: bool = False) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QTimer

        self.run_dir = run_dir
        self.process = process          # a subprocess.Popen when this window launched it, else None
        self.control = _FileControl(run_dir)
        self._offset = 0
        if from_end:  # a continued run whose earlier curves are already shown
            import os

            try:
                self._offset = os.path.getsize(f"{run_dir}/metrics.jsonl")
            except OSError:
                pass
        self._partial = b""
        self._status = ""
        self._started = False
        self._done = False
        self._speed = 0.0
        self._usage_mtime = 0
        self.timer = QTimer(self, interval=self.POLL_MS)
        self.timer.timeout.connect(self.poll)

    def begin(self) -> None:
        self.timer.start()
        self.poll()

    def _read_status(self) -> dict:
        import json

        try:
            with open(f"{self.run_dir}/status.json", encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            return {}

    def _new_rows(self) -> list[dict]:
        """metrics.jsonl lines appended since the last poll (a torn last line waits for the next poll)."""
        import json

        try:
            with open(f"{self.run_dir}/metrics.jsonl", "rb") as fh:
                fh.seek(self._offset)
                chunk = fh.read()
        except OSError:
            return []
        self._offset += len(chunk)
        data = self._partial + chunk
        lines = data.split(b"\n")
        self._partial = lines.pop()  # b"" after a complete line
        rows = []
        for line in lines:
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue
        return rows

    def _alive(self, st: dict) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        from engine.runs import _pid_alive

        return bool(st.get("pid")) and _pid_alive(int(st["pid"]))

    @Slot()
    def poll(self) -> None:
        if self._done:
            return
        st = self._read_status()
        status = st.get("status", "")
        if not self._started and status in ("running", "paused", "finished", "stopped", "failed"):
            self._started = True
            self.started.emit(dict(st, run_dir=self.run_dir))
        if status != self._status and status:
            self.statusChanged.emit(f"Training process {st.get('pid', '?')}: {status}")
        for row in self._new_rows():
            self.logged.emit(row)
            if row.get("split") == "val":
                self.evaluated.emit(row)
            elif row.get("split") == "train" and row.get("samples_per_s") is not None:
                self._speed = row["samples_per_s"]
        if status != self._status:
            previous, self._status = self._status, status
            if status == "paused":
                self.paused.emit()
            elif status == "running" and previous == "paused":
                self.resumed.emit()
        if status in ("running", "paused"):
            self.stepped.emit(dict(st, samples_per_s=self._speed))
        self._read_usage()
        if status in ("finished", "stopped"):
            return self._finish()
        if status == "failed":
            self.failed.emit(st.get("error") or "The training process failed.", self._stderr_tail())
            return self._finish(failed=True)
        if not self._alive(st) and (self.process is not None or status):
            code = self.process.returncode if self.process is not None else None
            self.failed.emit(f"The training process ended without finishing (exit code {code}). Its last "
                             f"checkpoint is in {self.run_dir}; continue it from the Runs panel or with "
                             f"`hellotorch train --resume {self.run_dir}`.", self._stderr_tail())
            self._finish(failed=True)

    def _read_usage(self) -> None:
        """Emit usageSampled when the training process has written a new RUN_DIR/usage.json (GPU runs only)."""
        import json
        import os

        path = f"{self.run_dir}/usage.json"
        try:
            mtime = os.stat(path).st_mtime_ns
            if mtime == self._usage_mtime:
                return
            self._usage_mtime = mtime
            with open(path, encoding="utf-8") as fh:
                devices = json.load(fh).get("devices")
        except (OSError, ValueError, AttributeError):
            return
        if isinstance(devices, list) and devices:
            self.usageSampled.emit(devices)

    def _stderr_tail(self) -> str:
        try:
            with open(f"{self.run_dir}/launch.log", encoding="utf-8", errors="replace") as fh:
                return fh.read()[-4000:]
        except OSError:
            return ""

    def _finish(self, failed: bool = False) -> None:
        import json

        self._done = True
        self.timer.stop()
        for row in self._new_rows():
            self.logged.emit(row)
        summary: dict = {}
        if not failed:
            try:
                with open(f"{self.run_dir}/summary.json", encoding="utf-8") as fh:
                    summary = json.load(fh)
            except (OSError, ValueError):
                summary = {"status": self._status, "run_dir": self.run_dir}
        self.finished.emit(summary)


def launch_detached(config: Any, runs_dir: str | None, resume: str | None = None, nproc: int = 1) -> DetachedJob:
    """Start `hellotorch train` in its own process (own session: it survives the window) into a new run folder,
    or continue `resume` up to config.train.max_steps."""
    import subprocess
    import sys
    from pathlib import Path

    from engine import config as cfgmod
    from engine.runs import new_run_dir

    main = Path(__file__).resolve().parent.parent / "main.py"
    if resume:
        run_dir = Path(resume)
        args = ["train", "--resume", str(run_dir), "--set", f"train.max_steps={config.train.max_steps}"]
    else:
        run_dir = new_run_dir(runs_dir, config.model.arch, config.name)
        launch = run_dir / "launch.yaml"
        cfgmod.save_config(config, launch)
        args = ["train", str(launch), "--run-dir", str(run_dir)]
    log = open(run_dir / "launch.log", "a", encoding="utf-8")  # noqa: SIM115 - handed to the child
    kwargs: dict = {"start_new_session": True} if sys.platform != "win32" else {
        "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    if nproc > 1:  # data parallel: the launcher runs torchrun and reports a dead rank
        args += ["--nproc", str(nproc)]
    process = subprocess.Popen([sys.executable, str(main), *args, "--quiet"], stdin=subprocess.DEVNULL,
                               stdout=log, stderr=log, **kwargs)
    log.close()
    return DetachedJob(str(run_dir), process, from_end=bool(resume))


def find_detached(runs_dir: str | None) -> str | None:
    """The most recent run whose training process is alive (running or paused), for re-attaching."""
    from engine.runs import list_runs

    live = [r for r in list_runs(runs_dir) if r["status"] in ("running", "paused", "starting")]
    return live[-1]["run_dir"] if live else None


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

    @property
    def is_detached(self) -> bool:
        return isinstance(self.worker, DetachedJob) and self._active

    def start_detached(self, config: Any = None, runs_dir: str | None = None, attach: str | None = None,
                       resume: str | None = None, nproc: int = 1) -> DetachedJob:
        """Launch a training process (or attach to the one training in `attach`) and follow it."""
        if self.is_running:
            raise RuntimeError("a training job is already running")
        job = DetachedJob(attach) if attach else launch_detached(config, runs_dir, resume, nproc)
        job.setParent(self)
        self._active = True
        self.worker = job
        job.finished.connect(self._on_finished)
        self.jobStarted.emit()
        return job

    def detach(self) -> None:
        """Stop following a detached run (the window closes); the process keeps training."""
        if isinstance(self.worker, DetachedJob):
            self.worker.timer.stop()
            self.worker._done = True
            self._active = False

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
        self.cancelled = False  # progress of a cancelled task is dropped (it may still be queued)

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
        if self.on_progress and not self.cancelled:
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
            job[2].cancelled = True
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


class SearchWorker(QObject):
    """Runs `engine.search.run_search` in a QThread; its hooks (and each trial's training rows) become signals."""

    began = Signal(dict)            # search_dir, method, metric, direction, n_trials, done
    trialStarted = Signal(int, dict)
    trialLogged = Signal(int, dict)  # a metrics row of the running trial
    trialEnded = Signal(dict)        # TrialInfo as a dict, plus "importance"
    failed = Signal(str, str)
    finished = Signal(dict)

    def __init__(self, config_path: str, method: str, n_trials: int, timeout: float | None, out: str) -> None:
        super().__init__()
        from engine.search import SearchControl

        self.args = (config_path, method, n_trials, timeout, out)
        self.control = SearchControl()

    @Slot()
    def run(self) -> None:
        import dataclasses

        from engine.search import SearchCallback, parameter_importance, run_search
        from engine.training.callbacks import Callback

        worker = self
        result: dict = {}

        class RowRelay(Callback):
            def __init__(self, number: int) -> None:
                self.number = number

            def on_log(self, state, control, logs):
                worker.trialLogged.emit(self.number, dict(logs))

        class Hooks(SearchCallback):
            def on_search_begin(self, info):
                worker.began.emit(dict(info))

            def on_trial_begin(self, number, params):
                worker.trialStarted.emit(number, dict(params))

            def trial_callbacks(self, number):
                return [RowRelay(number)]

            def on_trial_end(self, trial):
                data = dataclasses.asdict(trial)
                try:
                    data["importance"] = parameter_importance(worker.args[4])
                except Exception:  # noqa: BLE001 - importance needs a few finished trials
                    data["importance"] = {}
                worker.trialEnded.emit(data)

        config_path, method, n_trials, timeout, out = self.args
        try:
            result = run_search(config_path, method, n_trials, timeout=timeout, out=out, callback=Hooks(),
                                control=self.control)
        except BaseException as exc:  # noqa: BLE001 - shown in the panel
            self.failed.emit(_describe(exc), traceback.format_exc())
        finally:
            self.finished.emit(result)
