"""Issue 17 in the Evaluate panel: it follows the window's current run and says which run its numbers belong to,
the results of one run never stand under another's name, "test split of" reads in Chinese, and the confusion
matrix is themed before the first result."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from conftest import shown_panel, tiny_config
from engine.training import train
from hellotorch_gui import i18n
from hellotorch_gui.panels.evaluate import EvaluatePanel
from hellotorch_gui.plots import palette_colours


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, EvaluatePanel)


@pytest.fixture
def two_runs(app_ctx, reviews_csv):
    root = app_ctx.state.runs_dir
    return [str(train(tiny_config(reviews_csv, max_steps=3), runs_dir=root).run_dir) for _ in range(2)]


def _evaluate(qtbot, panel) -> None:
    qtbot.mouseClick(panel.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.metrics_table.rowCount() > 0 and not panel.progress.isVisible(), timeout=60_000)


def test_evaluate_follows_the_current_run_and_names_the_run_it_shows(qtbot, panel, app_ctx, two_runs):
    first, second = two_runs
    app_ctx.state.set_current_run(first)
    qtbot.waitUntil(lambda: panel.run_combo.currentData() == first, timeout=20_000)
    _evaluate(qtbot, panel)
    assert Path(first).name in panel.status.text() and "current run" in panel.status.text()

    app_ctx.state.set_current_run(second)  # e.g. the Runs panel resumed it, or Train started it
    qtbot.waitUntil(lambda: panel.run_combo.currentData() == second, timeout=20_000)
    assert panel.metrics_table.rowCount() == 0 and panel.cm_view.matrix.size == 0  # no numbers of `first`
    assert Path(second).name in panel.status.text() and "not evaluated yet" in panel.status.text()
    _evaluate(qtbot, panel)
    assert panel.result["run_dir"] == second and Path(second).name in panel.status.text()


def test_choosing_another_run_by_hand_clears_the_results(qtbot, panel, app_ctx, two_runs):
    first, second = two_runs
    panel.refresh_runs()
    qtbot.waitUntil(lambda: panel.run_combo.findData(first) >= 0, timeout=20_000)
    panel.run_combo.setCurrentIndex(panel.run_combo.findData(first))
    _evaluate(qtbot, panel)
    panel.run_combo.setFocus()
    target = panel.run_combo.findData(second)
    qtbot.keyClick(panel.run_combo, Qt.Key.Key_Down if target > panel.run_combo.currentIndex() else Qt.Key.Key_Up)
    assert panel.run_combo.currentData() == second
    assert panel.metrics_table.rowCount() == 0 and "not evaluated yet" in panel.status.text()


def test_the_test_split_reads_in_chinese(qtbot, panel, app_ctx, two_runs):
    panel.refresh_runs()
    qtbot.waitUntil(lambda: panel.run_combo.count() == 2, timeout=20_000)
    _evaluate(qtbot, panel)
    assert "test split of" in panel.status.text()
    try:
        i18n.install("zh_CN")
        qtbot.waitUntil(lambda: panel.evaluate_button.text() == "评估", timeout=5_000)
        assert "test split of" not in panel.status.text() and "测试集" in panel.status.text()
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: "test split of" in panel.status.text(), timeout=5_000)


def test_the_confusion_matrix_is_themed_before_the_first_result(panel):
    bg, _fg = palette_colours()
    assert panel.cm_view.backgroundBrush().color().name() == bg


def test_the_model_is_shown_beside_its_baseline_in_evaluate_and_runs(qtbot, panel, app_ctx, reviews_csv):
    """Issue 18: 'your model X · linear baseline Y' from the run's own summary, in Evaluate and in the Runs table."""
    import json

    from hellotorch_gui.panels.runs import RunsPanel

    run = str(train(tiny_config(reviews_csv, max_steps=8), runs_dir=app_ctx.state.runs_dir).run_dir)
    summary = json.loads((Path(run) / "summary.json").read_text())
    base = summary["baseline"]["test"]["accuracy"]
    app_ctx.state.set_current_run(run)
    qtbot.waitUntil(lambda: panel.run_combo.currentData() == run, timeout=20_000)
    _evaluate(qtbot, panel)
    text = panel.baseline_label.text()
    assert f"your model {panel.result['accuracy']:.4f}" in text and f"linear baseline {base:.4f}" in text
    assert f"{100 * (panel.result['accuracy'] - base):+.1f} points" in text
    assert "TF-IDF" in panel.baseline_label.toolTip()
    assert panel.result["accuracy"] == pytest.approx(summary["test"]["accuracy"])  # the same test split

    panel.data_edit.setText(str(reviews_csv))  # other data: the baseline was not scored there, so none is shown
    _evaluate(qtbot, panel)
    assert panel.baseline_label.text() == ""

    runs = RunsPanel(app_ctx)
    qtbot.addWidget(runs)
    runs.refresh()
    qtbot.waitUntil(lambda: runs.model.row_of(run) >= 0, timeout=20_000)
    row, col = runs.model.row_of(run), runs.model.COLUMNS.index("baseline")
    cell = runs.model.data(runs.model.index(row, col))
    assert cell.startswith(f"accuracy {base:.4g}") and cell[-1] in "✓✗"
    tip = runs.model.data(runs.model.index(row, col), Qt.ItemDataRole.ToolTipRole)
    assert "points" in tip and "TF-IDF" in tip

    lines = Path(reviews_csv).read_text(encoding="utf-8").splitlines()  # the same rows in another order
    Path(reviews_csv).write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n", encoding="utf-8")
    panel.data_edit.setText("")
    _evaluate(qtbot, panel)
    assert "reordered or edited" in panel.status.text()
    assert panel.baseline_label.text() == ""  # the baseline was scored on the split drawn then, not this one


def test_an_imbalanced_run_is_compared_on_macro_f1_too(qtbot, panel, app_ctx, tmp_path):
    """200:30 classes: the run picks checkpoints by macro F1, and baselineLabel adds a macro-F1 line (en, zh)."""
    import json

    from test_baseline import _imbalanced_csv

    src = _imbalanced_csv(tmp_path / "skewed.csv")
    run = str(train(tiny_config(src, max_steps=8), runs_dir=app_ctx.state.runs_dir).run_dir)
    summary = json.loads((Path(run) / "summary.json").read_text())
    assert summary["monitor"] == "f1_macro"
    app_ctx.state.set_current_run(run)
    qtbot.waitUntil(lambda: panel.run_combo.currentData() == run, timeout=20_000)
    _evaluate(qtbot, panel)
    first, second = panel.baseline_label.text().split("\n")
    assert first.startswith("Accuracy: your model")
    base = summary["baseline"]["test"]["f1_macro"]
    assert second.startswith("Macro F1 (the classes are imbalanced): your model "
                             f"{panel.result['f1_macro']:.4f} · linear baseline {base:.4f}")
    try:
        i18n.install("zh_CN")
        panel._show_baseline(panel.result)
        assert "宏平均 F1" in panel.baseline_label.text()
    finally:
        i18n.install("en")


def test_the_result_line_says_how_the_data_changed(panel):
    base = {"run_dir": "/r/x", "n": 10, "data": "mine.csv"}
    grown = panel._result_line({**base, "data_changed": {"then": 100, "now": 200, "same_test_texts": False}})
    assert "100 usable rows then, 200 now" in grown
    shuffled = panel._result_line({**base, "data_changed": {"then": 100, "now": 100, "same_test_texts": False}})
    assert "reordered or edited" in shuffled and "usable rows then" not in shuffled
    assert "changed" not in panel._result_line(base)
    assert "3 rows of the file were not scored" in panel._result_line({**base, "skipped": {"empty_text": 1,
                                                                                            "missing_label": 2}})


def test_a_deleted_run_leaves_the_run_list(qtbot, panel, app_ctx, two_runs):
    import shutil

    first, second = two_runs
    panel.refresh_runs()
    qtbot.waitUntil(lambda: panel.run_combo.findData(first) >= 0, timeout=20_000)
    app_ctx.state.set_current_run(first)
    shutil.rmtree(first)
    app_ctx.state.forget_runs([first])  # as the Runs panel's Delete does
    qtbot.waitUntil(lambda: panel.run_combo.findData(first) < 0, timeout=20_000)
    assert app_ctx.state.current_run == "" and panel.run_combo.findData(second) >= 0


def test_another_file_is_evaluated_on_the_columns_chosen_in_the_panel(qtbot, panel, app_ctx, reviews_csv, tmp_path):
    """The Evaluate panel names another file's columns (as `hellotorch eval --text-column/--label-column` does):
    Browse/Enter lists them, the chosen ones are scored, and with no file the boxes are off (the run's columns)."""
    import csv

    from engine.evaluate import evaluate_run

    run = str(train(tiny_config(reviews_csv, max_steps=8), runs_dir=app_ctx.state.runs_dir).run_dir)
    rows = list(csv.reader(open(reviews_csv, encoding="utf-8")))[1:]
    other = tmp_path / "renamed.csv"
    with open(other, "w", newline="", encoding="utf-8") as fh:  # other names; 'flipped' holds the wrong labels
        w = csv.writer(fh)
        w.writerow(["note", "review", "flipped", "verdict"])
        flip = {"pos": "neg", "neg": "pos"}
        w.writerows([f"row {i}", t, flip.get(lab, lab), lab] for i, (t, lab) in enumerate(rows))
    app_ctx.state.set_current_run(run)
    qtbot.waitUntil(lambda: panel.run_combo.currentData() == run, timeout=20_000)
    assert not panel.text_column.isEnabled() and not panel.label_column.isEnabled()
    assert panel.columns_chosen() == ("", "")

    panel.data_edit.setFocus()
    qtbot.keyClicks(panel.data_edit, str(other))
    qtbot.keyClick(panel.data_edit, Qt.Key.Key_Return)
    assert panel.text_column.isEnabled() and panel.label_column.isEnabled()
    assert f"Click Evaluate to score it on {other}" in panel.status.text()
    qtbot.waitUntil(lambda: panel.label_column.findText("verdict") >= 0, timeout=20_000)
    assert [panel.text_column.itemText(i) for i in range(panel.text_column.count())] == [
        "", "note", "review", "flipped", "verdict"]
    assert panel.text_column.toolTip() and panel.label_column.accessibleName()

    panel.text_column.setCurrentIndex(panel.text_column.findText("review"))
    for column in ("verdict", "flipped"):
        panel.label_column.setCurrentIndex(panel.label_column.findText(column))
        assert panel.columns_chosen() == ("review", column)
        _evaluate(qtbot, panel)
        want = evaluate_run(run, data_spec=str(other), text_column="review", label_column=column)
        assert panel.result["accuracy"] == pytest.approx(want["accuracy"]) and panel.result["n"] == len(rows)
    assert "(texts 'review', labels 'flipped')" in panel.status.text() and "Besides" not in panel.status.text()
    flipped = panel.result["accuracy"]
    assert flipped == pytest.approx(1 - evaluate_run(run, data_spec=str(other), text_column="review",
                                                     label_column="verdict")["accuracy"])

    panel.text_column.setCurrentIndex(0)  # both detected: 'flipped' comes first, and 'verdict' is named as a rival
    panel.label_column.setCurrentIndex(0)
    _evaluate(qtbot, panel)
    assert panel.result["label_column"] == "flipped" and panel.result["label_ambiguity"]["others"] == ["verdict"]
    assert "Besides 'flipped', the column(s) 'verdict' also hold the run's classes" in panel.status.text()

    panel.label_column.setCurrentText("no_such_column")  # typed by hand: the engine's message, naming the field
    qtbot.mouseClick(panel.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.progress.isVisible() and "no_such_column" in panel.status.text(),
                    timeout=20_000)
    assert panel.metrics_table.rowCount() == 0


def test_choosing_a_run_of_the_other_task_shows_that_tasks_views(qtbot, panel, app_ctx, reviews_csv, corpus_txt):
    """Classification -> generation run: the confusion matrix, ROC and per-class boxes went on showing (and back
    the other way, an empty examples box) until an evaluation finished; a generation result shows examples."""
    root = app_ctx.state.runs_dir
    clf = str(train(tiny_config(reviews_csv, max_steps=3), runs_dir=root).run_dir)
    gen = str(train(tiny_config(corpus_txt, task="generation", arch="gpt", max_steps=3), runs_dir=root).run_dir)
    panel.refresh_runs()
    qtbot.waitUntil(lambda: panel.run_combo.count() == 2, timeout=20_000)
    panel.run_combo.setCurrentIndex(panel.run_combo.findData(clf))
    assert panel.cm_box.isVisibleTo(panel) and not panel.ex_box.isVisibleTo(panel)
    assert panel.label_column_label.text() == "Label column:"
    panel.run_combo.setCurrentIndex(panel.run_combo.findData(gen))
    assert not panel.cm_box.isVisibleTo(panel) and panel.ex_box.isVisibleTo(panel)
    assert panel.label_column_label.text() == "Response column:"
    qtbot.mouseClick(panel.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.get("run_dir") == gen and not panel.progress.isVisible(), timeout=60_000)
    assert panel.examples.toPlainText().strip()  # the continuations, or why there are none
    panel.run_combo.setCurrentIndex(panel.run_combo.findData(clf))
    assert panel.cm_box.isVisibleTo(panel) and not panel.ex_box.isVisibleTo(panel)
