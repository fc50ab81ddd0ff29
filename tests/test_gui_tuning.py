"""Hyperparameters panel: the learning-rate finder runs off the GUI thread, plots loss against lr, offers the lr."""
from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QProgressBar, QPushButton, QSpinBox

from engine import config as cfgmod
from hellotorch_gui.panels.hyperparameters import HyperparametersPanel
from hellotorch_gui.plots import LivePlot
from conftest import shown_panel, tiny_config


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, HyperparametersPanel)


def test_find_lr_plots_the_sweep_and_uses_the_suggestion(panel, app_ctx, qtbot, reviews_csv):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=5))
    button = panel.findChild(QPushButton, "findLrButton")
    use = panel.findChild(QPushButton, "useSuggestedLrButton")
    plot = panel.findChild(LivePlot, "lrFindPlot")
    assert button.isEnabled() and not use.isEnabled()
    assert plot.plotItem.ctrl.logXCheck.isChecked()  # loss against lr on a log x axis

    with qtbot.waitSignal(panel.lr_finder.finished, timeout=120_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result and result["suggestion"] is not None
    assert plot.point_count("loss") == len(result["lrs"]) > 10
    assert plot.point_count("suggestion") == 1
    assert button.isEnabled() and use.isEnabled()
    assert not panel.findChild(QProgressBar, "lrFindProgress").isVisible()
    assert app_ctx.state.config.train.lr == 3e-3  # nothing changes until "use" is clicked

    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    lr = app_ctx.state.config.train.lr
    assert math.isclose(lr, result["suggestion"], rel_tol=0.05)
    assert float(panel.findChild(QLineEdit, "trainLr").text()) == lr
    assert not app_ctx.errors


def test_find_lr_can_be_cancelled(panel, app_ctx, qtbot, reviews_csv):
    app_ctx.state.replace(tiny_config(reviews_csv))
    cancel = panel.findChild(QPushButton, "cancelFindLrButton")
    assert not cancel.isEnabled()
    qtbot.mouseClick(panel.findChild(QPushButton, "findLrButton"), Qt.MouseButton.LeftButton)
    assert cancel.isEnabled()
    with qtbot.waitSignal(panel.lr_finder.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == {}
    assert panel.findChild(QPushButton, "findLrButton").isEnabled()
    assert not panel.findChild(QPushButton, "useSuggestedLrButton").isEnabled()


def test_find_lr_reports_a_bad_data_source(panel, app_ctx, qtbot, tmp_path):
    app_ctx.state.replace(tiny_config(tmp_path / "missing.csv"))
    with qtbot.waitSignal(panel.lr_finder.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.findChild(QPushButton, "findLrButton"), Qt.MouseButton.LeftButton)
    assert blocker.args[0] == {}
    assert app_ctx.errors and "missing.csv" in app_ctx.errors[0][1]


def test_batch_size_form_offers_auto(panel, app_ctx, qtbot):
    box = panel.findChild(QSpinBox, "trainBatchSize")
    assert box.specialValueText() == "auto" and box.minimum() == cfgmod.AUTO
    assert "auto" in box.toolTip()
    box.setValue(box.minimum())
    assert cfgmod.is_auto(app_ctx.state.config, "train.batch_size")
    assert not app_ctx.state.problems
    assert box.text() == "auto"
    assert "train.batch_size=auto" in panel.command_line()
    box.setValue(32)
    assert app_ctx.state.config.train.batch_size == 32


def test_new_controls_have_tooltips_and_accessible_names(panel):
    for name in ("findLrButton", "cancelFindLrButton", "useSuggestedLrButton", "lrFindPlot", "lrFindProgress",
                 "lrFindLabel"):
        w = panel.findChild(object, name)
        assert w is not None, name
        assert w.toolTip() and w.accessibleName(), name
