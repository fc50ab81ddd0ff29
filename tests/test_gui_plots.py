"""LivePlot's stable range: the view moves only when the data leaves it, and never after the user zooms."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hellotorch_gui.plots import LivePlot  # noqa: E402


@pytest.fixture
def plot(qtbot):
    p = LivePlot(stable_range=True)
    qtbot.addWidget(p)
    p.resize(400, 300)
    return p


def view(p):
    (x0, x1), (y0, y1) = p.plotItem.vb.viewRange()
    return x0, x1, y0, y1


def test_x_extent_shows_the_whole_run(plot):
    plot.set_x_extent(500)
    plot.append("loss", 1, 2.0)
    plot.redraw()
    x0, x1, y0, y1 = view(plot)
    assert x0 <= 0 and 500 <= x1 < 530
    assert y0 < 2.0 < y1


def test_view_stays_while_data_fits_and_refits_when_it_leaves(plot):
    plot.set_x_extent(100)
    for step, loss in [(1, 2.0), (2, 1.0)]:
        plot.append("loss", step, loss)
    plot.redraw()
    before = view(plot)
    plot.append("loss", 3, 1.5)  # inside the current view: no refit, the axes keep their cached pictures
    plot.redraw()
    assert view(plot) == before
    plot.append("loss", 4, 0.1)  # below the view: refit so that the new point shows
    plot.redraw()
    assert view(plot)[2] < 0.1 < view(plot)[3]
    assert plot.curves["loss"].getData()[1].tolist() == [2.0, 1.0, 1.5, 0.1]


def test_user_zoom_is_respected_until_auto_is_clicked(plot):
    plot.set_x_extent(100)
    plot.append("loss", 1, 1.0)
    plot.redraw()
    plot.plotItem.vb.sigRangeChangedManually.emit([True, True])  # what a wheel/drag emits
    plot.plotItem.vb.setRange(yRange=(5, 6), padding=0)
    plot.append("loss", 2, 100.0)
    plot.redraw()
    assert view(plot)[2:] == pytest.approx((5, 6))
    plot.plotItem.autoBtn.clicked.emit(plot.plotItem.autoBtn)
    plot.redraw()
    assert view(plot)[2] < 1.0 and view(plot)[3] > 100.0


def test_nonfinite_values_do_not_break_the_fit(plot):
    plot.append("loss", 1, float("nan"))
    plot.append("loss", 2, float("inf"))
    plot.redraw()  # no finite point yet: nothing to fit, no error
    plot.append("loss", 3, 0.5)
    plot.redraw()
    assert view(plot)[2] < 0.5 < view(plot)[3]


def test_one_point_reads_as_short_ticks_not_rounding_noise(plot, qtbot):
    """Issue 17, item 6: a single loss point (or a flat curve) gets a readable span around it, so the axis reads
    8.0, 8.2, ... instead of 8.34383010864260 and the plot is not squeezed by a wide tick column."""
    plot.show()
    plot.set_x_extent(None)
    plot.append("loss", 1, 8.34383010864260)
    plot.redraw()
    x0, x1, y0, y1 = view(plot)
    assert y1 - y0 >= 0.5 and y0 < 8.34383010864260 < y1 and x0 < 1 < x1
    axis = plot.plotItem.getAxis("left")
    qtbot.waitUntil(lambda: axis.tickValues(y0, y1, 200) != [], timeout=2_000)
    labels = [s for spacing, values in axis.tickValues(y0, y1, 200) for s in axis.tickStrings(values, 1, spacing)]
    assert labels and max(len(s) for s in labels) <= 5, labels
