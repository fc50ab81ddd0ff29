"""The window's shared state: the current Config (engine schema), its problems and the data status."""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal

from engine import config as cfgmod
from engine.config import Config


class AppState(QObject):
    """One Config shared by every panel; panels edit it through `set` and listen to `changed`."""

    changed = Signal(str)            # dotted key, or "" after a whole-config replace
    problemsChanged = Signal(dict)   # key -> reason
    dataStatusChanged = Signal(str)  # "" when the dataset is usable, else the inline error
    runSelected = Signal(str)        # a run folder the user wants to look at (Evaluate/Runs panels)
    runFinished = Signal(str)        # a run folder that just ended
    runsDeleted = Signal(list)       # run folders deleted (Runs panel): lists that offer runs drop them
    currentRunChanged = Signal(str)  # the window's current run changed ("" = none): every panel that shows a
    # run (Train's status and curves, Evaluate, Playground) derives what it shows from `current_run` and the
    # files in that folder, never from what it last happened to show

    def __init__(self, config: Config | None = None) -> None:
        super().__init__()
        self.config: Config = copy.deepcopy(config) if config is not None else cfgmod.Config()
        self.problems: dict[str, str] = {}
        self.input_errors: dict[str, str] = {}  # key -> why the text typed for it could not be used
        self.data_error = ""
        self.runs_dir: str | None = None
        self.current_run = ""  # the run being trained or followed, else the last one started or chosen
        self._revalidate()

    def set_current_run(self, run_dir: str) -> None:
        """Make `run_dir` the window's current run ("" for none): starting, following, resuming or choosing a
        run sets it; panels listen to currentRunChanged."""
        run_dir = str(run_dir or "")
        if run_dir != self.current_run:
            self.current_run = run_dir
            self.currentRunChanged.emit(run_dir)

    def forget_runs(self, run_dirs: list[str]) -> None:
        """These run folders were deleted: the current run is none if it was one of them, and the panels that list
        runs (Evaluate, Playground) read their lists again."""
        gone = [str(r) for r in run_dirs]
        if self.current_run in gone:
            self.set_current_run("")
        self.runsDeleted.emit(gone)

    def get(self, key: str):
        return cfgmod.get_value(self.config, key)

    def set(self, key: str, value) -> None:
        """Coerce and store one value; raises ConfigError when it has the wrong type."""
        had_input_error = self.input_errors.pop(key, None) is not None
        if cfgmod.get_value(self.config, key) == value:
            if had_input_error:
                self._revalidate()
            return
        try:
            cfgmod.set_value(self.config, key, value)
        except Exception:
            if had_input_error:
                self._revalidate()
            raise
        self._revalidate()
        self.changed.emit(key)

    def set_input_error(self, key: str, reason: str) -> None:
        """Text typed for `key` could not be used: the old value stays, and Start is blocked until it is fixed
        (the user sees the text they typed, so training must not silently use another value)."""
        self.input_errors[key] = reason
        self._revalidate()

    def clear_input_error(self, key: str, only: str | None = None) -> None:
        """Drop `key`'s input error (only when it is `only`, if given: another cause may have set it since)."""
        if key in self.input_errors and (only is None or self.input_errors[key] == only):
            del self.input_errors[key]
            self._revalidate()

    def replace(self, config: Config) -> None:
        self.config = copy.deepcopy(config)
        self.input_errors.clear()
        self._revalidate()
        self.changed.emit("")

    def set_data_error(self, message: str) -> None:
        if message != self.data_error:
            self.data_error = message
            self.dataStatusChanged.emit(message)

    def can_start(self) -> bool:
        return not self.problems and not self.data_error

    def _revalidate(self) -> None:
        problems = dict(cfgmod.validate(self.config))
        problems.update(self.input_errors)
        if problems != self.problems:
            self.problems = problems
            self.problemsChanged.emit(dict(problems))
