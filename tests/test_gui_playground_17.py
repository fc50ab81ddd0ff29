"""Issue 17 in the Playground: what it shows derives from the selected source (export line, backends, Try box), a
backend the source lacks is refused with the reason, timings exclude loading, the chart is themed before the first
prediction, Generate has a seed, and the panel follows the window's current run."""
from __future__ import annotations

import re
import time
import types

import pytest
from PySide6.QtCore import Qt

from conftest import shown_panel, tiny_config
from engine.training import train
from hellotorch_gui.panels.playground import PlaygroundPanel
from hellotorch_gui.plots import palette_colours


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, PlaygroundPanel, size=(1280, 760))


@pytest.fixture
def runs(app_ctx, reviews_csv, corpus_txt):
    """A TextCNN run with an ONNX export and a GPT run without one."""
    from engine.export import export_run

    root = app_ctx.state.runs_dir
    cnn = str(train(tiny_config(reviews_csv, max_steps=6), runs_dir=root).run_dir)
    export = export_run(cnn, "onnx", parity_examples=4, measure_speed=False).folder
    gpt = str(train(tiny_config(corpus_txt, task="generation", arch="gpt", max_steps=4), runs_dir=root).run_dir)
    return {"cnn": cnn, "export": str(export), "gpt": gpt}


def _listed(qtbot, panel, path: str) -> None:
    panel.refresh_sources()
    qtbot.waitUntil(lambda: panel.source_combo.findData(path) >= 0, timeout=20_000)


def _choose(qtbot, combo, data) -> None:
    """Pick an entry with the keyboard, as a user does (arrow keys on the closed combo box)."""
    target = combo.findData(data)
    assert target >= 0, data
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
    assert combo.currentIndex() == target


def _load(qtbot, panel) -> None:
    qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model is not None and panel.load_button.isEnabled(), timeout=60_000)


def test_choosing_another_run_updates_the_export_line_and_puts_the_old_model_away(qtbot, panel, runs):
    _listed(qtbot, panel, runs["export"])
    _choose(qtbot, panel.source_combo, runs["export"])
    _load(qtbot, panel)
    qtbot.keyClicks(panel.input_edit, "a wonderful superb film")
    qtbot.waitUntil(lambda: panel.prediction_label.text() != "", timeout=30_000)
    assert "1 export version" in panel.export_status.text()

    _choose(qtbot, panel.source_combo, runs["gpt"])
    gpt_name = runs["gpt"].rsplit("/", 1)[-1]
    assert gpt_name in panel.export_box.title()
    assert gpt_name in panel.export_status.text() and "no export yet" in panel.export_status.text()
    assert panel.versions.rowCount() == 0
    assert panel.model is None and panel.pages.currentIndex() == 0  # no TextCNN page under the GPT's name
    assert panel.prediction_label.text() == "" and len(panel.chart.values) == 0
    assert "click Load" in panel.source_status.text() and gpt_name in panel.source_status.text()
    _load(qtbot, panel)
    assert panel.model.task == "generation" and panel.pages.currentIndex() == 2


def test_a_backend_the_source_lacks_is_disabled_and_refused_with_the_reason(qtbot, panel, runs):
    _listed(qtbot, panel, runs["gpt"])
    _choose(qtbot, panel.source_combo, runs["gpt"])
    items = panel.backend_combo.model()
    for key in ("onnx", "int8", "torchscript"):
        item = items.item(panel.backend_combo.findData(key))
        assert not item.isEnabled() and "export" in item.toolTip(), key
    assert items.item(panel.backend_combo.findData("auto")).isEnabled()
    panel.backend_combo.setFocus()
    qtbot.keyClick(panel.backend_combo, Qt.Key.Key_Down)  # the disabled entries cannot be picked
    assert panel.backend_combo.currentData() in ("auto", "torch")
    panel.backend_combo.setCurrentIndex(panel.backend_combo.findData("onnx"))  # however it got there
    qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    assert panel.model is None and "export" in panel.source_status.text()  # refused, not PyTorch in silence
    assert not panel.ctx.tasks.is_running("playground-load")

    _choose(qtbot, panel.source_combo, runs["export"])  # an ONNX export without int8 has onnx, not int8/torch
    assert items.item(panel.backend_combo.findData("onnx")).isEnabled()
    assert not items.item(panel.backend_combo.findData("int8")).isEnabled()
    assert not items.item(panel.backend_combo.findData("torch")).isEnabled()
    panel.backend_combo.setCurrentIndex(panel.backend_combo.findData("onnx"))
    _load(qtbot, panel)
    assert panel.model.backend == "onnx"


def test_latencies_exclude_loading(qtbot, panel, runs, monkeypatch):
    from engine.export import runtime
    from hellotorch_gui.panels import playground

    real = runtime.RunPredictor.classify
    clock = [0.0]  # the panel's clock: each call costs 1 ms, a first call 1.5 s more (no real waiting)
    panel_time = types.SimpleNamespace(**{n: getattr(time, n) for n in dir(time) if not n.startswith("_")})
    panel_time.perf_counter = lambda: clock[0]
    monkeypatch.setattr(playground, "time", panel_time)

    def slow_first_call(self, texts):  # what a first call sets up (kernels, buffers), made visible
        clock[0] += 0.001 if getattr(self, "_called", False) else 1.501
        self._called = True
        return real(self, texts)

    monkeypatch.setattr(runtime.RunPredictor, "classify", slow_first_call)
    _listed(qtbot, panel, runs["export"])
    _choose(qtbot, panel.source_combo, runs["export"])
    panel.compare_check.setChecked(True)
    _load(qtbot, panel)
    assert panel.reference is not None
    qtbot.keyClicks(panel.input_edit, "dull boring film")
    qtbot.waitUntil(lambda: "PyTorch" in panel.compare_label.text(), timeout=30_000)
    pytorch_ms = float(re.search(r"· ([\d.]+) ms", panel.compare_label.text()).group(1))
    assert pytorch_ms < 1000, panel.compare_label.text()  # the first comparison, without the load


def test_the_probability_chart_is_themed_and_titled_before_the_first_prediction(panel):
    bg, _fg = palette_colours()
    assert panel.chart.backgroundBrush().color().name() == bg
    assert "Class probabilities" in panel.chart.getPlotItem().titleLabel.text


def test_generate_has_a_seed_random_by_default_and_reproducible_when_typed(qtbot, panel, runs):
    _listed(qtbot, panel, runs["gpt"])
    _choose(qtbot, panel.source_combo, runs["gpt"])
    _load(qtbot, panel)
    assert panel.seed_edit.objectName() == "genSeed" and panel.seed_edit.toolTip()
    panel.prompt_edit.setPlainText("the film")
    panel.max_tokens.setValue(16)
    panel.temperature.setValue(0.8)

    def generate() -> tuple[str, str]:
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.generate_button.isEnabled() and panel.gen_info.text() != "", timeout=60_000)
        return panel.output.toPlainText(), panel.gen_info.text()

    (text1, info1), (text2, info2) = generate(), generate()
    seeds = [int(re.search(r"seed (\d+)", info).group(1)) for info in (info1, info2)]
    assert seeds[0] != seeds[1] and "random" in info1  # a new seed each time, shown
    panel.seed_edit.setFocus()
    qtbot.keyClicks(panel.seed_edit, str(seeds[0]))
    text3, info3 = generate()
    assert text3 == text1 and f"seed {seeds[0]}" in info3  # the seed shown gives the same text again
    assert generate()[0] == text3


def test_the_playground_follows_the_current_run(qtbot, panel, runs, app_ctx):
    _listed(qtbot, panel, runs["cnn"])
    app_ctx.state.set_current_run(runs["gpt"])
    qtbot.waitUntil(lambda: panel.source_combo.currentData() == runs["gpt"], timeout=20_000)
    assert "current run" in panel.source_status.text()
    app_ctx.state.runSelected.emit(runs["cnn"])  # Runs panel: Open in Playground while another run trains
    qtbot.waitUntil(lambda: panel.source_combo.currentData() == runs["cnn"], timeout=20_000)
