"""Train panel: Start / Pause / Stop / Resume / Continue, progress with ETA, live loss/metric/LR plots, log,
samples. What it shows is the window's current run (AppState.current_run): the job training or following it, else
its folder, never what the panel happened to show before."""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
                               QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from engine import config as cfgmod
from engine.runs import run_status
from hellotorch_gui.forms import CheckBox
from hellotorch_gui.panels.base import Panel
from hellotorch_gui.panels.train_curves import TrainCurves
from hellotorch_gui.panels.train_devices import LIMIT_TASK, DeviceControls
from hellotorch_gui.panels.train_texts import TrainTexts
from hellotorch_gui.panels.train_view import RunView, read_run
from hellotorch_gui.plots import status_colour
from hellotorch_gui.state import AppState

VIEW_TASK = "train-run-view"


class TrainPanel(Panel):
    """Runs one training job through the TrainingController and draws the current run live."""

    key = "train"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.state: AppState = ctx.state
        self.worker = None
        self.view = RunView()
        self.is_paused = False
        self._pause_pending = False  # a pause/resume was asked and the loop has not confirmed it yet
        self.texts = TrainTexts(self)

        self.start_button = QPushButton(objectName="startButton")
        self.pause_button = QPushButton(objectName="pauseButton")
        self.stop_button = QPushButton(objectName="stopButton")
        self.save_button = QPushButton(objectName="saveCheckpointButton")
        self.resume_button = QPushButton(objectName="resumeRunButton")
        self.continue_spin = QSpinBox(objectName="continueSteps")
        self.continue_spin.setRange(1, 10_000_000)
        self.continue_spin.setValue(200)
        self.continue_button = QPushButton(objectName="continueButton")
        self.detached_check = CheckBox(objectName="detachedCheck")
        self.detached_check.setChecked(bool(int(ctx.settings.value("trainDetached", 0) or 0)))
        self.detached_check.toggled.connect(lambda on: ctx.settings.setValue("trainDetached", int(on)))
        self.devices = DeviceControls(ctx, self)  # Processes/GPUs bounded by the device; live GPU usage
        self.nproc_spin, self.nproc_label = self.devices.nproc_spin, self.devices.nproc_label
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self.ctx.trainer.save_now)
        self.resume_button.clicked.connect(self.resume_run)
        self.continue_button.clicked.connect(self.continue_run)
        self.start_button.setDefault(True)

        self.progress = QProgressBar(objectName="trainProgress")
        self.status_label = QLabel(objectName="trainStatusLabel")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.eta_label = QLabel(objectName="etaLabel")
        self.speed_label = QLabel(objectName="speedLabel")
        self.reason_label = QLabel(objectName="startBlockedLabel")
        self.reason_label.setStyleSheet(f"color: {status_colour()};")
        self.reason_label.setWordWrap(True)

        self.curves = TrainCurves(self)
        self.loss_plot, self.metric_plot, self.lr_plot = self.curves.plots

        self.log = QPlainTextEdit(objectName="logConsole")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setMinimumHeight(self.log.fontMetrics().lineSpacing() * 5)
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
        buttons.addWidget(self.resume_button)
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
        self.samples_box = QGroupBox(objectName="samplesBox")
        QVBoxLayout(self.samples_box).addWidget(self.samples)
        grid.addWidget(self.samples_box, 1, 1)
        self.log_box = QGroupBox(objectName="logBox")
        QVBoxLayout(self.log_box).addWidget(self.log)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="trainSplitter")
        self.splitter.addWidget(plots)
        self.splitter.addWidget(self.log_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        line = self.log.fontMetrics().lineSpacing()
        self.splitter.setSizes([30 * line, 12 * line])  # the log shows ~10 lines until the bar is dragged
        saved = ctx.settings.value("trainSplitter")
        if saved is not None:
            self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(
            lambda *_: ctx.settings.setValue("trainSplitter", self.splitter.saveState()))

        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addLayout(info)
        lay.addWidget(self.status_label)
        lay.addWidget(self.reason_label)
        lay.addWidget(self.splitter, 1)

        self.state.problemsChanged.connect(self._update_buttons)
        self.state.dataStatusChanged.connect(self._update_buttons)
        self.state.changed.connect(self._on_config_changed)
        self.state.currentRunChanged.connect(self._on_current_run)
        ctx.trainer.jobFinished.connect(self._on_job_finished)
        self.curves.relabel(self.state.config.task)
        self.retranslate()
        QTimer.singleShot(0, self.find_running_job)

    # ----------------------------------------------------------------- what tests and other code read
    @property
    def run_dir(self) -> str | None:
        """The folder of the run shown (None before the loop made one)."""
        return self.view.run_dir or None

    @property
    def run_status(self) -> str:
        return self.view.status

    @property
    def task(self) -> str:
        return self.curves.task

    @property
    def last_summary(self) -> dict:
        return self.view.summary

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Train")

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.curves.retranslate()
        self.render()

    def render(self) -> None:
        """Status line, progress, ETA/rate, samples box and buttons from the current run's view."""
        self.texts.render(self.view)
        self.samples_box.setVisible(self.curves.task == "generation")
        self._update_buttons()

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
        self.pause_button.setEnabled(running and not self._pause_pending and self.view.status in ("running", "paused"))
        self.stop_button.setEnabled(running)
        self.save_button.setEnabled(running)
        self.resume_button.setEnabled(not running and self.view.resumable())
        can_continue = not running and self.view.continuable()
        self.continue_button.setEnabled(can_continue)
        self.continue_spin.setEnabled(can_continue)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))

    @Slot(str)
    def _on_config_changed(self, key: str) -> None:
        if key in ("", "task") and not self.view.run_dir and not self.view.live:
            self.curves.relabel(self.state.config.task)  # nothing shown yet: the labels follow the config
            self.render()
        self._update_buttons()

    def start(self) -> None:
        """Start a new run with the current config."""
        if self.ctx.trainer.is_running or self._blocked_reason():
            return
        self._begin(copy.deepcopy(self.state.config), resume=None)

    def _run_config(self):
        try:
            return cfgmod.from_dict(cfgmod.load_yaml(f"{self.view.run_dir}/config.yaml"))
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self.tr("Cannot continue"), str(exc), "")
            return None

    def resume_run(self) -> None:
        """Resume the current (stopped, failed or killed) run from its last checkpoint to its planned steps."""
        if self.ctx.trainer.is_running or not self.view.resumable():
            return
        cfg = self._run_config()
        if cfg is not None:
            self._begin(cfg, resume=self.view.run_dir)

    def continue_run(self) -> None:
        """Continue the current run for N more steps from its last checkpoint."""
        if self.ctx.trainer.is_running or not self.view.continuable():
            return
        cfg = self._run_config()
        if cfg is not None:
            cfg.train.max_steps = int(self.view.checkpoint_step or 0) + self.continue_spin.value()
            self._begin(cfg, resume=self.view.run_dir)

    def _begin(self, cfg, resume: str | None) -> None:
        separate = self.detached_check.isChecked() or self.nproc_spin.value() > 1
        refused = self.devices.refusal(cfg, separate)  # e.g. more processes than GPUs: before any folder is made
        if refused:
            self.ctx.show_error(self.tr("Cannot start training"), refused, "")
            return
        self.ctx.tasks.cancel(VIEW_TASK)
        step = int(self.view.checkpoint_step or 0) if resume else 0
        self.view = RunView(run_dir=resume or "", task=cfg.task, status="starting", step=step, detached=separate)
        self.view.limits(cfg)
        if resume:  # the run's curves stay up to its checkpoint; a killed run's later points go
            self.curves.truncate(step)
        else:
            self.curves.reset(cfg.task)
            self.samples.clear()
            self._streamed.clear()
        self.state.set_current_run(resume or "")  # a new run has no folder yet: no other run is current
        self.is_paused = self._pause_pending = False
        self.devices.reset_usage()
        if separate:
            w = self.ctx.trainer.start_detached(cfg, runs_dir=self.state.runs_dir, resume=resume,
                                                nproc=self.nproc_spin.value())
        else:
            w = self.ctx.trainer.start(cfg, runs_dir=self.state.runs_dir, resume=resume)
        self.worker = w
        self._connect(w)
        self._append_log(self.tr("Resuming {0} from step {1} …").format(resume, step) if resume else
                         self.tr("Starting {0} on {1} …").format(cfg.model.arch, cfg.data.source))
        if hasattr(w, "begin"):  # a detached process: follow its folder from now on
            self._append_log(self.tr("Training in a separate process; its folder is {0}").format(w.run_dir))
            w.begin()
        self.render()

    def find_running_job(self) -> None:
        """On start-up: re-attach to a training process that outlived an earlier window; else make the latest
        run current (a run stopped when the window closed can be resumed)."""
        if self.ctx.trainer.is_running:
            return
        from hellotorch_gui.bridge import find_detached

        runs_dir = self.state.runs_dir

        def work(_p, _s):
            from engine.runs import list_runs

            runs = list_runs(runs_dir)
            return find_detached(runs_dir), (runs[-1]["run_dir"] if runs else "")

        self.ctx.tasks.run("find-running-job", work, on_success=self._found_runs)

    def _found_runs(self, found: tuple) -> None:
        live, latest = found
        if live:
            self.attach(live)
        elif latest and not self.state.current_run and not self.ctx.trainer.is_running:
            self.state.set_current_run(latest)

    @Slot(str)
    def _on_current_run(self, run_dir: str) -> None:
        """Another panel (Runs: Open/Resume) chose a run: show it (while a job trains, its run stays shown)."""
        if self.ctx.trainer.is_running or run_dir == self.view.run_dir:
            return
        self.show_run(run_dir)

    def show_run(self, run_dir: str) -> None:
        """Show a run from its folder (read in a task); a live one is followed."""
        self.view = RunView(run_dir=run_dir, status="loading" if run_dir else "idle")
        if not run_dir:
            self.curves.reset(self.state.config.task)
            self.samples.clear()
        self.render()
        if run_dir:
            self.ctx.tasks.run(VIEW_TASK, lambda _p, _s: read_run(run_dir), on_success=self._apply_run)

    def _apply_run(self, info: dict) -> None:
        if info["run_dir"] != self.view.run_dir or self.ctx.trainer.is_running:
            return  # another run was chosen (or started) meanwhile
        if info["live"]:
            self.attach(info["run_dir"], info["config"])
            return
        self.view = info["view"]
        self.curves.reset(self.view.task or self.state.config.task)
        self.samples.clear()
        self._streamed.clear()
        for row in info["rows"]:
            self.curves.add_row(row)
        self.curves.set_x_extent(self.view.total_steps or None)
        self.render()

    def attach(self, run_dir: str | None, cfg=None) -> None:
        """Follow a live training process in run_dir with its whole curve history; its config becomes the
        window's config and it becomes the current run."""
        if not run_dir or self.ctx.trainer.is_running:
            return
        if cfg is None:
            try:
                cfg = cfgmod.from_dict(cfgmod.load_yaml(f"{run_dir}/config.yaml"))
            except Exception:  # noqa: BLE001 - a damaged config still lets the curves show
                cfg = None
        self.ctx.tasks.cancel(VIEW_TASK)
        self.view = RunView(run_dir=run_dir, task=cfg.task if cfg else self.curves.task, status="running",
                            detached=True)
        if cfg is not None:
            self.view.limits(cfg)
        self.curves.reset(self.view.task)
        self.samples.clear()
        self._streamed.clear()
        self.is_paused = self._pause_pending = False
        self.devices.reset_usage()
        self.state.set_current_run(run_dir)
        self.worker = w = self.ctx.trainer.start_detached(attach=run_dir)
        if cfg is not None:
            self.state.replace(cfg)  # the window shows the config this run trains with
        self._connect(w)
        self._append_log(self.tr("Re-attached to the training process of {0}").format(run_dir))
        w.begin()
        self.render()

    def _connect(self, w) -> None:
        w.statusChanged.connect(self._on_status)
        w.runDirKnown.connect(self._on_run_dir)
        w.phaseChanged.connect(self._on_phase)
        w.started.connect(self._on_started)
        w.stepped.connect(self._on_stepped)
        w.logged.connect(self.curves.add_row)
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

    def closing_notice(self) -> str:
        """What goes on when the window closes now ("" when nothing trains): a detached run keeps training in
        its own process; an in-process one kept training ("Keep training") ends the app when it is done."""
        if not self.ctx.trainer.is_running:
            return ""
        if self.ctx.trainer.is_detached:
            return self.tr("Training goes on in its own process ({0}). Open Hello PyTorch again to follow it, "
                           "pause it or stop it.").format(self.view.run_dir)
        return self.tr("Training goes on in the background ({0}); Hello PyTorch quits when the run ends. Its "
                       "checkpoints and results are saved in the run folder.").format(self.view.run_dir or "…")

    # ----------------------------------------------------------------- worker signals
    @Slot(str)
    def _on_status(self, message: str) -> None:
        self._append_log(message)

    @Slot(str)
    def _on_run_dir(self, run_dir: str) -> None:
        self.view.run_dir = run_dir
        self.state.set_current_run(run_dir)
        self.render()

    @Slot(str)
    def _on_phase(self, phase: str) -> None:
        if phase == "scoring" and self.ctx.trainer.is_running:
            self.view.status = "scoring"
            self.render()

    @Slot(dict)
    def _on_started(self, st: dict) -> None:
        v = self.view
        v.run_dir = st.get("run_dir") or v.run_dir
        if v.status in ("starting", "loading"):
            v.status = "running"
        v.step = int(st.get("step") or 0)
        v.total_steps = int(st.get("total_steps") or 1)
        v.epoch = int(st.get("epoch") or 0)
        if st.get("epochs") and not v.max_steps:  # the run's own count (train.epochs auto is resolved by then)
            v.epochs = int(st["epochs"])
        self.curves.set_x_extent(v.total_steps)
        self.render()

    @Slot(dict)
    def _on_stepped(self, st: dict) -> None:
        v = self.view
        v.step = int(st.get("step") or 0)
        v.total_steps = int(st.get("total_steps") or v.total_steps or 1)
        v.epoch = int(st.get("epoch", v.epoch) or 0)  # a paused process's status.json has no epoch
        if st.get("eta_s") is not None:
            v.eta_s, v.eta_step = float(st["eta_s"]), int(st.get("eta_step") or v.step)
        if st.get("samples_per_step"):
            v.samples_per_step = float(st["samples_per_step"])
        self.texts.render_progress(v)

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
        self.view.status = "paused"
        self.retranslate()  # the Pause button reads Resume

    @Slot()
    def _on_resumed(self) -> None:
        self.is_paused = False
        self._pause_pending = False
        self.view.status = "running"
        self.retranslate()

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.view.status = "failed"
        self.view.error = message
        self._append_log(self.tr("FAILED: {0}").format(message))
        self.ctx.show_error(self.tr("Training failed"), message, details)
        self.render()

    @Slot(dict)
    def _on_job_finished(self, summary: dict) -> None:
        from hellotorch_gui.bridge import checkpoint_step

        self.is_paused = False
        self._pause_pending = False
        self.devices.end_usage()
        v = self.view
        if not summary and v.run_dir and v.status == "failed" and run_status(v.run_dir) in ("finished", "stopped"):
            # a resume or continue that could not start left the run as it was (the dialog and the log said why):
            # show it as it is, not as a failed run with no steps
            self.show_run(v.run_dir)
            return
        if summary:
            v.end(summary)
            v.run_dir = summary.get("run_dir") or v.run_dir
            test = summary.get("test") or {}
            parts = [f"{k}={test[k]:.4f}" for k in ("accuracy", "f1_macro", "loss", "perplexity")
                     if isinstance(test.get(k), (int, float))]
            self._append_log(self.tr("Run {0}. Test: {1}").format(self.texts.status_word(v.status),
                                                                   "  ".join(parts) or "–"))
        elif v.status != "failed":
            v.status = "failed"
        if v.run_dir:
            v.checkpoint_step = checkpoint_step(v.run_dir)
            if summary:
                self.state.runFinished.emit(v.run_dir)
        self.retranslate()

    def _append_log(self, text: str) -> None:
        self.log.appendPlainText(text)

    def shutdown(self) -> None:
        for name in (VIEW_TASK, "find-running-job", LIMIT_TASK):
            self.ctx.tasks.cancel(name)
        self.curves.shutdown()
