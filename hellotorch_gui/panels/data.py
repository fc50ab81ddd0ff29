"""Data panel: pick a source, see its first rows at once, then the whole table, cleaning report and charts."""
from __future__ import annotations

import copy
from collections.abc import Callable
import html
import random
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from engine.data.checks import class_problem, column_problem, facts_key, rows_problem
from engine.errors import HelloTorchError
from hellotorch_gui.forms import ConfigForm
from hellotorch_gui.panels.base import AppContext, Panel, describe
from hellotorch_gui.panels.data_facts import data_facts, problem_text
from hellotorch_gui.panels.data_widgets import (ChartWidget, CleaningReportLabel, DatasetTableModel,
                                                LengthsBox, augment_examples, builtin_description, builtin_licence,
                                                muted_colour, usable_rows)
from hellotorch_gui.panels.model import TASKS, switch_task
from hellotorch_gui.plots import status_colour

PREVIEW_ROWS = 200
DEBOUNCE_MS = 300
LOAD_TASKS = ("data-preview", "data-load", "data-stats", "data-facts")
SPLIT_KEYS = ["data.val_fraction", "data.test_fraction", "data.max_length", "data.tokenizer", "data.vocab_size",
              "data.min_freq", "data.lowercase", "data.language", "data.drop_duplicates", "data.drop_conflicting",
              "data.limit_rows"]
AUG_KEYS = ["data.aug_delete_prob", "data.aug_swap_prob", "data.aug_mask_prob"]
STATS_KEYS = ("task", "data.text_column", "data.label_column", "data.tokenizer", "data.max_length", "model.arch",
              "model.pretrained", "data.prompt_column", "data.response_column")
COUNT_KEYS = ("data.val_fraction", "data.test_fraction", "data.drop_duplicates", "data.drop_conflicting",
              "data.limit_rows")
AUGMENT_INPUTS = (*AUG_KEYS, "data.tokenizer", "data.lowercase", "data.language", "data.text_column")
# Keys that change what a run sees of the data but not the statistics: the facts are counted again.
FACTS_ONLY_KEYS = ("data.vocab_size", "data.min_freq", "data.lowercase", "data.language", "data.val_fraction",
                   "data.test_fraction", "data.drop_duplicates", "data.drop_conflicting", "data.limit_rows",
                   "train.seed", "model.trust_remote_code")
# settings whose value can make counting the data fail (engine errors marked .at(key)): shown under that control,
# and Start says to fix the config, not the data
SETTING_FAULTS = ("model.pretrained",)
FILE_PATTERNS = "*.csv *.tsv *.tab *.json *.jsonl *.ndjson *.parquet *.pq *.txt *.text"


def _job(name: str, *args):
    """fn(progress, should_stop) for TaskRunner; the engine's data code is imported off the GUI thread."""
    def run(progress, should_stop):
        if name == "preview":
            from engine.data.checks import instruction_columns, label_column_hint
            from engine.data.loading import preview

            result = preview(args[0], rows=PREVIEW_ROWS)
            return {**result, "label_hint": label_column_hint(result["columns"], result["rows"]),
                    "pair_hint": instruction_columns(result["columns"])}
        if name == "load":
            from engine.data.loading import load_table
            return load_table(args[0])
        if name == "stats":
            from engine.data.pipeline import stats_for_spec

            try:
                return stats_for_spec(args[0], **args[1])
            except HelloTorchError as exc:  # the pretrained model's fault: the data's statistics all the same
                if exc.key not in SETTING_FAULTS or not args[1].get("pretrained"):
                    raise
                return {**stats_for_spec(args[0], **{**args[1], "pretrained": ""}),
                        "setting_fault": {exc.key: str(exc)}}
        if name == "facts":  # a DataError is an answer here (why a run would fail), not a failure of the job
            from engine.data.checks import facts_key, training_facts

            try:
                return training_facts(args[0], should_stop)
            except HelloTorchError as exc:
                return {"key": facts_key(args[0]), "error": str(exc), "field": exc.key}
        return augment_examples(*args)
    return run


def _red_label(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True, visible=False)
    label.setStyleSheet(f"color: {status_colour()};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _box(name: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(objectName=name)
    lay = QVBoxLayout(box)
    for w in widgets:
        lay.addWidget(w)
    return box


def _row(*items, stretch_last: int = 0) -> QHBoxLayout:
    lay = QHBoxLayout()
    for i, w in enumerate(items):
        lay.addWidget(w, stretch_last if i == len(items) - 1 else 0)
    return lay


class DataPanel(Panel):
    """Choose the dataset, check what cleaning does to it, map columns, set the split, tokenizer and augmentation."""

    key = "data"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from engine.data.builtin import list_builtin  # light: no pandas/datasets/torch

        self.builtins = {b["name"]: b for b in list_builtin()}
        self._started = False  # a load was asked for (first show or a user action); until then nothing loads
        self._loaded_source: str | None = None
        self._load_id = self._stats_id = self._aug_id = self._aug_seed = self._facts_id = 0
        self.facts = data_facts(ctx.state)
        self._stats_busy = self._stats_dirty = self._reset_columns = False
        self._pending: dict[str, Callable[[], str]] = {}  # running load steps -> status text (in the UI language)
        self._preview: dict | None = None
        self._stats: dict | None = None
        self._column_problem = None  # the DataProblem shown under the column pickers (worded again on retranslate)
        self._facts_error = ""       # why a run of this config would fail, found while counting the facts
        self._setting_fault: dict[str, str] = {}  # a setting the count blamed (SETTING_FAULTS) -> its message
        self._facts_error_key: tuple | None = None  # the settings (facts_key) it was found for

        self.source_combo = QComboBox(objectName="datasetSource", editable=True)
        self.source_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source_combo.addItems(list(self.builtins))
        self.source_combo.activated.connect(lambda _i: self._commit_source(force=True))  # also Enter
        self.source_combo.lineEdit().editingFinished.connect(self._commit_source)
        self.source_frame = QFrame(objectName="sourceFrame")  # carries the red border (the combo keeps its look)
        QVBoxLayout(self.source_frame).addWidget(self.source_combo)
        self.source_frame.layout().setContentsMargins(0, 0, 0, 0)
        self.source_label = QLabel(buddy=self.source_combo)
        # The task sits next to the dataset: it decides whether a label column is read at all.
        self.task_combo = QComboBox(objectName="dataTaskCombo")
        for task in TASKS:
            self.task_combo.addItem(task, task)
        self.task_combo.activated.connect(lambda i: switch_task(self.ctx.state, self.task_combo.itemData(i)))
        self.task_label = QLabel(buddy=self.task_combo)
        self.task_hint = QLabel(objectName="taskHint", wordWrap=True, visible=False,
                                textFormat=Qt.TextFormat.RichText)
        self.task_hint.linkActivated.connect(self._on_task_hint_link)
        self.browse_file_button = QPushButton(objectName="browseFileButton", clicked=self.browse_file)
        self.browse_folder_button = QPushButton(objectName="browseFolderButton", clicked=self.browse_folder)
        self.source_info = QLabel(objectName="sourceInfo", wordWrap=True)
        self.error_label = _red_label("dataError")
        self.progress = QProgressBar(objectName="loadProgress", minimum=0, maximum=0, visible=False,
                                     maximumWidth=220)
        self.status_label = QLabel(objectName="dataStatus", wordWrap=True)
        self.cancel_button = QPushButton(objectName="cancelLoadButton", visible=False, clicked=self.cancel_load)

        self.text_combo = QComboBox(objectName="textColumnCombo", minimumWidth=140)
        self.label_combo = QComboBox(objectName="labelColumnCombo", minimumWidth=140)
        self.text_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.text_column"))
        self.label_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.label_column"))
        self.text_col_label, self.label_col_label = QLabel(buddy=self.text_combo), QLabel(buddy=self.label_combo)
        # Generation on instruction data: a prompt and a response column instead of plain text
        self.prompt_combo = QComboBox(objectName="promptColumnCombo", minimumWidth=140)
        self.response_combo = QComboBox(objectName="responseColumnCombo", minimumWidth=140)
        self.prompt_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.prompt_column"))
        self.response_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.response_column"))
        self.prompt_col_label = QLabel(buddy=self.prompt_combo)
        self.response_col_label = QLabel(buddy=self.response_combo)
        self.column_combos = {"data.text_column": self.text_combo, "data.label_column": self.label_combo,
                              "data.prompt_column": self.prompt_combo, "data.response_column": self.response_combo}
        self.column_error = _red_label("columnError")
        self.model = DatasetTableModel(self)
        self.table = QTableView(objectName="dataPreview", alternatingRowColors=True, wordWrap=False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

        self.label_chart = ChartWidget("labelChart")
        self.balance_note = QLabel(objectName="classBalanceNote", wordWrap=True, visible=False)
        self.variants_note = QLabel(objectName="labelVariantsNote", wordWrap=True, visible=False)
        self.label_box = _box("labelBox", self.label_chart, self.balance_note, self.variants_note)
        self.lengths = LengthsBox()
        self.report = CleaningReportLabel()
        self.report_box = _box("cleaningBox", self.report)
        self.split_form = ConfigForm(ctx.state, SPLIT_KEYS)
        self.split_form.setObjectName("dataSplitForm")
        self.split_counts = QLabel(objectName="splitCounts", wordWrap=True)
        self.unknown_warning = _red_label("unknownTokensWarning")  # pretrained tokenizer vs this text
        self.header_warning = _red_label("headerWarning")  # engine.data.checks.header_problems, in words here
        self.split_box = _box("splitBox", self.split_form, self.split_counts)
        self.aug_form = ConfigForm(ctx.state, AUG_KEYS)
        self.aug_form.setObjectName("dataAugmentForm")
        self.aug_examples = QLabel(objectName="augmentExamples", wordWrap=True, textFormat=Qt.TextFormat.RichText,
                                   frameShape=QFrame.Shape.StyledPanel, margin=6)
        self.aug_examples.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reshuffle_button = QPushButton(objectName="reshuffleAugmentButton", clicked=self.reshuffle)
        self.aug_box = _box("augmentBox", self.aug_form, self.aug_examples)
        self.aug_box.layout().addWidget(self.reshuffle_button, 0, Qt.AlignmentFlag.AlignRight)
        self._build_layout()

        self.stats_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._rerun_stats)
        self.aug_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._run_augment)
        self.facts_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._run_facts)
        ctx.state.changed.connect(self._on_state_changed)
        self._sync_source_combo()
        self._apply_task()
        self.retranslate()

    def _build_layout(self) -> None:
        columns = _row(self.text_col_label, self.text_combo, self.label_col_label, self.label_combo,
                       self.column_error, stretch_last=1)
        columns.addStretch(0)  # takes the spare width while the error is hidden
        pairs = _row(self.prompt_col_label, self.prompt_combo, self.response_col_label, self.response_combo)
        pairs.addStretch(1)
        pairs.setContentsMargins(0, 0, 0, 0)
        self.pairs_row = QWidget(objectName="instructionColumns")  # generation only
        self.pairs_row.setLayout(pairs)
        table_area, charts = QWidget(), QWidget()
        table_lay = QVBoxLayout(table_area)
        table_lay.addLayout(columns)
        table_lay.addWidget(self.pairs_row)
        table_lay.addWidget(self.table, 1)
        chart_lay = QHBoxLayout(charts)
        chart_lay.addWidget(self.label_box, 2)
        chart_lay.addWidget(self.lengths, 3)
        for lay in (table_lay, chart_lay):
            lay.setContentsMargins(0, 0, 0, 0)
        left = QSplitter(Qt.Orientation.Vertical, objectName="dataLeftSplitter", childrenCollapsible=False)
        left.addWidget(table_area)
        left.addWidget(charts)
        left.setSizes([420, 280])
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 4, 0)
        for box in (self.report_box, self.split_box, self.aug_box):
            right_lay.addWidget(box)
        right_lay.addStretch(1)
        scroll = QScrollArea(objectName="dataSettingsScroll", widgetResizable=True, minimumWidth=380,
                             frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        body = QSplitter(Qt.Orientation.Horizontal, objectName="dataSplitter", childrenCollapsible=False)
        body.addWidget(left)
        body.addWidget(scroll)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        top = _row(self.source_label, self.source_frame, self.task_label, self.task_combo, self.browse_file_button,
                   self.browse_folder_button)
        top.setStretch(1, 1)
        top.insertSpacing(2, 12)
        lay.addLayout(top)
        for w in (self.source_info, self.task_hint, self.error_label):
            lay.addWidget(w)
        status = _row(self.progress, self.status_label, self.cancel_button)
        status.setStretch(1, 1)
        lay.addLayout(status)
        lay.addWidget(self.unknown_warning)
        lay.addWidget(self.header_warning)
        lay.addWidget(body, 1)

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Data")

    def retranslate(self) -> None:
        self.source_label.setText(self.tr("&Dataset:"))
        self.source_combo.lineEdit().setPlaceholderText(self.tr("Built-in name, file, folder or hub id"))
        languages = {"en": self.tr("English"), "zh": self.tr("Chinese")}
        for i, meta in enumerate(self.builtins.values()):
            tasks = " / ".join(self.task_names().get(t, t) for t in meta["tasks"])
            self.source_combo.setItemData(i, self.tr("{0} · about {1:,} rows · {2}\nLicence: {3}\n{4}").format(
                languages.get(meta["language"], meta["language"]), meta["rows"], tasks, builtin_licence(meta),
                builtin_description(meta)), Qt.ItemDataRole.ToolTipRole)
        self.task_label.setText(self.tr("T&ask:"))
        for i in range(self.task_combo.count()):
            self.task_combo.setItemText(i, self.task_names()[self.task_combo.itemData(i)])
        self.browse_file_button.setText(self.tr("Browse &file…"))
        self.browse_folder_button.setText(self.tr("Browse f&older…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.text_col_label.setText(self.tr("&Text column:"))
        self.label_col_label.setText(self.tr("&Label column:"))
        self.prompt_col_label.setText(self.tr("&Prompt column:"))
        self.response_col_label.setText(self.tr("Respo&nse column:"))
        self.reshuffle_button.setText(self.tr("&Reshuffle"))
        for box, title in ((self.label_box, self.tr("Classes")), (self.report_box, self.tr("Cleaning report")),
                           (self.split_box, self.tr("Split and tokenizer")),
                           (self.aug_box, self.tr("Augmentation (training only)"))):
            box.setTitle(title)
        for widget, tip, name in (
                (self.source_combo, self.tr("A built-in dataset, or type a file path, a folder or a Hugging Face hub "
                                            "id and press Enter\n[data.source]"), self.tr("Dataset source")),
                (self.task_combo, self.tr("What to learn from this data: classification learns the classes of a "
                                          "label column; generation learns to continue the texts and ignores any "
                                          "labels\n[task]"), self.tr("Task")),
                (self.task_hint, self.tr("This data has classes that the chosen task does not use"),
                 self.tr("Task hint")),
                (self.browse_file_button, self.tr("Open a CSV, TSV, JSON, JSON Lines, Parquet or text file"),
                 self.tr("Browse for a data file")),
                (self.browse_folder_button, self.tr("Open a folder with one sub-folder of .txt files per class, or a "
                                                    "folder saved with datasets' save_to_disk"),
                 self.tr("Browse for a data folder")),
                (self.cancel_button, self.tr("Stop loading this dataset"), self.tr("Cancel loading")),
                (self.progress, self.tr("Loading the dataset"), self.tr("Loading progress")),
                (self.error_label, self.tr("Why this dataset cannot be used"), self.tr("Data error")),
                (self.column_error, self.tr("Why this column choice cannot be used"), self.tr("Column error")),
                (self.header_warning, self.tr("Shown when the file's header row looks wrong"),
                 self.tr("Header warning")),
                (self.text_combo, self.tr("Column holding the text; (auto) detects it\n[data.text_column]"),
                 self.tr("Text column")),
                (self.label_combo, self.tr("Column holding the class label; (auto) detects it\n[data.label_column]"),
                 self.tr("Label column")),
                (self.prompt_combo, self.tr("Instruction data: the column with the prompt. With a response column "
                                            "too, the model learns to answer (the loss counts response tokens "
                                            "only); (none) trains on plain text\n[data.prompt_column]"),
                 self.tr("Prompt column")),
                (self.response_combo, self.tr("Instruction data: the column with the answer the model should "
                                              "learn to give\n[data.response_column]"),
                 self.tr("Response column")),
                (self.table, self.tr("The dataset's rows (more are read as you scroll); hover a cell for its full "
                                     "text"), self.tr("Data preview")),
                (self.label_chart, self.tr("Rows per class in the whole dataset after cleaning"),
                 self.tr("Label distribution chart")),
                (self.balance_note, self.tr("Shown when the largest class holds at least 4 times the rows of the "
                                            "smallest: accuracy then mostly rewards answering the largest class"),
                 self.tr("Class balance note")),
                (self.variants_note, self.tr("Shown when labels differ only in case, spaces or punctuation "
                                             "('Positive' and 'positive'): each trains as a class of its own"),
                 self.tr("Label spelling note")),
                (self.split_counts, self.tr("Rows in each split after cleaning"), self.tr("Split sizes")),
                (self.aug_examples, self.tr("Three training texts and how augmentation changes them"),
                 self.tr("Augmentation examples")),
                (self.reshuffle_button, self.tr("Show other texts and other random changes"),
                 self.tr("Reshuffle augmentation examples"))):
            describe(widget, tip, name)
        self.label_chart.set_texts(self.tr("No data loaded"), "", self.tr("rows"))
        for part in (self.lengths, self.split_form, self.aug_form):
            part.retranslate()
        self._fill_column_combos(self.model.columns)
        self._show_source_info()
        self._update_status()
        self._show_stats()
        self._show_augment_hint()
        self._show_task_hint()
        if self._column_problem is not None:
            self._set_column_error(problem_text(self._column_problem))
        self._sync_source_combo()  # setItemData on the current item rewrites an editable combo's text

    def task_names(self) -> dict[str, str]:
        return {"classification": self.tr("Classification (label each text)"),
                "generation": self.tr("Generation (continue text)")}

    # ----------------------------------------------------------------- public API (main window, tests)
    def browse_file(self) -> None:
        start = str(self.ctx.settings.value("data/lastDir", "") or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a dataset"), start, self.tr(
            "Data files ({0});;All files (*)").format(FILE_PATTERNS))
        if path:
            self.ctx.settings.setValue("data/lastDir", str(Path(path).parent))
            self.set_source(path)

    def browse_folder(self) -> None:
        start = str(self.ctx.settings.value("data/lastDir", "") or Path.home())
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a dataset folder"), start)
        if path:
            self.ctx.settings.setValue("data/lastDir", str(Path(path).parent))
            self.set_source(path)

    def set_source(self, path: str) -> None:
        """Use this source (a user action): store it in data.source and load it, even when it is the same."""
        self._started, self._reset_columns = True, True
        if self.ctx.state.get("data.source") == str(path):
            self.load()
        else:
            self.ctx.state.set("data.source", str(path))  # _on_state_changed loads it

    def is_loading(self) -> bool:
        return bool(self._pending)

    # ----------------------------------------------------------------- loading: preview, then table + stats
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:  # start-up stays fast: the first load waits until the panel is seen
            self._started = True
            src = str(self.ctx.state.get("data.source")).strip()
            if src in self.builtins or (src and Path(src).expanduser().exists()):
                self.load()

    def _commit_source(self, force: bool = False) -> None:
        """Focus leaving the combo commits a changed text; Enter or picking an item (force) also reloads."""
        text = self.source_combo.currentText().strip()
        again = force and not (text == self._loaded_source and self.is_loading())
        if text and (text != self.ctx.state.get("data.source") or again):
            self.set_source(text)

    def load(self) -> None:
        """Cancel what is running, then preview the source; the full table and the statistics follow."""
        self._started = True
        self._load_id += 1
        src = str(self.ctx.state.get("data.source")).strip()
        for name in (*LOAD_TASKS, "data-augment"):
            self.ctx.tasks.cancel(name)
        self.stats_timer.stop()
        self._loaded_source, self._preview, self._stats = src, None, None
        self._column_problem, self._facts_error = None, ""
        self._facts_id += 1
        self.facts_timer.stop()
        self.facts.set_pending(bool(src))
        self._pending.clear()
        self._stats_busy = self._stats_dirty = False
        self.model.clear()
        self._set_error("")
        self._set_column_error("")
        self._fill_column_combos([])
        self._show_source_info()
        self._show_stats()
        self._show_augment_hint()
        self._show_task_hint()
        if not src:
            return self._set_error(self.tr("Choose a built-in dataset, or a file or folder with your texts."))
        self._start("data-preview", lambda: self.tr("Reading the first rows…"), _job("preview", src), self._on_preview,
                    self._on_source_failed)

    def _start(self, name: str, message: Callable[[], str], fn, on_success, on_failure) -> None:
        """Run a load step; results of an older load (a changed source) are dropped."""
        lid = self._load_id
        self._pending[name] = message
        self._update_status()

        def done(callback, *args) -> None:
            if lid == self._load_id:
                self._pending.pop(name, None)
                callback(*args)
                self._update_status()

        self.ctx.tasks.run(name, fn, on_success=lambda r: done(on_success, r),
                           on_failure=lambda m, d: done(on_failure, m))

    def cancel_load(self) -> None:
        self._load_id += 1
        for name in LOAD_TASKS:
            self.ctx.tasks.cancel(name)
        self._pending.clear()
        self._stats_busy = self._stats_dirty = False
        self._update_status(self.tr("Loading cancelled."))

    def _on_preview(self, result: dict) -> None:
        self._preview = result
        columns = list(result["columns"])
        self.model.set_preview(columns, result["rows"])
        if self._reset_columns:  # a newly chosen source: explicit columns it lacks go back to (auto)
            self._reset_columns = False
            for key in self.column_combos:
                if self.ctx.state.get(key) and self.ctx.state.get(key) not in columns:
                    self.ctx.state.set(key, "")
        self._fill_column_combos(columns)
        self._layout_columns()
        self._show_task_hint()
        self._start("data-load", lambda: self.tr("Loading the full table…"), _job("load", self._loaded_source),
                    self._on_loaded, self._on_source_failed)
        self._rerun_stats()
        self._run_augment()
        self.stats_timer.stop()
        self.aug_timer.stop()

    def _on_loaded(self, loaded) -> None:
        self.model.set_dataset(loaded.dataset)
        self.model.set_roles(*(((self._stats or {}).get(k) or "") for k in ("text_column", "label_column")))
        self._fill_column_combos(self.model.columns)
        self._layout_columns()

    def _on_source_failed(self, message: str) -> None:
        for name in LOAD_TASKS:
            self.ctx.tasks.cancel(name)
        self._pending.clear()
        self._stats_busy = self._stats_dirty = False
        self.facts.set_pending(False)
        self._set_error(message)

    # ----------------------------------------------------------------- what a run will see (shared facts)
    def _run_facts(self) -> None:
        """Count examples per split, vocabulary and classes as a run would (after the statistics, one at a time)."""
        self.facts_timer.stop()
        if self._stats is None or self._stats_busy or self._column_problem is not None:
            return  # the statistics come first; their success starts this again
        if self.facts.current(self.ctx.state.config) is not None:
            return self.facts.set_pending(False)  # e.g. another architecture: the data a run sees is the same
        cfg = copy.deepcopy(self.ctx.state.config)
        self._facts_id += 1
        fid = self._facts_id
        self.facts.set_pending(True)
        self._start("data-facts", lambda: self.tr("Counting what training will see…"), _job("facts", cfg),
                    lambda r: self._on_facts(fid, r), lambda m: self._on_facts(fid, None, m))

    def _show_setting_fault(self, faults: dict[str, str]) -> None:
        """A setting (SETTING_FAULTS) that made reading the data fail: its message under its control, Start blocked
        as for any bad value; one the last look blamed and this one does not is cleared."""
        for key in SETTING_FAULTS:
            if key in faults:
                self.ctx.state.set_input_error(key, faults[key])
            elif key in self._setting_fault:  # only what this panel set: a typing error there is the form's
                self.ctx.state.clear_input_error(key, only=self._setting_fault[key])
        self._setting_fault = dict(faults)

    def _on_facts(self, fid: int, result: dict | None, message: str = "") -> None:
        if fid != self._facts_id:
            return
        error = (result or {}).get("error", "")
        self.facts.publish(result if result and not error else None)
        field = (result or {}).get("field")
        if field in SETTING_FAULTS:  # a setting's fault, not the data's: shown at that control
            error = ""
        if result is not None:
            self._show_setting_fault({field: result["error"]} if field in SETTING_FAULTS else {})
        self._facts_error_key = (result or {}).get("key")
        if self._facts_error != error:
            self._facts_error = error
            self._show_split_counts()  # shows it unless a class or row problem is the first thing to fix
        if result is None:  # not the data's fault (a bug, memory): the panels keep their stated assumptions
            self._update_status(self.tr("Could not count the training examples: {0}").format(message))

    def _on_task_hint_link(self, target: str) -> None:
        if target == "pairs":  # the file's prompt and response columns, as the hint named them
            pair = (self._preview or {}).get("pair_hint")
            if pair:
                self.ctx.state.set("data.prompt_column", pair[0])
                self.ctx.state.set("data.response_column", pair[1])
            return
        switch_task(self.ctx.state, target)

    def _show_task_hint(self) -> None:
        """Generation on data with a column of classes: say that the labels go unused, with the way back; on data
        whose columns are named as instruction data (prompt/response, question/answer ...), offer those instead."""
        column = (self._preview or {}).get("label_hint", "")
        pair = (self._preview or {}).get("pair_hint")
        unpaired = not (self.ctx.state.get("data.prompt_column") or self.ctx.state.get("data.response_column"))
        generation = self.ctx.state.get("task") == "generation"
        if generation and pair and unpaired:
            self.task_hint.setVisible(True)
            self.task_hint.setText(self.tr(
                "This looks like instruction data: <a href='pairs'>use '{0}' as the Prompt column and '{1}' as the "
                "Response column</a> to learn to answer prompts (the loss counts the responses only). Left as it "
                "is, generation learns to continue the texts of one column.").format(html.escape(pair[0]),
                                                                                    html.escape(pair[1])))
            return
        show = generation and bool(column) and unpaired
        self.task_hint.setVisible(show)
        if show:
            self.task_hint.setText(self.tr("This data has a column of classes, '{0}'. Generation learns to continue "
                                           "the texts and does not use it; <a href='classification'>choose "
                                           "Classification</a> to learn the classes.").format(html.escape(column)))

    def _rerun_stats(self) -> None:
        """stats_for_spec for the current columns/task/tokenizer; a request while one runs waits for it."""
        if self._preview is None:
            return
        if self._stats_busy:
            self._stats_dirty = True
            return
        s = self.ctx.state
        params = {"text_column": s.get("data.text_column"), "label_column": s.get("data.label_column"),
                  "task": s.get("task"), "tokenizer": s.get("data.tokenizer"), "max_length": s.get("data.max_length"),
                  "pretrained": str(s.get("model.pretrained") or "") if s.get("model.arch") == "pretrained" else "",
                  "trust_remote_code": bool(s.get("model.trust_remote_code")),
                  "prompt_column": s.get("data.prompt_column"), "response_column": s.get("data.response_column")}
        self._stats_busy, self._stats_dirty = True, False
        self._stats_id += 1
        sid = self._stats_id
        self._start("data-stats", lambda: self.tr("Computing the cleaning report and statistics…"),
                    _job("stats", self._loaded_source, params), lambda r: self._on_stats(sid, r),
                    lambda m: self._on_stats(sid, None, m))

    def _on_stats(self, sid: int, result: dict | None, message: str = "") -> None:
        if sid != self._stats_id:
            return
        self._stats_busy = False
        if self._stats_dirty:  # the inputs changed while it ran: this result is stale
            return self._rerun_stats()
        if result is None:
            # one error at a time, under the control it is about; the last good statistics no longer apply
            s = self.ctx.state
            self._column_problem = column_problem(
                message, self.model.columns or list((self._preview or {}).get("columns", [])), task=s.get("task"),
                **{k.split(".")[1]: str(s.get(k) or "") for k in self.column_combos})
            self._stats = None
            self._show_stats()
            self.facts.set_pending(False)
            if self._column_problem is not None:
                self._set_error("")
                return self._set_column_error(problem_text(self._column_problem))
            self._set_column_error("")
            return self._set_error(message)
        self._stats, self._column_problem = result, None
        self._show_setting_fault(result.get("setting_fault") or {})
        self._set_error("")
        self._set_column_error("")
        self.model.set_roles(result.get("text_column") or "", result.get("label_column") or "")
        self._fill_column_combos(self.model.columns or list(result.get("columns", [])))
        self._layout_columns()
        self._show_stats()  # also checks the classes and the rows (_check_rows)
        self._run_facts()

    # ----------------------------------------------------------------- showing the statistics
    def _show_stats(self) -> None:
        st, s = self._stats, self.ctx.state
        self.report.show_report(st, (self._preview or {}).get("encoding"), s.get("data.drop_duplicates"),
                                s.get("data.drop_conflicting"), int(s.get("data.limit_rows") or 0))
        self.lengths.show_stats(st, int(s.get("data.max_length")))
        counts = st["stats"]["label_counts"] if st else {}
        self.label_chart.set_classes(list(counts), list(counts.values()))
        self.label_chart.setAccessibleDescription("; ".join(f"{k}: {v:,}" for k, v in counts.items()))
        self._show_balance()
        self._show_label_variants()
        self._show_split_counts()
        warning = (st or {}).get("unknown_warning") or ""
        self.unknown_warning.setText(warning)
        self.unknown_warning.setVisible(bool(warning))
        self._show_header_problems()

    def _show_header_problems(self) -> None:
        """Above the table: a header row that reads like a text (no header: the first line is lost) or names a
        column twice (engine.data.checks.header_problems)."""
        notes = []
        for found in (self._stats or {}).get("header_problems") or []:
            if found["kind"] == "headless_text":
                notes.append(self.tr("The text column's name, '{0}', reads like a text: the file seems to have no "
                                     "header row, so its first line became the column name and is not used. Add a "
                                     "first line naming the column (e.g. text).").format(found["column"][:80]))
            else:
                notes.append(self.tr("The header names '{0}' twice; the second column is read as '{1}'. Rename one "
                                     "of them in the file, or pick the one you mean under Text column.").format(
                    found["column"], found["renamed"]))
        self.header_warning.setText("\n".join(notes))
        self.header_warning.setVisible(bool(notes))

    def _show_label_variants(self) -> None:
        """Under the class chart: labels that differ only in case, spaces or punctuation (one class spelled several
        ways; the groups come with the statistics, engine.data.checks.label_variants)."""
        classes = self.ctx.state.get("task") == "classification"
        groups = (self._stats or {}).get("label_variants") or [] if classes else []
        said = self.tr("; ").join(self.tr(" and ").join(f"'{n}'" for n in g) for g in groups)
        notes = [self.tr("Some labels differ only in case, spaces or punctuation: {0}. Each trains as a class of its "
                         "own. If they mean the same class, write them one way in the file and load it again.").format(
            said)] if groups else []
        if classes and (self._stats or {}).get("header_note"):  # engine.data.checks.header_note, in words here
            st = self._stats
            notes.append(self.tr("The column names ('{0}', '{1}') look like a row of data: '{1}' is also one of the "
                                 "classes. The file seems to have no header row, so its first row is not used; add "
                                 "a header line naming the columns (e.g. text,label).").format(
                st.get("text_column") or "", st.get("label_column") or ""))
        self.variants_note.setText("\n".join(notes))
        self.variants_note.setVisible(bool(notes))

    def _show_balance(self) -> None:
        """Under the class chart: when one class holds 4x the rows of another, what that does to accuracy."""
        from engine.data.checks import class_imbalance

        counts = (self._stats or {}).get("stats", {}).get("label_counts") or {}
        found = class_imbalance(counts) if self.ctx.state.get("task") == "classification" else None
        if found is None:
            self.balance_note.clear()
            self.balance_note.setVisible(False)
            return
        big, big_share, small, small_share = found
        if self.ctx.state.get("train.monitor") == "auto":
            text = self.tr("Imbalanced: '{0}' holds {1:.0%} of the rows, '{2}' {3:.0%}. Always answering '{0}' would "
                           "score {4:.2f} accuracy, so training picks its best checkpoint by macro F1 (train.monitor "
                           "auto).")
        else:
            text = self.tr("Imbalanced: '{0}' holds {1:.0%} of the rows, '{2}' {3:.0%}. Always answering '{0}' would "
                           "score {4:.2f} accuracy: compare models by macro F1.")
        self.balance_note.setText(text.format(big, big_share, small, small_share, big_share))
        self.balance_note.setVisible(True)

    def _show_split_counts(self) -> None:
        if self._stats is None:
            return self.split_counts.setText("")
        from engine.data.split import split_sizes  # already imported by the stats worker

        s = self.ctx.state
        n = usable_rows(self._stats["cleaning"], s.get("data.drop_duplicates"), s.get("data.drop_conflicting"),
                        s.get("data.limit_rows"))
        val, test = s.get("data.val_fraction"), s.get("data.test_fraction")
        if "data.val_fraction" in s.problems or "data.test_fraction" in s.problems or val + test >= 1:
            return self.split_counts.setText(self.tr("Fix the fractions above to see the split sizes."))
        sizes = split_sizes(n, val, test)
        if sizes[0] < 1:  # nothing left to train on: the rows problem below says so, no negative count
            self.split_counts.setText("")
        else:
            self.split_counts.setText(self.tr("<b>Train {0:,}</b> · validation {1:,} · test {2:,} rows (of {3:,} "
                                              "cleaned rows)").format(*sizes, n))
        limit = s.get("data.limit_rows")
        self._check_rows(n, limit > 0 and usable_rows(self._stats["cleaning"], s.get("data.drop_duplicates"),
                                                      s.get("data.drop_conflicting"), 0) > n)

    def _check_rows(self, rows: int, limited: bool = False) -> None:
        """One class, or too few rows to split: said now, in words, with Start disabled (never a failed run)."""
        s, st = self.ctx.state, self._stats
        problem = None
        if s.get("task") == "classification" and st.get("label_column"):
            problem = class_problem(st["stats"]["label_counts"], st.get("label_column"), s.get("data.limit_rows") > 0)
        classes = len(st["stats"]["label_counts"]) if s.get("task") == "classification" else 0
        problem = problem or rows_problem(rows, classes, s.get("data.val_fraction"), s.get("data.test_fraction"),
                                          limited)
        self._set_error(problem_text(problem) if problem else self._current_facts_error())

    def _current_facts_error(self) -> str:
        """The counting's error if it was found for the current settings: one found for another task or column
        (a single class, before the switch to generation) is stale, and the new count says what holds now."""
        return self._facts_error if self._facts_error_key == facts_key(self.ctx.state.config) else ""

    # ----------------------------------------------------------------- augmentation examples
    def reshuffle(self) -> None:
        self._aug_seed = random.randrange(1 << 30)
        self._run_augment()

    def _show_augment_hint(self) -> bool:
        """Say why there are no examples; False when examples can be computed."""
        if not any(float(self.ctx.state.get(k)) > 0 for k in AUG_KEYS):
            text = self.tr("Set a probability above 0 to see how training texts are changed.")
        elif self._preview is None:
            text = self.tr("Load a dataset to see examples.")
        else:
            self.reshuffle_button.setEnabled(True)
            return False
        self.reshuffle_button.setEnabled(False)
        self.aug_examples.setText(f"<span style='color:{muted_colour(self)}'>{html.escape(text)}</span>")
        return True

    def _run_augment(self) -> None:
        if self._show_augment_hint():
            return
        s = self.ctx.state
        col = s.get("data.text_column") or (self._stats or {}).get("text_column") or self._guess_text_column()
        texts = [r.get(col) for r in self._preview["rows"] if isinstance(r.get(col), str)]
        probs = tuple(float(s.get(k)) for k in AUG_KEYS)
        kind = s.get("data.tokenizer") if s.get("data.tokenizer") in ("char", "auto") else "word"  # subwords: words
        self._aug_id += 1
        aid = self._aug_id
        self.ctx.tasks.run("data-augment", _job("augment", texts, kind, s.get("data.lowercase"),
                                                s.get("data.language"), probs, self._aug_seed),
                           on_success=lambda r: self._on_augmented(aid, r),
                           on_failure=lambda m, d: self._on_augmented(aid, None, m))

    def _on_augmented(self, aid: int, pairs: list | None, message: str = "") -> None:
        if aid != self._aug_id or self._show_augment_hint():
            return
        if not pairs:
            return self.aug_examples.setText(html.escape(message or self.tr("No texts to show.")))
        muted, unk = muted_colour(self), f"<b style='color:{status_colour()}'>&lt;unk&gt;</b>"

        def fmt(text: str) -> str:
            return html.escape(text if len(text) <= 240 else text[:239] + "…").replace("&lt;unk&gt;", unk)

        original, augmented = html.escape(self.tr("Original:")), html.escape(self.tr("Augmented:"))
        self.aug_examples.setText("".join(f"<p><span style='color:{muted}'>{original}</span> {fmt(a)}<br><span "
                                          f"style='color:{muted}'>{augmented}</span> {fmt(b)}</p>" for a, b in pairs))

    # ----------------------------------------------------------------- state and widgets
    def _on_state_changed(self, key: str) -> None:
        s = self.ctx.state
        if key in ("", "data.source"):
            self._sync_source_combo()
            self._show_source_info()
            if self._started and str(s.get("data.source")).strip() != self._loaded_source:
                self.load()
                if key == "data.source":
                    return
        if key in ("", "task", "data.prompt_column", "data.response_column"):
            self._apply_task()
        if key in FACTS_ONLY_KEYS:
            self.facts_timer.start()
        if key == "" or key in self.column_combos:
            self._fill_column_combos(self.model.columns)
        if key in ("", "data.max_length", "task"):
            self.lengths.show_stats(self._stats, int(s.get("data.max_length")))  # line moves now, exact share later
        if key == "" or key in STATS_KEYS:
            self.stats_timer.start()
        if key in ("", "data.drop_duplicates", "data.drop_conflicting", "data.limit_rows"):
            self._show_stats()
        elif key in COUNT_KEYS:
            self._show_split_counts()
        if key == "" or key in AUGMENT_INPUTS:
            self.aug_timer.start()

    def _sync_source_combo(self) -> None:
        """Show data.source: the built-in's item, or no item at all for a path (a stale current item would put
        its name back into the box whenever its data changes, e.g. on a language switch)."""
        src = str(self.ctx.state.get("data.source"))
        with QSignalBlocker(self.source_combo):
            self.source_combo.setCurrentIndex(self.source_combo.findText(src))  # -1 for a file, folder or hub id
            if self.source_combo.currentText() != src:
                self.source_combo.setEditText(src)

    def _show_source_info(self) -> None:
        meta = self.builtins.get(str(self.ctx.state.get("data.source")).strip())
        self.source_info.setVisible(meta is not None)
        if meta:
            self.source_info.setText(self.tr("Built-in: {0} Licence: {1}.").format(builtin_description(meta),
                                                                                  builtin_licence(meta)))
            self.source_info.setStyleSheet(f"color: {muted_colour(self)};")

    def _commit_column(self, key: str) -> None:
        combo = self.column_combos[key]
        if combo.currentIndex() >= 0:
            self.ctx.state.set(key, combo.currentData() or "")

    def _fill_column_combos(self, columns: list[str]) -> None:
        for key, combo in self.column_combos.items():
            value = str(self.ctx.state.get(key))
            found = (self._stats or {}).get(key.split(".")[1]) if key in ("data.text_column", "data.label_column") \
                else None
            with QSignalBlocker(combo):
                combo.clear()
                if key in ("data.prompt_column", "data.response_column"):
                    combo.addItem(self.tr("(none: plain text)"), "")
                else:
                    combo.addItem(self.tr("(auto: {0})").format(found) if found else self.tr("(auto)"), "")
                for c in [*columns, *([value] if value and value not in columns else [])]:
                    combo.addItem(c, c)
                combo.setCurrentIndex(max(0, combo.findData(value)))

    def _apply_task(self) -> None:
        with QSignalBlocker(self.task_combo):
            self.task_combo.setCurrentIndex(self.task_combo.findData(self.ctx.state.get("task")))
        self._show_task_hint()
        classify = self.ctx.state.get("task") != "generation"
        for w in (self.label_combo, self.label_col_label):
            w.setVisible(classify)
            w.setEnabled(classify)
        self.pairs_row.setVisible(not classify)
        for w in (self.prompt_combo, self.prompt_col_label, self.response_combo, self.response_col_label):
            w.setEnabled(not classify)
        pairs = not classify and bool(self.ctx.state.get("data.prompt_column") or
                                      self.ctx.state.get("data.response_column"))
        for w in (self.text_combo, self.text_col_label):  # instruction pairs replace the text column
            w.setEnabled(not pairs)
        self.label_box.setVisible(classify)
        self.lengths.generation = not classify

    def _guess_text_column(self) -> str:
        cols = self.model.columns
        return "text" if "text" in cols else (cols[0] if cols else "")

    def _layout_columns(self) -> None:
        """The text column takes the spare width (no content measuring: that would read every row)."""
        header = self.table.horizontalHeader()
        text = (self._stats or {}).get("text_column") or self.ctx.state.get("data.text_column") or \
            self._guess_text_column()
        for i, name in enumerate(self.model.columns):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if name == text else
                                        QHeaderView.ResizeMode.Interactive)
            if name != text:
                header.resizeSection(i, 130)

    def _set_error(self, message: str) -> None:
        """The source cannot be used: red text under the picker, a red frame, and Start disabled."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.source_frame.setStyleSheet(
            f"QFrame#sourceFrame {{ border: 2px solid {status_colour()}; border-radius: 3px; }}" if message else "")
        if message or not self.column_error.text():
            self.ctx.state.set_data_error(message)

    def _set_column_error(self, message: str) -> None:
        self.column_error.setText(message)
        self.column_error.setVisible(bool(message))
        if message or not self.error_label.text():
            self.ctx.state.set_data_error(message)

    def _update_status(self, done_text: str | None = None) -> None:
        busy = bool(self._pending)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        p = self._preview
        if busy or done_text is not None or p is None or self.error_label.text():
            return self.status_label.setText(" ".join(dict.fromkeys(m() for m in self._pending.values())) or done_text
                                             or "")
        total = self.model.total_rows if self.model.is_lazy else p.get("total_rows")
        rows = self.tr("{0:,} rows").format(total) if total is not None else self.tr("rows: unknown")
        approx = p.get("total_rows_approx") and not self.model.is_lazy and total is not None
        facts = ["≈" + rows if approx else rows, (self.tr("1 column") if len(p["columns"]) == 1 else
                                                    self.tr("{0} columns").format(len(p["columns"]))), p.get("format")]
        if p.get("encoding"):
            facts.append(self.tr("encoding {0}").format(p["encoding"]))
        self.status_label.setText(" · ".join(f for f in facts if f))

    def shutdown(self) -> None:
        self.stats_timer.stop()
        self.aug_timer.stop()
        self.facts_timer.stop()
        self._load_id += 1
        for name in (*LOAD_TASKS, "data-augment"):
            self.ctx.tasks.cancel(name)
