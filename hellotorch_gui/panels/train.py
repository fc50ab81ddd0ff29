"""Train panel: Start / Pause / Resume / Stop, progress with ETA, live loss/metric/LR plots, log, samples."""
from __future__ import annotations

import copy
import math

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
                               QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from engine import config as cfgmod
from engine.runs import format_duration
from hellotorch_gui.panels.base import Panel
from hellotorch_gui.panels.train_devices import DeviceControls
from hellotorch_gui.plots import LivePlot, status_colour
from hellotorch_gui.state import AppState


class TrainPanel(Panel):
    """Runs one training job through the TrainingController and draws it live."""

    key = "train"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.state: AppState = ctx.state
        self.worker = None
        self.run_dir: str | None = None
        self.run_status = "idle"
        self.last_summary: dict = {}
        self.is_paused = False
        self._pause_pending = False  # a pause/resume was asked and the loop has not confirmed it yet
        self._ema: float | None = None
        self._ema_n = 0
        self.total_steps = 0
        self.task = "classification"

        self.start_button = QPushButton(objectName="startButton")
        self.pause_button = QPushButton(objectName="pauseButton")
        self.stop_button = QPushButton(objectName="stopButton")
        self.save_button = QPushButton(objectName="saveCheckpointButton")
        self.continue_spin = QSpinBox(objectName="continueSteps")
        self.continue_spin.setRange(1, 10_000_000)
        self.continue_spin.setValue(200)
        self.continue_button = QPushButton(objectName="continueButton")
        self.detached_check = QCheckBox(objectName="detachedCheck")
        self.detached_check.setChecked(bool(int(ctx.settings.value("trainDetached", 0) or 0)))
        self.detached_check.toggled.connect(lambda on: ctx.settings.setValue("trainDetached", int(on)))
        self.devices = DeviceControls(ctx, self)  # Processes/GPUs bounded by the device; live GPU usage
        self.nproc_spin, self.nproc_label = self.devices.nproc_spin, self.devices.nproc_label
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self.ctx.trainer.save_now)
        self.continue_button.clicked.connect(self.continue_run)
        self.start_button.setDefault(True)

        self.progress = QProgressBar(objectName="trainProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel(objectName="trainStatusLabel")
        self.eta_label = QLabel(objectName="etaLabel")
        self.speed_label = QLabel(objectName="speedLabel")
        self.reason_label = QLabel(objectName="startBlockedLabel")
        self.reason_label.setStyleSheet(f"color: {status_colour()};")
        self.reason_label.setWordWrap(True)

        self.loss_plot = LivePlot(stable_range=True)
        self.loss_plot.setObjectName("lossPlot")
        self.metric_plot = LivePlot(stable_range=True)
        self.metric_plot.setObjectName("metricPlot")
        self.lr_plot = LivePlot(stable_range=True)
        self.lr_plot.setObjectName("lrPlot")
        self._setup_curves()

        self.log = QPlainTextEdit(objectName="logConsole")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.samples = QPlainTextEdit(objectName="samplesView")
        self._streamed: set[tuple] = set()  # (step, index) of samples written token by token
        self.samples.setReadOnly(True)
        self.samples.setMaximumBlockCount(2000)

        buttons = QHBoxLayout()
        for w in (self.start_button, self.pause_button, self.stop_button, self.save_button):
            buttons.addWidget(w)
        buttons.addWidget(self.detached_check)
        buttons.addWidget(self.nproc_label)
        buttons.addWidget(self.nproc_spin)
        buttons.addStretch(1)
        self.continue_label = QLabel()
        buttons.addWidget(self.continue_label)
        buttons.addWidget(self.continue_spin)
        buttons.addWidget(self.continue_button)
        info = QHBoxLayout()
        info.addWidget(self.progress, 1)
        info.addWidget(self.eta_label)
        info.addWidget(self.speed_label)
        info.addWidget(self.devices.usage_label)

        plots = QWidget()
        grid = QGridLayout(plots)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.loss_plot, 0, 0)
        grid.addWidget(self.metric_plot, 0, 1)
        grid.addWidget(self.lr_plot, 1, 0)
        self.samples_box = QGroupBox()
        sb = QVBoxLayout(self.samples_box)
        sb.addWidget(self.samples)
        grid.addWidget(self.samples_box, 1, 1)
        self.log_box = QGroupBox()
        lb = QVBoxLayout(self.log_box)
        lb.addWidget(self.log)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(plots)
        split.addWidget(self.log_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)

        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addLayout(info)
        lay.addWidget(self.status_label)
        lay.addWidget(self.reason_label)
        lay.addWidget(split, 1)

        self.state.problemsChanged.connect(self._update_buttons)
        self.state.dataStatusChanged.connect(self._update_buttons)
        self.state.changed.connect(self._on_config_changed)
        ctx.trainer.jobFinished.connect(self._on_job_finished)
        self.retranslate()
        self._update_buttons()
        QTimer.singleShot(0, self.find_running_job)

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Train")

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Start training with the current config (Ctrl+Return)"))
        self.start_button.setAccessibleName(self.tr("Start training"))
        self.pause_button.setText(self.tr("Resume") if self.is_paused else self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause after the current step (a checkpoint is saved), or resume"))
        self.pause_button.setAccessibleName(self.tr("Pause or resume training"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current step, save a checkpoint and evaluate (Ctrl+.)"))
        self.stop_button.setAccessibleName(self.tr("Stop training"))
        self.save_button.setText(self.tr("Save checkpoint"))
        self.save_button.setToolTip(self.tr("Save the last checkpoint now, without stopping"))
        self.save_button.setAccessibleName(self.tr("Save checkpoint"))
        self.continue_label.setText(self.tr("Continue for"))
        self.continue_spin.setSuffix(self.tr(" steps"))
        self.continue_spin.setToolTip(self.tr("How many more optimizer steps to train from the last checkpoint"))
        self.continue_spin.setAccessibleName(self.tr("Steps to continue"))
        self.detached_check.setText(self.tr("Separate process"))
        self.detached_check.setToolTip(self.tr("Train in its own process: it keeps running when the window closes, "
                                               "and the window re-attaches when it opens again"))
        self.detached_check.setAccessibleName(self.tr("Train in a separate process"))
        self.devices.retranslate()
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setToolTip(self.tr("Continue the last run from its last checkpoint"))
        self.continue_button.setAccessibleName(self.tr("Continue the last run"))
        self.progress.setToolTip(self.tr("Optimizer steps done of the total"))
        self.progress.setAccessibleName(self.tr("Training progress"))
        self.log.setToolTip(self.tr("What the training loop reports"))
        self.log.setAccessibleName(self.tr("Training log"))
        self.samples.setToolTip(self.tr("Text generated from fixed prompts at each evaluation"))
        self.samples.setAccessibleName(self.tr("Generated samples"))
        self.samples_box.setTitle(self.tr("Samples (generation)"))
        self.samples_box.setVisible(self.task == "generation")
        self.log_box.setTitle(self.tr("Log"))
        self.loss_plot.set_labels(self.tr("Loss"), self.tr("step"), self.tr("loss"))
        self.metric_plot.set_labels(self._metric_title(), self.tr("step"), self._metric_name())
        self.lr_plot.set_labels(self.tr("Learning rate"), self.tr("step"), self.tr("lr"))
        self.loss_plot.rename("train", self.tr("train (raw)"))
        self.loss_plot.rename("smooth", self.tr("train (smoothed)"))
        self.loss_plot.rename("val", self.tr("validation"))
        self.metric_plot.rename("metric", self._metric_name())
        self.loss_plot.setToolTip(self.tr("Training loss per logged step (raw and smoothed) and validation loss"))
        self.metric_plot.setToolTip(self.tr("Validation metric at each evaluation"))
        self.lr_plot.setToolTip(self.tr("Learning rate at each logged step"))
        for plot in (self.loss_plot, self.metric_plot, self.lr_plot):
            plot.setAccessibleName(plot.toolTip())
        self._show_status()
        self._update_buttons()

    def _metric_name(self) -> str:
        return self.tr("perplexity") if self.task == "generation" else self.tr("accuracy")

    def _metric_title(self) -> str:
        return self.tr("Validation perplexity") if self.task == "generation" else self.tr("Validation accuracy")

    def _setup_curves(self) -> None:
        self.loss_plot.clear_all()
        self.metric_plot.clear_all()
        self.lr_plot.clear_all()
        self.loss_plot.add_curve("train", self.tr("train (raw)"), colour="#9fb7cf", width=1)
        self.loss_plot.add_curve("smooth", self.tr("train (smoothed)"), colour="#0072B2", width=2)
        self.loss_plot.add_curve("val", self.tr("validation"), colour="#D55E00", width=2, symbol="o")
        self.metric_plot.add_curve("metric", self._metric_name(), colour="#009E73", width=2, symbol="o")
        self.lr_plot.add_curve("lr", "lr", colour="#CC79A7", width=2)
        self._ema, self._ema_n = None, 0

    # ----------------------------------------------------------------- actions
    def _blocked_reason(self) -> str:
        if self.ctx.trainer.is_running:
            return ""
        if self.state.data_error:
            return self.tr("Fix the dataset first: {0}").format(self.state.data_error)
        if self.state.problems:
            items = "; ".join(f"{k} {v}" for k, v in list(self.state.problems.items())[:3])
            return self.tr("Fix the config first: {0}").format(items)
        return ""

    @Slot()
    def _update_buttons(self, *_) -> None:
        running = self.ctx.trainer.is_running
        reason = self._blocked_reason()
        self.start_button.setEnabled(not running and not reason)
        self.pause_button.setEnabled(running and not self._pause_pending)
        self.stop_button.setEnabled(running)
        self.save_button.setEnabled(running)
        can_continue = not running and self.run_dir is not None and self.run_status in ("finished", "stopped")
        self.continue_button.setEnabled(can_continue)
        self.continue_spin.setEnabled(can_continue)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))

    @Slot(str)
    def _on_config_changed(self, key: str) -> None:
        if not self.ctx.trainer.is_running and key in ("", "task"):
            self.task = self.state.config.task
            self.retranslate()
        self._update_buttons()

    def start(self) -> None:
        """Start a new run with the current config."""
        if self.ctx.trainer.is_running or self._blocked_reason():
            return
        self._begin(copy.deepcopy(self.state.config), resume=None)

    def continue_run(self) -> None:
        """Continue the last run for N more steps from its last checkpoint."""
        if self.ctx.trainer.is_running or not self.run_dir:
            return
        try:
            cfg = cfgmod.from_dict(cfgmod.load_yaml(f"{self.run_dir}/config.yaml"))
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self.tr("Cannot continue"), str(exc), "")
            return
        done = int(self.last_summary.get("steps") or 0)
        cfg.train.max_steps = done + self.continue_spin.value()
        self._begin(cfg, resume=self.run_dir, keep_plots=True)

    def _prepare_view(self, task: str, status: str, keep_plots: bool = False) -> None:
        """Before a run starts or is re-attached: its task, fresh plots and samples (unless continuing)."""
        self.task = task
        if not keep_plots:
            self._setup_curves()
            self.samples.clear()
            self._streamed.clear()
        self.retranslate()
        self.is_paused = False
        self._pause_pending = False
        self.run_status = status
        self.devices.reset_usage()

    def _begin(self, cfg, resume: str | None, keep_plots: bool = False) -> None:
        separate = self.detached_check.isChecked() or self.nproc_spin.value() > 1
        refused = self.devices.refusal(cfg, separate)  # e.g. more processes than GPUs: before any folder is made
        if refused:
            self.ctx.show_error(self.tr("Cannot start training"), refused, "")
            return
        self._prepare_view(cfg.task, "starting", keep_plots)
        if separate:
            w = self.ctx.trainer.start_detached(cfg, runs_dir=self.state.runs_dir, resume=resume,
                                                nproc=self.nproc_spin.value())
        else:
            w = self.ctx.trainer.start(cfg, runs_dir=self.state.runs_dir, resume=resume)
        self.worker = w
        self._connect(w)
        self._append_log(self.tr("Starting {0} on {1} …").format(cfg.model.arch, cfg.data.source))
        if hasattr(w, "begin"):  # a detached process: follow its folder from now on
            self.run_dir = w.run_dir
            self._append_log(self.tr("Training in a separate process; its folder is {0}").format(w.run_dir))
            w.begin()
        self._update_buttons()
        self._show_status()

    def find_running_job(self) -> None:
        """On start-up: re-attach to a training process that outlived an earlier window."""
        if self.ctx.trainer.is_running:
            return
        from hellotorch_gui.bridge import find_detached

        runs_dir = self.state.runs_dir
        self.ctx.tasks.run("find-running-job", lambda _p, _s: find_detached(runs_dir), on_success=self.attach)

    def attach(self, run_dir: str | None) -> None:
        """Follow a live training process in run_dir with its whole curve history."""
        if not run_dir or self.ctx.trainer.is_running:
            return
        task = self.task
        try:
            task = cfgmod.from_dict(cfgmod.load_yaml(f"{run_dir}/config.yaml")).task
        except Exception:  # noqa: BLE001 - a damaged config still lets the curves show
            pass
        self._prepare_view(task, "running")
        self.run_dir = run_dir
        self.worker = w = self.ctx.trainer.start_detached(attach=run_dir)
        self._connect(w)
        self._append_log(self.tr("Re-attached to the training process of {0}").format(run_dir))
        w.begin()
        self._update_buttons()
        self._show_status()

    def _connect(self, w) -> None:
        w.statusChanged.connect(self._on_status)
        w.started.connect(self._on_started)
        w.stepped.connect(self._on_stepped)
        w.logged.connect(self._on_logged)
        w.evaluated.connect(self._on_evaluated)
        w.checkpointSaved.connect(self._on_checkpoint)
        w.sampleStreamed.connect(self._on_sample)
        w.paused.connect(self._on_paused)
        w.resumed.connect(self._on_resumed)
        w.usageSampled.connect(self.devices.show_usage)
        w.failed.connect(self._on_failed)

    def toggle_pause(self) -> None:
        if not self.ctx.trainer.is_running or self._pause_pending:
            return  # a second click before the loop confirmed the first would be lost
        self._pause_pending = True
        self.pause_button.setEnabled(False)  # until the loop confirms at the next step
        if self.is_paused:
            self.ctx.trainer.resume()
        else:
            self.ctx.trainer.pause()

    def stop(self) -> None:
        if self.ctx.trainer.is_running:
            self.ctx.trainer.stop()
            self.stop_button.setEnabled(False)
            self._append_log(self.tr("Stopping after the current step …"))

    # ----------------------------------------------------------------- worker signals
    @Slot(str)
    def _on_status(self, message: str) -> None:
        self._append_log(message)

    @Slot(dict)
    def _on_started(self, st: dict) -> None:
        self.run_dir = st.get("run_dir")
        self.run_status = "running"
        self.total_steps = int(st.get("total_steps") or 1)
        self.progress.setRange(0, max(1, self.total_steps))
        self.progress.setValue(int(st.get("step") or 0))
        for plot in (self.loss_plot, self.metric_plot, self.lr_plot):
            plot.set_x_extent(self.total_steps)
        self._show_status()

    @Slot(dict)
    def _on_stepped(self, st: dict) -> None:
        self.progress.setRange(0, max(1, int(st.get("total_steps") or 1)))
        self.progress.setValue(int(st.get("step") or 0))
        epoch_word = self.tr("epoch")
        self.progress.setFormat(f"%v / %m ({epoch_word} {int(st.get('epoch', 0)) + 1})")
        self.eta_label.setText(self.tr("ETA {0}").format(format_duration(st.get("eta_s")) or "–"))
        sps = st.get("samples_per_s") or 0.0
        self.speed_label.setText(self.tr("{0:.0f} samples/s").format(sps))
        self._last_step = int(st.get("step") or 0)

    @Slot(dict)
    def _on_logged(self, row: dict) -> None:
        step = row.get("step", 0)
        if row.get("split") == "train":
            loss = row.get("loss")
            if loss is not None and math.isfinite(loss):
                self.loss_plot.append("train", step, loss)
                # TensorBoard-style EMA from zero, debiased so early points are not pulled towards 0
                self._ema = 0.9 * (self._ema or 0.0) + 0.1 * loss
                self._ema_n += 1
                self.loss_plot.append("smooth", step, self._ema / (1 - 0.9 ** self._ema_n))
            if row.get("lr") is not None:
                self.lr_plot.append("lr", step, row["lr"])
        elif row.get("split") == "val":
            if row.get("loss") is not None:
                self.loss_plot.append("val", step, row["loss"])
            value = row.get("perplexity" if self.task == "generation" else "accuracy")
            if value is not None and math.isfinite(value):
                self.metric_plot.append("metric", step, value)

    @Slot(dict)
    def _on_evaluated(self, metrics: dict) -> None:
        parts = [f"{k}={metrics[k]:.4f}" for k in ("loss", "accuracy", "f1_macro", "perplexity")
                 if isinstance(metrics.get(k), (int, float))]
        self._append_log(self.tr("Validation at step {0}: {1}").format(metrics.get("step"), "  ".join(parts)))
        streamed = {key[1] for key in self._streamed if key[0] == metrics.get("step")}
        for i, s in enumerate(metrics.get("samples") or []):
            if i not in streamed:  # already written token by token
                self.samples.appendPlainText(self._sample_line(metrics.get("step"), s))

    @staticmethod
    def _sample_line(step, s: dict) -> str:
        return f"[{step}] {s.get('prompt', '')} → {s.get('completion', '')}"

    @Slot(dict)
    def _on_sample(self, sample: dict) -> None:
        """A sample growing as it is generated: its line is rewritten in place until it is done."""
        key = (sample.get("step"), sample.get("index"))
        line = self._sample_line(sample.get("step"), sample) + ("" if sample.get("done") else " ▌")
        if key in self._streamed:
            cursor = self.samples.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(line)
        else:
            self._streamed.add(key)
            self.samples.appendPlainText(line)
        self.samples.verticalScrollBar().setValue(self.samples.verticalScrollBar().maximum())

    @Slot(str, str)
    def _on_checkpoint(self, path: str, kind: str) -> None:
        if kind == "best":
            self._append_log(self.tr("New best checkpoint: {0}").format(path))

    @Slot()
    def _on_paused(self) -> None:
        self.is_paused = True
        self._pause_pending = False
        self.run_status = "paused"
        self.pause_button.setEnabled(True)
        self.retranslate()

    @Slot()
    def _on_resumed(self) -> None:
        self.is_paused = False
        self._pause_pending = False
        self.run_status = "running"
        self.pause_button.setEnabled(True)
        self.retranslate()

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.run_status = "failed"
        self._append_log(self.tr("FAILED: {0}").format(message))
        self.ctx.show_error(self.tr("Training failed"), message, details)

    @Slot(dict)
    def _on_job_finished(self, summary: dict) -> None:
        self.is_paused = False
        self._pause_pending = False
        self.devices.end_usage()
        if summary:
            self.last_summary = summary
            self.run_status = summary.get("status", "finished")
            self.run_dir = summary.get("run_dir", self.run_dir)
            test = summary.get("test") or {}
            parts = [f"{k}={test[k]:.4f}" for k in ("accuracy", "f1_macro", "loss", "perplexity")
                     if isinstance(test.get(k), (int, float))]
            self._append_log(self.tr("Run {0}. Test: {1}").format(self.run_status, "  ".join(parts) or "–"))
            if summary.get("duration_s"):
                mean = summary.get("samples_seen", 0) / max(1e-9, summary["duration_s"])
                self.speed_label.setText(self.tr("{0:.0f} samples/s").format(mean))
                self.eta_label.setText(self.tr("ETA {0}").format(format_duration(0)))
            if self.run_dir:
                self.state.runFinished.emit(self.run_dir)
        elif self.run_status != "failed":
            self.run_status = "failed"
        self.retranslate()
        self._update_buttons()

    def _append_log(self, text: str) -> None:
        self.log.appendPlainText(text)

    def _show_status(self) -> None:
        names = {"idle": self.tr("Ready"), "starting": self.tr("Starting…"), "running": self.tr("Training"),
                 "paused": self.tr("Paused"), "finished": self.tr("Finished"), "stopped": self.tr("Stopped"),
                 "failed": self.tr("Failed")}
        text = names.get(self.run_status, self.run_status)
        if self.run_dir:
            text += f" — {self.run_dir}"
        self.status_label.setText(text)
        self.status_label.setToolTip(self.tr("Status of the current run and its folder"))

    def shutdown(self) -> None:
        for plot in (self.loss_plot, self.metric_plot, self.lr_plot):
            plot.timer.stop()
