"""Hyperparameters panel: the train.* schema as grouped forms, an LR-schedule preview, the learning-rate finder,
presets and YAML files."""
from __future__ import annotations

import copy
import os
import shlex
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGroupBox,
                               QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from engine import config as cfgmod
from engine.config import Config
from engine.data.checks import FACTS_KEYS
from engine.errors import HelloTorchError, os_error_message
from hellotorch_gui.forms import ConfigForm, section_keys
from hellotorch_gui.panels.base import AppContext, Panel, describe
from hellotorch_gui.panels.data_facts import data_facts
from hellotorch_gui.panels.lr_finder import LrFinderBox
from hellotorch_gui.panels.model import quit_thread_when_done
from hellotorch_gui.panels.presets import PresetChooser
from hellotorch_gui.plots import LivePlot, status_colour

# The train.* keys, grouped; every key of the section appears in exactly one group (a test checks).
GROUPS = {
    "optimisation": ("epochs", "max_steps", "batch_size", "lr", "optimizer", "momentum", "nesterov", "weight_decay",
                     "l1_lambda", "label_smoothing", "max_norm", "grad_clip", "grad_accum", "group_by_length"),
    "schedule": ("scheduler", "warmup_steps", "step_size", "gamma"),
    "hardware": ("device", "precision", "compile", "num_threads"),
    "evaluation": ("eval_every", "log_every", "monitor", "early_stopping", "baseline", "tensorboard", "seed"),
    "samples": ("sample_prompts", "sample_max_new_tokens"),
}
LR_TASK = "lr-schedule-preview"
DEBOUNCE_MS = 300
STEPS_PER_EPOCH_GUESS = 100  # until the Data panel has counted the training examples of the loaded data
EXACT_POINTS = 5000          # longer schedules are sampled at PLOT_POINTS steps
PLOT_POINTS = 2000
SCHEDULE_KEYS = ("train.lr", "train.scheduler", "train.warmup_steps", "train.step_size", "train.gamma",
                 "train.max_steps", "train.epochs", "train.batch_size", "train.grad_accum")


def train_groups() -> dict[str, tuple[str, ...]]:
    """GROUPS as dotted keys, plus an 'other' group for train.* fields added to the schema later."""
    groups = {g: tuple(f"train.{n}" for n in names) for g, names in GROUPS.items()}
    placed = {k for keys in groups.values() for k in keys}
    other = tuple(k for k in section_keys("train") if k not in placed)
    return {**groups, "other": other} if other else groups


def schedule_plan(cfg: Config, facts: dict | None) -> dict:
    """The optimizer steps a run of `cfg` takes, as the training loop counts them: max_steps when set, else epochs
    × steps per epoch from the loaded data's training examples (`facts`), else an assumed STEPS_PER_EPOCH_GUESS."""
    from engine.data.checks import steps_per_epoch

    t = cfg.train
    batch = cfgmod.planned_batch_size(cfg)
    plan = {"batch": batch, "auto": cfgmod.is_auto(cfg, "train.batch_size"), "accum": int(t.grad_accum),
            "examples": facts["train_examples"] if facts else None, "per_epoch": STEPS_PER_EPOCH_GUESS,
            "source": "data" if facts else "guess"}
    if facts:
        plan["per_epoch"] = steps_per_epoch(facts["train_examples"], batch, t.grad_accum)
    # train.epochs auto: the passes the run will take over the loaded data (6 while nothing is loaded)
    plan["epochs"] = cfgmod.planned_epochs(cfg, plan["examples"])
    plan["epochs_auto"] = cfgmod.is_auto(cfg, "train.epochs")
    if t.max_steps > 0:
        return {**plan, "total": int(t.max_steps), "source": "max_steps"}
    return {**plan, "total": plan["epochs"] * plan["per_epoch"]}


def compute_lr_points(t, total: int) -> tuple[list[int], list[float]]:
    """Worker side (imports torch): the LR at every step, or at evenly spaced steps for long runs."""
    from engine.training.optim import lr_curve, lr_factor

    if total <= EXACT_POINTS:
        return list(range(total)), lr_curve(t, total)
    steps = sorted({round(i * (total - 1) / (PLOT_POINTS - 1)) for i in range(PLOT_POINTS)})
    return steps, [t.lr * lr_factor(s, t, total) for s in steps]


def cli_value(value) -> str:
    """A config value as the `--set` text that parses back to the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def command_line(source: str, base: Config, cfg: Config) -> str:
    """`hellotorch train SOURCE --set k=v ...` with only the keys that differ from `base`."""
    parts = ["hellotorch", "train", shlex.quote(source)]
    for key in cfgmod.field_specs():
        value = cfgmod.get_value(cfg, key)
        if value != cfgmod.get_value(base, key):
            text = "auto" if cfgmod.is_auto(cfg, key) else cli_value(value)
            parts += ["--set", f"{key}={shlex.quote(text)}"]
    return " ".join(parts)


class HyperparametersPanel(Panel):
    """How to train: optimiser, schedule, hardware, evaluation; plus presets, YAML files and the CLI line."""

    key = "hyperparameters"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        state = ctx.state
        self._request = 0
        self._command_dialog: QDialog | None = None
        self.facts = data_facts(state)  # training examples of the loaded data, for the steps per epoch

        # -- tool bar: presets (applied on choice, with Undo) and files
        self.presets = PresetChooser(ctx)
        self.preset_combo = self.presets.combo
        self.load_button = self._button("loadYamlButton", self.browse_load_yaml)
        self.save_button = self._button("saveYamlButton", self.browse_save_yaml)
        self.command_button = self._button("showCommandButton", self.show_command)
        self.reset_button = self._button("resetDefaultsButton", lambda: self.reset_to_defaults())
        self.script_button = self._button("exportScriptButton", self.browse_export_script)
        bar = QHBoxLayout()
        bar.addWidget(self.presets, 1)
        bar.addSpacing(16)
        for b in (self.load_button, self.save_button, self.command_button, self.script_button, self.reset_button):
            bar.addWidget(b)

        self.status_label = QLabel()
        self.status_label.setObjectName("configStatusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # -- grouped forms
        self.boxes: dict[str, QGroupBox] = {}
        self.forms: dict[str, ConfigForm] = {}
        for group, names in train_groups().items():
            box = QGroupBox()
            box.setObjectName(f"{group}Group")
            form = ConfigForm(state, list(names))
            QVBoxLayout(box).addWidget(form)
            self.boxes[group], self.forms[group] = box, form
        self.samples_hint = QLabel()
        self.samples_hint.setObjectName("samplesHintLabel")
        self.samples_hint.setWordWrap(True)
        font = self.samples_hint.font()
        font.setItalic(True)
        self.samples_hint.setFont(font)
        self.boxes["samples"].layout().insertWidget(0, self.samples_hint)
        self.precision_warning = QLabel(objectName="precisionWarning", wordWrap=True)  # measured, not assumed
        self.precision_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.precision_warning.hide()
        self._precision_slow: dict | None = None
        self.boxes["hardware"].layout().addWidget(self.precision_warning)

        self.lr_plot = LivePlot()
        self.lr_plot.setObjectName("lrSchedulePlot")
        self.lr_plot.add_curve("lr")
        self.lr_plot.legend.hide()
        self.lr_plot.setClipToView(False)  # clipped to the old view, a longer schedule never widened the range
        self.lr_plot.setMinimumHeight(160)
        self.lr_plot.setMaximumHeight(230)
        self.lr_note = QLabel()
        self.lr_note.setObjectName("lrScheduleNoteLabel")
        self.lr_note.setWordWrap(True)
        sched = self.boxes["schedule"].layout()
        sched.addWidget(self.lr_plot)
        sched.addWidget(self.lr_note)
        self.lr_finder = LrFinderBox(ctx)

        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 4, 0)
        for groups in (("optimisation", "hardware", "samples", "other"), ("schedule", "lr_find", "evaluation")):
            column = QVBoxLayout()
            for g in groups:
                if g == "lr_find":
                    column.addWidget(self.lr_finder)
                elif g in self.boxes:
                    column.addWidget(self.boxes[g])
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("hyperparametersScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(body)

        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.status_label)
        lay.addWidget(self.scroll, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.update_lr_preview)
        state.changed.connect(self._on_state_changed)
        state.problemsChanged.connect(self._on_problems)
        self.facts.changed.connect(self._on_facts_changed)
        self.retranslate()
        self._show_ignored()
        self.check_precision()
        self.timer.start()

    def browse_export_script(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export as a Python script"), "train_hello_pytorch.py",
                                              self.tr("Python (*.py)"))
        if path:
            self.export_script(path if path.endswith(".py") else path + ".py")

    def export_script(self, path: str) -> None:
        """Write the script off the GUI thread (it reads and splits the dataset)."""
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="hellotorch-script-"))
        config_path = folder / "config.yaml"
        cfgmod.save_config(self.ctx.state.config, config_path)

        def work(progress, _stop):
            from engine.export_script import export_script

            try:
                return export_script(str(config_path), path, progress=lambda m: progress(m, -1.0))
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        def done(result) -> None:
            self.script_button.setEnabled(True)
            self.status_label.setText(self.tr("Wrote {0} and its data folder {1}; run it with python.").format(
                result["script"], result["data"]))

        def failed(message: str, details: str) -> None:
            self.script_button.setEnabled(True)
            self.status_label.setText(self.tr("Could not write {0}.").format(path))
            self.ctx.show_error(self.tr("Cannot export a script"), message, details)

        self.script_button.setEnabled(False)  # until this one is written
        self.status_label.setText(self.tr("Writing {0} …").format(path))
        self.ctx.tasks.run("export-script", work, on_success=done, on_failure=failed)

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        return button

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Hyperparameters")

    def retranslate(self) -> None:
        titles = {"optimisation": self.tr("Optimisation"), "schedule": self.tr("Learning-rate schedule"),
                  "hardware": self.tr("Hardware"), "evaluation": self.tr("Evaluation and checkpoints"),
                  "samples": self.tr("Generation samples"), "other": self.tr("Other")}
        for group, box in self.boxes.items():
            box.setTitle(titles[group])
        for form in self.forms.values():
            form.retranslate()
        self.samples_hint.setText(self.tr("Used by generation models only: text continued at each evaluation."))
        self.presets.retranslate()
        self._show_ignored()
        self.load_button.setText(self.tr("Load YAML…"))
        describe(self.load_button, self.tr("Load a config from a YAML file"))
        self.save_button.setText(self.tr("Save YAML…"))
        describe(self.save_button, self.tr("Save the whole config to a YAML file for `hellotorch train`"))
        self.command_button.setText(self.tr("Show command…"))
        describe(self.command_button, self.tr("Show the equivalent command line and the full YAML config"))
        self.script_button.setText(self.tr("Export as script…"))
        describe(self.script_button, self.tr("Write a standalone, commented PyTorch script (plus the data split) "
                                             "that trains this config like the app does"))
        self.reset_button.setText(self.tr("Reset to defaults"))
        describe(self.reset_button, self.tr("Set every value (data, model and training) back to the built-in "
                                            "defaults"))
        describe(self.status_label, self.tr("Whether the config can be trained, or what to fix"),
                 self.tr("Config status"))
        self.lr_plot.set_labels("", self.tr("optimizer step"), self.tr("learning rate"))
        describe(self.lr_plot, self.tr("Learning rate at each optimizer step with the current schedule"),
                 self.tr("Learning-rate schedule preview"))
        self._on_problems(self.ctx.state.problems)
        self._update_lr_note()
        describe(self.precision_warning, self.tr("Measured by the Environment panel's self-check on this machine"),
                 self.tr("Precision speed warning"))
        self._show_precision(self._precision_slow)
        if self._command_dialog is not None:  # rebuilt in the new language when shown again
            self._command_dialog.close()
            self._command_dialog.deleteLater()
            self._command_dialog = None

    # ----------------------------------------------------------------- status
    def _on_problems(self, problems: dict) -> None:
        if not problems:
            self.status_label.setText("✓ " + self.tr("Config is valid"))
            self.status_label.setStyleSheet(f"color: {status_colour(ok=True)};")
            return
        lines = "; ".join(f"{k} {why}" for k, why in problems.items())
        self.status_label.setText("⚠ " + self.tr("%n problem(s): ", "", len(problems)) + lines)
        self.status_label.setStyleSheet(f"color: {status_colour()};")

    def _on_state_changed(self, key: str) -> None:
        if key == "" or key.startswith("train.") or key in FACTS_KEYS:  # the data's count may no longer apply
            self.timer.start()
            self._update_lr_note()
        if key in ("", "train.max_steps"):
            self._show_ignored()
        if key in ("", "train.device", "train.precision"):
            self.check_precision()

    def check_precision(self) -> None:
        """Warn when the chosen precision was measured slower than fp32 on this machine (the environment check
        measures it; engine.precision). Resolving 'auto' imports torch: done off the GUI thread."""
        device, precision = str(self.ctx.state.get("train.device")), str(self.ctx.state.get("train.precision"))

        def work(_p, _s):
            from engine.precision import precisions_for, slower_than_fp32

            if precision in ("fp32", "auto"):
                return None
            resolved = device
            if device.strip().lower() in ("", "auto"):
                from engine.envinfo import recommended_device

                resolved = recommended_device()
            kind = resolved.strip().lower().split(":")[0]
            if precision not in precisions_for(kind):  # fp16 off CUDA: the loop refuses it at Start
                return {"unsupported": True, "precision": precision, "device": kind}
            slow = slower_than_fp32(resolved, precision)
            return None if slow is None else dict(slow, precision=precision, device=kind)

        self.ctx.tasks.run("precision-advice", work, on_success=self._show_precision,
                           on_failure=lambda _m, _d: self._show_precision(None))

    def _show_precision(self, slow: dict | None) -> None:
        self._precision_slow = slow
        if slow is None:
            self.precision_warning.hide()
            return
        self.precision_warning.setText("⚠ " + (self.tr(
            "fp16 needs a CUDA GPU, and this run would train on {0}: Start would refuse it. Choose bf16 or fp32 "
            "(Precision), or a CUDA device (Device).").format(slow["device"]) if slow.get("unsupported") else self.tr(
            "{0} trained at {1:.2f}× the speed of fp32 on this machine's {2} (measured by the Environment check, "
            "{3}): fp32 is faster here. {0} saves memory, not time, on this processor.").format(
            slow["precision"], slow["ratio"], slow["device"], slow["measured"])))
        self.precision_warning.setStyleSheet(f"color: {status_colour()};")
        self.precision_warning.show()

    def _on_facts_changed(self) -> None:
        self.timer.start()
        self._update_lr_note()

    def _show_ignored(self) -> None:
        """Max steps > 0 overrides Epochs: the Epochs field says so instead of being silently ignored."""
        max_steps = int(self.ctx.state.get("train.max_steps"))
        self.forms["optimisation"].editors["train.epochs"].set_ignored(
            self.tr("Ignored while Max steps > 0: the run stops after {0} optimizer steps. Set Max steps to 0 to "
                    "train for the epochs.").format(f"{max_steps:,}") if max_steps > 0 else "")

    # ----------------------------------------------------------------- LR preview
    def _schedule_problems(self) -> list[str]:
        return [f"{k} {why}" for k, why in self.ctx.state.problems.items() if k in SCHEDULE_KEYS]

    def _plan(self) -> dict:
        cfg = self.ctx.state.config
        return schedule_plan(cfg, self.facts.current(cfg))

    def _update_lr_note(self) -> None:
        problems = self._schedule_problems()
        if problems:
            self.lr_note.setText(self.tr("No preview: {0}").format("; ".join(problems)))
            self.lr_note.setStyleSheet(f"color: {status_colour()};")
            return
        self.lr_note.setStyleSheet("")
        t, plan = self.ctx.state.config.train, self._plan()
        total = f"{plan['total']:,}"
        batch = (self.tr("auto, estimated at {0}").format(plan["batch"]) if plan["auto"] else f"{plan['batch']:,}")
        epochs = self.tr("{0} (auto)").format(plan["epochs"]) if plan["epochs_auto"] else str(plan["epochs"])
        if plan["source"] == "max_steps":
            text = self.tr("Over {0} optimizer steps (Max steps; Epochs is ignored).").format(total)
        elif plan["source"] == "data":
            text = self.tr("Over {0} optimizer steps: {1} epochs × {2} steps per epoch ({3} training examples of the "
                           "loaded data in batches of {4}").format(
                total, epochs, f"{plan['per_epoch']:,}", f"{plan['examples']:,}", batch)
            text += (self.tr(", {0} batches per step).").format(plan["accum"]) if plan["accum"] > 1 else ").")
        else:
            text = self.tr("Over an assumed {0} steps ({1} epochs × {2} steps per epoch): the real count comes from "
                           "the data, once the Data panel has loaded it.").format(total, epochs, plan["per_epoch"])
            if self.facts.pending:
                text += " " + self.tr("Counting the training examples…")
        if t.scheduler in ("linear", "cosine") and 0 < plan["total"] <= int(t.warmup_steps or 0):  # all warmup
            text += " " + self.tr("⚠ Warmup steps ({0:,}) are not fewer than the steps of the run: the learning rate "
                                  "never reaches its peak. Lower Warmup steps.").format(int(t.warmup_steps))
            self.lr_note.setStyleSheet(f"color: {status_colour()};")
        self.lr_note.setText(text)

    def update_lr_preview(self) -> None:
        """Compute the schedule in a worker (it imports torch); the newest request wins."""
        self.timer.stop()
        self._request += 1
        request = self._request
        if self._schedule_problems():
            self.ctx.tasks.cancel(LR_TASK)
            self.lr_plot.set_data("lr", [], [])
            return
        t = copy.deepcopy(self.ctx.state.config.train)
        total = self._plan()["total"]
        worker = self.ctx.tasks.run(LR_TASK, lambda progress, should_stop: compute_lr_points(t, total),
                                    on_success=lambda points: self._on_lr_points(request, total, points),
                                    on_failure=lambda message, details: self._on_lr_failed(request, message))
        quit_thread_when_done(worker)

    def _on_lr_points(self, request: int, total: int, points: tuple[list[int], list[float]]) -> None:
        if request != self._request:
            return
        self.lr_plot.set_data("lr", *points)
        self.lr_plot.redraw()
        # The whole schedule, always: 0 .. its last step, and 0 .. the peak LR
        self.lr_plot.plotItem.setXRange(0, max(1, total - 1), padding=0.02)
        self.lr_plot.plotItem.setYRange(0, max(max(points[1], default=0.0), 1e-12), padding=0.05)

    def _on_lr_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self.lr_plot.set_data("lr", [], [])
            self.lr_note.setText(self.tr("No preview: {0}").format(message))
            self.lr_note.setStyleSheet(f"color: {status_colour()};")

    # ----------------------------------------------------------------- presets, files, command, reset
    def apply_preset(self, name: str) -> bool:
        """Replace the whole config by a preset (as choosing it in the list does)."""
        return self.presets.apply(name)

    def _last_dir(self) -> str:
        return str(self.ctx.settings.value("hyperparameters/lastDir", "") or "")

    def browse_load_yaml(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load config"), self._last_dir(),
                                              self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.load_yaml_file(path)

    def browse_save_yaml(self) -> None:
        start = os.path.join(self._last_dir(), "config.yaml")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save config"), start, self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.save_yaml_file(path)

    def load_yaml_file(self, path: str) -> bool:
        """Load a config file; it may hold invalid values, which then show in red to be fixed."""
        try:
            cfg = cfgmod.from_file(path)
        except HelloTorchError as exc:
            self.ctx.show_error(self.tr("Cannot load config"), str(exc), "")
            return False
        self.ctx.settings.setValue("hyperparameters/lastDir", os.path.dirname(os.path.abspath(path)))
        self.ctx.state.replace(cfg)
        self.presets.forget((str(path), copy.deepcopy(cfg)))
        self.ctx.set_status(self.tr("Loaded {0}").format(path))
        return True

    def save_yaml_file(self, path: str) -> bool:
        try:
            cfgmod.save_config(self.ctx.state.config, path)
        except HelloTorchError as exc:
            self.ctx.show_error(self.tr("Cannot save config"), str(exc), "")
            return False
        except OSError as exc:
            self.ctx.show_error(self.tr("Cannot save config"), os_error_message(exc), "")
            return False
        self.ctx.settings.setValue("hyperparameters/lastDir", os.path.dirname(os.path.abspath(path)))
        self.presets.baseline = (str(path), copy.deepcopy(self.ctx.state.config))
        self.ctx.set_status(self.tr("Saved {0}").format(path))
        return True

    def command_line(self) -> str:
        source, base = self.presets.baseline
        return command_line(source, base, self.ctx.state.config)

    def show_command(self) -> QDialog:
        """A non-modal dialog with the equivalent CLI line and the full YAML, each with a Copy button."""
        if self._command_dialog is None:
            self._command_dialog = self._build_command_dialog()
        dlg = self._command_dialog
        dlg.findChild(QPlainTextEdit, "commandText").setPlainText(self.command_line())
        dlg.findChild(QPlainTextEdit, "yamlText").setPlainText(cfgmod.to_yaml(self.ctx.state.config))
        dlg.show()
        dlg.raise_()
        return dlg

    def _build_command_dialog(self) -> QDialog:
        dlg = QDialog(self)
        dlg.setObjectName("commandDialog")
        dlg.setWindowTitle(self.tr("Equivalent command"))
        dlg.resize(760, 560)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        lay = QVBoxLayout(dlg)
        for name, title, tip in (
                ("command", self.tr("Command line (only the values that differ from the preset or file):"),
                 self.tr("Run this in a terminal to train the same config")),
                ("yaml", self.tr("Full config (YAML):"), self.tr("Save this as CONFIG.yaml for "
                                                                   "`hellotorch train CONFIG.yaml`"))):
            edit = QPlainTextEdit(objectName=f"{name}Text", readOnly=True)
            edit.setFont(mono)
            describe(edit, tip, title.rstrip(":"))
            copy_button = QPushButton(self.tr("Copy"), objectName=f"copy{name.capitalize()}Button")
            describe(copy_button, self.tr("Copy to the clipboard"), self.tr("Copy {0}").format(title.rstrip(":")))
            copy_button.clicked.connect(lambda _=False, e=edit: QGuiApplication.clipboard().setText(e.toPlainText()))
            row = QHBoxLayout()
            row.addWidget(QLabel(title), 1)
            row.addWidget(copy_button)
            lay.addLayout(row)
            lay.addWidget(edit, 1 if name == "command" else 4)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, objectName="commandDialogButtons")
        describe(buttons.button(QDialogButtonBox.StandardButton.Close), self.tr("Close this window"))
        buttons.rejected.connect(dlg.close)
        lay.addWidget(buttons)
        return dlg

    def reset_to_defaults(self, confirm: bool = True) -> bool:
        """Replace the config by the built-in defaults (after asking, unless confirm is False)."""
        if confirm:
            answer = QMessageBox.question(self, self.tr("Reset to defaults"), self.tr(
                "Set every value of the data, model and training settings back to the defaults? Unsaved changes "
                "are lost."), QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Reset:
                return False
        self.ctx.state.replace(Config())
        self.presets.forget()
        self.ctx.set_status(self.tr("Config reset to the defaults"))
        return True

    def shutdown(self) -> None:
        self.timer.stop()
        self.ctx.tasks.cancel(LR_TASK)
        self.lr_finder.shutdown()
        if self._command_dialog is not None:
            self._command_dialog.close()

