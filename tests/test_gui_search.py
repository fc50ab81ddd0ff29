"""Search panel under pytest-qt: a small grid search runs live, the best config comes back, Stop works, and a bad
space is explained."""
from __future__ import annotations

from conftest import tiny_config

from hellotorch_gui.panels.search import space_from_rows


def _panel(window, reviews_csv, **train):
    window.state.replace(tiny_config(reviews_csv, max_steps=8, eval_every=4, log_every=2, **train))
    window.goto("search")
    panel = window.panel("search")
    panel.space_table.setRowCount(0)
    return panel


def test_grid_search_fills_the_table_plots_and_best_config(window, qtbot, reviews_csv):
    panel = _panel(window, reviews_csv)
    panel.add_row("train.lr", choices="0.001, 0.01")
    panel.add_row("model.embed_dim", low="8", high="16", step="8")
    panel.method_combo.setCurrentIndex(panel.method_combo.findData("grid"))
    panel.trials_spin.setValue(10)
    panel.start()
    assert panel.is_running and not panel.start_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=240_000)
    assert panel.trials_table.rowCount() == 4
    assert {panel.trials_table.item(r, 1).text() for r in range(4)} == {"complete"}
    assert panel.history_plot.point_count("trial") == 4 and panel.history_plot.point_count("best") == 4
    assert panel.trial_plot.point_count("loss") > 0  # the running trial's curve was drawn
    assert "Search done" in panel.status.text() and panel.best_button.isEnabled()
    panel.use_best()
    best = panel.best["params"]
    assert window.state.config.train.lr == best["train.lr"]
    assert window.state.config.model.embed_dim == best["model.embed_dim"]


def test_stop_and_bad_space(window, qtbot, reviews_csv, monkeypatch):
    panel = _panel(window, reviews_csv)
    errors = []
    monkeypatch.setattr(panel.ctx, "show_error", lambda *a: errors.append(a))
    panel.add_row("train.lr", low="0.1", high="0.01")  # low above high
    panel.start()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=60_000)
    assert errors and "must be below" in errors[0][1]
    panel.space_table.setRowCount(0)
    panel.add_row("train.lr", low="1e-4", high="1e-2", log="yes")
    window.state.replace(tiny_config(reviews_csv, max_steps=100_000, eval_every=50))
    panel.trials_spin.setValue(50)
    panel.start()
    qtbot.waitUntil(lambda: panel.trial_plot.point_count("loss") > 2, timeout=120_000)
    panel.stop()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=120_000)
    assert panel.trials_table.rowCount() <= 2 and panel.start_button.isEnabled()


def test_space_rows_become_the_yaml_space():
    space = space_from_rows([["train.lr", "1e-4", "1e-2", "yes", "", ""], ["model.arch", "", "", "", "",
                                                                          "textcnn, gru"],
                             ["train.batch_size", "", "", "", "", "16, 32"]])
    assert space == {"train.lr": {"low": 1e-4, "high": 1e-2, "log": True},
                     "model.arch": {"choices": ["textcnn", "gru"]}, "train.batch_size": {"choices": [16, 32]}}


def test_the_panel_renders_and_reports_its_metrics(window, qtbot):
    # an attribute named `metric` once hid QWidget.metric(), which Qt calls to paint: grab() crashed
    window.goto("search")
    panel = window.panel("search")
    assert not panel.grab().isNull() and panel.logicalDpiX() > 0


def test_search_folder_that_cannot_be_made_is_explained(window, qtbot, tmp_path, monkeypatch):
    blocker = tmp_path / "runs-file"
    blocker.write_text("x")
    window.state.runs_dir = str(blocker)
    errors = []
    monkeypatch.setattr(window.panel("search").ctx, "show_error", lambda *a: errors.append(a))
    window.goto("search")
    window.panel("search").start()
    assert errors and "runs-file" in errors[0][1]


def test_why_trials_failed_is_shown(window, qtbot, reviews_csv, tmp_path):
    panel = _panel(window, reviews_csv)
    cfg = tiny_config(tmp_path / "missing.csv", max_steps=2)
    window.state.replace(cfg)
    panel.space_table.setRowCount(0)
    panel.add_row("train.lr", low="1e-4", high="1e-2", log="yes")
    panel.trials_spin.setValue(1)
    panel.start()
    qtbot.waitUntil(lambda: not panel.is_running and panel.trials_table.rowCount() == 1, timeout=120_000)
    assert "missing.csv" in panel.trials_table.item(0, 1).toolTip()
    assert "Last failure" in panel.status.text() and "missing.csv" in panel.status.text()
