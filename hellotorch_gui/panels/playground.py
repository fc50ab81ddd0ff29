"""Playground panel: export a run (with progress) and test-drive a run or any export folder.

Classification: probabilities as a bar chart, updated as you type (debounced, off the GUI thread), and batch
prediction of a file into a CSV with accuracy and confusion matrix when the file has labels. Generation:
tokens streamed into the view, with Stop. A monitoring strip counts requests and shows latency percentiles
and memory; "Compare with PyTorch" runs the same input through the source run side by side.
"""
from __future__ import annotations

import secrets
import time
from collections import deque
from pathlib import Path

import numpy as np
import psutil
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QFileDialog,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QSpinBox, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from hellotorch_gui.forms import CheckBox
from hellotorch_gui.panels.base import Panel, describe
from hellotorch_gui.panels.evaluate import ConfusionMatrixView
from hellotorch_gui.plots import ThemedPlot

DEBOUNCE_MS = 300
WINDOW = 200  # requests kept for the running percentiles
BACKENDS = ("auto", "onnx", "int8", "torchscript", "torch")
SEED_MAX = 2**31 - 1

# What the prestarted export process imports while it waits (engine.isolated.prestart): torch, the exporter, the data
# pipeline that reads the run's test examples (datasets, scikit-learn: 2 s cold here), and onnx / onnxruntime's
# quantisation tools, whose imports would hold the GIL for up to a second in the window.
EXPORT_PRELOAD = ("torch", "engine.export", "engine.inference", "engine.export.parity", "engine.data.pipeline",
                  "datasets", "sklearn.model_selection", "onnx", "onnxruntime", "onnxruntime.quantization")


def _list_sources(runs_dir) -> list[tuple[str, str]]:
    """(label, path) for every run with a checkpoint and every export version of it, newest run first."""
    from engine.export import list_versions
    from engine.runs import list_runs

    out: list[tuple[str, str]] = []
    for r in reversed(list_runs(runs_dir)):
        run_dir = Path(r["run_dir"])
        if not (run_dir / "checkpoints").is_dir():
            continue
        out.append((f"{run_dir.name}  ·  PyTorch", str(run_dir)))
        for v in list_versions(run_dir):
            if Path(v.get("folder", "")).is_dir():
                fmt = v["format"] + (" + int8" if v.get("quantize") else "")
                out.append((f"{run_dir.name}  ·  {v['version']} {fmt}", v["folder"]))
    return out


def read_source(path: str) -> dict:
    """What a source folder is: {"kind": "run" | "export", "format", "int8", "run": its run folder or None}."""
    import json

    folder = Path(path)
    if not (folder / "model_card.json").is_file():
        return {"kind": "run", "format": "pytorch", "int8": False, "run": folder if (folder / "config.yaml").is_file()
                else None}
    try:
        card = json.loads((folder / "model_card.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        card = {}
    card = card if isinstance(card, dict) else {}
    source = card.get("source") if isinstance(card.get("source"), dict) else {}
    run = Path(str(source.get("run_dir") or ""))
    return {"kind": "export", "format": str(card.get("format", "")), "int8": bool(card.get("int8_file")),
            "run": run if source.get("run_dir") and (run / "config.yaml").is_file() else None}


def run_is_pretrained(run: Path) -> bool:
    """Whether a run fine-tunes a pretrained model (model.arch in its config.yaml; a small file)."""
    import yaml

    try:
        raw = yaml.safe_load((Path(run) / "config.yaml").read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return False
    model = raw.get("model") if isinstance(raw, dict) else None
    return isinstance(model, dict) and model.get("arch") == "pretrained"


def _same(a, b) -> bool:
    """Two folder paths name the same folder (either may be empty)."""
    return bool(a) and bool(b) and Path(str(a)).resolve() == Path(str(b)).resolve()


def warm_up(model) -> None:
    """One small request before any is timed: what a model does on its first call (kernels chosen, buffers and
    sessions set up) belongs to loading, not to the first latency shown."""
    if model.task == "classification":
        model.classify(["warm up"])
    else:
        model.generate_ids(model.prompt_ids("a") or [0], max_new_tokens=1)


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, (time.perf_counter() - t0) * 1000


class ProbabilityChart(ThemedPlot):
    """Class probabilities as bars (in the palette's colours before the first prediction too)."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: pg.BarGraphItem | None = None
        self.values = np.zeros(0)
        self.setMouseEnabled(False, False)
        self.getPlotItem().hideButtons()
        self.setYRange(0, 1, padding=0.02)

    def set_probabilities(self, names: list[str], probs: list[float]) -> None:
        if self.bars is not None:
            self.removeItem(self.bars)
        self.values = np.asarray(probs, dtype=float)
        best = int(self.values.argmax()) if len(self.values) and self.values.max() > 0 else -1
        brushes = [pg.mkBrush("#e8710a" if i == best else "#1a73e8") for i in range(len(probs))]
        self.bars = pg.BarGraphItem(x=np.arange(len(probs)), height=self.values, width=0.6, brushes=brushes)
        self.addItem(self.bars)
        self.getAxis("bottom").setTicks([[(i, n[:16]) for i, n in enumerate(names)]])
        self.setXRange(-0.6, max(0.6, len(probs) - 0.4), padding=0)
        self.setYRange(0, 1, padding=0.02)


class PlaygroundPanel(Panel):
    """Export runs and try the exported files."""

    key = "playground"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._added: list[tuple[str, str]] = []  # folders opened with add_source: kept when the list is read again
        self.model = None          # the loaded predictor (ExportedModel or RunPredictor)
        self.reference = None      # the source run in PyTorch, for side-by-side comparison
        self.latencies: deque[float] = deque(maxlen=WINDOW)
        self.requests = 0
        self._generating = False
        self._proc = psutil.Process()
        self.source: dict | None = None  # read_source() of the selected entry
        self._wanted = ctx.state.current_run  # a run to select once the list holds it (the current run)
        self._export_note: tuple[str, str] = ("", "")  # (run folder, what its last export said)
        self.last_seed: int | None = None
        self._loading = ""  # the entry being loaded
        self._exporting: Path | None = None  # the run being (or last) exported
        self._export_busy = False

        # ---- source
        self.source_combo = QComboBox(objectName="playgroundSource")
        self.source_combo.setMinimumWidth(360)
        self.refresh_button = QPushButton(objectName="playgroundRefresh")
        self.browse_button = QPushButton(objectName="playgroundBrowse")
        self.backend_combo = QComboBox(objectName="playgroundBackend")
        for key in BACKENDS:
            self.backend_combo.addItem(key, key)
        self.load_button = QPushButton(objectName="playgroundLoad")
        self.compare_check = CheckBox(objectName="compareToggle")
        self.source_status = QLabel(objectName="playgroundStatus")
        self.source_status.setWordWrap(True)
        self.refresh_button.clicked.connect(self.refresh_sources)
        self.browse_button.clicked.connect(self._browse)
        self.load_button.clicked.connect(self.load_selected)
        self.compare_check.toggled.connect(self._compare_toggled)
        self.source_combo.activated.connect(self._forget_wanted)  # the user's own choice wins

        # ---- export
        self.export_box = QGroupBox()
        self.format_combo = QComboBox(objectName="exportFormat")
        for fmt in ("onnx", "torchscript", "safetensors", "hf"):
            self.format_combo.addItem(fmt, fmt)
        self.int8_check = CheckBox(objectName="exportInt8")
        self.int8_check.setChecked(True)
        self.checkpoint_combo = QComboBox(objectName="exportCheckpoint")
        for key in ("best", "last"):
            self.checkpoint_combo.addItem(key, key)
        self.export_button = QPushButton(objectName="exportButton")
        self.export_cancel = QPushButton(objectName="exportCancel")
        self.export_cancel.setEnabled(False)
        self.export_progress = QProgressBar(objectName="exportProgress")
        self.export_progress.setRange(0, 100)
        self.export_progress.hide()
        self.export_status = QLabel(objectName="exportStatus")
        self.export_status.setWordWrap(True)
        self.versions = QTableWidget(0, 5, objectName="exportVersions")
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.verticalHeader().setVisible(False)
        self.versions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.versions.setMaximumHeight(130)
        self.versions.cellDoubleClicked.connect(self._load_version)
        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        self.export_button.clicked.connect(self.export_selected)
        self.export_cancel.clicked.connect(lambda: (self.ctx.tasks.cancel("playground-export"), self._export_reset(),
                                                    self.export_status.setText(self.tr("Export cancelled."))))
        ex = QGridLayout(self.export_box)
        self.format_label, self.checkpoint_label = QLabel(), QLabel()
        ex.addWidget(self.format_label, 0, 0)
        ex.addWidget(self.format_combo, 0, 1)
        ex.addWidget(self.int8_check, 0, 2)
        ex.addWidget(self.checkpoint_label, 0, 3)
        ex.addWidget(self.checkpoint_combo, 0, 4)
        ex.addWidget(self.export_button, 0, 5)
        ex.addWidget(self.export_cancel, 0, 6)
        ex.addWidget(self.export_progress, 1, 0, 1, 7)
        ex.addWidget(self.export_status, 2, 0, 1, 7)
        ex.addWidget(self.versions, 3, 0, 1, 7)

        # ---- classification page
        self.input_edit = QPlainTextEdit(objectName="playgroundInput")
        self.input_edit.setMaximumHeight(90)
        self.chart = ProbabilityChart()
        self.chart.setObjectName("probabilityChart")
        self.prediction_label = QLabel(objectName="predictionLabel")
        self.prediction_label.setWordWrap(True)
        self.compare_label = QLabel(objectName="compareView")
        self.compare_label.setWordWrap(True)
        self.batch_button = QPushButton(objectName="batchPredictButton")
        self.batch_cancel = QPushButton(objectName="batchCancel")
        self.batch_cancel.setEnabled(False)
        self.batch_progress = QProgressBar(objectName="batchProgress")
        self.batch_progress.hide()
        self.batch_status = QLabel(objectName="batchStatus")
        self.batch_status.setWordWrap(True)
        self.batch_cm = ConfusionMatrixView()
        self.batch_cm.setObjectName("batchConfusion")
        self.batch_cm.setMinimumHeight(160)
        self.batch_cm.hide()
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.predict_now)
        self.input_edit.textChanged.connect(self.debounce.start)
        self.batch_button.clicked.connect(self._choose_batch)
        self.batch_cancel.clicked.connect(lambda: (self.ctx.tasks.cancel("playground-batch"), self._batch_reset(),
                                                   self.batch_status.setText(self.tr("Batch prediction cancelled."))))
        cls_page = QWidget()
        cl = QGridLayout(cls_page)
        self.input_label = QLabel()
        cl.addWidget(self.input_label, 0, 0, 1, 2)
        cl.addWidget(self.input_edit, 1, 0, 1, 2)
        cl.addWidget(self.chart, 2, 0, 2, 1)
        cl.addWidget(self.prediction_label, 2, 1)
        cl.addWidget(self.compare_label, 3, 1)
        batch_row = QHBoxLayout()
        batch_row.addWidget(self.batch_button)
        batch_row.addWidget(self.batch_cancel)
        batch_row.addWidget(self.batch_progress, 1)
        cl.addLayout(batch_row, 4, 0, 1, 2)
        cl.addWidget(self.batch_status, 5, 0, 1, 2)
        cl.addWidget(self.batch_cm, 6, 0, 1, 2)
        cl.setColumnStretch(0, 3)
        cl.setColumnStretch(1, 2)
        cl.setRowStretch(2, 1)

        # ---- generation page
        self.prompt_edit = QPlainTextEdit(objectName="promptInput")
        self.prompt_edit.setMaximumHeight(80)
        self.max_tokens = QSpinBox(objectName="genMaxTokens")
        self.max_tokens.setRange(1, 4096)
        self.max_tokens.setValue(60)
        self.temperature = QDoubleSpinBox(objectName="genTemperature")
        self.temperature.setRange(0.0, 5.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(0.8)
        self.top_k = QSpinBox(objectName="genTopK")
        self.top_k.setRange(0, 100000)
        self.top_k.setValue(40)
        self.top_p = QDoubleSpinBox(objectName="genTopP")
        self.top_p.setRange(0.01, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setValue(1.0)
        self.repetition = QDoubleSpinBox(objectName="genRepetition")
        self.repetition.setRange(0.5, 3.0)
        self.repetition.setSingleStep(0.05)
        self.repetition.setValue(1.1)
        self.seed_edit = QLineEdit(objectName="genSeed")
        self.seed_edit.setValidator(QIntValidator(0, SEED_MAX, self.seed_edit))
        self.seed_edit.setMaximumWidth(self.seed_edit.fontMetrics().horizontalAdvance("0" * 12))
        self.gen_info = QLabel(objectName="generationInfo")
        self.gen_info.setWordWrap(True)
        self.gen_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.generate_button = QPushButton(objectName="generateButton")
        self.stop_button = QPushButton(objectName="generateStop")
        self.stop_button.setEnabled(False)
        self.output = QPlainTextEdit(objectName="generationOutput")
        self.output.setReadOnly(True)
        self.compare_output = QPlainTextEdit(objectName="compareOutput")
        self.compare_output.setReadOnly(True)
        self.compare_output.hide()
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop_generation)
        gen_page = QWidget()
        gl = QVBoxLayout(gen_page)
        self.prompt_label = QLabel()
        gl.addWidget(self.prompt_label)
        gl.addWidget(self.prompt_edit)
        self.form_labels = [QLabel() for _ in range(6)]
        controls = QHBoxLayout()
        for lab, w in zip(self.form_labels, (self.max_tokens, self.temperature, self.top_k, self.top_p,
                                             self.repetition, self.seed_edit)):
            controls.addWidget(lab)
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(self.generate_button)
        controls.addWidget(self.stop_button)
        gl.addLayout(controls)
        outputs = QHBoxLayout()
        outputs.addWidget(self.output, 1)
        outputs.addWidget(self.compare_output, 1)
        gl.addLayout(outputs, 1)
        gl.addWidget(self.gen_info)

        self.pages = QStackedWidget(objectName="playgroundPages")
        self.empty_page = QLabel(objectName="playgroundEmpty")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(cls_page)
        self.pages.addWidget(gen_page)

        # ---- monitoring strip
        self.monitor_requests = QLabel(objectName="monitorRequests")
        self.monitor_latency = QLabel(objectName="monitorLatency")
        self.monitor_percentiles = QLabel(objectName="monitorPercentiles")
        self.monitor_memory = QLabel(objectName="monitorMemory")
        strip = QHBoxLayout()
        for w in (self.monitor_requests, self.monitor_latency, self.monitor_percentiles, self.monitor_memory):
            strip.addWidget(w)
        strip.addStretch(1)
        self.memory_timer = QTimer(self, interval=2000)
        self.memory_timer.timeout.connect(self._update_monitor)

        top = QHBoxLayout()
        self.source_label, self.backend_label = QLabel(), QLabel()
        top.addWidget(self.source_label)
        top.addWidget(self.source_combo, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.browse_button)
        top.addWidget(self.backend_label)
        top.addWidget(self.backend_combo)
        top.addWidget(self.load_button)
        top.addWidget(self.compare_check)
        self.try_box = QGroupBox()
        tb = QVBoxLayout(self.try_box)
        tb.addWidget(self.pages, 1)
        tb.addLayout(strip)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.source_status)
        lay.addWidget(self.export_box)
        lay.addWidget(self.try_box, 1)
        ctx.state.runFinished.connect(lambda *_: self.refresh_sources())
        ctx.state.runsDeleted.connect(self._on_runs_deleted)
        ctx.state.currentRunChanged.connect(self.follow_run)  # Playground shows the current run ...
        ctx.state.runSelected.connect(self.follow_run)  # ... or the one chosen in the Runs panel
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self.retranslate()
        self._update_monitor()
        self.refresh_sources()

    def nav_title(self) -> str:
        return self.tr("Playground")

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.source_label.setText(self.tr("Model:"))
        self.backend_label.setText(self.tr("Backend:"))
        describe(self.source_combo, self.tr("A run (PyTorch) or one of its exported versions"), self.tr("Model to try"))
        self.refresh_button.setText(self.tr("Refresh"))
        describe(self.refresh_button, self.tr("Reload the list of runs and exports"), self.tr("Refresh model list"))
        self.browse_button.setText(self.tr("Open folder…"))
        describe(self.browse_button, self.tr("Try any export folder or run folder on disk"), self.tr("Open a folder"))
        describe(self.backend_combo, self.tr("Which file of an export runs: auto = the export's own format; int8 = "
                                        "its quantised ONNX file; torch = eager PyTorch from its weights"),
                 self.tr("Inference backend"))
        self.load_button.setText(self.tr("Load"))
        describe(self.load_button, self.tr("Load the chosen model (in the background)"), self.tr("Load model"))
        self.compare_check.setText(self.tr("Compare with PyTorch"))
        describe(self.compare_check, self.tr("Also run every input through the source run in PyTorch and show both "
                                        "outputs and latencies"), self.tr("Compare with PyTorch"))
        self.format_label.setText(self.tr("Format:"))
        self.checkpoint_label.setText(self.tr("Checkpoint:"))
        describe(self.format_combo, self.tr("onnx: ONNX Runtime; torchscript: torch.jit.load; safetensors: weights for "
                                       "this engine; hf: a save_pretrained folder (pretrained runs)"),
                 self.tr("Export format"))
        self.int8_check.setText(self.tr("int8"))
        describe(self.int8_check, self.tr("Also write a dynamically quantised int8 ONNX file"), self.tr("Quantise to int8"))
        describe(self.checkpoint_combo, self.tr("Export the best or the last checkpoint"), self.tr("Checkpoint to export"))
        self.export_button.setText(self.tr("Export"))
        describe(self.export_button, self.tr("Write a new numbered export version, checked against PyTorch"),
                 self.tr("Export run"))
        self.export_cancel.setText(self.tr("Cancel"))
        describe(self.export_cancel, self.tr("Cancel the export (nothing is kept)"), self.tr("Cancel export"))
        describe(self.export_progress, self.tr("Export progress"))
        self.versions.setHorizontalHeaderLabels([self.tr("version"), self.tr("format"), self.tr("created"), self.tr("size MB"),
                                                 self.tr("parity")])
        describe(self.versions, self.tr("Export versions of the run; double-click one to try it"), self.tr("Export versions"))
        self.input_label.setText(self.tr("Type a text: the probabilities follow as you type."))
        describe(self.input_edit, self.tr("Text to classify"))
        describe(self.chart, self.tr("Probability of each class"))
        self.chart.set_labels(self.tr("Class probabilities"), "", self.tr("probability"))
        describe(self.prediction_label, self.tr("Predicted label and latency"))
        describe(self.compare_label, self.tr("The same input through PyTorch"))
        self.batch_button.setText(self.tr("Predict a file…"))
        describe(self.batch_button, self.tr("Classify every text of a TXT/CSV/JSONL file into a CSV of predictions"),
                 self.tr("Batch prediction"))
        self.batch_cancel.setText(self.tr("Cancel"))
        describe(self.batch_cancel, self.tr("Cancel the batch prediction"), self.tr("Cancel batch prediction"))
        describe(self.batch_cm, self.tr("Rows: true label; columns: predicted label"), self.tr("Batch confusion matrix"))
        self.prompt_label.setText(self.tr("Prompt:"))
        describe(self.prompt_edit, self.tr("Text the model continues"), self.tr("Prompt"))
        for lab, text in zip(self.form_labels, (self.tr("Max new tokens"), self.tr("Temperature"), self.tr("Top-k"),
                                                self.tr("Top-p"), self.tr("Repetition penalty"), self.tr("Seed"))):
            lab.setText(text)
        self.seed_edit.setPlaceholderText(self.tr("random"))
        describe(self.seed_edit, self.tr("Empty: a new random seed each time (shown below the text); a number: the "
                                         "same text again for the same prompt and settings"), self.tr("Seed"))
        describe(self.gen_info, self.tr("The seed and the time of the last generation"), self.tr("Generation info"))
        describe(self.max_tokens, self.tr("Most tokens to generate"), self.tr("Max new tokens"))
        describe(self.temperature, self.tr("0 = greedy; higher = more random"), self.tr("Temperature"))
        describe(self.top_k, self.tr("Sample only among the k most likely tokens (0 = all)"), self.tr("Top-k"))
        describe(self.top_p, self.tr("Sample only from the smallest set of tokens whose probability reaches p"),
                 self.tr("Top-p"))
        describe(self.repetition, self.tr("Above 1 discourages repeating tokens already in the text"),
                 self.tr("Repetition penalty"))
        self.generate_button.setText(self.tr("Generate"))
        describe(self.generate_button, self.tr("Continue the prompt; tokens appear as they are produced"),
                 self.tr("Generate text"))
        self.stop_button.setText(self.tr("Stop"))
        describe(self.stop_button, self.tr("Stop generating"), self.tr("Stop generation"))
        describe(self.output, self.tr("Generated text"))
        describe(self.compare_output, self.tr("The same prompt through PyTorch"))
        self.try_box.setTitle(self.tr("Try it"))
        self.empty_page.setText(self.tr("Choose a run or an export above and click Load. Exports are made in the box "
                                   "above; any export folder can be opened."))
        for w, tip in ((self.monitor_requests, self.tr("Requests served since the model was loaded")),
                       (self.monitor_latency, self.tr("Latency of the last request")),
                       (self.monitor_percentiles, self.tr("Running latency percentiles of the last 200 requests")),
                       (self.monitor_memory, self.tr("Memory used by the app"))):
            describe(w, tip)
        self._update_monitor()
        self._on_source_changed()  # the texts derived from the selected source, in the new language

    # ----------------------------------------------------------------- sources
    def refresh_sources(self) -> None:
        runs_dir = self.ctx.state.runs_dir
        self.ctx.tasks.run("playground-sources", lambda _p, _s: _list_sources(runs_dir),
                           on_success=self._fill_sources, on_failure=lambda m, _d: self.source_status.setText(m))

    @Slot(object)
    def _fill_sources(self, items: list) -> None:
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        listed = {path for _label, path in items}
        for label, path in list(items) + [a for a in self._added if a[1] not in listed]:
            self.source_combo.addItem(label, path)  # folders the user opened stay, outside the runs folder too
        index = self.source_combo.findData(self._wanted) if self._wanted else -1
        if index >= 0:
            self._wanted = ""
        else:
            index = self.source_combo.findData(current) if current else -1
        self.source_combo.setCurrentIndex(max(0, index))
        self.source_combo.blockSignals(False)
        self._on_source_changed()

    @Slot(str)
    def follow_run(self, run_dir: str) -> None:
        """Select this run (the current run, or one chosen in the Runs panel); a run not listed yet (no checkpoint
        so far) is selected once it is."""
        if not run_dir:
            return
        index = self.source_combo.findData(run_dir)
        if index >= 0 and index == self.source_combo.currentIndex():
            self._wanted = ""
            self._show_selection()  # already selected: it is now (or no longer) the current run
        elif index >= 0:
            self._wanted = ""
            self.source_combo.setCurrentIndex(index)
        else:
            self._wanted = run_dir
            self.refresh_sources()

    @Slot(list)
    def _on_runs_deleted(self, run_dirs: list) -> None:
        """Deleted runs (and their exports, opened or listed) leave the source list."""
        gone = [str(Path(r)) for r in run_dirs]
        self._added = [a for a in self._added if not any(str(a[1]).startswith(g) for g in gone)]
        self.refresh_sources()

    def _forget_wanted(self, *_args) -> None:
        self._wanted = ""

    def _on_source_changed(self, *_args) -> None:
        """Everything under the source line derives from the selected entry: the export box (its run, versions and
        last export), the backends it has, and the Try box (a model loaded from another entry is put away)."""
        path = self.source_combo.currentData()
        self.source = read_source(path) if path else None
        if self._loading and not _same(self._loading, path):
            self.ctx.tasks.cancel("playground-load")  # its model would not belong to the selection
            self._loading = ""
            self.load_button.setEnabled(True)
        if self.model is not None and not _same(self.model.folder, path):
            self._unload()
        self._update_backends()
        self._update_formats()
        self._show_versions()
        self._describe_exports()
        self._show_selection()

    def _unload(self) -> None:
        """Put the loaded model away (another entry was chosen): nothing it computed stays on screen."""
        for name in ("playground-predict", "playground-generate", "playground-batch"):
            self.ctx.tasks.cancel(name)
        self._end_generation()
        self._batch_reset()
        self.model = self.reference = None
        self.requests = 0
        self.latencies.clear()
        for w in (self.prediction_label, self.compare_label, self.batch_status, self.output, self.compare_output,
                  self.gen_info):
            w.clear()
        self.batch_cm.hide()
        self.chart.set_probabilities([], [])
        self.pages.setCurrentIndex(0)
        self._update_monitor()

    def _show_selection(self) -> None:
        """Say what is selected and whether it is the model being tried."""
        path = self.source_combo.currentData()
        if not path:
            self.source_status.setText(self.tr("No run or export to try yet: train a run first."))
            self.empty_page.setText(self.tr("Choose a run or an export above and click Load. Exports are made in the "
                                            "box above; any export folder can be opened."))
            return
        name = self.source_combo.currentText()
        if self._loading:
            return  # "Loading …" stays until the model is there
        if self.model is not None:
            m = self.model
            text = self.tr("Trying {0} ({1}, {2}).").format(name, m.task, m.backend)
            if self.compare_check.isChecked() and self.reference is None:
                text += " " + self.tr("(no PyTorch comparison: this is a run, or its source run is gone)")
        else:
            text = self.tr("Selected {0}: click Load to try it.").format(name)
            self.empty_page.setText(self.tr("Click Load to try {0}.").format(name))
        if self.source and self.source["run"] is not None and _same(self.source["run"], self.ctx.state.current_run):
            text += " " + self.tr("This is the current run.")
        self.source_status.setText(text)

    def backend_problem(self, backend: str) -> str:
        """Why `backend` cannot run the selected entry ("" when it can)."""
        src = self.source
        if src is None or backend == "auto":
            return ""
        if src["kind"] == "run":
            if backend == "torch":
                return ""
            return self.tr("'{0}' runs an export, and this is a run (PyTorch): export it below as {1}, then choose "
                           "that export version.").format(backend, "TorchScript" if backend == "torchscript" else
                                                          "ONNX")
        fmt = src["format"]
        if backend == "int8" and fmt == "onnx" and not src["int8"]:
            return self.tr("This ONNX export has no int8 file: export the run again with int8 ticked.")
        if {"onnx": fmt == "onnx", "int8": fmt == "onnx", "torchscript": fmt == "torchscript",
                "torch": fmt in ("safetensors", "hf")}[backend]:
            return ""
        if backend == "torch":
            return self.tr("Eager PyTorch needs an export with weights (safetensors or hf); this is a {0} export. "
                           "Choose the run itself to try it in PyTorch.").format(fmt)
        return self.tr("This is a {0} export: it has no {1} file. Choose auto, or export the run as {1}.").format(
            fmt, backend)

    def _update_backends(self) -> None:
        """Backends the selected entry does not have are disabled, each with the reason as its tooltip."""
        items = self.backend_combo.model()
        for i, key in enumerate(BACKENDS):
            problem = self.backend_problem(key)
            items.item(i).setEnabled(not problem)
            items.item(i).setToolTip(problem)
        current = self.backend_combo.currentData()
        problem = self.backend_problem(current)
        if problem:
            self.backend_combo.setCurrentIndex(0)  # auto: the entry's own format
            self.ctx.set_status(self.tr("Backend {0} is not available here: {1}").format(current, problem))

    def _update_formats(self) -> None:
        """hf (a save_pretrained folder) only for runs that fine-tune a pretrained model: greyed out, with the
        reason as its tooltip, for a model trained from scratch."""
        run = self._selected_run()
        scratch = run is not None and not run_is_pretrained(run)
        item = self.format_combo.model().item(self.format_combo.findData("hf"))
        item.setEnabled(not scratch)
        item.setToolTip(self.tr("hf writes a save_pretrained folder for runs that fine-tune a pretrained model; this "
                                "run trains a model from scratch: export onnx, torchscript or safetensors")
                        if scratch else "")
        if scratch and self.format_combo.currentData() == "hf":
            self.format_combo.setCurrentIndex(self.format_combo.findData("onnx"))

    def _format_chosen(self) -> None:
        """int8 goes with onnx; a greyed-out format chosen anyway (setCurrentIndex ignores the grey) goes back to
        onnx, and the status bar says why."""
        item = self.format_combo.model().item(self.format_combo.currentIndex())
        if item is not None and not item.isEnabled():
            why = item.toolTip()
            self.format_combo.setCurrentIndex(self.format_combo.findData("onnx"))
            self.ctx.set_status(why)
            return
        self.int8_check.setEnabled(self.format_combo.currentData() == "onnx")

    def add_source(self, path: str) -> None:
        """Select (adding when needed) a run or export folder."""
        index = self.source_combo.findData(path)
        if index < 0:
            self._added.append((Path(path).name or path, path))
            self.source_combo.addItem(Path(path).name or path, path)
            index = self.source_combo.count() - 1
        self.source_combo.setCurrentIndex(index)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open an export or run folder"))
        if folder:
            self.add_source(folder)
            self.load_selected()

    def _selected_run(self) -> Path | None:
        """The run behind the selected entry (an export's source run, or the run itself)."""
        path = self.source_combo.currentData()
        if not path:
            return None
        p = Path(path)
        if (p / "model_card.json").is_file():
            import json

            try:
                src = Path(json.loads((p / "model_card.json").read_text(encoding="utf-8"))["source"]["run_dir"])
            except (OSError, ValueError, KeyError, TypeError):
                return None
            return src if (src / "config.yaml").is_file() else None
        return p if (p / "config.yaml").is_file() else None

    def _show_versions(self) -> None:
        from engine.export import list_versions

        run = self._selected_run()
        rows = list_versions(run) if run else []
        self.versions.setRowCount(len(rows))
        for i, v in enumerate(rows):
            fp = (v.get("parity") or {}).get("fp32") or {}
            parity = f"{fp.get('max_abs_diff', 0):.1e}"
            if fp.get("label_agreement") is not None:
                parity += f" · {fp['label_agreement']:.0%}"
            cells = [v.get("version", ""), v.get("format", "") + (" + int8" if v.get("quantize") else ""),
                     str(v.get("created", "")).replace("T", " "), f"{(v.get('size_bytes') or 0) / 1e6:.1f}", parity]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.get("folder"))
                self.versions.setItem(i, j, item)
        self.export_button.setEnabled(run is not None and not self._export_busy)

    def _describe_exports(self) -> None:
        """The export box names the selected entry's run and what it has (or what its last export said)."""
        run = self._selected_run()
        self.export_box.setTitle(self.tr("Export {0}").format(run.name) if run else self.tr("Export"))
        if self._export_busy:
            return  # the running export's own line ("Exporting RUN as …") stays
        if run is None:
            text = self.tr("The run this export came from is gone: there is nothing to export.") if self.source \
                else ""
        elif _same(self._export_note[0], run):
            text = self._export_note[1]
        elif self.versions.rowCount():
            text = self.tr("{0} has {1} export version(s); double-click one to try it.").format(
                run.name, self.versions.rowCount())
        else:
            text = self.tr("{0} has no export yet: choose a format and click Export.").format(run.name)
        self.export_status.setText(text)

    def _load_version(self, row: int, _col: int) -> None:
        item = self.versions.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.add_source(item.data(Qt.ItemDataRole.UserRole))
            self.load_selected()

    # ----------------------------------------------------------------- loading
    def load_selected(self) -> None:
        path = self.source_combo.currentData()
        if not path:
            self.source_status.setText(self.tr("No run or export to load yet: train a run first."))
            return
        backend = self.backend_combo.currentData()
        problem = self.backend_problem(backend)
        if problem:  # never another backend than the one chosen, silently
            self.source_status.setText(problem)
            return
        backend = None if backend == "auto" or (self.source or {}).get("kind") == "run" else backend
        compare = self.compare_check.isChecked()
        self.source_status.setText(self.tr("Loading {0} …").format(self.source_combo.currentText()))
        self.load_button.setEnabled(False)
        self._loading = path

        def work(_progress, _stop):
            from engine.export.runtime import RunPredictor, load_predictor, source_run

            model = load_predictor(path, backend)
            warm_up(model)  # timings shown later exclude what a first call sets up
            reference = None
            if compare and not isinstance(model, RunPredictor):
                src = source_run(model)
                if src is not None:
                    reference = load_predictor(src)
                    warm_up(reference)
            return path, model, reference

        self.ctx.tasks.run("playground-load", work, on_success=self._on_loaded, on_failure=self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, result) -> None:
        path, model, reference = result
        self._loading = ""
        self.load_button.setEnabled(True)
        if not _same(path, self.source_combo.currentData()):
            return  # another entry was chosen meanwhile
        self.model, self.reference = model, reference
        self.requests = 0
        self.latencies.clear()
        self._show_selection()
        self.pages.setCurrentIndex(1 if model.task == "classification" else 2)
        self.compare_label.setVisible(self.reference is not None)
        self.compare_output.setVisible(self.reference is not None)
        self._update_monitor()
        if model.task == "classification" and self.input_edit.toPlainText().strip():
            self.predict_now()

    def _on_load_failed(self, message: str, details: str) -> None:
        self._loading = ""
        self.load_button.setEnabled(True)
        self.model = None
        self.pages.setCurrentIndex(0)
        self.source_status.setText(message)
        self.ctx.show_error(self.tr("Cannot load the model"), message, details)

    def _compare_toggled(self, on: bool) -> None:
        if self.model is not None:
            self.load_selected()  # (re)load with or without the PyTorch reference

    # ----------------------------------------------------------------- classification
    def predict_now(self) -> None:
        model, reference = self.model, self.reference
        text = self.input_edit.toPlainText()
        if model is None or model.task != "classification":
            return
        if not text.strip():  # cleared: the last prediction no longer describes anything on screen
            self.ctx.tasks.cancel("playground-predict")
            self.prediction_label.clear()
            self.compare_label.clear()
            self.chart.set_probabilities(list(model.label_names), [0.0] * len(model.label_names))
            return

        def work(_progress, _stop):
            out, ms = _timed(model.classify, [text])
            ref = None
            if reference is not None:
                ref = _timed(reference.classify, [text])
            return out[0], ms, ref

        self.ctx.tasks.run("playground-predict", work, on_success=self._on_predicted,
                           on_failure=lambda m, _d: self.prediction_label.setText(m))

    @Slot(object)
    def _on_predicted(self, result) -> None:
        pred, ms, ref = result
        names = list(self.model.label_names)
        self.chart.set_probabilities(names, [pred["probabilities"][n] for n in names])
        text = self.tr("{0}  ({1:.1%})  ·  {2:.1f} ms on {3}").format(pred["label"], pred["confidence"], ms,
                                                                       self.model.backend)
        if pred.get("truncated"):
            text += "\n" + self.tr("The text is longer than max_length ({0} tokens); only its beginning was "
                                   "read.").format(self.model.max_length)
        self.prediction_label.setText(text)
        if ref is not None:
            rp, rms = ref
            diff = max(abs(pred["probabilities"][n] - rp[0]["probabilities"][n]) for n in names)
            self.compare_label.setText(self.tr("PyTorch: {0} ({1:.1%}) · {2:.1f} ms — largest probability "
                                               "difference {3:.1e}").format(rp[0]["label"], rp[0]["confidence"],
                                                                            rms, diff))
        self._record(ms)

    def _choose_batch(self) -> None:
        if self.model is None or self.model.task != "classification":
            self.batch_status.setText(self.tr("Load a classification model first."))
            return
        src, _ = QFileDialog.getOpenFileName(self, self.tr("Texts to classify"), "",
                                             self.tr("Text tables (*.csv *.tsv *.txt *.jsonl *.json);;All files (*)"))
        if not src:
            return
        dst, _ = QFileDialog.getSaveFileName(self, self.tr("Save predictions as"),
                                             str(Path(src).with_suffix(".predictions.csv")), "CSV (*.csv)")
        if dst:
            self.predict_file(src, dst)

    def predict_file(self, src: str, dst: str) -> None:
        model = self.model

        def work(progress, stop):
            from engine.export.batch import predict_file

            return predict_file(model, src, dst, progress=lambda done, total: progress(
                self.tr("{0} of {1} texts").format(done, total), done / max(1, total)), should_stop=stop)

        self.batch_progress.setRange(0, 100)
        self.batch_progress.setValue(0)
        self.batch_progress.show()
        self.batch_button.setEnabled(False)
        self.batch_cancel.setEnabled(True)
        self.batch_status.setText(self.tr("Predicting {0} …").format(src))
        self.ctx.tasks.run("playground-batch", work, on_success=self._on_batch_done,
                           on_failure=self._on_batch_failed,
                           on_progress=lambda m, f: self.batch_progress.setValue(int(f * 100)))

    def _batch_reset(self) -> None:
        self.batch_progress.hide()
        self.batch_button.setEnabled(True)
        self.batch_cancel.setEnabled(False)

    @Slot(object)
    def _on_batch_done(self, result: dict) -> None:
        self._batch_reset()
        text = self.tr("Wrote {0} predictions to {1}.").format(result["rows"], result["output"])
        if result.get("skipped_empty"):
            text += " " + self.tr("{0} empty rows were skipped.").format(result["skipped_empty"])
        if result.get("truncated"):
            text += " " + self.tr("{0} texts were longer than max_length and cut.").format(result["truncated"])
        if result.get("accuracy") is not None:
            text += " " + self.tr("Accuracy against column '{0}': {1:.4f}.").format(result["label_column"],
                                                                                  result["accuracy"])
            self.batch_cm.set_matrix(result["confusion_matrix"], list(self.model.label_names), self.tr("true"),
                                     self.tr("predicted"))
            self.batch_cm.show()
        else:
            self.batch_cm.hide()
        self.batch_status.setText(text)
        self.requests += result["rows"]
        self._update_monitor()

    def _on_batch_failed(self, message: str, details: str) -> None:
        self._batch_reset()
        self.batch_status.setText(message)
        self.ctx.show_error(self.tr("Batch prediction failed"), message, details)

    # ----------------------------------------------------------------- generation
    def generate(self) -> None:
        model, reference = self.model, self.reference
        prompt = self.prompt_edit.toPlainText()
        if model is None or model.task != "generation":
            return
        if not prompt.strip():
            self.output.setPlainText(self.tr("Type a prompt first."))
            return
        typed = self.seed_edit.text().strip()
        seed = int(typed) if typed else secrets.randbelow(SEED_MAX + 1)  # empty: a new text each time
        self.last_seed = seed
        self.gen_info.clear()
        kwargs = dict(max_new_tokens=self.max_tokens.value(), temperature=self.temperature.value(),
                      top_k=self.top_k.value(), top_p=self.top_p.value(),
                      repetition_penalty=self.repetition.value(), seed=seed)
        self.output.setPlainText(prompt)
        self.compare_output.setPlainText(prompt)
        self._generating = True
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)

        def work(progress, stop):
            t0 = time.perf_counter()
            text = model.generate_text(prompt, on_text=lambda piece: (progress("A" + piece, -1.0), not stop())[1],
                                       **kwargs)
            ms = (time.perf_counter() - t0) * 1000
            ref = None
            if reference is not None and not stop():
                t1 = time.perf_counter()
                ref_text = reference.generate_text(
                    prompt, on_text=lambda piece: (progress("B" + piece, -1.0), not stop())[1], **kwargs)
                ref = (ref_text, (time.perf_counter() - t1) * 1000)
            return text, ms, ref

        self.ctx.tasks.run("playground-generate", work, on_success=self._on_generated,
                           on_failure=self._on_generate_failed, on_progress=self._on_piece)

    def _on_piece(self, message: str, _fraction: float) -> None:
        view = self.output if message[:1] == "A" else self.compare_output
        cursor = view.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(message[1:])
        view.setTextCursor(cursor)

    @Slot(object)
    def _on_generated(self, result) -> None:
        text, ms, ref = result
        self._end_generation()
        self._record(ms)
        if self.temperature.value() <= 0:
            seed = self.tr("greedy (temperature 0): the same text every time, whatever the seed")
        elif self.seed_edit.text().strip():
            seed = self.tr("seed {0}").format(self.last_seed)
        else:
            seed = self.tr("seed {0} (random; type it into Seed to get this text again)").format(self.last_seed)
        info = self.tr("{0} · {1:.0f} ms on {2}").format(seed, ms, self.model.backend if self.model else "")
        if ref is not None:
            self.compare_output.appendPlainText("\n" + self.tr("— PyTorch: {0:.0f} ms (export: {1:.0f} ms)").format(
                ref[1], ms))
        self.gen_info.setText(info)

    def _on_generate_failed(self, message: str, details: str) -> None:
        self._end_generation()
        self.output.appendPlainText("\n" + message)

    def stop_generation(self) -> None:
        self.ctx.tasks.cancel("playground-generate")
        self._end_generation()

    def _end_generation(self) -> None:
        self._generating = False
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    # ----------------------------------------------------------------- export
    def export_selected(self) -> None:
        run = self._selected_run()
        if run is None:
            self.export_status.setText(self.tr("Choose a run (or one of its exports) to export."))
            return
        fmt = self.format_combo.currentData()
        quantize = "int8" if fmt == "onnx" and self.int8_check.isChecked() else None
        checkpoint = self.checkpoint_combo.currentData()

        starting = self.tr("Starting the export process …")

        def work(progress, stop):  # in a child process: the onnx imports would hold the GIL for up to a second
            from engine.isolated import call_in_process

            progress(starting, 0.0)
            return call_in_process("engine.export:export_run", {"run_dir": str(run), "fmt": fmt,
                                                                "quantize": quantize, "checkpoint": checkpoint},
                                   progress, stop)

        self._exporting, self._export_busy = run, True
        self.export_progress.setValue(0)
        self.export_progress.show()
        self.export_button.setEnabled(False)
        self.export_cancel.setEnabled(True)
        self.export_status.setText(self.tr("Exporting {0} as {1} …").format(run.name, fmt))
        self.ctx.tasks.run("playground-export", work, on_success=self._on_exported, on_failure=self._on_export_failed,
                           on_progress=self._on_export_progress)

    def _on_export_progress(self, message: str, fraction: float) -> None:
        if fraction >= 0:
            self.export_progress.setValue(int(fraction * 100))
        self.export_status.setText(message)

    def _export_reset(self) -> None:
        self._export_busy = False
        if self.isVisible():
            self._prestart_export()  # ready for the next one
        self.export_progress.hide()
        self.export_button.setEnabled(self._selected_run() is not None)
        self.export_cancel.setEnabled(False)

    @Slot(object)
    def _on_exported(self, result) -> None:
        self._export_reset()
        fp = result.parity["fp32"]
        text = self.tr("Exported {0} to {1}. Largest logit difference from PyTorch: {2:.1e}.").format(
            result.version, result.folder, fp["max_abs_diff"])
        for row in (result.speed or {}).get("rows", []):
            text += " " + self.tr("{0}: p50 {1:.2f} ms.").format(row["backend"], row["p50_ms"])
        for w in result.warnings:
            text += " " + w
        self.export_status.setText(text)
        self._export_note = (str(self._exporting), text)
        self._show_versions()
        self.refresh_sources()
        self.ctx.set_status(self.tr("Exported {0}").format(result.version))

    def _on_export_failed(self, message: str, details: str) -> None:
        self._export_reset()
        self.export_status.setText(message)
        self._export_note = (str(self._exporting), message)
        self.ctx.show_error(self.tr("Export failed"), message, details)

    # ----------------------------------------------------------------- monitoring
    def _record(self, ms: float) -> None:
        self.requests += 1
        self.latencies.append(ms)
        self._update_monitor()

    def _update_monitor(self) -> None:
        lat = np.asarray(self.latencies) if self.latencies else None
        self.monitor_requests.setText(self.tr("Requests: {0}").format(self.requests))
        self.monitor_latency.setText(self.tr("Last: {0}").format(f"{lat[-1]:.1f} ms" if lat is not None else "–"))
        self.monitor_percentiles.setText(self.tr("p50 {0} · p95 {1}").format(
            f"{np.percentile(lat, 50):.1f} ms" if lat is not None else "–",
            f"{np.percentile(lat, 95):.1f} ms" if lat is not None else "–"))
        self.monitor_memory.setText(self.tr("Memory: {0:.0f} MB").format(self._proc.memory_info().rss / 2**20))

    def showEvent(self, event) -> None:
        self.memory_timer.start()
        self._prestart_export()
        super().showEvent(event)

    @staticmethod
    def _prestart_export() -> None:
        """A child process that imports the exporter ahead (engine.isolated.prestart: 10 ms here, seconds there),
        so that Export begins at once; one at most, shared by every export."""
        from engine.isolated import prestart

        prestart(EXPORT_PRELOAD)

    def hideEvent(self, event) -> None:
        self.memory_timer.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        self.memory_timer.stop()
        self.debounce.stop()
        for name in ("playground-generate", "playground-batch", "playground-export", "playground-predict"):
            self.ctx.tasks.cancel(name)
