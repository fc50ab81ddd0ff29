"""Issue 17 in the Runs panel: a stopped, killed or finished run is resumed or continued from the window (button and
right-click menu), it becomes the current run, and the Data column shows its whole value."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from conftest import shown_panel, tiny_config
from engine.training import train
from engine.training.callbacks import Callback
from hellotorch_gui.panels.runs import RunsPanel


class StopAt(Callback):
    """Stops the loop at a step (as 'Stop and save a checkpoint' does)."""

    def __init__(self, step: int) -> None:
        self.step = step

    def on_step_end(self, state, control):
        if state.step >= self.step:
            control.request_stop("stopped by the test")


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, RunsPanel, size=(1280, 700))


def _click_row(qtbot, panel: RunsPanel, run_dir: str, button=Qt.MouseButton.LeftButton) -> QPoint:
    panel.refresh()
    row = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(run_dir), 0)).row()
    assert row >= 0, run_dir
    pos = panel.table.visualRect(panel.proxy.index(row, 0)).center()
    qtbot.mouseClick(panel.table.viewport(), button, pos=pos)
    return pos


def _steps(run_dir: str) -> int:
    return json.loads((Path(run_dir) / "summary.json").read_text(encoding="utf-8"))["steps"]


def test_a_stopped_run_resumes_from_the_runs_panel(qtbot, panel, app_ctx, reviews_csv):
    run_dir = train(tiny_config(reviews_csv, max_steps=10), runs_dir=app_ctx.state.runs_dir,
                    callbacks=[StopAt(4)]).run_dir
    assert _steps(run_dir) == 4
    _click_row(qtbot, panel, run_dir)
    assert panel.resume_button.isEnabled() and panel.resume_button.text() == "Resume"
    assert "step 4" in panel.resume_button.toolTip()
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as finished:
        qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
        assert not panel.resume_button.isEnabled()  # one run at a time: no second resume while it trains
    assert app_ctx.state.current_run == run_dir and app_ctx.visited[-1] == "train"
    assert finished.args[0]["status"] == "finished" and finished.args[0]["run_dir"] == run_dir
    assert _steps(run_dir) == 10  # the run's own max_steps, in the same folder
    assert len([d for d in Path(app_ctx.state.runs_dir).iterdir() if d.is_dir()]) == 1
    assert not app_ctx.errors


def test_a_finished_run_continues_for_more_steps_from_the_context_menu(qtbot, panel, app_ctx, reviews_csv,
                                                                       monkeypatch):
    run_dir = train(tiny_config(reviews_csv, max_steps=4), runs_dir=app_ctx.state.runs_dir).run_dir
    monkeypatch.setattr(panel, "_ask_steps", lambda name: 3)
    pos = _click_row(qtbot, panel, run_dir, Qt.MouseButton.RightButton)
    viewport = panel.table.viewport()  # the context-menu event the window system sends after a right-click
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)))
    assert panel.last_menu is not None and panel.last_menu.isVisible()
    menu = panel.last_menu
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert {"resumeSelectedRunAction", "openInEvaluateAction", "openInPlaygroundAction", "openRunFolderAction",
            "deleteRunAction", "openTensorBoardAction"} <= set(actions)
    resume = actions["resumeSelectedRunAction"]
    assert resume.isEnabled() and resume.text() == "Continue…" and resume.toolTip()
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        resume.trigger()
    menu.close()
    assert app_ctx.state.current_run == run_dir and _steps(run_dir) == 7
    assert not app_ctx.errors


def test_a_killed_run_resumes_and_a_run_without_checkpoint_says_why_not(qtbot, panel, app_ctx, reviews_csv):
    from test_gui_runs import _dead_pid, make_run

    run_dir = train(tiny_config(reviews_csv, max_steps=8), runs_dir=app_ctx.state.runs_dir,
                    callbacks=[StopAt(3)]).run_dir
    status = Path(run_dir) / "status.json"  # as SIGKILL leaves it: "running" with a dead process
    status.write_text(json.dumps({"status": "running", "pid": _dead_pid(), "updated": 0.0}), encoding="utf-8")
    empty = make_run(Path(app_ctx.state.runs_dir), "20200101-000000-textcnn", "failed")
    _click_row(qtbot, panel, empty)
    assert not panel.resume_button.isEnabled() and "no checkpoint" in panel.resume_button.toolTip()
    _click_row(qtbot, panel, run_dir)
    assert panel.selected_runs()[0]["status"] == "failed" and panel.resume_button.isEnabled()
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as finished:
        qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
    assert finished.args[0]["status"] == "finished" and _steps(run_dir) == 8


def test_open_in_playground_makes_the_run_current(qtbot, panel, app_ctx, reviews_csv):
    run_dir = train(tiny_config(reviews_csv, max_steps=2), runs_dir=app_ctx.state.runs_dir).run_dir
    _click_row(qtbot, panel, run_dir)
    with qtbot.waitSignal(app_ctx.state.currentRunChanged, timeout=2_000) as changed:
        qtbot.mouseClick(panel.playground_button, Qt.MouseButton.LeftButton)
    assert changed.args == [run_dir] and app_ctx.visited[-1] == "playground"


def test_the_data_column_is_wide_enough_and_a_long_path_is_in_the_tooltip(qtbot, panel, app_ctx):
    from test_gui_runs import make_run

    root = Path(app_ctx.state.runs_dir)
    run = make_run(root, "20250101-100000-textcnn", "finished", summary={"data": "movie-reviews"})
    long_run = make_run(root, "20250102-100000-textcnn", "finished",
                        summary={"data": "/home/someone/data/" + "very-long-file-name-" * 8 + ".csv"})
    panel.refresh()
    col = panel.model.COLUMNS.index("data")
    metrics = panel.table.fontMetrics()
    assert panel.table.columnWidth(col) >= metrics.horizontalAdvance("movie-reviews")  # not "mov…"
    assert panel.table.columnWidth(col) <= 260  # a long file name does not push the other columns away
    index = panel.model.index(panel.model.row_of(long_run), col)
    assert panel.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("/home/someone/data/")
    for c in range(panel.model.columnCount()):  # every other column shows its whole text
        if c in (col, len(panel.model.COLUMNS) - 1):
            continue
        for r in range(panel.model.rowCount()):
            text = panel.model.data(panel.model.index(r, c)) or ""
            assert metrics.horizontalAdvance(text) <= panel.table.columnWidth(c), (c, text)
    assert run
