"""Search panel: define a search space over the current config, run grid / random / TPE search in the
background, follow the trials live and take the best config back into the other panels."""
from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QThread, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QProgressBar, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from engine import config as cfgmod
from hellotorch_gui.panels.base import Panel, describe
from hellotorch_gui.plots import LivePlot, ThemedPlot

SPACE_COLUMNS = ("key", "low", "high", "log", "step", "choices")
DEFAULT_SPACE = [("train.lr", "1e-4", "1e-2", "yes", "", ""), ("train.batch_size", "", "", "", "", "16, 32, 64")]


def searchable_keys() -> list[str]:
    """Numeric keys and keys with choices (booleans included), in schema order."""
    out = []
    for key, f in cfgmod.field_specs().items():
        typ = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        if typ in ("int", "float", "bool") or f.metadata.get("choices"):
            out.append(key)
    return out


def space_from_rows(rows: list[list[str]]) -> dict:
    """The table's rows -> the `search.space` mapping of the YAML (validated later by engine.search)."""
    space: dict = {}
    for key, low, high, log, step, choices in rows:
        if not key:
            continue
        if choices.strip():
            values = []
            for part in choices.split(","):
                part = part.strip()
                try:
                    values.append(json.loads(part))
                except ValueError:
                    values.append(part)
            space[key] = {"choices": values}
            continue
        spec: dict = {}
        for name, text in (("low", low), ("high", high), ("step", step)):
            if text.strip():
                try:
                    spec[name] = float(text)
                except ValueError:
                    spec[name] = text
        if log.strip().lower() in ("yes", "true", "1", "y", "log"):
            spec["log"] = True
        space[key] = spec
    return space


class ImportanceChart(ThemedPlot):
    """Horizontal bars: the importance of each searched key (themed and titled before the first value too)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, float] = {}
        self.setMouseEnabled(False, False)
        self.getPlotItem().hideButtons()

    def set_importance(self, values: dict[str, float]) -> None:
        self.clear()
        self.values = dict(values)
        if not values:
            return
        names = list(values)
        bars = pg.BarGraphItem(x0=0, y=np.arange(len(names)), height=0.6, width=[values[n] for n in names],
                               brush="#1a73e8")
        self.addItem(bars)
        self.getAxis("left").setTicks([[(i, n) for i, n in enumerate(names)]])
        self.setXRange(0, max(values.values()) * 1.05 or 1, padding=0)
        self.setYRange(-0.6, len(names) - 0.4, padding=0)


class SearchPanel(Panel):
    key = "search"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.thread: QThread | None = None
        self.worker = None
        self.search_dir: str | None = None
        self.best: dict | None = None
        self.trials: dict[int, dict] = {}
        self.direction = "maximize"
        self.search_metric = "accuracy"
        self.last_error = ""  # why the latest failed trial failed
        self.current_trial: int | None = None

        self.space_box = QGroupBox()
        self.space_table = QTableWidget(0, len(SPACE_COLUMNS), objectName="searchSpaceTable")
        self.space_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.space_table.verticalHeader().setVisible(False)
        self.add_button = QPushButton(objectName="addSearchParam", clicked=lambda: self.add_row())
        self.remove_button = QPushButton(objectName="removeSearchParam", clicked=self.remove_rows)
        self.method_combo = QComboBox(objectName="searchMethod")
        for m in ("tpe", "random", "grid"):
            self.method_combo.addItem(m, m)
        self.trials_spin = QSpinBox(objectName="searchTrials")
        self.trials_spin.setRange(1, 10000)
        self.trials_spin.setValue(10)
        self.timeout_spin = QDoubleSpinBox(objectName="searchTimeout")
        self.timeout_spin.setRange(0, 7 * 24 * 3600)
        self.timeout_spin.setDecimals(0)
        self.timeout_spin.setSuffix(" s")
        self.start_button = QPushButton(objectName="startSearchButton", clicked=self.start)
        self.stop_button = QPushButton(objectName="stopSearchButton", clicked=self.stop, enabled=False)
        self.best_button = QPushButton(objectName="useBestConfigButton", clicked=self.use_best, enabled=False)
        self.progress = QProgressBar(objectName="searchProgress")
        self.status = QLabel(objectName="searchStatus")
        self.status.setWordWrap(True)
        self.method_label, self.trials_label, self.timeout_label = QLabel(), QLabel(), QLabel()
        sl = QGridLayout(self.space_box)
        sl.addWidget(self.space_table, 0, 0, 1, 8)
        sl.addWidget(self.add_button, 1, 0)
        sl.addWidget(self.remove_button, 1, 1)
        sl.addWidget(self.method_label, 1, 2)
        sl.addWidget(self.method_combo, 1, 3)
        sl.addWidget(self.trials_label, 1, 4)
        sl.addWidget(self.trials_spin, 1, 5)
        sl.addWidget(self.timeout_label, 1, 6)
        sl.addWidget(self.timeout_spin, 1, 7)

        self.trials_table = QTableWidget(0, 4, objectName="trialsTable")
        self.trials_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.trials_table.verticalHeader().setVisible(False)
        self.trials_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_plot = LivePlot()
        self.history_plot.setObjectName("searchHistoryPlot")
        self.importance_chart = ImportanceChart()
        self.importance_chart.setObjectName("searchImportancePlot")
        self.trial_plot = LivePlot()
        self.trial_plot.setObjectName("trialCurvePlot")
        self._setup_plots()

        buttons = QHBoxLayout()
        for w in (self.start_button, self.stop_button, self.best_button):
            buttons.addWidget(w)
        buttons.addWidget(self.progress, 1)
        grid = QGridLayout()
        grid.addWidget(self.trials_table, 0, 0)
        grid.addWidget(self.history_plot, 0, 1)
        grid.addWidget(self.trial_plot, 1, 0)
        grid.addWidget(self.importance_chart, 1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.space_box)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addLayout(grid, 1)
        for row in DEFAULT_SPACE:
            self.add_row(*row)
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Search")

    def _setup_plots(self) -> None:
        self.history_plot.clear_all()
        self.history_plot.add_curve("trial", self.tr("trial"), colour="#9fb7cf", width=0, symbol="o")
        self.history_plot.add_curve("best", self.tr("best so far"), colour="#D55E00", width=2)
        self.trial_plot.clear_all()
        self.trial_plot.add_curve("loss", self.tr("train loss"), colour="#0072B2", width=2)
        self.trial_plot.add_curve("val", self.tr("validation metric"), colour="#009E73", width=2, symbol="o")

    def _word(self, word: str) -> str:
        """Metric, direction and trial-state words in the interface language."""
        return {"accuracy": self.tr("accuracy"), "perplexity": self.tr("perplexity"), "loss": self.tr("loss"),
                "f1_macro": self.tr("macro F1"), "maximize": self.tr("maximize"), "minimize": self.tr("minimize"),
                "complete": self.tr("complete"), "pruned": self.tr("pruned"), "running": self.tr("running"),
                "fail": self.tr("failed"), "failed": self.tr("failed")}.get(word, word)

    def _label_plots(self) -> None:
        """Titles, axis titles and legends in the interface language."""
        self.history_plot.set_labels(self.tr("Optimisation history"), self.tr("trial"), self._word(self.search_metric))
        self.trial_plot.set_labels(self.tr("Running trial"), self.tr("step"), self.tr("value"))
        self.importance_chart.set_labels(self.tr("Parameter importance"), self.tr("importance"), "")
        for plot, name, text in ((self.history_plot, "trial", self.tr("trial")),
                                 (self.history_plot, "best", self.tr("best so far")),
                                 (self.trial_plot, "loss", self.tr("train loss")),
                                 (self.trial_plot, "val", self.tr("validation metric"))):
            plot.rename(name, text)

    def retranslate(self) -> None:
        self.space_box.setTitle(self.tr("Search space (keys of the current config)"))
        self.space_table.setHorizontalHeaderLabels([self.tr("key"), self.tr("low"), self.tr("high"),
                                                    self.tr("log scale"), self.tr("step"), self.tr("choices")])
        describe(self.space_table, self.tr("One row per searched key: a range (low, high, optional log scale or "
                                           "step) or comma-separated choices"), self.tr("Search space"))
        self.add_button.setText(self.tr("Add key"))
        describe(self.add_button, self.tr("Add a key to the search space"), self.tr("Add search key"))
        self.remove_button.setText(self.tr("Remove"))
        describe(self.remove_button, self.tr("Remove the selected rows"), self.tr("Remove search keys"))
        self.method_label.setText(self.tr("Method:"))
        describe(self.method_combo, self.tr("tpe: Bayesian optimisation (Optuna TPE) with pruning; random; grid: "
                                            "every combination of choices/steps"), self.tr("Search method"))
        self.trials_label.setText(self.tr("Trials:"))
        describe(self.trials_spin, self.tr("How many trials (runs) to train"), self.tr("Number of trials"))
        self.timeout_label.setText(self.tr("Time limit:"))
        describe(self.timeout_spin, self.tr("Stop starting trials after this many seconds (0 = no limit)"),
                 self.tr("Time limit"))
        self.start_button.setText(self.tr("Start search"))
        describe(self.start_button, self.tr("Train the trials in the background; each is a run folder"),
                 self.tr("Start search"))
        self.stop_button.setText(self.tr("Stop"))
        describe(self.stop_button, self.tr("Stop the running trial and the search"), self.tr("Stop search"))
        self.best_button.setText(self.tr("Use best config"))
        describe(self.best_button, self.tr("Put the best trial's values into the current config"),
                 self.tr("Use best config"))
        describe(self.progress, self.tr("Trials finished of the total"), self.tr("Search progress"))
        self.trials_table.setHorizontalHeaderLabels([self.tr("trial"), self.tr("state"), self.tr("value"),
                                                     self.tr("parameters")])
        describe(self.trials_table, self.tr("Every trial: its state, validation metric and values"),
                 self.tr("Trials"))
        self._label_plots()
        describe(self.history_plot, self.tr("Validation metric of each trial and the best so far"),
                 self.tr("Optimisation history"))
        describe(self.trial_plot, self.tr("Training loss and validation metric of the trial now training"),
                 self.tr("Running trial curve"))
        describe(self.importance_chart, self.tr("How much each key explains the metric (after a few trials)"),
                 self.tr("Parameter importance"))
        for row in range(self.space_table.rowCount()):
            combo = self.space_table.cellWidget(row, 0)
            if combo is not None:
                self._describe_key(combo)
        for number in sorted(self.trials):  # the state words of the rows
            self._set_trial_row(self.trials[number])

    # ----------------------------------------------------------------- the space table
    def add_row(self, key: str = "", low: str = "", high: str = "", log: str = "", step: str = "",
                choices: str = "") -> None:
        row = self.space_table.rowCount()
        self.space_table.insertRow(row)
        combo = QComboBox()
        combo.setObjectName(f"searchKey{row}")
        combo.addItems(searchable_keys())
        self._describe_key(combo)
        if key:
            combo.setCurrentText(key)
        self.space_table.setCellWidget(row, 0, combo)
        for col, text in enumerate((low, high, log, step, choices), start=1):
            self.space_table.setItem(row, col, QTableWidgetItem(text))

    def _describe_key(self, combo: QComboBox) -> None:
        describe(combo, self.tr("Config key to search"), self.tr("Search key"))

    def remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.space_table.selectedIndexes()}, reverse=True):
            self.space_table.removeRow(row)

    def rows(self) -> list[list[str]]:
        out = []
        for r in range(self.space_table.rowCount()):
            combo = self.space_table.cellWidget(r, 0)
            cells = [(self.space_table.item(r, c).text() if self.space_table.item(r, c) else "")
                     for c in range(1, len(SPACE_COLUMNS))]
            out.append([combo.currentText() if combo else ""] + cells)
        return out

    # ----------------------------------------------------------------- running
    @property
    def is_running(self) -> bool:
        return self.worker is not None

    def start(self) -> None:
        from engine.io import atomic_write_text
        from engine.runs import default_runs_dir

        if self.is_running:
            return
        import yaml

        raw = cfgmod.to_dict(self.ctx.state.config)
        raw["search"] = {"space": space_from_rows(self.rows())}
        root = Path(self.ctx.state.runs_dir or default_runs_dir()) / "searches"
        method = self.method_combo.currentData()
        self.search_dir = str(root / (time.strftime("%Y%m%d-%H%M%S") + f"-{method}"))
        request = Path(self.search_dir) / "request.yaml"
        try:
            Path(self.search_dir).mkdir(parents=True, exist_ok=True)
            atomic_write_text(request, yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
        except OSError as exc:
            from engine.errors import os_error_message

            self.ctx.show_error(self.tr("Cannot start the search"), os_error_message(exc), "")
            return
        from hellotorch_gui.bridge import SearchWorker, run_in_thread

        self.trials.clear()
        self.last_error = ""
        self.best = None
        self.trials_table.setRowCount(0)
        self._setup_plots()
        self.importance_chart.set_importance({})
        self.worker = w = SearchWorker(str(request), method, self.trials_spin.value(),
                                       self.timeout_spin.value() or None, self.search_dir)
        w.began.connect(self._on_began)
        w.trialStarted.connect(self._on_trial_started)
        w.trialLogged.connect(self._on_trial_logged)
        w.trialEnded.connect(self._on_trial_ended)
        w.failed.connect(self._on_failed)
        w.finished.connect(self._on_finished)
        self.status.setText(self.tr("Starting the search in {0} …").format(self.search_dir))
        self._buttons()
        self.thread = run_in_thread(w, "searchThread")

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.control.request_stop()
            self.status.setText(self.tr("Stopping after the running trial stops …"))

    def _buttons(self) -> None:
        running = self.is_running
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.best_button.setEnabled(not running and self.best is not None)

    @Slot(dict)
    def _on_began(self, info: dict) -> None:
        self.search_metric, self.direction = info["metric"], info["direction"]
        self.progress.setRange(0, int(info["n_trials"]))
        self.progress.setValue(int(info["done"]))
        self._label_plots()
        self.status.setText(self.tr("{0} search of validation {1} ({2}): {3} trials").format(
            info["method"], self._word(info["metric"]), self._word(info["direction"]), info["n_trials"]))

    @Slot(int, dict)
    def _on_trial_started(self, number: int, params: dict) -> None:
        self.current_trial = number
        self.trial_plot.set_data("loss", [], [])
        self.trial_plot.set_data("val", [], [])
        self._set_trial_row({"number": number, "state": "running", "value": None, "params": params})

    @Slot(int, dict)
    def _on_trial_logged(self, number: int, row: dict) -> None:
        if number != self.current_trial:
            return
        if row.get("split") == "train" and row.get("loss") is not None:
            self.trial_plot.append("loss", row["step"], row["loss"])
        elif row.get("split") == "val" and isinstance(row.get(self.search_metric), (int, float)):
            self.trial_plot.append("val", row["step"], row[self.search_metric])

    @Slot(dict)
    def _on_trial_ended(self, trial: dict) -> None:
        self._set_trial_row(trial)
        self.progress.setValue(sum(1 for t in self.trials.values() if t["state"] in ("complete", "pruned")))
        done = [t for t in sorted(self.trials.values(), key=lambda t: t["number"])
                if t["state"] == "complete" and t.get("value") is not None and math.isfinite(t["value"])]
        if done:
            xs = [t["number"] for t in done]
            ys = [t["value"] for t in done]
            pick = max if self.direction == "maximize" else min
            best, running = [], None
            for y in ys:
                running = y if running is None else pick(running, y)
                best.append(running)
            self.history_plot.set_data("trial", xs, ys)
            self.history_plot.set_data("best", xs, best)
            top = pick(done, key=lambda t: t["value"])
            self.best = {"number": top["number"], "value": top["value"], "params": top["params"]}
        self.importance_chart.set_importance(trial.get("importance") or {})

    def _set_trial_row(self, trial: dict) -> None:
        self.trials[trial["number"]] = trial
        numbers = sorted(self.trials)
        self.trials_table.setRowCount(len(numbers))
        r = numbers.index(trial["number"])
        value = trial.get("value")
        params = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                           for k, v in (trial.get("params") or {}).items())
        for c, text in enumerate((str(trial["number"]), self._word(trial["state"]),
                                  "" if value is None else f"{value:.4f}", params)):
            item = QTableWidgetItem(text)
            if trial.get("error"):
                item.setToolTip(trial["error"])  # why it failed, on every cell of its row
            self.trials_table.setItem(r, c, item)
        if trial.get("error"):
            self.last_error = trial["error"]

    def _on_failed(self, message: str, details: str) -> None:
        self.status.setText(message)
        self.ctx.show_error(self.tr("The search failed"), message, details)

    @Slot(dict)
    def _on_finished(self, result: dict) -> None:
        if self.thread is not None:
            self.thread.wait(10_000)
        self.worker, self.thread = None, None
        if result:
            best = result.get("best")
            if best is not None:
                self.best = best
                self.status.setText(self.tr("Search done: best trial {0} with {1} {2:.4f}. Folder: {3}").format(
                    best["number"], result["metric"], best["value"], result["search_dir"]))
            else:
                why = self.last_error
                self.status.setText(self.tr("Search ended without a finished trial. Folder: {0}").format(
                    result["search_dir"]) + (("\n" + self.tr("Last failure: {0}").format(why)) if why else ""))
        self._buttons()

    def use_best(self) -> None:
        if not self.best:
            return
        cfg = cfgmod.apply_overrides(self.ctx.state.config, [f"{k}={v}" for k, v in self.best["params"].items()])
        self.ctx.state.replace(cfg)
        self.ctx.set_status(self.tr("The best trial's values are now the current config."))

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.control.request_stop()
        if self.thread is not None:
            self.thread.wait(60_000)
        for plot in (self.history_plot, self.trial_plot):
            plot.timer.stop()
