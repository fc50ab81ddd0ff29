"""The whole window, clicked through as a learner would: data, Start/Pause/Resume/Stop, evaluate, close."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton

from engine import config as cfgmod


def small_run(window, source="movie-reviews", steps=400):
    """A config that trains quickly but long enough to pause in the middle."""
    cfg = cfgmod.Config()
    cfg.data.source = source
    cfg.data.limit_rows = 1500
    cfg.data.max_length = 24
    cfg.model.arch = "textcnn"
    cfg.model.embed_dim = 16
    cfg.model.num_filters = 8
    cfg.train.max_steps = steps
    cfg.train.batch_size = 8
    cfg.train.eval_every = 100
    cfg.train.log_every = 5
    window.state.replace(cfg)


def test_stable_object_names(window):
    from hellotorch_gui import MainWindow

    assert isinstance(window, MainWindow)
    for name in ("startButton", "pauseButton", "stopButton", "trainProgress", "lossPlot", "metricPlot",
                 "datasetSource", "dataPreview"):
        assert window.findChild(object, name) is not None, name


QT_INTERNAL = {"ScrollLeftButton", "ScrollRightButton"}  # QTabBar's own scroll arrows


def test_every_control_has_tooltip_and_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    missing = []
    for cls in (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox):
        for w in window.findChildren(cls):
            if not w.objectName() or w.objectName().startswith("qt_") or w.objectName() in QT_INTERNAL:
                continue
            if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                continue
            if not w.toolTip() or not w.accessibleName():
                missing.append(w.objectName())
    assert not missing, missing


def test_a_click_in_the_middle_of_every_check_box_toggles_it(window, qtbot):
    """Form fields' check boxes have no text and stretch to the column; Qt's QCheckBox reacts only on its tick box
    (and text), so a click in the middle, where a user or a test driving the window by objectName clicks, did
    nothing on 10 of them (dataLowercase, trainNesterov, exportInt8, ...)."""
    from PySide6.QtWidgets import QCheckBox

    boxes = [b for b in window.findChildren(QCheckBox) if b.objectName() and b.isEnabled()]
    assert len(boxes) >= 10
    dead = []
    for box in boxes:
        before = box.isChecked()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
        if box.isChecked() == before:
            dead.append(f"{box.objectName()} ({box.width()} px wide)")
        else:
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())  # as it was
    assert not dead, dead


def test_every_object_name_of_the_app_is_lower_camel_case(window):
    """The documented contract (docs/GUI_PANEL_BRIEF.md): lowerCamelCase objectNames, e.g. descentLr; Qt's own
    (qt_*, _q_*; pyqtgraph's _layout) and Qt's tab arrows aside."""
    import re

    from PySide6.QtCore import QObject

    names = {o.objectName() for o in window.findChildren(QObject)} - {""}
    bad = sorted(n for n in names if not n.startswith(("qt_", "_")) and n not in QT_INTERNAL
                 and not re.fullmatch(r"[a-z][a-zA-Z0-9]*", n))
    assert not bad, bad


def test_click_through_pause_resume_stop_continue_evaluate(window, qtbot, tmp_path):
    small_run(window)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    pause = window.findChild(QPushButton, "pauseButton")
    stop = window.findChild(QPushButton, "stopButton")
    progress = window.findChild(QProgressBar, "trainProgress")
    panel = window.panel("train")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)

    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 3, timeout=60_000)

    # (wait on GUI-thread state: a waitSignal on the worker's own signals would stop its timer cross-thread)
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.is_paused, timeout=30_000)
    assert pause.text() == "Resume"
    value = progress.value()
    qtbot.wait(400)
    assert progress.value() == value, "steps advanced while paused"

    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_paused, timeout=10_000)
    qtbot.waitUntil(lambda: progress.value() > value, timeout=30_000)

    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert summary["status"] == "stopped"
    run = Path(summary["run_dir"])
    assert json.loads((run / "status.json").read_text())["status"] == "stopped"
    assert (run / "checkpoints" / "last" / "model.safetensors").exists()

    # continue the stopped run to its end; the Evaluate panel fills afterwards
    cont = window.findChild(QPushButton, "continueButton")
    assert cont.isEnabled()
    window.findChild(object, "continueSteps").setValue(40)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(cont, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["status"] == "finished"
    assert blocker.args[0]["steps"] == summary["steps"] + 40
    evaluate = window.panel("evaluate")
    qtbot.waitUntil(lambda: evaluate.metrics_table.rowCount() > 0, timeout=60_000)
    assert evaluate.cm_view.matrix.shape == (2, 2)
    assert evaluate.roc_plot.point_count() > 0


def test_start_again_runs_to_the_end(window, qtbot):
    small_run(window, steps=30)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["status"] == "finished"
    assert window.panel("train").metric_plot.point_count() > 0


def test_malformed_csv_blocks_start(window, qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'text,label\n"unclosed quote,pos\nfine,neg\n')
    window.goto("data")
    window.panel("data").set_source(str(bad))
    error = window.findChild(QLabel, "dataError")
    qtbot.waitUntil(lambda: error.isVisible() and "bad.csv" in error.text(), timeout=30_000)
    assert not window.findChild(QPushButton, "startButton").isEnabled()
    assert window.state.data_error


def test_closing_during_training_stops_cleanly(window, qtbot, monkeypatch):
    small_run(window, steps=5000)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    panel = window.panel("train")
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 0, timeout=60_000)
    monkeypatch.setattr(window, "ask_close_during_training", lambda: "stop")
    run_dir = panel.run_dir
    window.close()  # returns at once: the window stays responsive while the run saves and ends
    assert window.isVisible() and not window.centralWidget().isEnabled()
    window.close()  # a second close while stopping just waits too
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=120_000)
    assert not window.trainer.is_running
    assert json.loads((Path(run_dir) / "status.json").read_text())["status"] == "stopped"
    assert (Path(run_dir) / "checkpoints" / "last" / "model.safetensors").exists()


def test_cancel_close_keeps_training(window, qtbot, monkeypatch):
    small_run(window, steps=5000)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(window, "ask_close_during_training", lambda: "cancel")
    window.close()
    assert window.isVisible() and window.trainer.is_running
    window.trainer.stop()
    assert window.trainer.wait(60_000)


def test_keep_training_on_close_resumes_a_paused_run(window, qtbot, monkeypatch):
    small_run(window, steps=5000)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    pause = window.findChild(QPushButton, "pauseButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    panel = window.panel("train")
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 0, timeout=60_000)
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    panel.toggle_pause()  # a second request before the loop confirmed the first is ignored, not lost
    qtbot.waitUntil(lambda: panel.is_paused, timeout=30_000)
    monkeypatch.setattr(window, "ask_close_during_training", lambda: "keep")
    told = []
    monkeypatch.setattr(window, "tell_training_goes_on", lambda run_dir, hidden: told.append((run_dir, hidden)))
    window.close()
    qtbot.waitUntil(lambda: not panel.is_paused, timeout=30_000)  # hidden, but training again
    assert not window.isVisible() and window.trainer.is_running
    assert told == [(panel.run_dir, True)]  # the user is told that training goes on
    window.trainer.stop()
    assert window.trainer.wait(60_000)


def test_window_shortcuts_work_on_the_train_panel(window, qtbot):
    small_run(window, steps=5000)
    window.goto("train")
    start = window.findChild(QPushButton, "startButton")
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.trainer.is_running, timeout=10_000)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000):
        qtbot.keyClick(window, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)


def test_saving_the_config_to_a_folder_is_explained(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    errors = []
    monkeypatch.setattr(window.panel("hyperparameters").ctx, "show_error", lambda *a: errors.append(a))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path), ""))
    window.save_config_dialog()
    assert errors and str(tmp_path) in errors[0][1] and "folder" in errors[0][1]


def test_language_switch_retranslates(window, qtbot):
    start = window.findChild(QPushButton, "startButton")
    assert start.text() == "Start"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: start.text() != "Start", timeout=5_000)
    assert start.text() == "开始"
    assert window.nav.item(0).text() != "Environment"
    window.set_language("en")
    qtbot.waitUntil(lambda: start.text() == "Start", timeout=5_000)
    assert window.nav.item(0).text() == "Environment"


def _shown_words(widget) -> list[str]:
    """Every word a learner can read on a widget: text, title, tab names, placeholder, tooltip, accessible name."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLineEdit, QTabWidget

    out = [widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        out.append(widget.text())
    if isinstance(widget, QGroupBox):
        out.append(widget.title())
    if isinstance(widget, QTabWidget):
        out += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QLineEdit):
        out.append(widget.placeholderText())
    return out


def test_no_chinese_word_is_left_after_switching_back_to_english(window, qtbot):
    """Texts set after start-up (status lines, the LR finder's intro, rows added to the search space) follow a live
    language switch too, not only the labels set once."""
    import re

    from PySide6.QtWidgets import QWidget

    window.set_language("zh_CN")
    window.panel("search").add_row("train.lr", "1e-4", "1e-2")
    for row in range(window.nav.count()):  # every panel shown once in Chinese
        window.nav.setCurrentRow(row)
        qtbot.wait(20)
    window.set_language("en")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Environment", timeout=5_000)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    # bilingual on purpose: the augmentation help names the tutorial's Chinese terms; Qt's own tab-scroll buttons
    # are not ours to retranslate
    allowed = re.compile(r"\((随机\w+)\)")
    left = [(type(w).__name__, w.objectName(), text[:60]) for w in window.findChildren(QWidget)
            if w.objectName() not in ("ScrollLeftButton", "ScrollRightButton")
            for text in _shown_words(w) if text and cjk.search(allowed.sub("", text))]
    assert not left


def test_settings_remember_config_and_language(qtbot, qsettings, tmp_path):
    from hellotorch_gui import MainWindow

    w = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(w)
    w.state.set("train.lr", 0.0123)
    w.close()
    w2 = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(w2)
    assert w2.state.get("train.lr") == pytest.approx(0.0123)
    w2.close()


def test_excepthook_shows_and_keeps_running(window, qtbot, monkeypatch):
    import sys

    from hellotorch_gui.app import install_excepthook

    shown = []
    monkeypatch.setattr(window, "show_error", lambda *a: shown.append(a))
    old = sys.excepthook
    try:
        install_excepthook(lambda: window)
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown and "boom" in shown[0][1] and "Traceback" in shown[0][2]
    assert window.isVisible()


def test_worker_failure_is_shown(window, qtbot, tmp_path):
    cfg = cfgmod.Config()
    cfg.data.source = str(tmp_path / "missing.csv")
    window.state.replace(cfg)
    errors = []
    window.show_error = lambda *a: errors.append(a)  # noqa: E731
    window.ctx.show_error = window.show_error
    window.panel("train").ctx.show_error = window.show_error
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=60_000):
        window.panel("train")._begin(cfg, resume=None)  # bypass the Data panel's own check
    assert errors and "missing.csv" in errors[0][1]
    assert window.panel("train").run_status == "failed"


def test_data_panel_combo_exists(window):
    assert isinstance(window.findChild(QComboBox, "datasetSource"), QComboBox)


def test_recent_datasets_are_remembered(window, qtbot, reviews_csv):
    window.panel("data").set_source(str(reviews_csv))
    qtbot.waitUntil(lambda: str(reviews_csv) in window.recent_files(), timeout=10_000)
    assert [a.text() for a in window.recent_menu.actions()][0] == str(reviews_csv)


def test_generation_samples_stream_into_the_train_panel(window, qtbot, corpus_txt, monkeypatch):
    from conftest import tiny_config

    from engine.training import evaluation

    monkeypatch.setattr(evaluation, "SAMPLE_STREAM_S", 0.0)  # pass on every token
    cfg = tiny_config(corpus_txt, task="generation", arch="gpt", max_steps=6, eval_every=3)
    cfg.train.sample_prompts = "good|the"
    cfg.train.sample_max_new_tokens = 12
    window.state.replace(cfg)
    panel = window.panel("train")
    views: list[str] = []  # what the user sees, after every change
    panel.samples.textChanged.connect(lambda: views.append(panel.samples.toPlainText()))
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000) as blocker:
        panel._begin(cfg, resume=None)
    assert blocker.args[0]["status"] == "finished"
    growing = [v.splitlines()[-1] for v in views if v.endswith(" ▌")]
    assert len(growing) >= 3, views  # unfinished samples were shown while they were written
    assert growing[0].startswith("[3] ")
    lines = panel.samples.toPlainText().splitlines()
    assert len(lines) == 4 and all("→" in line and "▌" not in line for line in lines)  # 2 prompts x 2 evals
    assert [line.split(" → ")[0] for line in lines] == ["[3] good", "[3] the", "[6] good", "[6] the"]


def test_the_window_fits_a_laptop_screen(window):
    assert window.minimumSizeHint().width() <= 1280  # every panel, not just the visible one
