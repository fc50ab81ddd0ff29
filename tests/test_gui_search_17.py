"""Issue 17 in the Search panel: the fourth chart (parameter importance) is themed and titled before any value, and
the charts' legends and axis titles follow the language."""
from __future__ import annotations

import pytest

from conftest import shown_panel
from hellotorch_gui import i18n
from hellotorch_gui.panels.search import SearchPanel
from hellotorch_gui.plots import palette_colours


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, SearchPanel)


def _legend(plot) -> list[str]:
    return [label.text for _sample, label in plot.legend.items]


def test_every_search_chart_is_themed_and_titled_before_a_search(panel):
    bg, _fg = palette_colours()
    for plot in (panel.history_plot, panel.trial_plot, panel.importance_chart):
        assert plot.backgroundBrush().color().name() == bg, plot.objectName()
        assert plot.getPlotItem().titleLabel.text, plot.objectName()
    assert panel.importance_chart.getPlotItem().titleLabel.text == "Parameter importance"


def test_search_legends_and_axes_follow_the_language(qtbot, panel):
    assert _legend(panel.history_plot) == ["trial", "best so far"]
    assert panel.history_plot.getAxis("left").labelText == "accuracy"
    try:
        i18n.install("zh_CN")
        qtbot.waitUntil(lambda: panel.start_button.text() != "Start search", timeout=5_000)
        for plot in (panel.history_plot, panel.trial_plot):
            for text in _legend(plot):
                assert not any("a" <= ch.lower() <= "z" for ch in text), (plot.objectName(), text)
        assert panel.history_plot.getAxis("left").labelText == "准确率"
        assert panel.importance_chart.getPlotItem().titleLabel.text != "Parameter importance"
        panel.direction = "maximize"
        panel._on_began({"search_dir": "/tmp/x", "method": "tpe", "metric": "accuracy", "direction": "maximize",
                         "n_trials": 3, "done": 0})
        assert "accuracy" not in panel.status.text() and "maximize" not in panel.status.text()
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: _legend(panel.history_plot) == ["trial", "best so far"], timeout=5_000)
