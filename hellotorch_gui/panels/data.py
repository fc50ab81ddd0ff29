"""Data panel: pick a source, see its first rows at once, then the whole table, cleaning report and charts."""
from __future__ import annotations

import html
import random
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from hellotorch_gui.forms import ConfigForm
from hellotorch_gui.panels.base import AppContext, Panel, describe
from hellotorch_gui.panels.data_widgets import (ERROR_COLOUR, ChartWidget, CleaningReportLabel, DatasetTableModel,
                                                augment_examples, muted_colour, share_above, usable_rows)

PREVIEW_ROWS = 200
DEBOUNCE_MS = 300
LOAD_TASKS = ("data-preview", "data-load", "data-stats")
SPLIT_KEYS = ["data.val_fraction", "data.test_fraction", "data.max_length", "data.tokenizer", "data.vocab_size",
              "data.min_freq", "data.lowercase", "data.language", "data.drop_duplicates", "data.drop_conflicting",
              "data.limit_rows"]
AUG_KEYS = ["data.aug_delete_prob", "data.aug_swap_prob", "data.aug_mask_prob"]
STATS_KEYS = ("task", "data.text_column", "data.label_column", "data.tokenizer", "data.max_length")
COUNT_KEYS = ("data.val_fraction", "data.test_fraction", "data.drop_duplicates", "data.drop_conflicting",
              "data.limit_rows")
AUGMENT_INPUTS = (*AUG_KEYS, "data.tokenizer", "data.lowercase", "data.language", "data.text_column")
FILE_PATTERNS = "*.csv *.tsv *.tab *.json *.jsonl *.ndjson *.parquet *.pq *.txt *.text"


def _job(name: str, *args):
    """A worker function fn(progress, should_stop) that imports the engine's data code off the GUI thread."""
    def run(progress, should_stop):
        if name == "preview":
            from engine.data.loading import preview
            return preview(args[0], rows=PREVIEW_ROWS)
        if name == "load":
            from engine.data.loading import load_table
            return load_table(args[0])
        if name == "stats":
            from engine.data.pipeline import stats_for_spec
            return stats_for_spec(args[0], **args[1])
        texts, kind, lowercase, language, probs, seed = args
        return augment_examples(texts, kind, lowercase, language, probs, seed)
    return run


def _is_column_error(message: str) -> bool:
    return "data.text_column" in message or "data.label_column" in message


class DataPanel(Panel):
    """Choose the dataset, check what cleaning does to it, map columns, set the split, tokenizer and augmentation."""

    key = "data"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from engine.data.builtin import list_builtin

        self.builtins = {b["name"]: b for b in list_builtin()}
        self._started = False            # a load has been asked for (first show or a user action)
        self._loaded_source: str | None = None
        self._load_id = self._stats_id = self._aug_id = 0
        self._stats_busy = self._stats_dirty = self._reset_columns = False
        self._pending: dict[str, str] = {}
        self._preview: dict | None = None
        self._stats: dict | None = None
        self._aug_seed = 0

        # source picker, its error and the progress row
        self.source_combo = QComboBox(objectName="datasetSource", editable=True)
        self.source_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source_combo.addItems(list(self.builtins))
        self.source_combo.activated.connect(lambda _i: self._commit_source())
        self.source_combo.lineEdit().editingFinished.connect(self._commit_source)
        self.source_frame = QFrame(objectName="sourceFrame")
        QVBoxLayout(self.source_frame).addWidget(self.source_combo)
        self.source_frame.layout().setContentsMargins(0, 0, 0, 0)
        self.source_label = QLabel(buddy=self.source_combo)
        self.browse_file_button = QPushButton(objectName="browseFileButton", clicked=self.browse_file)
        self.browse_folder_button = QPushButton(objectName="browseFolderButton", clicked=self.browse_folder)
        self.source_info = QLabel(objectName="sourceInfo", wordWrap=True)
        self.error_label = QLabel(objectName="dataError", wordWrap=True, visible=False)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(objectName="loadProgress", minimum=0, maximum=0, visible=False)
        self.progress.setMaximumWidth(220)
        self.status_label = QLabel(objectName="dataStatus", wordWrap=True)
        self.cancel_button = QPushButton(objectName="cancelLoadButton", visible=False, clicked=self.cancel_load)

        # column mapping and the table
        self.text_combo = QComboBox(objectName="textColumnCombo")
        self.label_combo = QComboBox(objectName="labelColumnCombo")
        self.text_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.text_column"))
        self.label_combo.currentIndexChanged.connect(lambda _i: self._commit_column("data.label_column"))
        self.text_col_label, self.label_col_label = QLabel(buddy=self.text_combo), QLabel(buddy=self.label_combo)
        self.column_error = QLabel(objectName="columnError", wordWrap=True, visible=False)
        self.column_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.model = DatasetTableModel(self)
        self.table = QTableView(objectName="dataPreview")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

        # charts
        self.label_chart = ChartWidget()
        self.label_chart.setObjectName("labelChart")
        self.label_box = QGroupBox(objectName="labelBox")
        QVBoxLayout(self.label_box).addWidget(self.label_chart)
        self.length_chart = ChartWidget()
        self.length_chart.setObjectName("lengthHistogram")
        self.unit_combo = QComboBox(objectName="lengthUnitCombo")
        self.unit_combo.addItem("", "tokens")
        self.unit_combo.addItem("", "chars")
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._show_lengths())
        self.unit_label = QLabel(buddy=self.unit_combo)
        self.truncated_label = QLabel(objectName="truncatedLabel", wordWrap=True)
        self.length_box = QGroupBox(objectName="lengthBox")
        length_lay = QVBoxLayout(self.length_box)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_label)
        unit_row.addWidget(self.unit_combo)
        unit_row.addStretch(1)
        length_lay.addLayout(unit_row)
        length_lay.addWidget(self.length_chart, 1)
        length_lay.addWidget(self.truncated_label)
        for chart in (self.label_chart, self.length_chart):
            chart.setMinimumHeight(150)

        # right column: report, split/tokenizer, augmentation
        self.report = CleaningReportLabel()
        self.report.setObjectName("cleaningReport")
        self.report_box = QGroupBox(objectName="cleaningBox")
        QVBoxLayout(self.report_box).addWidget(self.report)
        self.split_form = ConfigForm(ctx.state, SPLIT_KEYS)
        self.split_form.setObjectName("dataSplitForm")
        self.split_counts = QLabel(objectName="splitCounts", wordWrap=True)
        self.split_box = QGroupBox(objectName="splitBox")
        split_lay = QVBoxLayout(self.split_box)
        split_lay.addWidget(self.split_form)
        split_lay.addWidget(self.split_counts)
        self.aug_form = ConfigForm(ctx.state, AUG_KEYS)
        self.aug_form.setObjectName("dataAugmentForm")
        self.aug_examples = QLabel(objectName="augmentExamples", wordWrap=True)
        self.aug_examples.setTextFormat(Qt.TextFormat.RichText)
        self.aug_examples.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.aug_examples.setFrameShape(QFrame.Shape.StyledPanel)
        self.aug_examples.setMargin(6)
        self.reshuffle_button = QPushButton(objectName="reshuffleAugmentButton", clicked=self.reshuffle)
        self.aug_box = QGroupBox(objectName="augmentBox")
        aug_lay = QVBoxLayout(self.aug_box)
        aug_lay.addWidget(self.aug_form)
        aug_lay.addWidget(self.aug_examples)
        aug_lay.addWidget(self.reshuffle_button, 0, Qt.AlignmentFlag.AlignRight)
        self._build_layout()

        self.stats_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._rerun_stats)
        self.aug_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._run_augment)
        ctx.state.changed.connect(self._on_state_changed)
        self._sync_source_combo()
        self._fill_column_combos([])
        self._apply_task()
        self.retranslate()

    def _build_layout(self) -> None:
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source_frame, 1)
        source_row.addWidget(self.browse_file_button)
        source_row.addWidget(self.browse_folder_button)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.cancel_button)
        column_row = QHBoxLayout()
        for w in (self.text_col_label, self.text_combo, self.label_col_label, self.label_combo):
            column_row.addWidget(w)
        column_row.addWidget(self.column_error, 3)
        column_row.addStretch(1)
        for combo in (self.text_combo, self.label_combo):
            combo.setMinimumWidth(140)
        charts = QWidget()
        chart_lay = QHBoxLayout(charts)
        chart_lay.setContentsMargins(0, 0, 0, 0)
        chart_lay.addWidget(self.label_box, 2)
        chart_lay.addWidget(self.length_box, 3)
        table_area = QWidget()
        table_lay = QVBoxLayout(table_area)
        table_lay.setContentsMargins(0, 0, 0, 0)
        table_lay.addLayout(column_row)
        table_lay.addWidget(self.table, 1)
        left = QSplitter(Qt.Orientation.Vertical, objectName="dataLeftSplitter", childrenCollapsible=False)
        left.addWidget(table_area)
        left.addWidget(charts)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes([420, 280])
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 4, 0)
        for box in (self.report_box, self.split_box, self.aug_box):
            right_lay.addWidget(box)
        right_lay.addStretch(1)
        self.scroll = QScrollArea(objectName="dataSettingsScroll", widgetResizable=True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(right)
        self.scroll.setMinimumWidth(380)
        body = QSplitter(Qt.Orientation.Horizontal, objectName="dataSplitter", childrenCollapsible=False)
        body.addWidget(left)
        body.addWidget(self.scroll)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(source_row)
        lay.addWidget(self.source_info)
        lay.addWidget(self.error_label)
        lay.addLayout(status_row)
        lay.addWidget(body, 1)

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Data")

    def retranslate(self) -> None:
        self.source_label.setText(self.tr("&Dataset:"))
        describe(self.source_combo, self.tr("A built-in dataset, or type a file path, a folder or a Hugging Face hub "
                                            "id and press Enter\n[data.source]"), self.tr("Dataset source"))
        self.source_combo.lineEdit().setPlaceholderText(self.tr("Built-in name, file, folder or hub id"))
        languages = {"en": self.tr("English"), "zh": self.tr("Chinese")}
        for i, (name, meta) in enumerate(self.builtins.items()):
            self.source_combo.setItemData(i, self.tr("{0} · about {1:,} rows · {2}\nLicence: {3}\n{4}").format(
                languages.get(meta["language"], meta["language"]), meta["rows"], " / ".join(meta["tasks"]),
                meta["license"], meta["description"]), Qt.ItemDataRole.ToolTipRole)
        self.browse_file_button.setText(self.tr("Browse &file…"))
        describe(self.browse_file_button, self.tr("Open a CSV, TSV, JSON, JSON Lines, Parquet or text file"),
                 self.tr("Browse for a data file"))
        self.browse_folder_button.setText(self.tr("Browse f&older…"))
        describe(self.browse_folder_button, self.tr("Open a folder with one sub-folder of .txt files per class, or "
                                                    "a folder saved with datasets' save_to_disk"),
                 self.tr("Browse for a data folder"))
        self.cancel_button.setText(self.tr("Cancel"))
        describe(self.cancel_button, self.tr("Stop loading this dataset"), self.tr("Cancel loading"))
        describe(self.progress, self.tr("Loading the dataset"), self.tr("Loading progress"))
        describe(self.error_label, self.tr("Why this dataset cannot be used"), self.tr("Data error"))
        self.text_col_label.setText(self.tr("&Text column:"))
        self.label_col_label.setText(self.tr("&Label column:"))
        describe(self.text_combo, self.tr("Column holding the text; (auto) detects it\n[data.text_column]"),
                 self.tr("Text column"))
        describe(self.label_combo, self.tr("Column holding the class label; (auto) detects it\n[data.label_column]"),
                 self.tr("Label column"))
        describe(self.table, self.tr("The dataset's rows (more are read as you scroll); hover a cell for its full "
                                     "text"), self.tr("Data preview"))
        self.label_box.setTitle(self.tr("Classes"))
        describe(self.label_chart, self.tr("Rows per class after cleaning"), self.tr("Label distribution chart"))
        self.label_chart.set_axis_labels("", self.tr("rows"))
        for chart in (self.label_chart, self.length_chart):
            chart.set_placeholder(self.tr("No data loaded"))
        self.length_box.setTitle(self.tr("Text lengths"))
        self.unit_label.setText(self.tr("&Unit:"))
        self.unit_combo.setItemText(0, self.tr("Tokens"))
        self.unit_combo.setItemText(1, self.tr("Characters"))
        describe(self.unit_combo, self.tr("Count text lengths in tokens (what the model sees) or characters"),
                 self.tr("Length unit"))
        describe(self.length_chart, self.tr("How many texts have each length; the red line marks data.max_length"),
                 self.tr("Length histogram"))
        describe(self.truncated_label, self.tr("Share of texts longer than data.max_length"),
                 self.tr("Truncated share"))
        self.report_box.setTitle(self.tr("Cleaning report"))
        describe(self.report, self.tr("What cleaning removed from the data and why"), self.tr("Cleaning report"))
        self.split_box.setTitle(self.tr("Split and tokenizer"))
        describe(self.split_counts, self.tr("Rows in each split after cleaning"), self.tr("Split sizes"))
        self.aug_box.setTitle(self.tr("Augmentation (training only)"))
        describe(self.aug_examples, self.tr("Three training texts and how augmentation changes them"),
                 self.tr("Augmentation examples"))
        self.reshuffle_button.setText(self.tr("&Reshuffle"))
        describe(self.reshuffle_button, self.tr("Show other texts and other random changes"),
                 self.tr("Reshuffle augmentation examples"))
        self.split_form.retranslate()
        self.aug_form.retranslate()
        self._fill_column_combos(self.model.columns)
        self._show_source_info()
        self._update_status()
        self._show_stats()
        self._show_augment_hint()

    # ----------------------------------------------------------------- public API (main window)
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

    # ----------------------------------------------------------------- loading
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            src = str(self.ctx.state.get("data.source")).strip()
            if src in self.builtins or (src and Path(src).expanduser().exists()):
                self.load()

    def _commit_source(self) -> None:
        text = self.source_combo.currentText().strip()
        if text and text != self.ctx.state.get("data.source"):
            self.set_source(text)

    def load(self) -> None:
        """Cancel what is running, then preview the source; the full table and the statistics follow."""
        self._started = True
        self._load_id += 1
        lid, src = self._load_id, str(self.ctx.state.get("data.source")).strip()
        for name in (*LOAD_TASKS, "data-augment"):
            self.ctx.tasks.cancel(name)
        self.stats_timer.stop()
        self._loaded_source, self._preview, self._stats = src, None, None
        self._pending.clear()
        self._stats_busy = self._stats_dirty = False
        self.model.clear()
        self._set_error("")
        self._set_column_error("")
        self._fill_column_combos([])
        self._show_source_info()
        self._show_stats()
        self._show_augment_hint()
        if not src:
            self._set_error(self.tr("Choose a built-in dataset, or a file or folder with your texts."))
            return
        self._start("data-preview", self.tr("Reading the first rows…"), _job("preview", src), lid,
                    self._on_preview, self._on_source_failed)

    def _start(self, name: str, message: str, fn, lid: int, on_success, on_failure) -> None:
        self._pending[name] = message
        self._update_status()

        def ok(result) -> None:
            if lid == self._load_id:
                self._pending.pop(name, None)
                on_success(result)
                self._update_status()

        def failed(message: str, details: str) -> None:
            if lid == self._load_id:
                self._pending.pop(name, None)
                on_failure(message, details)
                self._update_status()

        self.ctx.tasks.run(name, fn, on_success=ok, on_failure=failed)

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
            for key in ("data.text_column", "data.label_column"):
                if self.ctx.state.get(key) and self.ctx.state.get(key) not in columns:
                    self.ctx.state.set(key, "")
        self._fill_column_combos(columns)
        self._layout_columns()
        src = self._loaded_source
        self._start("data-load", self.tr("Loading the full table…"), _job("load", src), self._load_id,
                    self._on_loaded, self._on_source_failed)
        self._rerun_stats()
        self._run_augment()

    def _on_loaded(self, loaded) -> None:
        self.model.set_dataset(loaded.dataset)
        if self.model.columns != self._preview_columns():
            self._fill_column_combos(self.model.columns)
        self._layout_columns()

    def _on_source_failed(self, message: str, details: str = "") -> None:
        for name in LOAD_TASKS:
            self.ctx.tasks.cancel(name)
        self._pending.clear()
        self._stats_busy = self._stats_dirty = False
        self._set_error(message)

    def _preview_columns(self) -> list[str]:
        return list(self._preview["columns"]) if self._preview else []

    # ----------------------------------------------------------------- statistics
    def _rerun_stats(self) -> None:
        """Run stats_for_spec for the current columns/task/tokenizer; a request while one runs waits for it."""
        if self._preview is None:
            return
        if self._stats_busy:
            self._stats_dirty = True
            return
        s = self.ctx.state
        params = {"text_column": s.get("data.text_column"), "label_column": s.get("data.label_column"),
                  "task": s.get("task"), "tokenizer": s.get("data.tokenizer"), "max_length": s.get("data.max_length")}
        self._stats_busy, self._stats_dirty = True, False
        self._stats_id += 1
        sid = self._stats_id
        self._start("data-stats", self.tr("Computing the cleaning report and statistics…"),
                    _job("stats", self._loaded_source, params), self._load_id,
                    lambda r: self._on_stats(sid, r), lambda m, d: self._on_stats(sid, None, m))

    def _on_stats(self, sid: int, result: dict | None, message: str = "") -> None:
        if sid != self._stats_id:
            return
        self._stats_busy = False
        if self._stats_dirty:  # the inputs changed while it ran: this result is stale
            self._rerun_stats()
            return
        if result is None:
            if _is_column_error(message):
                self._set_column_error(message)
            else:
                self._set_error(message)
            return
        self._stats = result
        self._set_error("")
        self._set_column_error("")
        self.model.set_roles(result.get("text_column") or "", result.get("label_column") or "")
        self._fill_column_combos(self.model.columns or list(result.get("columns", [])))
        self._layout_columns()
        self._show_stats()

    def _show_stats(self) -> None:
        st = self._stats
        if st is None:
            self.report.setText(self.tr("The report appears once the data is loaded."))
            self.label_chart.clear_bars()
            self.length_chart.clear_bars()
            self.truncated_label.setText("")
            self.split_counts.setText("")
            return
        s = self.ctx.state
        self.report.show_report(st, (self._preview or {}).get("encoding") or st.get("encoding"),
                                s.get("data.drop_duplicates"), s.get("data.drop_conflicting"))
        counts = st["stats"]["label_counts"]
        self.label_chart.set_classes(list(counts), list(counts.values()))
        self.label_chart.setAccessibleDescription("; ".join(f"{k}: {v:,}" for k, v in counts.items()))
        self._show_lengths()
        self._show_split_counts()

    def _show_lengths(self) -> None:
        if self._stats is None:
            return
        tokens = self.unit_combo.currentData() == "tokens"
        summary = self._stats["stats"]["token_lengths" if tokens else "char_lengths"]
        self.length_chart.set_histogram(summary["hist"]["edges"], summary["hist"]["counts"])
        unit = self.tr("tokens") if tokens else self.tr("characters")
        self.length_chart.set_axis_labels(self.tr("{0} per text").format(unit), self.tr("texts"))
        self._show_max_length()

    def _show_max_length(self) -> None:
        """Move the max_length line and update the truncated share (exact from the stats, else estimated)."""
        if self._stats is None:
            return
        st, max_len = self._stats["stats"], int(self.ctx.state.get("data.max_length"))
        tokens = self.unit_combo.currentData() == "tokens"
        self.length_chart.set_marker(max_len if tokens else None, self.tr("max_length = {0}").format(max_len))
        hist = st["token_lengths"]["hist"]
        exact = st.get("max_length") == max_len and self._stats.get("tokenizer") == self.ctx.state.get(
            "data.tokenizer")
        share = st["truncated_share"] if exact else share_above(hist["edges"], hist["counts"], max_len)
        summary = st["token_lengths" if tokens else "char_lengths"]
        unit = self.tr("tokens") if tokens else self.tr("characters")
        line = self.tr("Mean {0:.1f}, median {1:g}, longest {2:,} {3}.").format(
            summary["mean"], summary["median"], summary["max"], unit)
        pct = f"{share:.1%}" if exact else f"≈{share:.1%}"
        if self.ctx.state.get("task") == "generation":
            cut = self.tr("{0} of texts are longer than one block of max_length = {1} tokens.").format(pct, max_len)
        else:
            cut = self.tr("{0} of texts are longer than max_length = {1} tokens and will be truncated.").format(
                pct, max_len)
        self.truncated_label.setText(f"{line} {cut}")

    def _show_split_counts(self) -> None:
        if self._stats is None:
            return
        from engine.data.split import split_sizes  # already imported by the stats worker

        s = self.ctx.state
        n = usable_rows(self._stats["cleaning"], s.get("data.drop_duplicates"), s.get("data.drop_conflicting"),
                        s.get("data.limit_rows"))
        val, test = s.get("data.val_fraction"), s.get("data.test_fraction")
        if "data.val_fraction" in s.problems or "data.test_fraction" in s.problems or val + test >= 1:
            self.split_counts.setText(self.tr("Fix the fractions above to see the split sizes."))
            return
        tr_n, va_n, te_n = split_sizes(n, val, test)
        self.split_counts.setText(self.tr("<b>Train {0:,}</b> · validation {1:,} · test {2:,} rows "
                                          "(of {3:,} cleaned rows)").format(tr_n, va_n, te_n, n))

    # ----------------------------------------------------------------- augmentation
    def reshuffle(self) -> None:
        self._aug_seed = random.randrange(1 << 30)
        self._run_augment()

    def _aug_probs(self) -> tuple[float, float, float]:
        return tuple(float(self.ctx.state.get(k)) for k in AUG_KEYS)  # type: ignore[return-value]

    def _show_augment_hint(self) -> bool:
        """Explain why there are no examples; False when examples can be computed."""
        if not any(p > 0 for p in self._aug_probs()):
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
        s, rows = self.ctx.state, self._preview["rows"]
        col = s.get("data.text_column") or (self._stats or {}).get("text_column") or self._guess_text_column()
        texts = [r.get(col) for r in rows if isinstance(r.get(col), str)]
        kind = "char" if s.get("data.tokenizer") == "char" else "word"
        self._aug_id += 1
        aid = self._aug_id
        self.ctx.tasks.run("data-augment", _job("augment", texts, kind, s.get("data.lowercase"),
                                                s.get("data.language"), self._aug_probs(), self._aug_seed),
                           on_success=lambda r: self._on_augmented(aid, r),
                           on_failure=lambda m, d: self._on_augmented(aid, None, m))

    def _on_augmented(self, aid: int, pairs: list | None, message: str = "") -> None:
        if aid != self._aug_id or self._show_augment_hint():
            return
        if pairs is None or not pairs:
            self.aug_examples.setText(html.escape(message or self.tr("No texts to show.")))
            return
        muted = muted_colour(self)

        def fmt(text: str) -> str:
            text = html.escape(text if len(text) <= 240 else text[:239] + "…")
            return text.replace("&lt;unk&gt;", f"<b style='color:{ERROR_COLOUR}'>&lt;unk&gt;</b>")

        parts = [f"<p><span style='color:{muted}'>{html.escape(self.tr('Original:'))}</span> {fmt(a)}<br>"
                 f"<span style='color:{muted}'>{html.escape(self.tr('Augmented:'))}</span> {fmt(b)}</p>"
                 for a, b in pairs]
        self.aug_examples.setText("".join(parts))

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
        if key in ("", "task"):
            self._apply_task()
        if key in ("", "data.text_column", "data.label_column"):
            self._fill_column_combos(self.model.columns)
        if key == "data.max_length":
            self._show_max_length()
        if key == "" or key in STATS_KEYS:
            self.stats_timer.start()
        if key == "" or key in COUNT_KEYS:
            self._show_split_counts()
            if self._stats is not None and key in ("", "data.drop_duplicates", "data.drop_conflicting"):
                self._show_stats()
        if key == "" or key in AUGMENT_INPUTS:
            self.aug_timer.start()

    def _sync_source_combo(self) -> None:
        src = str(self.ctx.state.get("data.source"))
        with QSignalBlocker(self.source_combo):
            idx = self.source_combo.findText(src)
            if idx >= 0:
                self.source_combo.setCurrentIndex(idx)
            self.source_combo.setEditText(src)

    def _show_source_info(self) -> None:
        meta = self.builtins.get(str(self.ctx.state.get("data.source")).strip())
        self.source_info.setVisible(meta is not None)
        if meta:
            self.source_info.setText(self.tr("Built-in: {0} Licence: {1}.").format(meta["description"],
                                                                                  meta["license"]))
            self.source_info.setStyleSheet(f"color: {muted_colour(self)};")

    def _commit_column(self, key: str) -> None:
        combo = self.text_combo if key == "data.text_column" else self.label_combo
        if combo.currentIndex() >= 0:
            self.ctx.state.set(key, combo.currentData() or "")

    def _fill_column_combos(self, columns: list[str]) -> None:
        detected = self._stats or {}
        for combo, key, role in ((self.text_combo, "data.text_column", "text_column"),
                                 (self.label_combo, "data.label_column", "label_column")):
            value = str(self.ctx.state.get(key))
            found = detected.get(role)
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(self.tr("(auto: {0})").format(found) if found else self.tr("(auto)"), "")
                for c in [*columns, *([value] if value and value not in columns else [])]:
                    combo.addItem(c, c)
                combo.setCurrentIndex(max(0, combo.findData(value)))

    def _apply_task(self) -> None:
        classify = self.ctx.state.get("task") != "generation"
        for w in (self.label_combo, self.label_col_label):
            w.setVisible(classify)
            w.setEnabled(classify)
        self.label_box.setVisible(classify)

    def _guess_text_column(self) -> str:
        cols = self.model.columns
        return "text" if "text" in cols else (cols[0] if cols else "")

    def _layout_columns(self) -> None:
        """The text column takes the spare width; the others keep a modest, resizable width."""
        header = self.table.horizontalHeader()
        text = (self._stats or {}).get("text_column") or self.ctx.state.get("data.text_column") or \
            self._guess_text_column()
        for i, name in enumerate(self.model.columns):
            mode = QHeaderView.ResizeMode.Stretch if name == text else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(i, mode)
            if mode == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(i, 130)

    def _set_error(self, message: str) -> None:
        """The source cannot be used: red text under the picker, a red frame, and Start disabled."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.source_frame.setStyleSheet(
            f"QFrame#sourceFrame {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}" if message else "")
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
        if busy:
            self.status_label.setText(" ".join(dict.fromkeys(self._pending.values())))
        elif done_text is not None:
            self.status_label.setText(done_text)
        elif self._preview is not None and not self.error_label.text():
            p, n = self._preview, self.model.total_rows
            total = n if self.model.is_lazy else p.get("total_rows")
            rows = self.tr("{0:,} rows").format(total) if total is not None else self.tr("rows: unknown")
            if p.get("total_rows_approx") and not self.model.is_lazy and total is not None:
                rows = "≈" + rows
            facts = [rows, self.tr("{0} columns").format(len(p["columns"])), p.get("format", "")]
            if p.get("encoding"):
                facts.append(self.tr("encoding {0}").format(p["encoding"]))
            self.status_label.setText(" · ".join(f for f in facts if f))
        else:
            self.status_label.setText("")

    def shutdown(self) -> None:
        self.stats_timer.stop()
        self.aug_timer.stop()
        self._load_id += 1
        for name in (*LOAD_TASKS, "data-augment"):
            self.ctx.tasks.cancel(name)
