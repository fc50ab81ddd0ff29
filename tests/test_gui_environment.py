"""Environment panel: report in a worker, self-check off the GUI thread, copy, live gauges."""
from __future__ import annotations

from importlib import metadata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItemIterator, QWidget

from hellotorch_gui.panels.environment import EnvironmentPanel
from conftest import shown_panel


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, EnvironmentPanel)


def _tree_texts(tree: QTreeWidget) -> list[str]:
    out, it = [], QTreeWidgetItemIterator(tree)
    while it.value():
        item = it.value()
        out.append(" | ".join(item.text(c) for c in range(tree.columnCount())))
        it += 1
    return out


def _wait_report(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0, timeout=60_000)


def test_panel_renders_with_named_accessible_controls(qtbot, panel):
    assert panel.key == "environment" and panel.nav_title() == "Environment"
    assert panel.tree.topLevelItemCount() == 0 and "Loading" in panel.report_status.text()
    for name, cls in [("environmentReport", QTreeWidget), ("selfCheckButton", QPushButton),
                      ("cancelSelfCheckButton", QPushButton), ("copyReportButton", QPushButton),
                      ("selfCheckResults", QTreeWidget), ("cpuGauge", QProgressBar), ("ramGauge", QProgressBar),
                      ("refreshReportButton", QPushButton), ("processCpuGauge", QProgressBar)]:
        w = panel.findChild(cls, name)
        assert w is not None, name
        assert w.toolTip() and w.accessibleName(), name
    for w in panel.findChildren(QWidget):
        if isinstance(w, (QPushButton, QTreeWidget, QProgressBar)):
            assert w.objectName()[:1].islower(), w
    _wait_report(qtbot, panel)


def test_report_arrives_with_torch_version_and_marks(qtbot, panel):
    _wait_report(qtbot, panel)
    texts = _tree_texts(panel.tree)
    version = metadata.version("torch")
    assert any(version in t for t in texts)
    joined = "\n".join(texts)
    for label in ("CUDA available", "MPS available", "bf16 on CPU", "torch.compile", "ONNX Runtime providers",
                  "Python", "Devices", "Packages"):
        assert label in joined, label
    assert any(t.startswith("CUDA available | ") and t.split(" | ")[1][:1] in "✓✗" for t in texts)
    assert panel.copy_button.isEnabled() and "Loading" not in panel.report_status.text()
    sections = panel.tree.topLevelItemCount()
    panel.retranslate()  # a language change rebuilds the texts, not the data
    assert panel.tree.topLevelItemCount() == sections and _tree_texts(panel.tree) == texts


def test_self_check_shows_autograd_and_cpu_gflops(qtbot, panel):
    _wait_report(qtbot, panel)
    panel.check_size = 256
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.cancel_button.isEnabled() and not panel.check_button.isEnabled()
    qtbot.waitUntil(lambda: panel.last_check is not None, timeout=120_000)
    texts = _tree_texts(panel.results)
    autograd = next(t for t in texts if "autograd" in t)
    assert autograd.startswith("✓") and "x=1 = 2 " in autograd
    cpu = next(t for t in texts if "matmul on cpu" in t)
    assert "GFLOP/s" in cpu
    assert panel.last_check["gflops"]["cpu"] > 0
    assert panel.check_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.check_progress.value() == 100


def test_self_check_can_be_cancelled(qtbot, panel):
    _wait_report(qtbot, panel)
    panel.check_size = 256
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.check_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert "cancelled" in panel.check_status.text()
    assert panel.last_check is None


def test_copy_report_puts_text_on_clipboard(qtbot, panel, app_ctx):
    _wait_report(qtbot, panel)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "torch" in text.lower() and "Hello PyTorch environment report" in text
    assert app_ctx.statuses


def test_gauges_update_from_the_timer(qtbot, panel):
    assert panel.timer.isActive()
    assert panel.ram_gauge.value() > 0 and "GiB" in panel.ram_gauge.format()
    panel.ram_gauge.setValue(0)
    panel.cpu_gauge.setFormat("")
    qtbot.waitUntil(lambda: panel.ram_gauge.value() > 0 and panel.cpu_gauge.format() != "", timeout=5_000)
    panel.shutdown()
    assert not panel.timer.isActive()


def test_gpu_gauges_appear_per_device(qtbot, panel):
    usage = {"process_cpu_percent": 50.0, "system_cpu_percent": 25.0, "process_ram_bytes": 2**28,
             "ram_used_bytes": 2**32, "ram_total_bytes": 2**34,
             "cuda": [{"index": 0, "used_bytes": 2**33, "total_bytes": 2**34, "utilization_percent": 75.0},
                      {"index": 1, "used_bytes": None, "total_bytes": None, "utilization_percent": None}]}
    panel.timer.stop()  # keep the timer from overwriting the fake sample
    panel.apply_usage(usage)
    mem0 = panel.findChild(QProgressBar, "gpuMemoryGauge0")
    util0 = panel.findChild(QProgressBar, "gpuUtilizationGauge0")
    assert mem0.value() == 50 and "8.0 GiB of 16.0 GiB" in mem0.format()
    assert util0.value() == 75 and mem0.toolTip() and util0.accessibleName()
    assert panel.findChild(QProgressBar, "gpuMemoryGauge1").value() == 0
    assert panel.cpu_gauge.value() == 25 and panel.ram_gauge.value() == 25


def test_the_loading_line_follows_a_language_switch_while_the_report_loads(qtbot, panel):
    """View › Language while the report is still being computed: 'Loading…' reads in the new language too."""
    from hellotorch_gui import i18n

    panel.ctx.tasks.cancel("environmentReport")
    panel.report = None
    panel.refresh_report_button.setEnabled(False)  # as load_report leaves it until the report arrives
    try:
        i18n.install("zh_CN")
        panel.retranslate()
        assert "Loading" not in panel.report_status.text() and "PyTorch" in panel.report_status.text()
    finally:
        i18n.install("en")
        panel.retranslate()
    assert panel.report_status.text() == "Loading… (importing PyTorch)"
