"""The Playground panel under pytest-qt: export with progress, versions, predict-as-you-type, compare with
PyTorch, batch prediction, streamed generation with Stop, and a bad folder."""
from __future__ import annotations

import pytest
from conftest import tiny_config
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from engine.training import train


def _panel(window, qtbot):
    window.goto("playground")
    panel = window.panel("playground")
    panel.refresh_sources()
    qtbot.waitUntil(lambda: panel.source_combo.count() > 0, timeout=20_000)
    return panel


def _load(panel, qtbot, path: str) -> None:
    panel.add_source(path)
    panel.load_selected()
    qtbot.waitUntil(lambda: panel.model is not None and panel.load_button.isEnabled(), timeout=60_000)


def test_export_versions_predict_as_you_type_compare_and_batch(window, qtbot, reviews_csv, tmp_path):
    run = train(tiny_config(reviews_csv, max_steps=12), runs_dir=tmp_path / "runs").run_dir
    panel = _panel(window, qtbot)
    assert panel.source_combo.currentData() == str(run)
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("onnx"))
    panel.int8_check.setChecked(True)
    qtbot.mouseClick(panel.findChild(QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.versions.rowCount() == 1 and panel.export_button.isEnabled(), timeout=120_000)
    assert "Exported v1" in panel.export_status.text()
    assert panel.versions.item(0, 1).text() == "onnx + int8"
    qtbot.waitUntil(lambda: panel.source_combo.count() == 2, timeout=20_000)  # the run and its v1

    # predict as you type (debounced, in a worker)
    export_dir = panel.versions.item(0, 0).data(Qt.ItemDataRole.UserRole)
    panel.compare_check.setChecked(True)
    _load(panel, qtbot, export_dir)
    assert panel.model.backend == "onnx" and panel.reference is not None
    assert panel.pages.currentIndex() == 1
    qtbot.keyClicks(panel.input_edit, "a wonderful superb film")
    qtbot.waitUntil(lambda: len(panel.chart.values) == 2 and "PyTorch" in panel.compare_label.text(),
                    timeout=30_000)
    assert panel.chart.values.sum() == pytest.approx(1.0, abs=1e-5)
    assert panel.requests == 1 and "Requests: 1" in panel.monitor_requests.text()
    assert "ms" in panel.monitor_latency.text() and "p95" in panel.monitor_percentiles.text()
    assert "difference" in panel.compare_label.text()
    panel.input_edit.clear()  # an empty box: the old prediction goes
    qtbot.waitUntil(lambda: panel.prediction_label.text() == "", timeout=5_000)
    assert panel.chart.values.sum() == 0 and panel.compare_label.text() == ""

    # the int8 backend of the same export
    panel.backend_combo.setCurrentIndex(panel.backend_combo.findData("int8"))
    _load(panel, qtbot, export_dir)
    assert panel.model.backend == "int8"

    # batch prediction of a labelled file
    src = tmp_path / "batch.csv"
    src.write_text("text,label\nwonderful superb,pos\ndull boring,neg\nbrilliant,pos\n", encoding="utf-8")
    panel.predict_file(str(src), str(tmp_path / "out.csv"))
    qtbot.waitUntil(lambda: "Wrote 3 predictions" in panel.batch_status.text(), timeout=60_000)
    assert "Accuracy" in panel.batch_status.text() and panel.batch_cm.isVisible()
    assert panel.batch_cm.matrix.sum() == 3
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 4


def test_generation_streams_and_stops(window, qtbot, corpus_txt, tmp_path):
    from engine.export import export_run

    run = train(tiny_config(corpus_txt, task="generation", arch="lstm_lm", max_steps=8),
                runs_dir=tmp_path / "runs").run_dir
    exported = export_run(run, "onnx", parity_examples=4, measure_speed=False)
    panel = _panel(window, qtbot)
    _load(panel, qtbot, exported.folder)
    assert panel.pages.currentIndex() == 2 and panel.model.cached
    pieces: list[str] = []
    panel.output.textChanged.connect(lambda: pieces.append(panel.output.toPlainText()))
    panel.prompt_edit.setPlainText("the film")
    panel.max_tokens.setValue(12)
    panel.temperature.setValue(0.0)
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.generate_button.isEnabled(), timeout=60_000)
    assert panel.output.toPlainText().startswith("the film ")  # a word tokenizer's space before the new words
    assert len(set(pieces)) >= 2  # the view grew while generating
    assert panel.requests == 1
    # Stop: a long generation ends at once
    panel.max_tokens.setValue(4096)
    panel.temperature.setValue(1.0)
    panel.top_k.setValue(0)
    panel.repetition.setValue(1.0)
    def grown() -> bool:
        return len(panel.output.toPlainText()) > len("the film") + 3

    for _attempt in range(8):  # a sampled text (a new random seed each click) may end at <eos> after a word: again
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: grown() or panel.generate_button.isEnabled(), timeout=30_000)
        if grown():
            break
    assert grown()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert panel.generate_button.isEnabled() and not panel.stop_button.isEnabled()
    stopped = panel.output.toPlainText()
    qtbot.wait(300)  # pieces the cancelled task had already queued are dropped, not appended
    assert panel.output.toPlainText() == stopped


def test_bad_folder_is_explained(window, qtbot, tmp_path, monkeypatch):
    panel = window.panel("playground")
    errors = []
    monkeypatch.setattr(panel.ctx, "show_error", lambda *a: errors.append(a))
    bad = tmp_path / "not-an-export"
    bad.mkdir()
    panel.add_source(str(bad))
    panel.load_selected()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "not-an-export" in errors[0][1] and panel.model is None
    assert panel.pages.currentIndex() == 0 and panel.load_button.isEnabled()


def test_playground_speaks_chinese(window, qtbot):
    panel = window.panel("playground")
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: panel.export_button.text() == "导出", timeout=5_000)
    assert panel.load_button.text() == "加载" and panel.export_box.title() == "导出"  # no run yet: nothing named
    assert panel.compare_check.text() == "与 PyTorch 对比"
    window.set_language("en")
    qtbot.waitUntil(lambda: panel.export_button.text() == "Export", timeout=5_000)


def test_hf_export_is_offered_only_for_runs_that_fine_tune_a_pretrained_model(window, qtbot, tmp_path):
    from engine import config as cfgmod

    window.goto("playground")
    panel = window.panel("playground")
    scratch, tuned = tmp_path / "scratch-run", tmp_path / "tuned-run"
    for folder, arch in ((scratch, "lstm"), (tuned, "pretrained")):
        folder.mkdir()
        cfg = cfgmod.load_preset("default")
        cfg.model.arch = arch
        cfgmod.save_config(cfg, folder / "config.yaml")
    hf = panel.format_combo.model().item(panel.format_combo.findData("hf"))
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("hf"))
    panel.add_source(str(tuned))
    assert hf.isEnabled() and panel.format_combo.currentData() == "hf"
    panel.add_source(str(scratch))
    assert not hf.isEnabled() and "from scratch" in hf.toolTip()
    assert panel.format_combo.currentData() == "onnx"  # moved off the greyed-out format
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("hf"))  # chosen anyway, as setCurrentIndex can
    assert panel.format_combo.currentData() == "onnx"
    panel.add_source(str(tuned))
    assert hf.isEnabled() and not hf.toolTip()
