"""The Train panel shows the window's current run, never what it happened to show before (issue 17, items 1, 2
and 5): a failed start names the run that failed, a task switch does not relabel another run's curves, and a run
stopped when the window closed (or killed) is resumed from the next window."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shown_panel, tiny_config
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from engine import config as cfgmod
from hellotorch_gui.panels.train import TrainPanel

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, TrainPanel)


def one_class_csv(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows([(f"a fine film number {i}", "pos") for i in range(60)])
    return path


def title(plot) -> str:
    return plot.plotItem.titleLabel.text


def test_a_failed_start_names_the_run_that_failed_and_resets_the_progress(qtbot, app_ctx, panel, reviews_csv,
                                                                          tmp_path):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=6, eval_every=3))
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    first = panel.run_dir
    assert panel.progress.text().startswith("6 / 6")

    app_ctx.state.replace(tiny_config(one_class_csv(tmp_path / "one.csv"), max_steps=6))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    failed = [str(p) for p in (tmp_path / "runs").iterdir() if str(p) != first]
    assert len(failed) == 1  # the failed start made its own folder
    status = panel.status_label.text()
    named = re.findall(r"\S*runs/\S+?(?=[\s)]|$)", status)  # the folders the status names
    assert status.startswith("Failed") and named == [failed[0]]  # (both may start in one second: -1 suffix)
    assert "6 / 6" not in panel.progress.text() and panel.progress.value() <= 0
    assert panel.eta_label.text() == "" and panel.speed_label.text() == ""
    assert app_ctx.state.current_run == failed[0]
    assert "only one class" in app_ctx.errors[-1][1]
    assert panel.loss_plot.point_count() == 0  # the earlier run's curves are gone too


def test_a_start_that_fails_before_making_a_folder_says_no_run_was_made(qtbot, app_ctx, panel, reviews_csv,
                                                                         tmp_path):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=6, eval_every=3))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    first = panel.run_dir
    cfg = tiny_config(reviews_csv, max_steps=6)
    cfg.train.device = "cuda:7"  # no such GPU here: refused before any folder is made
    app_ctx.state.replace(cfg)
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    assert [str(p) for p in (tmp_path / "runs").iterdir()] == [first]
    status = panel.status_label.text()
    assert status.startswith("Failed") and "no run was created" in status and first not in status
    assert app_ctx.state.current_run == ""
    assert not panel.continue_button.isEnabled() and not panel.resume_button.isEnabled()


def test_switching_the_task_keeps_the_runs_own_labels(window, qtbot, corpus_txt):
    cfg = tiny_config(corpus_txt, task="generation", arch="gpt", max_steps=4, eval_every=2)
    cfg.train.sample_max_new_tokens = 4
    window.state.replace(cfg)
    window.goto("train")
    panel = window.panel("train")
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    points = panel.metric_plot.point_count("metric")
    assert points > 0 and title(panel.metric_plot) == "Validation perplexity" and panel.samples_box.isVisible()

    combo = window.findChild(QComboBox, "taskCombo")  # the user picks Classification
    combo.setCurrentIndex(combo.findData("classification"))
    assert window.state.config.task == "classification"
    assert title(panel.metric_plot) == "Validation perplexity"  # the GPT's curves keep the GPT's labels
    assert panel.metric_plot.getAxis("left").labelText == "perplexity"
    assert panel.curves.legend_texts(panel.metric_plot) == ["perplexity"]
    assert panel.metric_plot.point_count("metric") == points and panel.samples_box.isVisible()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_killed_run_is_resumed_from_the_panel_to_its_planned_steps(qtbot, app_ctx, panel, reviews_csv):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=8, eval_every=4))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    run = Path(panel.run_dir)
    # The same folder as a process killed after its checkpoint at step 8 of the 14 it planned would leave it.
    cfg = cfgmod.from_dict(cfgmod.load_yaml(run / "config.yaml"))
    cfg.train.max_steps = 14
    cfgmod.save_config(cfg, run / "config.yaml")
    (run / "summary.json").unlink()
    (run / "status.json").write_text(json.dumps({"status": "running", "pid": _dead_pid(), "step": 9,
                                                 "total_steps": 14, "updated": 0}))
    with open(run / "metrics.jsonl", "a", encoding="utf-8") as fh:  # logged after the checkpoint, then killed
        fh.write(json.dumps({"step": 9, "split": "train", "loss": 0.5, "lr": 0.003}) + "\n")

    app_ctx.state.set_current_run("")
    app_ctx.state.set_current_run(str(run))  # e.g. Runs → Open
    qtbot.waitUntil(lambda: panel.run_status == "failed" and panel.resume_button.isEnabled(), timeout=30_000)
    assert "ended without finishing" in panel.status_label.text() and str(run) in panel.status_label.text()
    assert panel.progress.text().startswith("9 / 14") and panel.loss_plot.point_count("train") == 9
    assert panel.continue_button.isEnabled()
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as blocker:
        qtbot.mouseClick(panel.resume_button, LEFT)
    assert blocker.args[0]["status"] == "finished" and blocker.args[0]["steps"] == 14
    assert panel.status_label.text().startswith(f"Finished — {run}")
    assert panel.progress.text().startswith("14 / 14")
    steps = panel.loss_plot.values("train")[0].tolist()
    assert steps == list(range(1, 15))  # the killed run's extra step 9 went; 9..14 came from the resumed run
    assert not panel.resume_button.isEnabled() and panel.continue_button.isEnabled()


def test_a_run_stopped_when_the_window_closed_is_resumed_in_the_next_window(qtbot, qsettings, tmp_path,
                                                                            reviews_csv, monkeypatch):
    from hellotorch_gui import MainWindow

    first = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(first)
    first.show()
    first.state.replace(tiny_config(reviews_csv, max_steps=100_000, eval_every=50, log_every=2))
    train = first.panel("train")
    qtbot.waitUntil(train.start_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(train.start_button, LEFT)
    qtbot.waitUntil(lambda: train.loss_plot.point_count("train") > 3, timeout=60_000)
    run_dir = train.run_dir
    monkeypatch.setattr(first, "ask_close_during_training", lambda: "stop")
    first.close()  # "Stop and save a checkpoint"
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=120_000)
    stopped = json.loads((Path(run_dir) / "summary.json").read_text())["steps"]

    second = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(second)
    second.show()
    try:
        second.goto("train")
        again = second.panel("train")
        resume = second.findChild(QPushButton, "resumeRunButton")
        qtbot.waitUntil(lambda: again.run_dir == run_dir and resume.isEnabled(), timeout=30_000)
        assert second.state.current_run == run_dir
        assert again.status_label.text().startswith(f"Stopped — {run_dir}")
        assert again.progress.text().startswith(f"{stopped} / 100000")
        assert again.loss_plot.point_count("train") >= stopped // 2  # its curves, from metrics.jsonl
        qtbot.mouseClick(resume, LEFT)
        qtbot.waitUntil(lambda: again.progress.value() > stopped + 4, timeout=60_000)
        assert again.run_dir == run_dir and again.status_label.text().startswith("Training")
        with qtbot.waitSignal(second.trainer.jobFinished, timeout=120_000) as blocker:
            qtbot.mouseClick(again.stop_button, LEFT)
        assert blocker.args[0]["status"] == "stopped" and blocker.args[0]["steps"] > stopped + 4
        assert blocker.args[0]["run_dir"] == run_dir
    finally:
        second.trainer.stop("test teardown")
        second.trainer.wait(60_000)
        second.tasks.shutdown(30_000)
        first.tasks.shutdown(30_000)


def test_startup_on_an_empty_runs_folder_shows_ready(qtbot, app_ctx, panel):
    qtbot.waitUntil(lambda: not app_ctx.tasks.running(), timeout=30_000)
    assert panel.status_label.text() == "Ready — no run yet" and app_ctx.state.current_run == ""
    assert not panel.resume_button.isEnabled() and not panel.continue_button.isEnabled()
    assert panel.resume_button.objectName() == "resumeRunButton"
    assert panel.resume_button.toolTip() and panel.resume_button.accessibleName()


def test_a_continue_on_changed_data_is_refused_and_the_panel_shows_the_run_as_it_was(qtbot, app_ctx, panel,
                                                                                      reviews_csv):
    """The engine refuses a resume whose data file changed and leaves the run as it was; the panel said 'Failed'
    with 'no steps trained' about a finished run until the window was restarted."""
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=6, eval_every=3))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.start_button, LEFT)
    run = panel.run_dir
    qtbot.waitUntil(lambda: panel.continue_button.isEnabled(), timeout=30_000)
    reviews_csv.write_text(reviews_csv.read_text(encoding="utf-8") + "one more wonderful film,pos\n",
                           encoding="utf-8")
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        qtbot.mouseClick(panel.continue_button, LEFT)
    assert any("has changed since the run began" in e[1] for e in app_ctx.errors)
    qtbot.waitUntil(lambda: panel.status_label.text().startswith(f"Finished — {run}"), timeout=30_000)
    assert panel.progress.text().startswith("6 / 6") and panel.continue_button.isEnabled()
    assert json.loads((Path(run) / "status.json").read_text())["status"] == "finished"
