"""Evaluate panel on a generation run: metrics and reference/generated examples, no error."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from conftest import shown_panel, tiny_config
from engine.training import train
from hellotorch_gui.panels.evaluate import EvaluatePanel


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, EvaluatePanel)


def test_evaluating_a_language_model_shows_perplexity_and_examples(qtbot, panel, app_ctx, corpus_txt, tmp_path):
    cfg = tiny_config(corpus_txt, task="generation", max_steps=4)
    run_dir = str(train(cfg, runs_dir=app_ctx.state.runs_dir).run_dir)
    panel.refresh_runs()  # off the GUI thread
    qtbot.waitUntil(lambda: panel.run_combo.findData(run_dir) >= 0, timeout=10_000)
    panel._select(run_dir)
    qtbot.mouseClick(panel.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.metrics_table.rowCount() > 0 or "color" in panel.status.styleSheet(),
                    timeout=60_000)
    keys = [panel.metrics_table.item(i, 0).text() for i in range(panel.metrics_table.rowCount())]
    assert "perplexity" in keys and "chrf" in keys, panel.status.text()
    assert "reference:" in panel.examples.toPlainText()
    # the classification views make way for the examples
    assert panel.ex_box.isVisible() and not panel.cm_box.isVisible() and not panel.roc_box.isVisible()
    assert not panel.tabs.isTabVisible(1)
    assert not app_ctx.errors


def test_a_failed_evaluation_clears_the_previous_results(qtbot, panel, app_ctx, reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=4)
    run_dir = str(train(cfg, runs_dir=app_ctx.state.runs_dir).run_dir)
    panel.refresh_runs()  # off the GUI thread
    qtbot.waitUntil(lambda: panel.run_combo.findData(run_dir) >= 0, timeout=10_000)
    panel._select(run_dir)
    panel.evaluate_selected()
    qtbot.waitUntil(lambda: panel.metrics_table.rowCount() > 0, timeout=60_000)
    assert panel.cm_view.matrix.shape == (2, 2) and panel.cm_box.isVisible() and panel.tabs.isTabVisible(1)
    panel.data_edit.setText(str(tmp_path / "missing.csv"))
    panel.evaluate_selected()
    qtbot.waitUntil(lambda: "missing.csv" in panel.status.text(), timeout=60_000)
    assert panel.metrics_table.rowCount() == 0 and panel.cm_view.matrix.size == 0
    assert panel.evaluate_button.isEnabled()


def test_the_run_list_is_read_off_the_gui_thread_and_a_selected_run_is_evaluated(qtbot, panel, app_ctx,
                                                                                  reviews_csv, monkeypatch):
    import threading

    import engine.runs

    run_dir = str(train(tiny_config(reviews_csv, max_steps=4), runs_dir=app_ctx.state.runs_dir).run_dir)
    threads, real = [], engine.runs.list_runs
    monkeypatch.setattr(engine.runs, "list_runs", lambda root: threads.append(threading.current_thread()) or real(root))
    app_ctx.state.runSelected.emit(run_dir)  # e.g. a double-click in the Runs panel
    app_ctx.state.runSelected.emit(run_dir)  # a second request replaces the first; both still get their turn
    qtbot.waitUntil(lambda: panel.metrics_table.rowCount() > 0, timeout=60_000)
    assert panel.run_combo.currentData() == run_dir and "[" in panel.run_combo.currentText()
    assert threads and threading.main_thread() not in threads
    assert not app_ctx.errors


def test_many_classes_draw_the_largest_roc_curves_and_say_so(panel):
    import numpy as np

    from engine.metrics import classification_metrics
    from hellotorch_gui.panels.evaluate import MAX_ROC_CURVES

    rng = np.random.default_rng(0)
    names = [f"intent_{i:02d}" for i in range(40)]
    y = np.concatenate([np.full(30, 7), rng.integers(0, 40, 400)])  # class 7 is the largest
    probs = rng.dirichlet(np.ones(40), len(y))
    result = classification_metrics(y.tolist(), probs, names)
    panel.show_result({**result, "task": "classification", "label_names": names})
    drawn = [name for name in panel.roc_plot.curves if name != "chance"]
    assert len(drawn) == MAX_ROC_CURVES and "intent_07" in drawn
    assert f"{MAX_ROC_CURVES} largest of 40 classes" in panel.roc_box.title()
    assert panel.per_class_table.rowCount() == 40  # every class stays in the table
    two = classification_metrics([0, 1, 0, 1], np.array([[.9, .1], [.2, .8], [.6, .4], [.3, .7]]), ["neg", "pos"])
    panel.show_result({**two, "task": "classification", "label_names": ["neg", "pos"]})
    assert panel.roc_box.title() == "ROC curve" and "roc" in panel.roc_plot.curves
