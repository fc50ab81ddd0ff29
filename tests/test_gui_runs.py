"""Runs panel: lists fake run folders with statuses, overlays curves, shows config differences."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView, QTableWidget

from engine import config as cfgmod
from engine.io import append_jsonl, atomic_write_json
from hellotorch_gui.panels.runs import RunsPanel, format_duration
from conftest import settle, shown_panel


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def make_run(root: Path, name: str, status: str, *, lr: float = 1e-3, task: str = "classification",
             arch: str = "textcnn", pid: int | None = None, summary: dict | None = None, steps: int = 10,
             factor: float = 1.0) -> str:
    """A run folder as the training loop writes it: config, status, metrics and (when ended) summary."""
    d = root / name
    d.mkdir(parents=True)
    cfg = cfgmod.Config()
    cfg.task, cfg.model.arch, cfg.train.lr, cfg.data.source = task, arch, lr, "/data/reviews.csv"
    cfgmod.save_config(cfg, d / "config.yaml")
    atomic_write_json(d / "status.json", {"status": status, "pid": pid or os.getpid(), "updated": 0.0,
                                          "task": task, "arch": arch, "data": cfg.data.source})
    metric = "accuracy" if task == "classification" else "perplexity"
    for step in range(1, steps + 1):
        append_jsonl(d / "metrics.jsonl", {"step": step, "epoch": step / steps, "split": "train",
                                           "loss": 2.0 * factor / step, "lr": lr, "time": 0.0})
        if step % 5 == 0:
            append_jsonl(d / "metrics.jsonl", {"step": step, "split": "val", "loss": 1.5 * factor / step,
                                               metric: 0.5 + step / 40 / factor if metric == "accuracy"
                                               else 30.0 * factor / step})
    if summary is not None:
        atomic_write_json(d / "summary.json", dict({"status": status, "task": task, "arch": arch,
                                                    "data": cfg.data.source}, **summary))
    return str(d)


@pytest.fixture
def runs(app_ctx):
    root = Path(app_ctx.state.runs_dir)
    return {
        "a": make_run(root, "20250101-100000-textcnn", "finished", lr=1e-3,
                      summary={"best_metric": 0.75, "monitor": "accuracy", "duration_s": 3725.2,
                               "test": {"accuracy": 0.7, "loss": 0.6}}),
        "b": make_run(root, "20250102-100000-lstm", "stopped", lr=3e-4, arch="lstm", factor=1.3,
                      summary={"best_metric": 0.625, "monitor": "accuracy", "duration_s": 61.0, "test": {}}),
        "c": make_run(root, "20250103-100000-gpt", "running", task="generation", arch="gpt", pid=_dead_pid()),
        "d": make_run(root, "20250104-100000-textcnn-live", "running", pid=os.getpid(), steps=5),
    }


@pytest.fixture
def panel(qtbot, app_ctx, runs):
    yield from shown_panel(qtbot, app_ctx, RunsPanel)


def _cell(panel: RunsPanel, run_dir: str, col: str) -> str:
    row = panel.model.row_of(run_dir)
    return panel.model.data(panel.model.index(row, panel.model.COLUMNS.index(col)))


def test_table_lists_runs_with_statuses(panel, runs):
    assert panel.key == "runs" and panel.nav_title() == "Runs"
    for name, cls in [("runsTable", QTableView), ("refreshRunsButton", QPushButton),
                      ("openInEvaluateButton", QPushButton), ("openRunFolderButton", QPushButton),
                      ("configDiffTable", QTableWidget)]:
        w = panel.findChild(cls, name)
        assert w is not None and w.toolTip() and w.accessibleName(), name
    assert panel.findChild(object, "runCurvesPlot") is panel.curves_plot
    assert panel.findChild(object, "runMetricPlot") is panel.metric_plot
    assert panel.proxy.rowCount() == 4
    assert _cell(panel, runs["a"], "status") == "finished"
    assert _cell(panel, runs["b"], "status") == "stopped"
    assert _cell(panel, runs["c"], "status") == "failed"  # 'running' but its process is gone
    assert _cell(panel, runs["d"], "status") == "running"
    assert _cell(panel, runs["a"], "best") == "accuracy 0.75"
    assert _cell(panel, runs["a"], "test") == "accuracy 0.7"
    assert _cell(panel, runs["a"], "duration") == "1:02:05"
    assert _cell(panel, runs["b"], "arch") == "lstm"
    assert _cell(panel, runs["c"], "task") == "generation"
    assert _cell(panel, runs["a"], "data") == "reviews.csv"
    assert "4 run(s)" in panel.summary.text()
    assert not panel.evaluate_button.isEnabled()


def test_table_sorts_by_duration_and_name(panel, runs):
    header = panel.table.horizontalHeader()
    first = panel.proxy.index(0, 0).data()
    assert first == "20250104-100000-textcnn-live"  # newest first by default
    panel.table.sortByColumn(panel.model.COLUMNS.index("duration"), Qt.SortOrder.DescendingOrder)
    assert panel.proxy.index(0, 0).data() == "20250101-100000-textcnn"
    assert panel.proxy.index(1, 0).data() == "20250102-100000-lstm"
    assert header.sortIndicatorSection() == panel.model.COLUMNS.index("duration")


def test_selecting_two_runs_overlays_curves_and_diffs_configs(qtbot, panel, runs):
    panel.select_runs([runs["a"], runs["b"]])
    plot = panel.curves_plot
    qtbot.waitUntil(lambda: all(plot.point_count(f"train:{runs[k]}") > 0 for k in "ab"), timeout=30_000)
    for k in "ab":
        assert plot.point_count(f"train:{runs[k]}") == 10
        assert plot.point_count(f"val:{runs[k]}") == 2
        assert panel.metric_plot.point_count(f"metric:{runs[k]}") == 2
    legend = [label.text for _, label in plot.legend.items]
    assert sorted(legend) == ["20250101-100000-textcnn", "20250102-100000-lstm"]  # one entry (colour) per run
    pens = [plot.curves[f"train:{runs[k]}"].opts["pen"].color().name() for k in "ab"]
    assert pens[0] != pens[1]
    panel.retranslate()  # a language change redraws the legend texts and keeps the points
    assert all(plot.point_count(f"train:{runs[k]}") == 10 for k in "ab")

    table = panel.diff_table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=60_000)
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "train.lr" in keys and "model.arch" in keys and "data.source" not in keys
    row = keys.index("train.lr")
    by_run = {table.horizontalHeaderItem(c).text(): table.item(row, c).text() for c in (1, 2)}
    assert by_run == {"20250101-100000-textcnn": "0.001", "20250102-100000-lstm": "0.0003"}
    assert table.horizontalHeaderItem(0).text() == "Key"
    assert not panel.evaluate_button.isEnabled()  # evaluate needs exactly one run


def test_runs_of_both_tasks_share_the_loss_plot_but_not_the_metric_axis(qtbot, panel, runs):
    panel.select_runs([runs["a"], runs["b"], runs["c"]])  # two classification runs and a generation run
    qtbot.waitUntil(lambda: all(panel.curves_plot.point_count(f"train:{runs[k]}") > 0 for k in "abc"),
                    timeout=30_000)
    assert panel.metric_plot.point_count(f"metric:{runs['a']}") == 2
    assert panel.metric_plot.point_count(f"metric:{runs['b']}") == 2
    assert f"metric:{runs['c']}" not in panel.metric_plot.curves  # perplexity stays off the accuracy axis
    assert "accuracy" in panel.metric_plot.plotItem.titleLabel.text.lower()
    assert "left out: 20250103-100000-gpt" in panel.curves_hint.text()


def test_single_run_shows_loss_and_perplexity_and_whole_config(qtbot, panel, runs):
    panel.select_runs([runs["c"]])
    qtbot.waitUntil(lambda: panel.metric_plot.point_count(f"metric:{runs['c']}") == 2, timeout=30_000)
    assert panel.curves_plot.point_count(f"train:{runs['c']}") == 10
    assert "perplexity" in panel.metric_plot.plotItem.titleLabel.text.lower()
    qtbot.waitUntil(lambda: panel.diff_table.rowCount() == len(cfgmod.field_specs()), timeout=60_000)
    assert panel.evaluate_button.isEnabled()


def test_open_in_evaluate_and_open_folder(qtbot, panel, runs, app_ctx):
    panel.select_runs([runs["b"]])
    with qtbot.waitSignal(app_ctx.state.runSelected, timeout=5_000) as blocker:
        qtbot.mouseClick(panel.evaluate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [runs["b"]]
    assert app_ctx.visited == ["evaluate"]
    opened = []
    panel._open_url = lambda url: opened.append(url.toLocalFile()) or True
    qtbot.mouseClick(panel.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [runs["b"]]
    panel.select_runs([])
    qtbot.mouseClick(panel.folder_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == app_ctx.state.runs_dir
    qtbot.waitUntil(lambda: panel.diff_table.rowCount() == 0, timeout=30_000)


def test_refresh_on_run_finished_keeps_selection(qtbot, panel, runs, app_ctx):
    panel.select_runs([runs["a"]])
    new = make_run(Path(app_ctx.state.runs_dir), "20250105-100000-gru", "finished", arch="gru",
                   summary={"best_metric": 0.9, "monitor": "accuracy", "duration_s": 5.0, "test": {}})
    app_ctx.state.runFinished.emit(new)
    assert panel.proxy.rowCount() == 5
    assert panel.selected_run_dirs() == [runs["a"]]
    assert panel.timer.isActive() and panel.timer.interval() <= 5_000
    qtbot.waitUntil(lambda: panel.diff_table.rowCount() > 0, timeout=60_000)


def test_empty_runs_folder_says_so(qtbot, app_ctx):
    p = RunsPanel(app_ctx)
    qtbot.addWidget(p)
    assert p.proxy.rowCount() == 0 and "No runs yet" in p.summary.text()
    p.shutdown()


def test_format_duration():
    assert format_duration(None) == ""
    assert format_duration(59.6) == "0:01:00"
    assert format_duration(36000) == "10:00:00"


def test_live_run_curves_grow_on_refresh(qtbot, panel, runs):
    panel.select_runs([runs["d"]])
    plot = panel.curves_plot
    qtbot.waitUntil(lambda: plot.point_count(f"train:{runs['d']}") == 5, timeout=30_000)
    # Let the config task deliver first: TaskRunner drops a finished job's undelivered result when another
    # task starts (bridge race, reported), and the refresh below starts one.
    qtbot.waitUntil(lambda: panel.diff_table.rowCount() > 0, timeout=60_000)
    curve = plot.curves[f"train:{runs['d']}"]
    append_jsonl(Path(runs["d"]) / "metrics.jsonl", {"step": 6, "split": "train", "loss": 0.1})
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: plot.point_count(f"train:{runs['d']}") == 6, timeout=30_000)
    assert plot.curves[f"train:{runs['d']}"] is curve  # updated in place, not rebuilt


def test_rename_tag_annotate_and_delete(qtbot, panel, runs, monkeypatch):
    answers = iter(["Baseline CNN", "cnn, baseline", "lr too high?"])
    monkeypatch.setattr(panel, "_ask_text", lambda *a: next(answers))
    panel.select_runs([runs["a"]])
    assert panel.rename_button.isEnabled() and panel.delete_button.isEnabled()
    panel.rename_run()
    panel.tag_runs()
    panel.annotate_run()
    qtbot.waitUntil(lambda: _cell(panel, runs["a"], "name") == "Baseline CNN", timeout=10_000)
    assert _cell(panel, runs["a"], "tags") == "baseline, cnn"
    row = panel.model.row_of(runs["a"])
    tip = panel.model.data(panel.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("lr too high?") and Path(runs["a"]).name == "20250101-100000-textcnn"  # folder kept
    # a live run cannot be deleted; deleting asks first, and "no" keeps the folder
    panel.select_runs([runs["d"]])
    assert not panel.delete_button.isEnabled()
    panel.select_runs([runs["b"]])
    monkeypatch.setattr(panel, "_confirm", lambda *a: False)
    panel.delete_runs()
    assert Path(runs["b"]).is_dir()
    monkeypatch.setattr(panel, "_confirm", lambda *a: True)
    app_ctx = panel.ctx
    app_ctx.state.set_current_run(runs["b"])
    deleted = []
    app_ctx.state.runsDeleted.connect(deleted.append)
    panel.delete_runs()
    assert not Path(runs["b"]).exists()
    qtbot.waitUntil(lambda: panel.model.row_of(runs["b"]) == -1, timeout=10_000)
    # the deleted run was the current one: no panel goes on offering it (Train, Evaluate and Playground follow)
    assert app_ctx.state.current_run == "" and deleted == [[runs["b"]]]


def test_tensorboard_serves_a_run_on_a_free_port(qtbot, tmp_path, reviews_csv, monkeypatch):
    pytest.importorskip("tensorboard")
    import socket

    from conftest import tiny_config

    from engine import tensorboard
    from engine.errors import ConfigError
    from engine.training import train

    run = train(tiny_config(reviews_csv, max_steps=4), runs_dir=tmp_path / "runs")  # event files by default
    assert list((Path(run.run_dir) / "tensorboard").glob("events.out.tfevents.*"))
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    taken = blocker.getsockname()[1]
    blocker.listen()
    try:
        assert not tensorboard.port_free(taken) and tensorboard.free_port(taken) != taken  # in use: skipped
        proc, url = tensorboard.start(Path(run.run_dir) / "tensorboard", port=taken)
        try:
            assert url.startswith("http://127.0.0.1:") and f":{taken}/" not in url
        finally:
            proc.terminate()
            proc.wait(30)
    finally:
        blocker.close()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ConfigError, match="no TensorBoard event files"):
        tensorboard.start(empty)


def test_damaged_run_files_do_not_break_the_list(qtbot, app_ctx, runs, tmp_path):
    from engine.runs import list_runs
    from hellotorch_gui.main_window import MainWindow

    root = Path(app_ctx.state.runs_dir)
    odd = make_run(root, "20250105-100000-odd", "finished")
    Path(odd, "summary.json").write_text('{"best_metric": "abc", "duration_s": "x", "test": [1], "task": {}}')
    lst = make_run(root, "20250106-100000-list", "finished")
    Path(lst, "summary.json").write_text("[]")
    Path(lst, "user.json").write_bytes(b"\xff\xfe not json")
    pid = make_run(root, "20250107-100000-pid", "running")
    Path(pid, "status.json").write_text('{"status": "running", "pid": "abc"}')
    listed = {r["name"]: r for r in list_runs(root)}
    assert listed["20250105-100000-odd"]["best_metric"] is None and listed["20250105-100000-odd"]["test"] == {}
    assert listed["20250107-100000-pid"]["status"] == "failed"
    panel = RunsPanel(app_ctx)  # builds and sorts every column without an exception escaping into Qt
    qtbot.addWidget(panel)
    panel.show()
    for col in range(len(panel.model.COLUMNS)):
        panel.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert panel.model.rowCount() == 7
    window = MainWindow(settings=app_ctx.settings, runs_dir=str(root))  # the whole app starts too
    qtbot.addWidget(window)
    window.trainer.stop("test teardown")
    window.tasks.shutdown(30_000)
    panel.shutdown()
    settle(qtbot, app_ctx)
