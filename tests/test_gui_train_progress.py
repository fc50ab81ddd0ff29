"""What the Train panel says about a run's progress is true (issue 17, items 7 and 10 and the frictions): rate and
ETA at the run's own pace, total/total at the end, "Paused" without a stale ETA, which setting limits the run,
the test split being scored after Stop, every text in Chinese, a log that shows more than 4 lines."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import shown_panel, tiny_config
from PySide6.QtCore import Qt

from engine import config as cfgmod
from engine.runs import write_status
from hellotorch_gui import i18n
from hellotorch_gui.panels.train import TrainPanel

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, TrainPanel)


@pytest.fixture
def chinese(qapp):
    yield
    i18n.install("en")


def followed_run(app_ctx, tmp_path) -> Path:
    """A run folder as a training process in its own process writes it (this test's pid: alive): 1500 steps of
    16 examples; the loop logged 2534 samples/s (its pure step rate) but with evaluations and checkpoints it
    needs 30.27 s for the 1400 steps left, i.e. 46.25 steps or 740 examples a second."""
    run = tmp_path / "runs" / "20250101-000000-textcnn"
    run.mkdir(parents=True)
    cfg = tiny_config(tmp_path / "reviews.csv", max_steps=1500)
    cfg.train.batch_size = 16
    cfgmod.save_config(cfg, run / "config.yaml")
    with open(run / "metrics.jsonl", "w", encoding="utf-8") as fh:
        for step in range(10, 101, 10):
            fh.write(json.dumps({"step": step, "split": "train", "loss": 1.0 / step, "lr": 0.003,
                                 "samples_per_s": 2534.0, "time": 1.0e9 + step}) + "\n")
    write_status(run, "running", step=100, total_steps=1500, epoch=0, eta_s=1400 / 46.25, elapsed_s=30.0)
    app_ctx.state.set_current_run(str(run))  # e.g. Runs → Open on a live run: the panel follows it
    return run


def test_a_followed_run_shows_its_own_pace_pause_and_end(qtbot, app_ctx, panel, tmp_path):
    run = followed_run(app_ctx, tmp_path)
    qtbot.waitUntil(lambda: app_ctx.trainer.is_detached and panel.speed_label.text() != "", timeout=30_000)
    assert panel.speed_label.text() == "740 samples/s"  # not the 2534 of the last row
    assert panel.eta_label.text() == "ETA 0:00:30"
    assert panel.progress.text() == "100 / 1500 steps (max steps) · epoch 1"
    assert panel.loss_plot.point_count("train") == 10 and panel.status_label.text() == f"Training — {run}"

    write_status(run, "running", step=1450, total_steps=1500, epoch=3, eta_s=50 / 46.25, elapsed_s=60.0)
    qtbot.waitUntil(lambda: panel.progress.value() == 1450, timeout=10_000)
    assert panel.eta_label.text() == "ETA 0:00:01" and panel.speed_label.text() == "740 samples/s"

    write_status(run, "paused", step=1450, total_steps=1500)
    qtbot.waitUntil(lambda: panel.is_paused, timeout=10_000)
    assert panel.eta_label.text() == "Paused" and panel.speed_label.text() == ""  # no stale ETA or rate
    assert panel.status_label.text() == f"Paused — {run}"

    (run / "summary.json").write_text(json.dumps({"status": "finished", "run_dir": str(run), "steps": 1500,
                                                  "total_steps": 1500, "samples_seen": 24000,
                                                  "duration_s": 32.0}))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=10_000):
        write_status(run, "finished", step=1500, total_steps=1500)
    assert panel.progress.text() == "1500 / 1500 steps (max steps) · epoch 4"  # not 1450 / 1500
    assert panel.status_label.text() == f"Finished — {run}"
    assert panel.speed_label.text() == "750 samples/s on average" and panel.eta_label.text() == "Took 0:00:32"
    assert panel.continue_button.isEnabled() is False  # no checkpoint in this folder


def test_the_progress_says_which_setting_limits_the_run(qtbot, app_ctx, panel, reviews_csv):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=5, eval_every=5))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    assert panel.progress.text() == "5 / 5 steps (max steps) · epoch 1"
    assert "Max steps (5) limits this run" in panel.progress.toolTip()

    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=0, epochs=2, eval_every=0))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.start_button, LEFT)
    total = blocker.args[0]["total_steps"]
    assert panel.progress.text() == f"{total} / {total} steps · epoch 2 of 2"
    assert f"Epochs (2) limit this run: {total} optimizer steps" in panel.progress.toolTip()

    # train.epochs auto: the window's config says auto (0); the run resolves it and the bar counts its passes
    from engine import config as cfgmod

    cfg = tiny_config(reviews_csv, max_steps=0, eval_every=0)
    cfg.train.epochs = cfgmod.AUTO
    app_ctx.state.replace(cfg)
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.start_button, LEFT)
    total, epochs = blocker.args[0]["total_steps"], cfgmod.EPOCHS_MAX_AUTO  # a few texts: the most passes
    assert panel.progress.text() == f"{total} / {total} steps · epoch {epochs} of {epochs}"
    assert f"Epochs ({epochs}) limit this run: {total} optimizer steps" in panel.progress.toolTip()


def test_stop_shows_the_test_split_being_scored(qtbot, app_ctx, panel, reviews_csv, monkeypatch):
    from engine.training import loop

    release = threading.Event()
    score = loop.evaluate_split

    def slow_test_split(ctx, split, final=False):
        if split == "test":
            release.wait(60)  # the user waits here: 8-24 s on a real dataset
        return score(ctx, split, final)

    monkeypatch.setattr(loop, "evaluate_split", slow_test_split)
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=100_000, eval_every=0, log_every=2))
    qtbot.mouseClick(panel.start_button, LEFT)
    qtbot.waitUntil(lambda: panel.loss_plot.point_count("train") > 2, timeout=60_000)
    qtbot.mouseClick(panel.stop_button, LEFT)
    try:
        qtbot.waitUntil(lambda: panel.eta_label.text() == "Scoring the test split …", timeout=30_000)
        assert panel.progress.maximum() == 0  # busy: no step to count
        assert panel.status_label.text().startswith("Scoring the test split — ")
        assert panel.speed_label.text() == ""
    finally:
        release.set()
    qtbot.waitUntil(lambda: not app_ctx.trainer.is_running, timeout=60_000)
    assert panel.status_label.text().startswith("Stopped — ") and panel.progress.maximum() == 100_000


def test_every_progress_text_is_translated(qtbot, app_ctx, panel, tmp_path, chinese):
    run = followed_run(app_ctx, tmp_path)
    qtbot.waitUntil(lambda: panel.speed_label.text() != "", timeout=30_000)
    assert i18n.install("zh_CN")
    qtbot.waitUntil(lambda: panel.start_button.text() == "开始", timeout=5_000)
    texts = [panel.progress.text(), panel.eta_label.text(), panel.speed_label.text(), panel.status_label.text()]
    for word in ("ETA", "samples/s", "epoch", "steps", "Training"):
        assert not any(word in t for t in texts), (word, texts)
    assert panel.speed_label.text() == "740 样本/秒" and panel.eta_label.text() == "剩余 0:00:30"
    assert panel.curves.legend_texts(panel.lr_plot) == ["学习率"]
    for plot in panel.curves.plots:  # upright Chinese axis titles, above the axis
        assert plot.y_title_upright() and not plot.getAxis("left").label.isVisible()
    write_status(run, "paused", step=100, total_steps=1500)
    qtbot.waitUntil(lambda: panel.is_paused, timeout=10_000)
    assert panel.eta_label.text() != "Paused" and panel.pause_button.text() != "Resume"
    assert i18n.install("en")
    qtbot.waitUntil(lambda: panel.eta_label.text() == "Paused", timeout=5_000)
    assert not panel.loss_plot.y_title_upright() and panel.loss_plot.getAxis("left").label.isVisible()


def test_the_log_shows_many_lines_and_its_size_is_remembered(qtbot, app_ctx, panel):
    lines = panel.log.height() / panel.log.fontMetrics().lineSpacing()
    assert lines >= 8, lines
    splitter = panel.splitter
    assert splitter.objectName() == "trainSplitter" and splitter.indexOf(panel.log_box) == 1
    total = sum(splitter.sizes())
    splitter.moveSplitter(total // 2, 1)  # what dragging the bar does
    qtbot.waitUntil(lambda: abs(splitter.sizes()[1] - total // 2) < 40, timeout=5_000)
    again = TrainPanel(app_ctx)  # the next window
    qtbot.addWidget(again)
    again.resize(panel.size())
    again.show()
    qtbot.waitUntil(lambda: abs(again.splitter.sizes()[1] - splitter.sizes()[1]) < 40, timeout=5_000)
    again.shutdown()


def test_closing_notice_says_what_goes_on(qtbot, app_ctx, panel, tmp_path):
    assert panel.closing_notice() == ""
    run = followed_run(app_ctx, tmp_path)
    qtbot.waitUntil(lambda: app_ctx.trainer.is_detached, timeout=30_000)
    notice = panel.closing_notice()
    assert "goes on in its own process" in notice and str(run) in notice


def test_the_engines_stop_reasons_read_in_chinese(qtbot, panel, chinese):
    assert i18n.install("zh_CN")
    qtbot.waitUntil(lambda: panel.start_button.text() == "开始", timeout=5_000)
    said = panel.texts.stop_reason
    assert said("stopped by the user") == "用户停止" and said("stopped by SIGTERM").startswith("被终止信号")
    early = said("early stopping: validation accuracy did not improve for 3 evaluations")
    assert early == "提前停止：验证集 accuracy 连续 3 次评估没有提升"
    assert said("something new") == "something new"  # an unknown reason stays as the engine wrote it
