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


def _details(exc: BaseException) -> str:
    """The traceback for the dialog's details: none for a refusal of the user's config or data (a ConfigError or
    DataError says what to change; a traceback under it reads like a crash), the whole one for anything else."""
    from engine.errors import ConfigError, DataError

    return "" if isinstance(exc, (ConfigError, DataError)) else traceback.format_exc()


# The loop's status line before it scores the test split (engine/training/loop.py `_finish`): a run that was
# stopped or reached its end spends seconds there with no step to show; the window says so.
SCORING_MESSAGE = "Evaluating on the test split"


def phase_of(message: str) -> str:
    """The phase a status line of the loop starts ("scoring": the test split), or ""."""
    return "scoring" if message.startswith(SCORING_MESSAGE) else ""


class TrainingWorker(QObject):
    """Runs `engine.training.train` in a QThread; implements the engine's Callback hooks as signals."""

    statusChanged = Signal(str)          # a human-readable line for the log console
    runDirKnown = Signal(str)            # the run's folder, as soon as the loop has made (or reopened) it
    phaseChanged = Signal(str)           # "scoring": the test split is being scored (no steps until the end)
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
        self._run_dir = ""
        self._eta: tuple[float | None, int] = (None, 0)  # the loop's last ETA and the step it was computed at

    def _known(self, state) -> None:
        if state.run_dir and state.run_dir != self._run_dir:
            self._run_dir = state.run_dir
            self.runDirKnown.emit(state.run_dir)

    def _progress(self, state) -> dict:
        """The state plus what the window derives its rate and ETA from: the step the loop's ETA belongs to
        (it is computed at logging steps only) and the samples of one optimizer step."""
        if state.eta_s != self._eta[0]:
            self._eta = (state.eta_s, state.step)
        return dict(_snapshot(state), eta_step=self._eta[1],
                    samples_per_step=state.samples_seen / state.step if state.step else 0.0)

    # -- engine Callback protocol (called on the worker thread) ------------------------------
    def on_status(self, state, control, message):
        self._known(state)
        self.statusChanged.emit(message)
        if phase_of(message):
            self.phaseChanged.emit(phase_of(message))

    def on_train_begin(self, state, control):
        self._known(state)
        self.started.emit(_snapshot(state))

    def on_epoch_begin(self, state, control):
        pass

    def on_step_end(self, state, control):
        now = time.monotonic()
        progress = self._progress(state)
        if now - self._last_step_emit >= 0.1 or state.step >= state.total_steps:
            self._last_step_emit = now
            self.stepped.emit(progress)

    def on_log(self, state, control, logs):
        self.logged.emit(dict(logs))

    def on_evaluate(self, state, control, metrics):
        self.evaluated.emit(dict(metrics))

    def on_checkpoint(self, state, control, path, kind):
        self.checkpointSaved.emit(path, kind)

    def on_sample(self, state, control, sample):
        self.sampleStreamed.emit(dict(sample))

    def on_pause(self, state, control):
        self.stepped.emit(self._progress(state))
        self.paused.emit()

    def on_resume(self, state, control):
        self.resumed.emit()

    def on_train_end(self, state, control, result):
        pass

    def on_exception(self, state, control, exc):
        self._known(state)  # a run that fails while setting up still names its folder

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
            self.failed.emit(_describe(exc), _details(exc))
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
    """Follows a training process through its run folder (status.json, metrics.jsonl, train.log) with the same
    signals as TrainingWorker; steers it through control.json. The process does not depend on the window:
    closing the app leaves it running, and a new window re-attaches with the whole curve history."""

    statusChanged = Signal(str)
    runDirKnown = Signal(str)
    phaseChanged = Signal(str)
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
                 after_step: int | None = None, since: float | None = None) -> None:
        """`process`: the Popen of a process this window launched (None when re-attaching); `since`: its
        launch time, before which status.json belongs to an earlier process of the same folder (a resumed
        run's "stopped"); `after_step`: a resumed run's checkpoint step, whose rows up to it are shown."""
        super().__init__(parent)
        import os

        from PySide6.QtCore import QTimer

        self.run_dir = run_dir
        self.process = process          # a subprocess.Popen when this window launched it, else None
        self.control = _FileControl(run_dir)
        self.after_step = after_step
        self.since = since
        self._offset = 0
        self._partial = b""
        try:  # the log from now on: earlier lines belong to what the window already showed (or an earlier run)
            self._log_offset = os.path.getsize(f"{run_dir}/train.log")
        except OSError:
            self._log_offset = 0
        self._status = ""
        self._started = False
        self._done = False
        self._samples_per_step = 0.0
        self._usage_mtime = 0
        self.timer = QTimer(self, interval=self.POLL_MS)
        self.timer.timeout.connect(self.poll)

    def begin(self) -> None:
        self.runDirKnown.emit(self.run_dir)
        self.timer.start()
        self.poll()

    def _read_status(self) -> dict:
        """status.json of this process: an older one (written before the launch) reads as {}."""
        import json

        try:
            with open(f"{self.run_dir}/status.json", encoding="utf-8") as fh:
                st = json.load(fh)
        except (OSError, ValueError):
            return {}
        if not isinstance(st, dict) or (self.since is not None and float(st.get("updated") or 0) < self.since):
            return {}
        return st

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
                row = json.loads(line)
            except ValueError:
                continue
            if self.after_step is None or row.get("step", 0) > self.after_step:
                rows.append(row)
        return rows

    def _new_log_lines(self) -> list[str]:
        """The loop's status lines written to train.log since the last poll, without their time stamps."""
        import re

        try:
            with open(f"{self.run_dir}/train.log", "rb") as fh:
                fh.seek(self._log_offset)
                chunk = fh.read()
        except OSError:
            return []
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self._log_offset += len(complete)
        stamp = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")
        return [stamp.sub("", line) for line in complete.decode("utf-8", "replace").splitlines()
                if stamp.match(line)]  # a traceback's own lines stay in the file

    def _read_samples_per_step(self) -> float:
        """Examples of one optimizer step (batch x accumulation; config.yaml holds the batch auto found)."""
        from engine import config as cfgmod

        try:
            cfg = cfgmod.from_dict(cfgmod.load_yaml(f"{self.run_dir}/config.yaml"))
        except Exception:  # noqa: BLE001 - no rate then, the steps and ETA still show
            return 0.0
        return float(cfg.train.batch_size * cfg.train.grad_accum)

    def _alive(self, st: dict) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        from engine.runs import _pid_alive

        return bool(st.get("pid")) and _pid_alive(int(st["pid"]))

    def _progress(self, st: dict) -> dict:
        """status.json as a TrainingWorker step: its ETA was computed at its own step."""
        return dict(st, eta_step=int(st.get("step") or 0), samples_per_step=self._samples_per_step)

    @Slot()
    def poll(self) -> None:
        if self._done:
            return
        st = self._read_status()
        status = st.get("status", "")
        if not self._started and status in ("running", "paused", "finished", "stopped", "failed"):
            self._started = True
            self._samples_per_step = self._read_samples_per_step()
            self.started.emit(dict(st, run_dir=self.run_dir))
        for line in self._new_log_lines():
            self.statusChanged.emit(line)
            if phase_of(line):
                self.phaseChanged.emit(phase_of(line))
        if status != self._status and status:
            self.statusChanged.emit(f"Training process {st.get('pid', '?')}: {status}")
        for row in self._new_rows() if self._started else []:  # a resumed run's rows once it rewrote them
            self.logged.emit(row)
            if row.get("split") == "val":
                self.evaluated.emit(row)
        if status != self._status:
            previous, self._status = self._status, status
            if status == "paused":
                self.paused.emit()
            elif status == "running" and previous == "paused":
                self.resumed.emit()
        if status in ("running", "paused"):
            self.stepped.emit(self._progress(st))
        self._read_usage()
        if status in ("finished", "stopped"):
            return self._finish()
        if status == "failed":
            self.failed.emit(st.get("error") or "The training process failed.", self._stderr_tail())
            return self._finish(failed=True)
        if not self._alive(st) and (self.process is not None or status):
            code = self.process.returncode if self.process is not None else None
            self.failed.emit(f"The training process ended without finishing (exit code {code}). Its last "
                             f"checkpoint is in {self.run_dir}; resume it from the Train panel or with "
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
        for line in self._new_log_lines():
            self.statusChanged.emit(line)
        for row in self._new_rows() if self._started else []:
            self.logged.emit(row)
        summary: dict = {}
        if not failed:
            try:
                with open(f"{self.run_dir}/summary.json", encoding="utf-8") as fh:
                    summary = json.load(fh)
            except (OSError, ValueError):
                summary = {"status": self._status, "run_dir": self.run_dir}
        self.finished.emit(summary)


def checkpoint_step(run_dir: str) -> int | None:
    """The step of a run's last checkpoint (what a resume starts from), or None when it has none."""
    import json

    try:
        with open(f"{run_dir}/checkpoints/last/meta.json", encoding="utf-8") as fh:
            return int(json.load(fh)["step"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


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
    since = time.time()
    process = subprocess.Popen([sys.executable, str(main), *args, "--quiet"], stdin=subprocess.DEVNULL,
                               stdout=log, stderr=log, **kwargs)
    log.close()
    return DetachedJob(str(run_dir), process, after_step=checkpoint_step(str(run_dir)) if resume else None,
                       since=since)


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
                self.failed.emit(_describe(exc), _details(exc))
        finally:
            self.finished.emit()


class _Relay(QObject):
    """Lives on the GUI thread so that plain Python callbacks run there (queued), never on the worker."""

    def __init__(self, on_success, on_failure, on_progress) -> None:
        super().__init__()
        self.on_success, self.on_failure, self.on_progress = on_success, on_failure, on_progress
        self.delivered = False  # set once the worker's queued signals have all arrived
        self.cancelled = False  # what a cancelled task still sends (queued before it heard) is dropped

    @Slot()
    def done(self) -> None:
        self.delivered = True

    @Slot(object)
    def success(self, result: Any) -> None:
        if self.on_success and not self.cancelled:  # a cancelled task's result may still be queued: stale
            self.on_success(result)

    @Slot(str, str)
    def failure(self, message: str, details: str) -> None:
        if self.on_failure and not self.cancelled:
            self.on_failure(message, details)

    @Slot(str, float)
    def progress(self, message: str, fraction: float) -> None:
        if self.on_progress and not self.cancelled:
            self.on_progress(message, fraction)


def run_in_thread(worker: QObject, name: str) -> QThread:
    """Move a worker (a `run` slot and a `finished` signal) to its own started QThread: the one way panels get a
    long-lived worker thread (the search; short jobs go through TaskRunner)."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit must not wait for the GUI event loop (a closing window blocks it while waiting).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread


class TaskRunner(QObject):
    """Starts TaskWorkers in their own threads; a new task of the same name cancels the previous one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, tuple[QThread, TaskWorker, _Relay]] = {}
        self._retired: list[tuple[QThread, TaskWorker, _Relay]] = []
        self._held: list[QThread] | None = None  # threads created while held, started by release()
        self._closed = False  # after shutdown() nothing starts: a timer firing while the window closes is late

    def hold(self) -> None:
        """Create tasks but start none until release(): the window paints first (imports in worker threads
        would hold Python's import locks and the GIL the GUI thread needs for its first paint)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for thread in held:
            if any(job[0] is thread for job in self._jobs.values()):  # not cancelled meanwhile
                thread.start()
        self._retired = [j for j in self._retired if j[0] not in held]  # cancelled before they started

    def run(self, name: str, fn: Callable[..., Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[str, str], None] | None = None,
            on_progress: Callable[[str, float], None] | None = None) -> TaskWorker:
        """Run fn(progress, should_stop) in a thread; callbacks are called on the GUI thread."""
        self.cancel(name)
        self._reap()
        if self._closed:  # its callbacks would reach widgets that are being deleted
            worker = TaskWorker(fn)
            worker.cancel()
            return worker
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
        if self._held is not None:
            self._held.append(thread)
        else:
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

    def _pending(self, thread: QThread) -> bool:
        return thread.isRunning() or (self._held is not None and thread in self._held)

    def is_running(self, name: str) -> bool:
        job = self._jobs.get(name)
        return bool(job and self._pending(job[0]))

    def running(self) -> list[str]:
        return [n for n, j in self._jobs.items() if self._pending(j[0])]

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the threads; True when all ended. Tasks asked for later never start."""
        self._closed = True
        for name in list(self._jobs):
            self.cancel(name)
        if self._held is not None:  # never started: nothing to wait for
            held, self._held = self._held, []
            self._retired = [j for j in self._retired if j[0] not in held]
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
            self.failed.emit(_describe(exc), _details(exc))
        finally:
            self.finished.emit(result)
