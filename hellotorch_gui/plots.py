"""Live plots: curves append into doubling NumPy buffers and repaint from a timer (10–20 Hz)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# Okabe–Ito colours: distinguishable for colour-blind users, readable on light and dark backgrounds.
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"]


class Series:
    """x/y values in preallocated arrays that double when full (amortised O(1) appends)."""

    def __init__(self, capacity: int = 1024) -> None:
        self.x = np.empty(capacity, dtype=np.float64)
        self.y = np.empty(capacity, dtype=np.float64)
        self.n = 0
        self.dirty = False

    def append(self, x: float, y: float) -> None:
        if self.n == len(self.x):
            self.x = np.concatenate([self.x, np.empty_like(self.x)])
            self.y = np.concatenate([self.y, np.empty_like(self.y)])
        self.x[self.n], self.y[self.n] = x, y
        self.n += 1
        self.dirty = True

    def extend(self, xs, ys) -> None:
        for a, b in zip(xs, ys):
            self.append(a, b)

    def clear(self) -> None:
        self.n = 0
        self.dirty = True


def palette_colours() -> tuple[str, str]:
    """Background and foreground colours taken from the application palette (light/dark)."""
    app = QApplication.instance()
    pal = app.palette() if app else QPalette()
    return pal.color(QPalette.ColorRole.Base).name(), pal.color(QPalette.ColorRole.Text).name()


class LivePlot(pg.PlotWidget):
    """A PlotWidget whose named curves are fed from any thread's signals and redrawn by a QTimer."""

    def __init__(self, title: str = "", x_label: str = "step", y_label: str = "", parent=None,
                 refresh_hz: float = 10.0) -> None:
        super().__init__(parent=parent)
        self.series: dict[str, Series] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.plotItem.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self.setDownsampling(auto=True, mode="peak")
        self.setClipToView(True)
        self.set_labels(title, x_label, y_label)
        self.apply_palette()
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / refresh_hz))
        self.timer.timeout.connect(self.redraw)

    def showEvent(self, event) -> None:
        """Repaint only while visible: hidden panels' plots cost nothing during training."""
        self.redraw()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def set_labels(self, title: str, x_label: str, y_label: str) -> None:
        _, fg = palette_colours()
        self.setTitle(title, color=fg)
        self.setLabel("bottom", x_label, color=fg)
        self.setLabel("left", y_label, color=fg)

    def apply_palette(self) -> None:
        bg, fg = palette_colours()
        self.setBackground(bg)
        for axis in ("left", "bottom"):
            ax = self.getAxis(axis)
            ax.enableAutoSIPrefix(False)  # "750 (x0.001)" reads worse than 0.75
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        self.legend.setLabelTextColor(QColor(fg))

    def add_curve(self, name: str, label: str | None = None, colour: str | None = None, width: float = 1.5,
                  style=None, symbol: str | None = None) -> None:
        colour = colour or SERIES_COLOURS[len(self.curves) % len(SERIES_COLOURS)]
        pen = pg.mkPen(colour, width=width, style=style) if style is not None else pg.mkPen(colour, width=width)
        kwargs = {"symbol": symbol, "symbolSize": 6, "symbolBrush": colour, "symbolPen": None} if symbol else {}
        self.curves[name] = self.plotItem.plot([], [], pen=pen, name=label or name, **kwargs)
        self.series[name] = Series()

    def rename(self, name: str, label: str) -> None:
        """Change a curve's legend text (language switch)."""
        curve = self.curves.get(name)
        for sample, text in getattr(self.legend, "items", []):
            if curve is not None and sample.item is curve:
                text.setText(label)
        if curve is not None:
            curve.opts["name"] = label

    def append(self, name: str, x: float, y: float) -> None:
        if name not in self.series:
            self.add_curve(name)
        self.series[name].append(x, y)

    def set_data(self, name: str, xs, ys) -> None:
        if name not in self.series:
            self.add_curve(name)
        s = self.series[name]
        s.clear()
        s.extend(xs, ys)

    def clear_all(self) -> None:
        for name in list(self.curves):
            self.plotItem.removeItem(self.curves[name])
        self.legend.clear()
        self.curves.clear()
        self.series.clear()

    def point_count(self, name: str | None = None) -> int:
        if name is not None:
            return self.series[name].n if name in self.series else 0
        return sum(s.n for s in self.series.values())

    def redraw(self) -> None:
        for name, s in self.series.items():
            if s.dirty:
                self.curves[name].setData(s.x[: s.n], s.y[: s.n])
                s.dirty = False
