"""Runs panel: every run folder with its status and results, curves overlaid, and config differences."""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, QPoint,
                            QSortFilterProxyModel, Qt, QTimer, QUrl, Slot)
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QMenu,
                               QMessageBox, QPushButton, QSizePolicy, QSplitter, QTableView, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from engine.runs import default_runs_dir, format_duration, list_runs
from hellotorch_gui.panels.base import Panel, describe
from hellotorch_gui.plots import SERIES_COLOURS, LivePlot

FAILED_COLOUR = "#D55E00"
LIVE_STATUSES = ("running", "paused", "starting")
RESUMABLE_STATUSES = ("stopped", "failed")  # failed includes a run whose process was killed
DATA_COLUMN_MAX = 220  # px: a long file name is elided in the middle; its tooltip holds the whole path
SORT_ROLE = Qt.ItemDataRole.UserRole
MISSING = float("-inf")  # sort key of an empty numeric cell


def _test_metric(test: dict | None) -> tuple[str, float] | None:
    for name in ("accuracy", "perplexity"):
        if isinstance(test, dict) and isinstance(test.get(name), (int, float)):
            return name, float(test[name])
    return None


def _load_curves(runs: list[tuple[str, str, str | None]], should_stop) -> list[dict]:
    """Worker: train loss per step, val loss and the val metric of each run (from metrics.jsonl)."""
    from engine.runs import load_metrics

    out = []
    for run_dir, name, task in runs:
        if should_stop():
            break
        rows = [r for r in load_metrics(run_dir) if isinstance(r.get("step"), (int, float))]
        train = [r for r in rows if r.get("split") == "train" and isinstance(r.get("loss"), (int, float))]
        val = [r for r in rows if r.get("split") == "val"]
        if task not in ("classification", "generation"):
            task = "generation" if any("perplexity" in r for r in val) else "classification"
        metric = "perplexity" if task == "generation" else "accuracy"
        val_loss = [r for r in val if isinstance(r.get("loss"), (int, float))]
        val_metric = [r for r in val if isinstance(r.get(metric), (int, float))]
        out.append({"run_dir": run_dir, "name": name, "metric": metric,
                    "train": ([r["step"] for r in train], [r["loss"] for r in train]),
                    "val": ([r["step"] for r in val_loss], [r["loss"] for r in val_loss]),
                    "val_metric": ([r["step"] for r in val_metric], [r[metric] for r in val_metric])})
    return out


def _config_diff(dirs: list[str]) -> dict:
    """Worker: the config keys whose values differ between the runs (all keys for a single run)."""
    from engine import config as cfgmod
    from engine.errors import HelloTorchError
    from engine.training.loop import config_differences

    configs: list[Any] = []
    problems: list[str] = []
    for d in dirs:
        try:
            configs.append(cfgmod.from_dict(cfgmod.load_yaml(Path(d) / "config.yaml")))
        except HelloTorchError as exc:
            configs.append(None)
            problems.append(f"{Path(d).name}: {exc}")
    ok = [c for c in configs if c is not None]
    order = list(cfgmod.field_specs())
    if len(ok) == 1:
        keys = order
    else:
        found = {key for other in ok[1:] for key, _, _ in config_differences(ok[0], other, ignore=set())}
        keys = [k for k in order if k in found]
    values = [["" if c is None else str(cfgmod.get_value(c, k)) for c in configs] for k in keys]
    return {"dirs": dirs, "keys": keys, "values": values, "problems": problems}


def checkpoint_step(run_dir: str) -> int | None:
    """The step of the run's last checkpoint; None when it has none (then it cannot be resumed)."""
    from engine.errors import HelloTorchError
    from engine.training.checkpoint import read_meta

    try:
        return int(read_meta(Path(run_dir) / "checkpoints" / "last").get("step") or 0)
    except (HelloTorchError, OSError, ValueError, TypeError):
        return None


def _set_series(plot: LivePlot, name: str, xs, ys) -> None:
    """Replace a curve's points at once (LivePlot.set_data appends one point at a time)."""
    series = plot.series[name]
    series.x, series.y = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    series.n, series.dirty = len(series.x), True


def _stack(hint: QLabel, body: QWidget) -> QWidget:
    """A one-line hint over a widget that takes the rest of the height."""
    page = QWidget()
    lay = QVBoxLayout(page)
    lay.addWidget(hint)
    lay.addWidget(body, 1)
    return page


def _texts(button: QPushButton, text: str, tooltip: str, name: str | None = None) -> None:
    button.setText(text)
    describe(button, tooltip, name or text)


class RunsTableModel(QAbstractTableModel):
    """One row per run folder: name, status, task, model, data, best metric, test result, duration."""

    COLUMNS = ("name", "status", "task", "arch", "data", "best", "test", "baseline", "duration", "tags")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> bool:
        """Replace the runs; True when the set of runs changed (a model reset, selection lost)."""
        if [r["run_dir"] for r in rows] == [r["run_dir"] for r in self.rows]:
            changed, self.rows = rows != self.rows, rows
            if changed:  # the 3 s refresh usually finds nothing new: no repaint then
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.COLUMNS) - 1))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def row_of(self, run_dir: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["run_dir"] == run_dir), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headers(self) -> list[str]:
        return [self.tr("Run"), self.tr("Status"), self.tr("Task"), self.tr("Model"), self.tr("Data"),
                self.tr("Best (validation)"), self.tr("Test"), self.tr("Baseline (test)"), self.tr("Duration"),
                self.tr("Tags")]

    def status_text(self, status: str) -> str:
        return {"running": self.tr("running"), "paused": self.tr("paused"), "finished": self.tr("finished"),
                "stopped": self.tr("stopped"), "failed": self.tr("failed"), "starting": self.tr("starting"),
                }.get(status, status or self.tr("unknown"))

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # An exception escaping a Qt virtual override can take the process down: a damaged run file
        # shows as an empty cell instead.
        try:
            return self._data(index, role)
        except Exception:  # noqa: BLE001
            return None

    def _data(self, index: QModelIndex, role: int):
        if not index.isValid():
            return None
        run, col = self.rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(run, col)
        if role == SORT_ROLE:
            return self._sort_key(run, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "name":
                return run["run_dir"] + (f"\n{run['note']}" if run.get("note") else "")
            if col == "status" and run.get("status") == "failed":
                return self.tr("The run ended with an error, or its process died while it was running")
            if col == "data":
                return str(run.get("data") or "") or None  # the whole path of a file
            if col in ("baseline", "test"):
                return self._versus(run) or None
            return self._display(run, col) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("best", "test", "baseline", "duration"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == "status" and run.get("status") == "failed":
            return QBrush(QColor(FAILED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and col == "status" and run.get("status") in LIVE_STATUSES:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, run: dict, col: str) -> str:
        if col == "status":
            return self.status_text(run.get("status") or "")
        if col == "data":
            source = str(run.get("data") or "")
            return Path(source).name if ("/" in source or "\\" in source) else source
        if col == "best":
            value = run.get("best_metric")
            return "" if value is None else f"{self._word(run.get('monitor') or '')} {value:.4g}".strip()
        if col == "test":
            metric = _test_metric(run.get("test"))
            return "" if metric is None else f"{self._word(metric[0])} {metric[1]:.4g}"
        if col == "baseline":
            metric = _test_metric(run.get("baseline"))
            if metric is None:
                return self.tr("skipped") if run.get("baseline_note") else ""
            mark = {True: " ✓", False: " ✗"}.get(self._beaten(run), "")  # ✓: the model beats it
            return f"{self._word(metric[0])} {metric[1]:.4g}{mark}"
        if col == "task":
            return self._word(str(run.get("task") or ""))
        if col == "duration":
            return format_duration(run.get("duration_s"))
        if col == "name":
            return run.get("label") or run["name"]
        if col == "tags":
            return ", ".join(run.get("tags") or [])
        return str(run.get(col) or "")

    @staticmethod
    def _beaten(run: dict) -> bool | None:
        """Whether the run's test result beats its baseline (None when one of them is missing)."""
        mine, base = _test_metric(run.get("test")), _test_metric(run.get("baseline"))
        if mine is None or base is None or mine[0] != base[0]:
            return None
        return mine[1] < base[1] if mine[0] == "perplexity" else mine[1] > base[1]

    def _versus(self, run: dict) -> str:
        """The tooltip of the Test and Baseline cells: what the baseline is and how the model compares."""
        mine, base = _test_metric(run.get("test")), _test_metric(run.get("baseline"))
        note = str(run.get("baseline_note") or "")
        if base is None:
            return self.tr("Baseline skipped: {0}").format(note) if note else ""
        text = self.tr("Baseline: {0}").format(note) if note else ""
        if mine is not None and mine[0] == base[0]:
            if mine[0] == "accuracy":
                line = self.tr("Your model {0:.4f} · baseline {1:.4f}: {2:+.1f} points").format(
                    mine[1], base[1], 100 * (mine[1] - base[1]))
            else:
                line = self.tr("Your model {0:.2f} · baseline {1:.2f} (perplexity: lower is better)").format(
                    mine[1], base[1])
            text = f"{line}\n{text}" if text else line
        return text

    def _word(self, word: str) -> str:
        """Task and metric names in the interface language."""
        words = {"classification": self.tr("classification"), "generation": self.tr("generation"),
                 "accuracy": self.tr("accuracy"), "perplexity": self.tr("perplexity"), "loss": self.tr("loss"),
                 "f1_macro": self.tr("macro F1")}
        return words.get(word, word)

    def _sort_key(self, run: dict, col: str):
        if col == "best":
            return float(run["best_metric"]) if run.get("best_metric") is not None else MISSING
        if col == "test":
            metric = _test_metric(run.get("test"))
            return metric[1] if metric else MISSING
        if col == "duration":
            return float(run["duration_s"]) if run.get("duration_s") is not None else MISSING
        if col == "baseline":
            metric = _test_metric(run.get("baseline"))
            return metric[1] if metric else MISSING
        return self._display(run, col).lower()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))


class RunsPanel(Panel):
    """Every run under the runs folder; select one or several to see and compare them."""

    key = "runs"
    refresh_ms = 3000

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._list_in_task = False  # set when listing ever takes long
        self._curves: list[dict] = []
        self._diff: dict | None = None
        self._build()
        self.timer = QTimer(self)
        self.timer.setObjectName("runsRefreshTimer")
        self.timer.setInterval(self.refresh_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        ctx.state.runFinished.connect(self._on_run_finished)  # a bound slot: dropped when the panel goes
        ctx.trainer.jobStarted.connect(self._update_actions)  # one run at a time: Resume waits for the end
        ctx.trainer.jobFinished.connect(self._update_actions)
        self.retranslate()
        self.refresh()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.model = RunsTableModel(self)
        self.proxy = QSortFilterProxyModel(self, sortRole=SORT_ROLE, dynamicSortFilter=True)
        self.proxy.setSourceModel(self.model)
        view = QAbstractItemView
        self.table = QTableView(objectName="runsTable", sortingEnabled=True, wordWrap=False,
                                alternatingRowColors=True, selectionBehavior=view.SelectionBehavior.SelectRows,
                                selectionMode=view.SelectionMode.ExtendedSelection,
                                editTriggers=view.EditTrigger.NoEditTriggers)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # names start with a timestamp: newest first
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)  # tags take what is left
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a cut name keeps its start and its end
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_in_evaluate())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        self.refresh_button = QPushButton(objectName="refreshRunsButton", clicked=self.refresh)
        self.resume_button = QPushButton(objectName="resumeSelectedRunButton", enabled=False, clicked=self.resume_run)
        self.playground_button = QPushButton(objectName="openInPlaygroundButton", enabled=False,
                                             clicked=self.open_in_playground)
        self.evaluate_button = QPushButton(objectName="openInEvaluateButton", enabled=False,
                                           clicked=self.open_in_evaluate)
        self.folder_button = QPushButton(objectName="openRunFolderButton", clicked=self.open_folder)
        self.rename_button = QPushButton(objectName="renameRunButton", enabled=False, clicked=self.rename_run)
        self.tags_button = QPushButton(objectName="tagRunButton", enabled=False, clicked=self.tag_runs)
        self.note_button = QPushButton(objectName="noteRunButton", enabled=False, clicked=self.annotate_run)
        self.delete_button = QPushButton(objectName="deleteRunButton", enabled=False, clicked=self.delete_runs)
        self.tensorboard_button = QPushButton(objectName="openTensorBoardButton", enabled=False,
                                              clicked=self.open_tensorboard)
        self._tensorboard = None  # (process, url) of the TensorBoard this window started
        self.last_menu: QMenu | None = None  # the last right-click menu (tests look at it)
        self.summary = QLabel(objectName="runsSummary",
                              textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # long paths wrap
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for b in (self.refresh_button, self.resume_button, self.evaluate_button, self.playground_button,
                  self.folder_button, self.tensorboard_button):
            bar.addWidget(b)
        edits = QHBoxLayout()  # a second row keeps the panel narrow enough for a laptop screen
        for b in (self.rename_button, self.tags_button, self.note_button, self.delete_button):
            edits.addWidget(b)
        edits.addStretch(1)

        self.curves_plot, self.metric_plot = LivePlot(), LivePlot()
        self.curves_plot.setObjectName("runCurvesPlot")
        self.metric_plot.setObjectName("runMetricPlot")
        for plot in (self.curves_plot, self.metric_plot):
            plot.getAxis("left").enableAutoSIPrefix(False)  # "accuracy (x0.001)" reads badly
        self.curves_hint = QLabel(objectName="runCurvesHint")
        plots = QWidget()
        play = QHBoxLayout(plots)
        play.setContentsMargins(0, 0, 0, 0)
        play.addWidget(self.curves_plot, 1)
        play.addWidget(self.metric_plot, 1)

        self.diff_hint = QLabel(objectName="configDiffHint", wordWrap=True)
        self.diff_table = QTableWidget(objectName="configDiffTable", alternatingRowColors=True,
                                       editTriggers=view.EditTrigger.NoEditTriggers)
        self.diff_table.verticalHeader().hide()
        self.diff_table.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget(objectName="runDetailsTabs")
        self.tabs.addTab(_stack(self.curves_hint, plots), "")
        self.tabs.addTab(_stack(self.diff_hint, self.diff_table), "")
        splitter = QSplitter(Qt.Orientation.Vertical, objectName="runsSplitter", childrenCollapsible=False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addLayout(edits)
        outer.addWidget(splitter, 1)

    def nav_title(self) -> str:
        return self.tr("Runs")

    def retranslate(self) -> None:
        self.model.retranslate()
        describe(self.table, self.tr("Every training run; click to see its curves, Ctrl+click or Shift+click to "
                                     "compare several, double-click to evaluate one"), self.tr("Runs"))
        _texts(self.refresh_button, self.tr("Refresh"),
               self.tr("Read the runs folder again (also done every few seconds)"), self.tr("Refresh runs"))
        _texts(self.evaluate_button, self.tr("Open in Evaluate"),
               self.tr("Evaluate the selected run: test metrics, predictions, export"))
        _texts(self.playground_button, self.tr("Open in Playground"),
               self.tr("Try the selected run on your own texts, export it and compare its exports"))
        _texts(self.folder_button, self.tr("Open folder"), self.tr(
            "Show the selected run's folder (or the runs folder when none is selected) in the file manager"),
            self.tr("Open run folder"))
        _texts(self.rename_button, self.tr("Rename…"), self.tr("Give the selected run a display name (its folder "
                                                              "keeps its name)"), self.tr("Rename run"))
        _texts(self.tags_button, self.tr("Tags…"), self.tr("Set comma-separated tags on the selected runs"),
               self.tr("Tag runs"))
        _texts(self.note_button, self.tr("Note…"), self.tr("Write a note about the selected run"),
               self.tr("Annotate run"))
        _texts(self.delete_button, self.tr("Delete…"), self.tr("Delete the selected runs' folders (asks first)"),
               self.tr("Delete runs"))
        _texts(self.tensorboard_button, self.tr("TensorBoard"),
               self.tr("Open the selected runs in TensorBoard on a local port (needs tensorboard)")
               if self._tensorboard_available() else self.tr("TensorBoard is not installed (pip install tensorboard)"),
               self.tr("Open in TensorBoard"))
        describe(self.summary, self.tr("Where the runs are stored"), self.tr("Runs folder"))
        self.tabs.setTabText(0, self.tr("Curves"))
        self.tabs.setTabText(1, self.tr("Config differences"))
        describe(self.tabs, self.tr("Curves and configuration of the selected runs"), self.tr("Run details"))
        describe(self.curves_plot, self.tr("Training loss per step and validation loss of the selected runs"),
                 self.tr("Loss curves"))
        describe(self.metric_plot, self.tr("Validation accuracy (classification) or perplexity (generation)"),
                 self.tr("Validation metric"))
        describe(self.diff_table, self.tr("Config keys whose values differ between the selected runs"),
                 self.tr("Config differences"))
        self._update_summary()
        self._update_actions()
        self._fit_columns()
        self._show_curves(self._curves, rebuild=True)
        self._show_diff(self._diff)

    # ----------------------------------------------------------------- listing
    def runs_root(self) -> Path:
        return Path(self.ctx.state.runs_dir or default_runs_dir())

    @Slot(str)
    def _on_run_finished(self, _run_dir: str) -> None:
        self.refresh()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """List the runs folder (cheap file reads; moved to a task if it ever takes long)."""
        root = self.runs_root()
        if self._list_in_task:
            self.ctx.tasks.run("runsList", lambda _p, _s: list_runs(root),
                               on_success=lambda rows: self._apply_rows(rows))
            return
        t0 = time.perf_counter()
        rows = list_runs(root)
        self._list_in_task = time.perf_counter() - t0 > 0.05
        self._apply_rows(rows)

    def _apply_rows(self, rows: list[dict]) -> None:
        before = self.selected_run_dirs()
        was_live = any(r.get("status") in LIVE_STATUSES for r in self.selected_runs())
        changed = rows != self.model.rows
        self.table.selectionModel().blockSignals(True)
        try:
            if self.model.set_rows(rows):
                self.select_runs(before)
        finally:
            self.table.selectionModel().blockSignals(False)
        after = self.selected_run_dirs()
        self._update_summary()
        if changed:
            self._fit_columns()
            self._update_actions()  # a selected run may have stopped: it can be resumed now
        if after != before:
            self._on_selection_changed()
        elif was_live or any(r.get("status") in LIVE_STATUSES for r in self.selected_runs()):
            self._load_curves(self.selected_runs())  # a live run's curves grow

    def select_runs(self, run_dirs: list[str]) -> None:
        """Select these runs in the table (as Ctrl+click would); [] clears the selection."""
        selection = QItemSelection()
        for run_dir in run_dirs:
            row = self.model.row_of(run_dir)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, index)
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)

    def _fit_columns(self) -> None:
        """Columns as wide as their contents (the data column at most DATA_COLUMN_MAX; a cut cell keeps its whole
        value in the tooltip); the tags take the rest."""
        data = RunsTableModel.COLUMNS.index("data")
        for col in range(len(RunsTableModel.COLUMNS) - 1):
            self.table.resizeColumnToContents(col)
        self.table.setColumnWidth(data, min(self.table.columnWidth(data), DATA_COLUMN_MAX))

    def _update_summary(self) -> None:
        n, root = len(self.model.rows), self.runs_root()
        if n == 0:
            self.summary.setText(self.tr("No runs yet in {0}. Train a model in the Train panel; its run appears "
                                         "here.").format(root))
        else:
            self.summary.setText(self.tr("{0} run(s) in {1}").format(n, root))

    # ----------------------------------------------------------------- selection
    def selected_runs(self) -> list[dict]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.rows[self.proxy.mapToSource(i).row()] for i in rows]

    def selected_run_dirs(self) -> list[str]:
        return [r["run_dir"] for r in self.selected_runs()]

    def _on_selection_changed(self, *_args) -> None:
        runs = self.selected_runs()
        self._update_actions()
        self.evaluate_button.setEnabled(len(runs) == 1)
        self.playground_button.setEnabled(len(runs) == 1)
        self.rename_button.setEnabled(len(runs) == 1)
        self.note_button.setEnabled(len(runs) == 1)
        self.tags_button.setEnabled(bool(runs))
        self.delete_button.setEnabled(bool(runs) and not any(r.get("status") in LIVE_STATUSES for r in runs))
        self.tensorboard_button.setEnabled(bool(runs) and self._tensorboard_available())
        self._load_curves(runs)
        self._load_diff(runs)

    def _load_curves(self, runs: list[dict]) -> None:
        if not runs:
            self.ctx.tasks.cancel("runCurves")
            self._show_curves([])
            return
        items = [(r["run_dir"], r["name"], r.get("task")) for r in runs]
        dirs = [r["run_dir"] for r in runs]
        self.ctx.tasks.run("runCurves", lambda _p, stop: _load_curves(items, stop),
                           on_success=lambda data: self._show_curves(data) if dirs == self.selected_run_dirs()
                           else None,
                           on_failure=lambda msg, _d: self.curves_hint.setText(
                               self.tr("Could not read the metrics: {0}").format(msg)))

    def _show_curves(self, data: list[dict], rebuild: bool = False) -> None:
        """Plot the runs' curves; the same runs again (a live run's refresh) only updates the data."""
        same = [d["run_dir"] for d in data] == [d["run_dir"] for d in self._curves] and bool(data)
        self._curves = data
        if not same or rebuild:
            self._build_curves(data)
        for d in data:
            key = d["run_dir"]
            _set_series(self.curves_plot, f"train:{key}", *d["train"])
            _set_series(self.curves_plot, f"val:{key}", *d["val"])
            if f"metric:{key}" in self.metric_plot.curves:  # a run of the other task stays off this axis
                _set_series(self.metric_plot, f"metric:{key}", *d["val_metric"])
        self.curves_plot.redraw()
        self.metric_plot.redraw()

    def _build_curves(self, data: list[dict]) -> None:
        """One colour per run (train solid, validation dashed); a single run gets one colour per curve."""
        self.curves_plot.clear_all()
        self.metric_plot.clear_all()
        # Accuracy and perplexity do not share an axis: with both tasks selected, the metric plot keeps the metric
        # most of the runs have (ties: the first run's) and says which runs it leaves out.
        names = [d["metric"] for d in data]
        metric = max(names, key=names.count) if names else ""
        left_out = [d["name"] for d in data if d["metric"] != metric]
        metric_title = {"accuracy": self.tr("Validation accuracy"), "perplexity": self.tr("Validation perplexity")
                        }.get(metric, self.tr("Validation metric"))
        self.metric_plot.set_labels(metric_title, self.tr("step"), self.model._word(metric))
        single = len(data) <= 1
        self.curves_plot.set_labels(self.tr("Loss") if single else self.tr("Loss (solid: training, dashed: "
                                                                          "validation)"), self.tr("step"),
                                    self.tr("loss"))
        if not data:
            self.curves_hint.setText(self.tr("Select a run to see its curves; Ctrl+click to overlay several."))
        elif single:
            self.curves_hint.setText(self.tr("Run {0}").format(data[0]["name"]))
        else:
            self.curves_hint.setText(self.tr("{0} runs overlaid.").format(len(data)) + (" " + self.tr(
                "The metric plot shows {0} only; left out: {1}.").format(metric, ", ".join(left_out))
                if left_out else ""))
        for i, d in enumerate(data):
            colour, key = SERIES_COLOURS[i % len(SERIES_COLOURS)], d["run_dir"]
            self.curves_plot.add_curve(f"train:{key}", self.tr("training loss") if single else d["name"],
                                       colour=colour)
            self.curves_plot.add_curve(f"val:{key}", self.tr("validation loss") if single else d["name"],
                                       colour=SERIES_COLOURS[1] if single else colour, style=Qt.PenStyle.DashLine,
                                       symbol="o")
            if not single:  # one legend entry per run
                self.curves_plot.legend.removeItem(self.curves_plot.curves[f"val:{key}"])
            if d["metric"] == metric:
                self.metric_plot.add_curve(f"metric:{key}", self.model._word(d["metric"]) if single else d["name"],
                                           colour=SERIES_COLOURS[2] if single else colour, symbol="o")

    def _load_diff(self, runs: list[dict]) -> None:
        if not runs:
            self.ctx.tasks.cancel("runConfigDiff")
            self._show_diff(None)
            return
        dirs = [r["run_dir"] for r in runs]
        self.diff_hint.setText(self.tr("Reading the configs…"))
        self.ctx.tasks.run("runConfigDiff", lambda _p, _s: _config_diff(dirs),
                           on_success=lambda diff: self._show_diff(diff) if diff["dirs"] == self.selected_run_dirs()
                           else None,
                           on_failure=lambda msg, _d: self.diff_hint.setText(
                               self.tr("Could not compare the configs: {0}").format(msg)))

    def _show_diff(self, diff: dict | None) -> None:
        self._diff = diff
        self.diff_table.clear()
        if diff is None:
            self.diff_table.setRowCount(0)
            self.diff_table.setColumnCount(0)
            self.diff_hint.setText(self.tr("Select two or more runs (Ctrl+click) to see how their configs differ."))
            return
        names = [Path(d).name for d in diff["dirs"]]
        self.diff_table.setColumnCount(1 + len(names))
        self.diff_table.setHorizontalHeaderLabels([self.tr("Key"), *names])
        for col, d in enumerate(diff["dirs"], start=1):
            self.diff_table.horizontalHeaderItem(col).setToolTip(d)
        self.diff_table.setRowCount(len(diff["keys"]))
        for row, (key, values) in enumerate(zip(diff["keys"], diff["values"])):
            self.diff_table.setItem(row, 0, QTableWidgetItem(key))
            for col, value in enumerate(values, start=1):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.diff_table.setItem(row, col, item)
        self.diff_table.resizeColumnsToContents()
        if len(names) == 1:
            hint = self.tr("The whole config of this run; select two or more runs to see only what differs.")
        elif diff["keys"]:
            hint = self.tr("{0} key(s) differ between the selected runs.").format(len(diff["keys"]))
        else:
            hint = self.tr("The selected runs have identical configs.")
        if diff["problems"]:
            hint += " " + self.tr("Unreadable: {0}").format("; ".join(diff["problems"]))
        self.diff_hint.setText(hint)

    # ----------------------------------------------------------------- actions
    def _choose(self, run_dir: str) -> None:
        """The user chose this run: it becomes the window's current run, unless another run is training (that one
        stays current until it ends; the panel opened is told through runSelected)."""
        if self.ctx.trainer.is_running:
            self.ctx.state.runSelected.emit(run_dir)
        else:
            self.ctx.state.set_current_run(run_dir)

    def open_in_evaluate(self) -> None:
        runs = self.selected_runs()
        if len(runs) != 1:
            return
        if not self.ctx.trainer.is_running:
            self.ctx.state.set_current_run(runs[0]["run_dir"])
        self.ctx.state.runSelected.emit(runs[0]["run_dir"])  # Evaluate scores it
        self.ctx.goto("evaluate")

    def open_in_playground(self) -> None:
        runs = self.selected_runs()
        if len(runs) == 1:
            self._choose(runs[0]["run_dir"])
            self.ctx.goto("playground")

    # ----------------------------------------------------------------- resume and continue
    def _resume_plan(self) -> tuple[str, str]:
        """('resume' | 'continue' | '', the reason shown as the button's tooltip) for the selected runs."""
        runs = self.selected_runs()
        if len(runs) != 1:
            return "", self.tr("Select one stopped, failed or finished run to train it further")
        status = runs[0].get("status")
        if status in LIVE_STATUSES:
            return "", self.tr("This run is still training")
        if self.ctx.trainer.is_running:
            return "", self.tr("Another run is training; one run trains at a time")
        if status not in (*RESUMABLE_STATUSES, "finished"):
            return "", self.tr("This run cannot be resumed (status: {0})").format(self.model.status_text(status))
        step = checkpoint_step(runs[0]["run_dir"])
        if step is None:
            return "", self.tr("This run saved no checkpoint before it ended, so it cannot be resumed; train it "
                               "again")
        if status == "finished":
            return "continue", self.tr("Train this finished run for more steps, from its last checkpoint (step "
                                       "{0})").format(step)
        return "resume", self.tr("Resume this run from its last checkpoint (step {0}) up to its own number of "
                                 "steps").format(step)

    def _update_actions(self, *_args) -> None:
        kind, why = self._resume_plan()
        text = self.tr("Continue…") if kind == "continue" else self.tr("Resume")
        _texts(self.resume_button, text, why, self.tr("Continue training for more steps") if kind == "continue"
               else self.tr("Resume training"))
        self.resume_button.setEnabled(bool(kind))

    def _ask_steps(self, name: str) -> int | None:
        """How many more steps (a seam for tests); None when cancelled."""
        value, ok = QInputDialog.getInt(self, self.tr("Continue training"), self.tr(
            "Train {0} for how many more optimizer steps?").format(name), 200, 1, 10_000_000)
        return value if ok else None

    def resume_run(self) -> None:
        """Resume a stopped, failed or killed run from its last checkpoint with its own config.yaml, or continue a
        finished one for more steps; it becomes the current run and the Train panel shows it."""
        from engine import config as cfgmod
        from engine.errors import HelloTorchError

        kind, _why = self._resume_plan()
        if not kind:
            return
        run = self.selected_runs()[0]
        run_dir = run["run_dir"]
        try:
            cfg = cfgmod.from_dict(cfgmod.load_yaml(Path(run_dir) / "config.yaml"))
        except HelloTorchError as exc:
            self.ctx.show_error(self.tr("Cannot resume the run"), str(exc), "")
            return
        if kind == "continue":
            more = self._ask_steps(run.get("label") or run["name"])
            if more is None:
                return
            cfg.train.max_steps = (checkpoint_step(run_dir) or 0) + more
        self.ctx.state.set_current_run(run_dir)
        if int(self.ctx.settings.value("trainDetached", 0) or 0):  # the Train panel's "Separate process"
            job = self.ctx.trainer.start_detached(cfg, runs_dir=self.ctx.state.runs_dir, resume=run_dir)
            job.begin()
        else:
            self.ctx.trainer.start(cfg, runs_dir=self.ctx.state.runs_dir, resume=run_dir)
        self.ctx.set_status(self.tr("Resuming {0} …").format(run_dir))
        self._update_actions()
        self.ctx.goto("train")

    # ----------------------------------------------------------------- context menu
    @Slot(QPoint)
    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        self.context_menu().popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The right-click menu: the buttons' actions, each enabled and explained as its button is."""
        menu = QMenu(self, objectName="runsContextMenu", toolTipsVisible=True)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        groups = ((self.resume_button, self.evaluate_button, self.playground_button),
                  (self.folder_button, self.tensorboard_button),
                  (self.rename_button, self.tags_button, self.note_button), (self.delete_button,))
        for i, group in enumerate(groups):
            if i:
                menu.addSeparator()
            for button in group:
                action = QAction(button.text(), menu, objectName=button.objectName().replace("Button", "Action"),
                                 toolTip=button.toolTip(), enabled=button.isEnabled())
                action.triggered.connect(button.click)
                menu.addAction(action)
        self.last_menu = menu
        return menu

    def open_folder(self) -> None:
        runs = self.selected_runs()
        path = Path(runs[0]["run_dir"]) if runs else self.runs_root()
        if not path.is_dir():
            self.ctx.show_error(self.tr("Folder not found"),
                                self.tr("'{0}' does not exist yet. It is created when the first run starts.")
                                .format(path), "")
            return
        self._open_url(QUrl.fromLocalFile(str(path)))

    def _open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    # ----------------------------------------------------------------- rename, tags, note, delete
    def _ask_text(self, title: str, label: str, text: str) -> str | None:
        """A one-line question (a seam for tests); None when cancelled."""
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setObjectName("deleteRunsDialog")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _apply(self, fn) -> None:
        from engine.errors import HelloTorchError

        try:
            fn()
        except (HelloTorchError, OSError) as exc:
            self.ctx.show_error(self.tr("Cannot change the run"), str(exc), "")
        self.refresh()

    def rename_run(self) -> None:
        from engine.runs import update_user_meta

        runs = self.selected_runs()
        if len(runs) != 1:
            return
        value = self._ask_text(self.tr("Rename run"), self.tr("Display name (empty = the folder name):"),
                               runs[0].get("label") or "")
        if value is not None:
            self._apply(lambda: update_user_meta(runs[0]["run_dir"], label=value))

    def tag_runs(self) -> None:
        from engine.runs import update_user_meta

        runs = self.selected_runs()
        if not runs:
            return
        value = self._ask_text(self.tr("Tags"), self.tr("Comma-separated tags:"), ", ".join(runs[0].get("tags") or []))
        if value is not None:
            tags = value.split(",")
            self._apply(lambda: [update_user_meta(r["run_dir"], tags=tags) for r in runs])

    def annotate_run(self) -> None:
        from engine.runs import update_user_meta

        runs = self.selected_runs()
        if len(runs) != 1:
            return
        value = self._ask_text(self.tr("Note"), self.tr("A note about this run:"), runs[0].get("note") or "")
        if value is not None:
            self._apply(lambda: update_user_meta(runs[0]["run_dir"], note=value))

    def delete_runs(self) -> None:
        from engine.runs import delete_run

        runs = self.selected_runs()
        if not runs:
            return
        names = ", ".join(r.get("label") or r["name"] for r in runs[:5]) + (" …" if len(runs) > 5 else "")
        if not self._confirm(self.tr("Delete runs"), self.tr("Delete {0} run(s) and everything in their folders "
                                                            "(checkpoints, exports)? {1}").format(len(runs), names)):
            return
        self._apply(lambda: [delete_run(r["run_dir"]) for r in runs])
        self.ctx.state.forget_runs([r["run_dir"] for r in runs if not Path(r["run_dir"]).exists()])

    # ----------------------------------------------------------------- TensorBoard
    @staticmethod
    def _tensorboard_available() -> bool:
        from engine.tensorboard import available

        return available()

    def open_tensorboard(self) -> None:
        """Serve the selected runs' event files (a folder of links when several) and open the browser."""
        import tempfile

        runs = self.selected_runs()
        if not runs:
            return
        if len(runs) == 1:
            logdir = Path(runs[0]["run_dir"]) / "tensorboard"
        else:
            logdir = Path(tempfile.mkdtemp(prefix="hellotorch-tb-"))
            used: set[str] = set()
            for r in runs:
                src = Path(r["run_dir"]) / "tensorboard"
                if not src.is_dir():
                    continue
                # a display name may repeat or hold '/': keep it readable, make it a unique plain name
                base = re.sub(r"[^\w.\- ]+", "_", r.get("label") or r["name"]).strip() or r["name"]
                name, n = base, 2
                while name in used:
                    name, n = f"{base} ({n})", n + 1
                used.add(name)
                try:
                    (logdir / name).symlink_to(src, target_is_directory=True)
                except OSError as exc:
                    from engine.errors import os_error_message

                    self.ctx.show_error(self.tr("Cannot open TensorBoard"), os_error_message(exc), "")
                    return
        self._stop_tensorboard()

        def work(_progress, _stop):
            from engine.tensorboard import start

            return start(logdir)

        self.ctx.set_status(self.tr("Starting TensorBoard …"))
        self.ctx.tasks.run("tensorboard", work, on_success=self._on_tensorboard,
                           on_failure=lambda m, d: self.ctx.show_error(self.tr("Cannot open TensorBoard"), m, d))

    def _stop_tensorboard(self) -> None:
        if self._tensorboard is not None:
            from engine.tensorboard import stop

            stop(self._tensorboard[0])
            self._tensorboard = None

    def _on_tensorboard(self, result) -> None:
        self._tensorboard = result
        self.ctx.set_status(self.tr("TensorBoard at {0}").format(result[1]))
        self._open_url(QUrl(result[1]))

    def shutdown(self) -> None:
        self.timer.stop()
        self._stop_tensorboard()
        self.curves_plot.timer.stop()
        self.metric_plot.timer.stop()
        for name in ("runsList", "runCurves", "runConfigDiff"):
            self.ctx.tasks.cancel(name)
