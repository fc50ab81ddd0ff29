"""Detached training under pytest-qt: a separate process steered from the Train panel, and a new window that
re-attaches to it with its curves after the first window closed."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import tiny_config
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from engine.runs import run_status


def _long_run(window, reviews_csv):
    cfg = tiny_config(reviews_csv, max_steps=100_000, eval_every=20, log_every=2)
    window.state.replace(cfg)
    return cfg


def test_detached_run_pause_resume_stop(window, qtbot, reviews_csv):
    _long_run(window, reviews_csv)
    window.goto("train")
    panel = window.panel("train")
    panel.detached_check.setChecked(True)
    start = window.findChild(QPushButton, "startButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert window.trainer.is_detached
    run_dir = panel.run_dir
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 3, timeout=120_000)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.is_paused, timeout=30_000)
    assert run_status(run_dir) == "paused"
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_paused, timeout=30_000)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["status"] == "stopped"
    assert json.loads((Path(run_dir) / "status.json").read_text())["status"] == "stopped"


def test_closing_leaves_the_process_running_and_a_new_window_reattaches(qtbot, qsettings, tmp_path, reviews_csv):
    from hellotorch_gui import MainWindow

    first = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(first)
    first.show()
    _long_run(first, reviews_csv)
    panel = first.panel("train")
    panel.detached_check.setChecked(True)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    panel.start()
    run_dir = panel.run_dir
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 3, timeout=120_000)
    seen = panel.loss_plot.point_count("train")
    from engine.config import Config

    first.state.replace(Config())  # the window closes with another config than the run's (saved as lastConfig)
    told = []
    first.tell_training_goes_on = lambda run, hidden: told.append((run, hidden))
    first.findChild(QAction, "quitAction").trigger()  # File → Quit: no question, the run lives in its own process
    assert told == [(run_dir, False)]  # ... and the window says so
    first.tasks.shutdown(30_000)
    assert run_status(run_dir) == "running"

    second = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(second)
    second.show()
    try:
        again = second.panel("train")
        qtbot.waitUntil(lambda: second.trainer.is_detached and again.run_dir == run_dir, timeout=30_000)
        # the window shows the config that run trains with, not the default or the last one saved on close
        assert second.state.config.data.source == str(reviews_csv)
        assert second.state.config.train.max_steps == 100_000 and second.state.config.model.arch == "textcnn"
        qtbot.waitUntil(lambda: again.loss_plot.point_count("train") > seen, timeout=60_000)  # history + new
        assert again.detached_check.isChecked()  # remembered
        with qtbot.waitSignal(second.trainer.jobFinished, timeout=120_000) as blocker:
            qtbot.mouseClick(again.stop_button, Qt.MouseButton.LeftButton)
        assert blocker.args[0]["status"] == "stopped"
    finally:
        second.trainer.stop("test teardown")
        second.tasks.shutdown(30_000)


def test_two_processes_from_the_train_panel(window, qtbot, reviews_csv):
    cfg = tiny_config(reviews_csv, max_steps=30, eval_every=10, log_every=2)
    cfg.model.dropout = 0.0
    window.state.replace(cfg)
    panel = window.panel("train")
    panel.nproc_spin.setValue(2)
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=240_000) as blocker:
        panel.start()
    summary = blocker.args[0]
    assert summary["status"] == "finished" and summary["distributed"]["world_size"] == 2
    assert panel.loss_plot.point_count("train") > 5
