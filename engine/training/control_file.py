"""Steering a training process from outside through RUN_DIR/control.json (the window's detached runs).

The controller writes {"id": n, "command": "pause"|"resume"|"stop"|"save", "time": ...} atomically; the
training process polls the file from a daemon thread (so it also hears "resume" and "stop" while paused)
and applies each new id once to its TrainerControl.
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from engine.io import atomic_write_json
from engine.training.callbacks import Callback

CONTROL_FILE = "control.json"
COMMANDS = ("pause", "resume", "stop", "save")
POLL_S = 0.25


def send_command(run_dir: str | Path, command: str) -> int:
    """Ask the process training in run_dir to pause/resume/stop/save; returns the command id."""
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}; expected one of {', '.join(COMMANDS)}")
    path = Path(run_dir) / CONTROL_FILE
    try:
        last = int(json.loads(path.read_text(encoding="utf-8")).get("id", 0))
    except (OSError, ValueError):
        last = 0
    atomic_write_json(path, {"id": last + 1, "command": command, "time": time.time()})
    return last + 1


class ControlFileWatcher:
    """Applies commands from run_dir/control.json to a TrainerControl until stopped."""

    def __init__(self, run_dir: str | Path, control, poll_s: float = POLL_S) -> None:
        self.path = Path(run_dir) / CONTROL_FILE
        self.control = control
        self.poll_s = poll_s
        self._seen = self._read().get("id", 0)  # commands older than this process are ignored
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="control-file", daemon=True)

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _run(self) -> None:
        mtime = None
        while not self._done.wait(self.poll_s):
            try:
                now = self.path.stat().st_mtime_ns
            except OSError:
                continue
            if now == mtime:
                continue
            mtime = now
            data = self._read()
            if int(data.get("id", 0) or 0) <= self._seen:
                continue
            self._seen = int(data["id"])
            command = data.get("command")
            if command == "pause":
                self.control.request_pause()
            elif command == "resume":
                self.control.request_resume()
            elif command == "stop":
                self.control.request_stop("stopped from the window")
            elif command == "save":
                self.control.request_save()

    def __enter__(self) -> ControlFileWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> bool:
        self._done.set()
        self._thread.join(2)
        return False


class ControlFileCallback(Callback):
    """Starts a ControlFileWatcher on the run folder when training begins (fresh runs and resumes alike)."""

    def __init__(self, poll_s: float = POLL_S) -> None:
        self.poll_s = poll_s
        self.watcher: ControlFileWatcher | None = None

    def on_train_begin(self, state, control) -> None:
        self.watcher = ControlFileWatcher(state.run_dir, control, self.poll_s).__enter__()

    def _stop(self) -> None:
        if self.watcher is not None:
            self.watcher.__exit__()
            self.watcher = None

    def on_train_end(self, state, control, result) -> None:
        self._stop()

    def on_exception(self, state, control, exc) -> None:
        self._stop()
