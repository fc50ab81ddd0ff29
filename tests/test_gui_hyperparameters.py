"""Hyperparameters panel: grouped train.* forms, red errors and status, presets, YAML, CLI line, reset, LR preview."""
from __future__ import annotations

import copy
import shlex

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox

from engine import config as cfgmod
from engine.config import Config
from hellotorch_gui.forms import section_keys
from hellotorch_gui.panels import hyperparameters as hp
from hellotorch_gui.panels.hyperparameters import HyperparametersPanel
from hellotorch_gui.plots import LivePlot
from conftest import shown_panel


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, HyperparametersPanel)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_errors_stay_readable_on_a_dark_palette(panel, app_ctx, qtbot, qapp):
    from PySide6.QtGui import QColor, QPalette

    from hellotorch_gui.plots import status_colour

    light = qapp.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1a1a1a"))
    qapp.setPalette(dark)
    try:
        assert status_colour() == "#ff6b6b" and status_colour(ok=True) == "#81c784"  # lighter shades on dark
        edit = panel.findChild(QLineEdit, "trainLr")
        type_into(qtbot, edit, "0")
        assert "#ff6b6b" in edit.parentWidget().styleSheet()
        assert "#ff6b6b" in panel.findChild(QLabel, "configStatusLabel").styleSheet()
        type_into(qtbot, edit, "0.01")
    finally:
        qapp.setPalette(light)
    assert status_colour() == "#d32f2f" and status_colour(ok=True) == "#2e7d32"


def test_every_train_key_is_in_one_group():
    grouped = [f"train.{k}" for names in hp.GROUPS.values() for k in names]
    assert sorted(grouped) == sorted(section_keys("train"))


def test_zero_lr_is_marked_red_and_blocks_start(panel, app_ctx, qtbot):
    edit = panel.findChild(QLineEdit, "trainLr")
    error = panel.findChild(QLabel, "trainLrError")
    status = panel.findChild(QLabel, "configStatusLabel")
    assert "valid" in status.text()

    type_into(qtbot, edit, "0")
    assert app_ctx.state.get("train.lr") == 0.0
    assert error.isVisibleTo(panel) and "greater than" in error.text()
    assert "#d32f2f" in edit.parentWidget().styleSheet()  # the field's frame turns red
    assert "train.lr" in status.text()
    assert not app_ctx.state.can_start()

    type_into(qtbot, edit, "0.01")
    assert app_ctx.state.get("train.lr") == 0.01
    assert not error.isVisibleTo(panel)
    assert edit.parentWidget().styleSheet() == ""
    assert "Config is valid" in status.text()
    assert app_ctx.state.can_start()


def test_text_that_is_not_a_number_blocks_start_until_fixed(panel, app_ctx, qtbot):
    edit = panel.findChild(QLineEdit, "trainLr")
    error = panel.findChild(QLabel, "trainLrError")
    status = panel.findChild(QLabel, "configStatusLabel")
    before = app_ctx.state.get("train.lr")
    type_into(qtbot, edit, "abc")
    assert app_ctx.state.get("train.lr") == before  # not used, and not silently kept either:
    assert not app_ctx.state.can_start()
    assert error.isVisibleTo(panel) and "Enter a number" in error.text()
    assert "train.lr" in status.text() and "--set" not in error.text()
    type_into(qtbot, edit, "0,005")  # a decimal comma is read as a point
    assert app_ctx.state.get("train.lr") == 0.005
    assert app_ctx.state.can_start() and not error.isVisibleTo(panel)
    type_into(qtbot, edit, "x")
    assert not app_ctx.state.can_start()
    type_into(qtbot, edit, "0.005")  # the same value as before the bad text: still clears the error
    assert app_ctx.state.can_start() and "Config is valid" in status.text()


def choose(qtbot, combo: QComboBox, data) -> None:
    """Pick an item as a user does: a click opens the list, arrow keys move to the item, Enter chooses it."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=5_000)
    target = combo.findData(data)
    for _ in range(combo.count()):
        row = view.currentIndex().row()
        if row == target:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down if row < target else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5_000)


def test_choosing_a_preset_applies_it_and_undo_brings_the_old_config_back(panel, app_ctx, qtbot):
    combo = panel.findChild(QComboBox, "presetCombo")
    undo = panel.findChild(QPushButton, "undoPresetButton")
    assert set(cfgmod.list_presets()) == {combo.itemData(i) for i in range(combo.count())}
    assert panel.findChild(QPushButton, "applyPresetButton") is None  # applied on choice: no second click
    assert not undo.isEnabled() and undo.toolTip() and undo.accessibleName()
    app_ctx.state.set("train.lr", 0.0123)
    before = copy.deepcopy(app_ctx.state.config)
    with qtbot.waitSignal(app_ctx.state.changed, timeout=5_000):
        choose(qtbot, combo, "quick")
    assert app_ctx.state.config == cfgmod.load_preset("quick")
    assert app_ctx.state.get("model.arch") == "transformer"
    assert panel.findChild(QLineEdit, "trainLr").text() == "0.001"
    assert combo.currentData() == "quick" and "tiny Transformer" in combo.currentText()  # its description shows
    assert undo.isEnabled() and "quick" in undo.toolTip()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert app_ctx.state.config == before
    assert panel.findChild(QLineEdit, "trainLr").text() == "0.0123"
    assert not undo.isEnabled()


def test_show_command_lists_changed_keys(panel, app_ctx):
    app_ctx.state.set("train.lr", 0.0005)
    app_ctx.state.set("train.sample_prompts", "it's a|the film")  # needs shell quoting
    dialog = panel.show_command()
    command = dialog.findChild(QPlainTextEdit, "commandText").toPlainText()
    assert command.startswith("hellotorch train default ")
    assert "--set train.lr=0.0005" in command
    assert "lr: 0.0005" in dialog.findChild(QPlainTextEdit, "yamlText").toPlainText()
    # The line is runnable: the shell words rebuild exactly this config.
    words = shlex.split(command)
    sets = [words[i + 1] for i, w in enumerate(words) if w == "--set"]
    assert cfgmod.apply_overrides(cfgmod.load_preset(words[2]), sets) == app_ctx.state.config
    dialog.close()


def test_save_then_load_yaml_round_trips(panel, app_ctx, tmp_path):
    state = app_ctx.state
    state.set("train.lr", 0.0005)
    state.set("train.scheduler", "cosine")
    state.set("model.arch", "gru")
    saved = copy.deepcopy(state.config)
    path = tmp_path / "run.yaml"
    assert panel.save_yaml_file(str(path))
    state.replace(Config())
    assert panel.load_yaml_file(str(path))
    assert state.config == saved
    assert panel.findChild(QComboBox, "trainScheduler").currentText() == "cosine"
    assert panel.command_line() == f"hellotorch train {shlex.quote(str(path))}"
    assert app_ctx.errors == []


def test_loading_a_bad_file_shows_the_engine_error(panel, app_ctx, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("train: [1, 2\n", encoding="utf-8")
    before = copy.deepcopy(app_ctx.state.config)
    assert not panel.load_yaml_file(str(bad))
    assert not panel.load_yaml_file(str(tmp_path / "missing.yaml"))
    assert len(app_ctx.errors) == 2
    assert "not valid YAML" in app_ctx.errors[0][1] and "does not exist" in app_ctx.errors[1][1]
    assert app_ctx.state.config == before


def test_reset_restores_defaults(panel, app_ctx, monkeypatch):
    app_ctx.state.set("train.lr", 0.5)
    app_ctx.state.set("train.epochs", 9)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not panel.reset_to_defaults()
    assert app_ctx.state.get("train.lr") == 0.5
    assert panel.reset_to_defaults(confirm=False)
    assert app_ctx.state.config == Config()
    assert panel.findChild(QLineEdit, "trainLr").text() == "0.001"


def test_lr_schedule_preview(panel, app_ctx, qtbot):
    plot = panel.findChild(LivePlot, "lrSchedulePlot")
    note = panel.findChild(QLabel, "lrScheduleNoteLabel")
    epochs = app_ctx.state.get("train.epochs")
    qtbot.waitUntil(lambda: plot.point_count("lr") == epochs * hp.STEPS_PER_EPOCH_GUESS, timeout=60_000)
    assert "assumed" in note.text()

    app_ctx.state.set("train.max_steps", 50)
    app_ctx.state.set("train.scheduler", "constant")
    qtbot.waitUntil(lambda: plot.point_count("lr") == 50, timeout=60_000)
    assert "50" in note.text() and "assumed" not in note.text()
    assert set(plot.series["lr"].y[:50]) == {app_ctx.state.get("train.lr")}

    app_ctx.state.set("train.lr", 0.0)
    qtbot.waitUntil(lambda: plot.point_count("lr") == 0, timeout=5_000)
    assert "train.lr" in note.text()


def test_export_as_script_writes_a_standalone_script(panel, app_ctx, qtbot, reviews_csv, tmp_path):
    import subprocess
    import sys

    from conftest import tiny_config

    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=6))
    out = tmp_path / "train_it.py"
    panel.export_script(str(out))
    qtbot.waitUntil(lambda: "Wrote" in panel.status_label.text(), timeout=60_000)
    assert (tmp_path / "train_it_data" / "train.csv").is_file()
    result = subprocess.run([sys.executable, str(out)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0 and "test accuracy" in result.stdout, result.stderr[-2000:]


def type_number(qtbot, spin: QSpinBox, value: int) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def view_x_max(plot: LivePlot) -> float:
    return plot.plotItem.vb.viewRange()[0][1]


def test_raising_max_steps_widens_the_schedule_preview(panel, app_ctx, qtbot):
    """Issue 17, item 4: after 200 -> 600 max steps the preview stayed at 0-220 under 'over 600 steps'."""
    plot = panel.findChild(LivePlot, "lrSchedulePlot")
    note = panel.findChild(QLabel, "lrScheduleNoteLabel")
    spin = panel.findChild(QSpinBox, "trainMaxSteps")
    for steps in (200, 600):
        type_number(qtbot, spin, steps)
        assert app_ctx.state.get("train.max_steps") == steps
        qtbot.waitUntil(lambda: plot.point_count("lr") == steps, timeout=60_000)
        qtbot.waitUntil(lambda: steps - 1 <= view_x_max(plot) < steps * 1.1, timeout=5_000)
        assert f"Over {steps} optimizer steps" in note.text()


def test_a_warmup_as_long_as_the_run_is_flagged(panel, app_ctx, qtbot):
    """Warmup 50 with Max steps 30: the learning rate never reaches its peak, and nothing said so."""
    note = panel.findChild(QLabel, "lrScheduleNoteLabel")
    app_ctx.state.set("train.scheduler", "linear")
    app_ctx.state.set("train.warmup_steps", 50)
    app_ctx.state.set("train.max_steps", 30)
    qtbot.waitUntil(lambda: "never reaches its peak" in note.text(), timeout=10_000)
    app_ctx.state.set("train.max_steps", 300)
    qtbot.waitUntil(lambda: "never reaches its peak" not in note.text() and "Over 300" in note.text(),
                    timeout=10_000)
    app_ctx.state.set("train.max_steps", 30)
    app_ctx.state.set("train.scheduler", "constant")  # no warmup in that schedule: nothing to say
    qtbot.waitUntil(lambda: "Over 30 " in note.text() and "never reaches" not in note.text(), timeout=10_000)


def test_max_steps_greys_out_epochs(panel, app_ctx, qtbot):
    epochs = panel.findChild(QSpinBox, "trainEpochs")
    assert epochs.isEnabled() and not epochs.toolTip().startswith("Ignored")
    type_number(qtbot, panel.findChild(QSpinBox, "trainMaxSteps"), 50)
    assert not epochs.isEnabled()
    assert epochs.toolTip().startswith("Ignored while Max steps > 0") and "[train.epochs]" in epochs.toolTip()
    assert "Epochs is ignored" in panel.findChild(QLabel, "lrScheduleNoteLabel").text()
    type_number(qtbot, panel.findChild(QSpinBox, "trainMaxSteps"), 0)
    assert epochs.isEnabled() and not epochs.toolTip().startswith("Ignored")


def test_schedule_preview_counts_steps_from_the_loaded_data(panel, app_ctx, qtbot):
    """With the Data panel's count of training examples, the preview follows epochs, batch size (auto too) and
    gradient accumulation as the training loop counts them."""
    from engine.data.checks import facts_key
    from hellotorch_gui.panels.data_facts import data_facts

    plot = panel.findChild(LivePlot, "lrSchedulePlot")
    note = panel.findChild(QLabel, "lrScheduleNoteLabel")
    state = app_ctx.state
    state.set("train.epochs", 2)
    state.set("train.batch_size", 100)
    data_facts(state).publish({"key": facts_key(state.config), "train_examples": 8452, "vocab_size": 900,
                               "num_classes": 2})
    qtbot.waitUntil(lambda: plot.point_count("lr") == 2 * 85, timeout=60_000)  # ceil(8452 / 100) = 85
    assert "2 epochs × 85 steps per epoch (8,452 training examples" in note.text() and "assumed" not in note.text()
    type_number(qtbot, panel.findChild(QSpinBox, "trainGradAccum"), 2)
    qtbot.waitUntil(lambda: plot.point_count("lr") == 2 * 43, timeout=60_000)
    assert "2 batches per step" in note.text()
    type_number(qtbot, panel.findChild(QSpinBox, "trainEpochs"), 3)
    qtbot.waitUntil(lambda: plot.point_count("lr") == 3 * 43, timeout=60_000)
    state.set("train.batch_size", "auto")
    qtbot.waitUntil(lambda: plot.point_count("lr") == 3 * 67, timeout=60_000)  # auto plans the default 64
    assert "auto, estimated at 64" in note.text()
    qtbot.waitUntil(lambda: view_x_max(plot) >= 3 * 67 - 1, timeout=5_000)
    state.set("data.val_fraction", 0.2)  # other data: the count no longer applies until the Data panel recounts
    qtbot.waitUntil(lambda: plot.point_count("lr") == 3 * hp.STEPS_PER_EPOCH_GUESS, timeout=60_000)
    assert "assumed" in note.text()


def test_a_precision_measured_slower_here_is_warned_about(qtbot, panel, app_ctx, tmp_path, monkeypatch):
    """Issue 18: the Environment self-check's measurement (engine.precision) drives the warning: bf16 measured at
    0.38x fp32 on this CPU is named when chosen, and nothing is claimed for fp32 or an unmeasured machine."""
    from engine import precision

    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path / "cache"))
    app_ctx.state.set("train.device", "cpu")
    app_ctx.state.set("train.precision", "bf16")
    qtbot.waitUntil(lambda: not app_ctx.tasks.is_running("precision-advice"), timeout=10_000)
    assert panel.precision_warning.isHidden()  # not measured yet: no claim either way
    precision.remember([{"device": "cpu", "samples_per_s": {"fp32": 1486.0, "bf16": 566.0},
                         "ratio": {"fp32": 1.0, "bf16": 0.381}, "fastest": "fp32", "measured": "2026-12-05 10:00"}])
    app_ctx.state.set("train.precision", "fp32")
    app_ctx.state.set("train.precision", "bf16")
    qtbot.waitUntil(lambda: not panel.precision_warning.isHidden(), timeout=10_000)
    assert "0.38× the speed of fp32" in panel.precision_warning.text() and "cpu" in panel.precision_warning.text()
    app_ctx.state.set("train.precision", "fp32")
    qtbot.waitUntil(panel.precision_warning.isHidden, timeout=10_000)


def test_fp16_on_a_device_without_cuda_is_warned_about_before_start(qtbot, panel, app_ctx, tmp_path, monkeypatch):
    """fp16 autocast needs CUDA: the loop refuses it at Start, so the panel says so as soon as it is chosen, for an
    explicit CPU and for `auto` resolving to the CPU (this machine; CUDA simulated away for a CUDA machine)."""
    import torch

    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    app_ctx.state.set("train.device", "cpu")
    app_ctx.state.set("train.precision", "fp16")
    qtbot.waitUntil(lambda: not panel.precision_warning.isHidden(), timeout=10_000)
    text = panel.precision_warning.text()
    assert "fp16 needs a CUDA GPU" in text and "cpu" in text and "bf16 or fp32" in text
    app_ctx.state.set("train.precision", "bf16")  # not measured here: no claim
    qtbot.waitUntil(panel.precision_warning.isHidden, timeout=10_000)
    app_ctx.state.set("train.device", "auto")
    app_ctx.state.set("train.precision", "fp16")
    qtbot.waitUntil(lambda: not panel.precision_warning.isHidden(), timeout=10_000)
    assert "would train on cpu" in panel.precision_warning.text()
