"""Evaluate panel: metrics table, confusion-matrix heatmap, ROC curve, per-class P/R/F1, misclassified texts."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from engine.evaluate import UNKNOWN_WARN
from hellotorch_gui.panels.base import Panel
from hellotorch_gui.plots import LivePlot, ThemedPlot, palette_colours, status_colour

RUN_TASK = Qt.ItemDataRole.UserRole + 1  # the run list's task of each run (classification / generation)
TEST_SPLIT = "test split of "  # how engine.evaluate names the run's own test split (translated here)
MAX_ROC_CURVES = 10  # one-vs-rest curves drawn for many classes: the classes with the most test texts
METRIC_KEYS = ["accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc", "loss", "perplexity",
               "rouge_l", "chrf", "n"]


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


class ConfusionMatrixView(ThemedPlot):
    """A heatmap with the count in each cell; rows = true labels, columns = predicted (in the palette's colours before
    the first result too)."""

    def __init__(self) -> None:
        super().__init__()
        self.image = pg.ImageItem()
        self.addItem(self.image)
        self.texts: list[pg.TextItem] = []
        self.getPlotItem().invertY(True)
        self.setMouseEnabled(False, False)
        self.getPlotItem().hideButtons()
        self.matrix = np.zeros((0, 0))

    def set_matrix(self, matrix: list[list[int]], names: list[str], true_label: str, pred_label: str) -> None:
        for t in self.texts:
            self.removeItem(t)
        self.texts = []
        m = np.asarray(matrix, dtype=float)
        self.matrix = m
        if m.size == 0:
            self.image.clear()
            return
        _bg, fg = palette_colours()
        norm = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
        self.image.setImage(norm.T, levels=(0, 1))  # ImageItem is x-major
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.image.setRect(0, 0, m.shape[1], m.shape[0])
        if m.shape[0] <= 20:
            for i in range(m.shape[0]):
                for j in range(m.shape[1]):
                    colour = "#000000" if norm[i, j] > 0.6 else "#ffffff"
                    t = pg.TextItem(f"{int(m[i, j])}", color=colour, anchor=(0.5, 0.5))
                    t.setPos(j + 0.5, i + 0.5)
                    self.addItem(t)
                    self.texts.append(t)
        ticks = [(k + 0.5, n[:14]) for k, n in enumerate(names)]
        self.getAxis("bottom").setTicks([ticks])
        self.getAxis("left").setTicks([ticks])
        self.setLabel("bottom", pred_label, color=fg)
        self.setLabel("left", true_label, color=fg)
        self.setRange(xRange=(0, m.shape[1]), yRange=(0, m.shape[0]), padding=0)


class EvaluatePanel(Panel):
    """Evaluates a run (its test split or another dataset) in a worker and shows every metric."""

    key = "evaluate"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.result: dict = {}
        self._after_refresh: list = []  # callbacks waiting for the run list (refresh_runs)
        self.run_combo = QComboBox(objectName="runCombo")
        self.run_combo.setMinimumWidth(320)
        self.refresh_button = QPushButton(objectName="refreshRunListButton")
        self.data_edit = QLineEdit(objectName="evaluateDataSource")
        self.browse_button = QPushButton(objectName="evaluateBrowseButton")
        # Another file's columns (empty: the run's own columns where the file has them, else detected)
        self.text_column = QComboBox(objectName="evaluateTextColumn", editable=True, minimumWidth=140)
        self.label_column = QComboBox(objectName="evaluateLabelColumn", editable=True, minimumWidth=140)
        self._columns_of = ""  # the data source whose columns the two combos list
        self.evaluate_button = QPushButton(objectName="evaluateButton")
        self.cancel_button = QPushButton(objectName="cancelEvaluateButton")
        self.progress = QProgressBar(objectName="evaluateProgress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel(objectName="evaluateStatus")
        self.status.setWordWrap(True)
        self.refresh_button.clicked.connect(self.refresh_runs)
        self.browse_button.clicked.connect(self._browse)
        self.data_edit.editingFinished.connect(self._read_columns)
        self.data_edit.textChanged.connect(self._enable_columns)
        self.evaluate_button.clicked.connect(self.evaluate_selected)
        self.cancel_button.clicked.connect(self.cancel_evaluation)
        self.cancel_button.setEnabled(False)

        self.metrics_table = QTableWidget(0, 2, objectName="metricsTable")
        self.per_class_table = QTableWidget(0, 5, objectName="perClassTable")
        self.cm_view = ConfusionMatrixView()
        self.cm_view.setObjectName("confusionMatrixPlot")
        self.roc_plot = LivePlot()
        self.roc_plot.setObjectName("rocPlot")
        self.mis_table = QTableWidget(0, 4, objectName="misclassifiedTable")
        self.examples = QPlainTextEdit(objectName="generationExamples")
        self.examples.setReadOnly(True)
        for t in (self.metrics_table, self.per_class_table, self.mis_table):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.verticalHeader().setVisible(False)
            t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.metrics_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mis_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mis_table.setSortingEnabled(True)
        self.mis_table.setWordWrap(True)

        top = QHBoxLayout()
        self.run_label = QLabel()
        self.data_label = QLabel()
        top.addWidget(self.run_label)
        top.addWidget(self.run_combo, 2)
        top.addWidget(self.refresh_button)
        top.addWidget(self.data_label)
        top.addWidget(self.data_edit, 1)
        top.addWidget(self.browse_button)
        top.addWidget(self.evaluate_button)
        top.addWidget(self.cancel_button)
        columns = QHBoxLayout()
        self.text_column_label, self.label_column_label = QLabel(), QLabel()
        self.text_column_label.setBuddy(self.text_column)
        self.label_column_label.setBuddy(self.label_column)
        columns.addStretch(1)
        columns.addWidget(self.text_column_label)
        columns.addWidget(self.text_column)
        columns.addWidget(self.label_column_label)
        columns.addWidget(self.label_column)

        overview = QWidget()
        grid = QGridLayout(overview)
        self.metrics_box, self.cm_box, self.roc_box, self.pc_box = QGroupBox(), QGroupBox(), QGroupBox(), QGroupBox()
        self._roc_shown = (0, 0)  # one-vs-rest curves drawn, of the classes that have one (the ROC box's title)
        self.ex_box = QGroupBox()
        for box, w in ((self.metrics_box, self.metrics_table), (self.cm_box, self.cm_view),
                       (self.roc_box, self.roc_plot), (self.pc_box, self.per_class_table), (self.ex_box, self.examples)):
            QVBoxLayout(box).addWidget(w)
        grid.addWidget(self.metrics_box, 0, 0)
        grid.addWidget(self.cm_box, 0, 1)
        grid.addWidget(self.pc_box, 1, 0)
        grid.addWidget(self.roc_box, 1, 1)
        grid.addWidget(self.ex_box, 0, 1, 2, 1)  # generation runs: examples instead of the classification plots
        self.ex_box.hide()
        self.tabs = QTabWidget(objectName="evaluateTabs")
        self.tabs.addTab(overview, "")
        self.tabs.addTab(self.mis_table, "")

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(columns)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        self.baseline_label = QLabel(objectName="baselineLabel", wordWrap=True)  # your model X · baseline Y
        self.baseline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.baseline_label)
        lay.addWidget(self.tabs, 1)
        ctx.state.runFinished.connect(self._on_run_finished)
        ctx.state.runSelected.connect(self._on_run_selected)
        ctx.state.currentRunChanged.connect(self._on_current_run)
        ctx.state.runsDeleted.connect(self._on_runs_deleted)
        self.run_combo.currentIndexChanged.connect(self._on_run_chosen)
        self.retranslate()
        self._enable_columns()
        self.refresh_runs(then=lambda: self._on_current_run(ctx.state.current_run))

    def nav_title(self) -> str:
        return self.tr("Evaluate")

    def retranslate(self) -> None:
        self.run_label.setText(self.tr("Run:"))
        self.data_label.setText(self.tr("Dataset:"))
        self.run_combo.setToolTip(self.tr("The trained run to evaluate"))
        self.run_combo.setAccessibleName(self.tr("Run to evaluate"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the list of runs"))
        self.refresh_button.setAccessibleName(self.tr("Refresh run list"))
        self.data_edit.setPlaceholderText(self.tr("the run's own test split"))
        self.data_edit.setToolTip(self.tr("Optional: a built-in name or file to evaluate on instead of the test split"))
        self.data_edit.setAccessibleName(self.tr("Evaluation dataset"))
        self.browse_button.setText(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Pick a CSV, TSV, JSONL, TXT or Parquet file to evaluate on"))
        self.browse_button.setAccessibleName(self.tr("Browse for an evaluation file"))
        self._title_columns()
        self.evaluate_button.setText(self.tr("Evaluate"))
        self.evaluate_button.setToolTip(self.tr("Evaluate the best checkpoint of the selected run"))
        self.evaluate_button.setAccessibleName(self.tr("Evaluate run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel the evaluation"))
        self.cancel_button.setAccessibleName(self.tr("Cancel evaluation"))
        self.metrics_box.setTitle(self.tr("Metrics"))
        self.cm_box.setTitle(self.tr("Confusion matrix"))
        self._title_roc()
        self.pc_box.setTitle(self.tr("Per class"))
        self.metrics_table.setHorizontalHeaderLabels([self.tr("metric"), self.tr("value")])
        self.per_class_table.setHorizontalHeaderLabels([self.tr("class"), self.tr("precision"), self.tr("recall"),
                                                        self.tr("F1"), self.tr("support")])
        self.mis_table.setHorizontalHeaderLabels([self.tr("text"), self.tr("true"), self.tr("predicted"),
                                                  self.tr("confidence")])
        self.tabs.setTabText(0, self.tr("Overview"))
        self.tabs.setTabText(1, self.tr("Misclassified examples"))
        self.ex_box.setTitle(self.tr("Generated examples"))
        for w, tip in ((self.metrics_table, self.tr("Test metrics of the run")),
                       (self.per_class_table, self.tr("Precision, recall and F1 of each class")),
                       (self.cm_view, self.tr("Rows: true label; columns: predicted label; colour: share of the row")),
                       (self.roc_plot, self.tr("True-positive rate against false-positive rate")),
                       (self.mis_table, self.tr("Test examples the model got wrong, most confident first")),
                       (self.examples, self.tr("Held-out texts continued by the model next to the real text")),
                       (self.tabs, self.tr("Evaluation views"))):
            w.setToolTip(tip)
            w.setAccessibleName(tip)
        self.roc_plot.set_labels("", self.tr("false-positive rate"), self.tr("true-positive rate"))
        if self.run_combo.count():
            self.refresh_runs()  # status words in the run list
        if self.result:
            self.show_result(self.result)
        elif not self.progress.isVisible() and not self.status.styleSheet():
            self._show_status()  # "No finished run yet" / "not evaluated yet" in the new language (errors stay)

    # ----------------------------------------------------------------- another file and its columns
    def _task(self) -> str:
        return str(self.run_combo.currentData(RUN_TASK) or "")

    def _title_columns(self) -> None:
        """The column boxes' words follow the selected run's task (a generation run's second column is a response)."""
        generation = self._task() == "generation"
        self.text_column_label.setText(self.tr("Prompt / text column:") if generation else self.tr("Text column:"))
        self.label_column_label.setText(self.tr("Response column:") if generation else self.tr("Label column:"))
        auto = self.tr("(auto)")
        for box in (self.text_column, self.label_column):
            box.lineEdit().setPlaceholderText(auto)
        self.text_column.setToolTip(self.tr(
            "The column of the evaluation file that holds the texts (an instruction-tuned run: the prompts). Empty: "
            "the column the run was trained on if the file has it, else the one detected."))
        self.text_column.setAccessibleName(self.tr("Text column of the evaluation file"))
        self.label_column.setToolTip(self.tr(
            "An instruction-tuned run: the column of reference responses; a plain language model takes none. Empty: "
            "the column the run was trained on.") if generation else self.tr(
            "The column of the evaluation file that holds the true labels. Empty: the column the run was trained "
            "on if the file has it, else the one detected."))
        self.label_column.setAccessibleName(self.tr("Label column of the evaluation file"))

    @Slot()
    def _enable_columns(self, *_args) -> None:
        """Columns are named for another file only: the run's own test split uses the run's columns."""
        other = bool(self.data_edit.text().strip())
        for w in (self.text_column, self.label_column, self.text_column_label, self.label_column_label):
            w.setEnabled(other)
        if not self.result and not self.status.styleSheet():
            self._show_status()  # "Click Evaluate to score it on FILE" (errors stay until the next evaluation)

    def _browse(self) -> None:
        start = self.data_edit.text().strip()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Evaluate on a file"), start if Path(start).exists()
                                              else "", self.tr("Data files (*.csv *.tsv *.jsonl *.txt *.parquet);;"
                                                               "All files (*)"))
        if path:
            self.data_edit.setText(path)
            self._read_columns()

    @Slot()
    def _read_columns(self) -> None:
        """List the file's columns in the two boxes (read off the GUI thread: a preview of its first rows)."""
        spec = self.data_edit.text().strip()
        if not spec or spec == self._columns_of:
            return
        self._columns_of = spec

        def work(_progress, _should_stop):
            from engine.data.loading import preview

            return spec, list(preview(spec, rows=5).get("columns") or [])

        # a file that cannot be read says why when it is evaluated; the boxes keep what the user typed
        self.ctx.tasks.run("evaluateColumns", work, on_success=self._fill_columns,
                           on_failure=lambda _m, _d: self._fill_columns((spec, [])))

    def _fill_columns(self, got) -> None:
        spec, columns = got
        if spec != self.data_edit.text().strip():
            return  # the user has typed another source since
        for box in (self.text_column, self.label_column):
            typed = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems([""] + [str(c) for c in columns])
            box.setCurrentText(typed if typed in columns else "")
            box.blockSignals(False)

    def columns_chosen(self) -> tuple[str, str]:
        """(text column, label column) to evaluate another file on; empty strings when the run's own split."""
        if not self.data_edit.text().strip():
            return "", ""
        return self.text_column.currentText().strip(), self.label_column.currentText().strip()

    # ----------------------------------------------------------------- runs
    def refresh_runs(self, then=None) -> None:
        """Reload the run list off the GUI thread (it reads every run's files); `then()` runs once it is filled,
        also when a newer refresh replaced this one."""
        from engine.runs import list_runs

        if then is not None:
            self._after_refresh.append(then)
        root = self.ctx.state.runs_dir
        self.ctx.tasks.run("evaluateRunsList", lambda _p, _s: list_runs(root), on_success=self._fill_runs,
                           on_failure=lambda message, _d: self._fill_runs([]))

    def _fill_runs(self, runs: list[dict]) -> None:
        current = self.run_combo.currentData()
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        names = {"finished": self.tr("finished"), "stopped": self.tr("stopped"), "running": self.tr("running"),
                 "paused": self.tr("paused")}
        for run in reversed(runs):
            if run["status"] in names:
                self.run_combo.addItem(f"{run['name']}  [{names[run['status']]}]", run["run_dir"])
                self.run_combo.setItemData(self.run_combo.count() - 1, run.get("task") or "", RUN_TASK)
        if current:
            idx = self.run_combo.findData(current)
            if idx >= 0:
                self.run_combo.setCurrentIndex(idx)
        self.run_combo.blockSignals(False)
        self.evaluate_button.setEnabled(self.run_combo.count() > 0)
        self._title_columns()
        self._show_status()
        pending, self._after_refresh = self._after_refresh, []
        for then in pending:
            then()

    @Slot(str)
    def _on_run_finished(self, run_dir: str) -> None:
        self.refresh_runs(then=lambda: self._evaluate_run(run_dir))

    @Slot(str)
    def _on_run_selected(self, run_dir: str) -> None:
        self.refresh_runs(then=lambda: self._evaluate_run(run_dir))

    @Slot(list)
    def _on_runs_deleted(self, run_dirs: list) -> None:
        """Deleted runs leave the list (and their results the views)."""
        if self.result and self.result.get("run_dir") in run_dirs:
            self._drop_result()
        self.refresh_runs(then=self._show_status)

    @Slot(str)
    def _on_current_run(self, run_dir: str) -> None:
        """Follow the window's current run: select it (the list is read again when it is new to it)."""
        if not run_dir:
            return
        if self.run_combo.findData(run_dir) >= 0:
            self._select(run_dir)
        else:
            self.refresh_runs(then=lambda: self._select(run_dir) if self.run_combo.findData(run_dir) >= 0 else None)

    def _on_run_chosen(self, *_args) -> None:
        """Another run is selected: results of the previous one do not stay under its name, and the views are the
        ones of its task (a generation run has no confusion matrix)."""
        if self.result and self.result.get("run_dir") != self.run_combo.currentData():
            self._drop_result()
        if not self.result and self._task():
            self._show_task(self._task())
        self._title_columns()
        self._show_status()

    def _drop_result(self) -> None:
        """No result on show (its evaluation cancelled): it belongs to a run no longer selected, or deleted."""
        self.ctx.tasks.cancel("evaluate")
        self._done()
        self.result = {}
        self._clear_views()

    def _show_status(self) -> None:
        """Which run the views show (or that the selected one is not evaluated yet)."""
        if self.progress.isVisible():
            return  # "Evaluating …" stays until the result
        run_dir = self.run_combo.currentData()
        if self.result:
            self.status.setText(self._result_line(self.result))
        elif run_dir and self.data_edit.text().strip():
            self.status.setText(self.tr("{0}: not evaluated yet. Click Evaluate to score it on {1}.").format(
                self._name(run_dir), self.data_edit.text().strip()))
        elif run_dir:
            self.status.setText(self.tr("{0}: not evaluated yet. Click Evaluate to score its test split.").format(
                self._name(run_dir)))
        else:
            self.status.setText(self.tr("No finished or stopped run yet: train one first."))
        self.status.setStyleSheet("")

    def _name(self, run_dir: str) -> str:
        name = Path(run_dir).name
        return name + (" " + self.tr("(the current run)") if run_dir == self.ctx.state.current_run else "")

    def _result_line(self, r: dict) -> str:
        data = str(r.get("data", ""))
        if data.startswith(TEST_SPLIT):
            data = self.tr("the test split of {0}").format(data[len(TEST_SPLIT):])
        line = self.tr("{0}: {1} examples from {2}").format(self._name(str(r.get("run_dir", ""))), r.get("n", "?"),
                                                            data)
        if r.get("label_column"):  # another file: the columns scored, as chosen or detected
            line += " " + self.tr("(texts '{0}', labels '{1}')").format(r.get("text_column", ""), r["label_column"])
        elif r.get("text_column"):
            line += " " + self.tr("(texts '{0}')").format(r["text_column"])
        both = r.get("label_ambiguity")
        if both:
            line += "\n" + self.tr("⚠ Besides '{0}', the column(s) {1} also hold the run's classes: these scores are "
                                   "against '{0}', which was detected. Choose the right one under Label column.").format(
                both["chosen"], ", ".join(f"'{c}'" for c in both["others"]))
        changed = r.get("data_changed")
        if changed and changed.get("then") == changed.get("now"):  # as many rows, other test texts
            line += "\n" + self.tr("The data changed since the run was trained (as many rows, but reordered or "
                                   "edited): its test split was drawn again and may hold texts the model trained "
                                   "on.")
        elif changed:  # the engine's warnings, in the window's language
            line += "\n" + self.tr("The data changed since the run was trained ({0:,} usable rows then, {1:,} now): its "
                                   "test split was drawn again and may hold texts the model trained on.").format(
                changed["then"], changed["now"])
        skipped = sum((r.get("skipped") or {}).values())
        if skipped:
            line += "\n" + self.tr("{0:,} rows of the file were not scored: empty text or no label.").format(skipped)
        if r.get("unknown_token_share", 0) >= UNKNOWN_WARN:
            line += "\n" + self.tr("{0:.0%} of these tokens are not in the run's vocabulary (<unk>): perplexity looks "
                                   "better than the model is on this text.").format(r["unknown_token_share"])
        return line

    def _evaluate_run(self, run_dir: str) -> None:
        self._select(run_dir)
        self.evaluate_selected()

    def _select(self, run_dir: str) -> None:
        idx = self.run_combo.findData(run_dir)
        if idx < 0:
            self.run_combo.addItem(run_dir, run_dir)
            idx = self.run_combo.count() - 1
        self.run_combo.setCurrentIndex(idx)

    def evaluate_selected(self) -> None:
        run_dir = self.run_combo.currentData()
        if not run_dir:
            return
        spec = self.data_edit.text().strip() or None
        text_column, label_column = self.columns_chosen()

        def work(progress, should_stop):
            from engine.evaluate import evaluate_run

            progress("evaluating", -1)
            result = evaluate_run(run_dir, data_spec=spec, should_stop=should_stop, text_column=text_column,
                                  label_column=label_column)
            # the split the run's baseline was scored on (not when the file changed since: another split)
            if str(result.get("data", "")).startswith(TEST_SPLIT) and not result.get("data_changed"):
                from engine.runs import SUMMARY_FILE, read_json

                summary = read_json(Path(run_dir) / SUMMARY_FILE)
                result["baseline"] = summary.get("baseline") or {}
                result["monitor"] = summary.get("monitor")  # f1_macro: imbalanced classes, compared on it too
            return result

        self.result = {}
        self._clear_views()  # the views fill with this run's numbers, never another's
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.evaluate_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Evaluating {0} …").format(self._name(run_dir)))
        self.ctx.tasks.run("evaluate", work, on_success=self._on_result, on_failure=self._on_failure)

    def cancel_evaluation(self) -> None:
        self.ctx.tasks.cancel("evaluate")  # its result, should it still come, is dropped
        self._done()
        self.status.setText(self.tr("Evaluation cancelled."))

    def _done(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.evaluate_button.setEnabled(self.run_combo.count() > 0)

    def _on_failure(self, message: str, details: str) -> None:
        self._done()
        self.result = {}
        self._clear_views()  # the last run's numbers must not stand under another run's error
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {status_colour()};")

    def _on_result(self, result: dict) -> None:
        self._done()
        self.status.setStyleSheet("")
        self.result = result
        self.show_result(result)

    # ----------------------------------------------------------------- display
    def _show_baseline(self, r: dict) -> None:
        """'your model 0.78 · linear baseline 0.77' for the run's own test split (the baseline was scored there)."""
        base = r.get("baseline")
        if not isinstance(base, dict) or not base:
            self.baseline_label.setText("" if "baseline" not in r else self.tr(
                "No baseline in this run (it was trained before baselines, or with train.baseline off)."))
            return
        if "skipped" in base:
            self.baseline_label.setText(self.tr("Baseline skipped: {0}").format(base["skipped"]))
            return
        test = base.get("test") or {}
        kind = self.tr("linear baseline") if r.get("task", "classification") == "classification" else \
            self.tr("n-gram baseline")
        self.baseline_label.setToolTip(self.tr("Baseline: {0}. Fitted on this run's training split and scored on "
                                               "its test split: a simple model your network should beat.").format(
            base.get("description", "")))
        if isinstance(r.get("accuracy"), (int, float)) and isinstance(test.get("accuracy"), (int, float)):
            diff = 100 * (r["accuracy"] - test["accuracy"])
            verdict = self.tr("your model beats it") if diff > 0 else self.tr("a simpler model does as well")
            text = self.tr("Accuracy: your model {0:.4f} · {1} {2:.4f} ({3:+.1f} points: {4})").format(
                r["accuracy"], kind, test["accuracy"], diff, verdict)
            if r.get("monitor") == "f1_macro" and all(isinstance(x.get("f1_macro"), (int, float)) for x in (r, test)):
                f1 = 100 * (r["f1_macro"] - test["f1_macro"])
                text += "\n" + self.tr("Macro F1 (the classes are imbalanced): your model {0:.4f} · {1} {2:.4f} "
                                       "({3:+.1f} points: {4})").format(
                    r["f1_macro"], kind, test["f1_macro"], f1,
                    self.tr("your model beats it") if f1 > 0 else self.tr("a simpler model does as well"))
            self.baseline_label.setText(text)
        elif isinstance(r.get("perplexity"), (int, float)) and isinstance(test.get("perplexity"), (int, float)):
            better = r["perplexity"] < test["perplexity"]
            verdict = self.tr("your model beats it") if better else self.tr("a simpler model does as well")
            self.baseline_label.setText(self.tr("Perplexity (lower is better): your model {0:.2f} · {1} {2:.2f} "
                                                "({3})").format(r["perplexity"], kind, test["perplexity"], verdict))

    def _clear_views(self) -> None:
        for table in (self.metrics_table, self.per_class_table, self.mis_table):
            table.setRowCount(0)
        self.baseline_label.clear()
        self.baseline_label.setToolTip("")
        self.cm_view.set_matrix([], [], "", "")
        self.roc_plot.clear_all()
        self._roc_shown = (0, 0)
        self._title_roc()
        self.examples.clear()

    def _show_task(self, task: str) -> None:
        """Classification: metrics, confusion matrix, per class, ROC and a tab of mistakes; generation: metrics and
        the model's continuations next to the real text."""
        generation = task == "generation"
        for box in (self.cm_box, self.roc_box, self.pc_box):
            box.setVisible(not generation)
        self.ex_box.setVisible(generation)
        self.tabs.setTabVisible(1, not generation)
        if generation:
            self.tabs.setCurrentIndex(0)

    def _title_roc(self) -> None:
        shown, total = self._roc_shown
        if shown < total:
            self.roc_box.setTitle(self.tr("ROC curve (the {0} largest of {1} classes; all in the per-class table)")
                                  .format(shown, total))
        else:
            self.roc_box.setTitle(self.tr("ROC curve"))

    def show_result(self, r: dict) -> None:
        self._show_task(r.get("task", "classification"))
        self.status.setText(self._result_line(r))
        self._show_baseline(r)
        rows = [(k, r[k]) for k in METRIC_KEYS if k in r]
        self.metrics_table.setRowCount(len(rows))
        for i, (k, v) in enumerate(rows):
            self.metrics_table.setItem(i, 0, QTableWidgetItem(k))
            self.metrics_table.setItem(i, 1, QTableWidgetItem(_fmt(v)))
        names = r.get("label_names") or []
        pcs = r.get("per_class") or {}
        self.per_class_table.setRowCount(len(pcs))
        for i, (name, v) in enumerate(pcs.items()):
            for j, val in enumerate([name, v.get("precision"), v.get("recall"), v.get("f1"), v.get("support")]):
                self.per_class_table.setItem(i, j, QTableWidgetItem(_fmt(val)))
        self.cm_view.set_matrix(r.get("confusion_matrix") or [], names, self.tr("true"), self.tr("predicted"))
        self.roc_plot.clear_all()
        self._roc_shown = (0, 0)
        roc = r.get("roc_curve") or {}
        if "fpr" in roc:
            self.roc_plot.add_curve("roc", self.tr("ROC"), width=2)
            self.roc_plot.set_data("roc", roc["fpr"], roc["tpr"])
        else:
            curves = [(name, c) for name, c in roc.items() if isinstance(c, dict) and "fpr" in c]
            self._roc_shown = (min(len(curves), MAX_ROC_CURVES), len(curves))
            if len(curves) > MAX_ROC_CURVES:  # a legend of 150 classes is unreadable and slow: the largest ones
                size = {name: (v or {}).get("support") or 0 for name, v in pcs.items()}
                curves = sorted(curves, key=lambda item: -size.get(item[0], 0))[:MAX_ROC_CURVES]
            for name, curve in curves:
                self.roc_plot.set_data(str(name), curve["fpr"], curve["tpr"])
        self._title_roc()
        if roc:
            self.roc_plot.add_curve("chance", self.tr("chance"), colour="#999999", width=1,
                                    style=Qt.PenStyle.DashLine)
            self.roc_plot.set_data("chance", [0, 1], [0, 1])
        mis = r.get("misclassified") or []
        self.mis_table.setSortingEnabled(False)
        self.mis_table.setRowCount(len(mis))
        for i, m in enumerate(mis):
            self.mis_table.setItem(i, 0, QTableWidgetItem(m["text"]))
            self.mis_table.setItem(i, 1, QTableWidgetItem(m["true"]))
            self.mis_table.setItem(i, 2, QTableWidgetItem(m["predicted"]))
            conf = QTableWidgetItem()
            conf.setData(Qt.ItemDataRole.DisplayRole, round(float(m["confidence"]), 4))
            self.mis_table.setItem(i, 3, conf)
        self.mis_table.setSortingEnabled(True)
        ex = r.get("examples") or []
        ref, gen = self.tr("reference"), self.tr("generated")
        self.examples.setPlainText("\n\n".join(f"{ref}: {e['reference']}\n{gen}: {e['generated']}" for e in ex))
        if not ex and r.get("task") == "generation":  # said, not an empty box
            self.examples.setPlainText(self.tr(
                "No examples: every held-out text is too short to continue half of it, so ROUGE-L and chrF were "
                "not computed either.") if r.get("similarity_note") else self.tr("No examples for this evaluation."))

    def shutdown(self) -> None:
        self.ctx.tasks.cancel("evaluate")
        self.roc_plot.timer.stop()
