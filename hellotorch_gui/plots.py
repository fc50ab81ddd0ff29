"""Live plots: curves append into doubling NumPy buffers and repaint from a timer (10–20 Hz)."""
from __future__ import annotations

import unicodedata

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsItem

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


def flat_pad(y0: float, y1: float) -> float:
    """Half the y span to show around a flat (or one-point) curve: 5 % of its size, so that the ticks read
    8.2, 8.3, 8.4 rather than 8.34383010864260 (a span of 1e-15 from rounding noise), and at least 0.05
    around zero."""
    size = max(abs(y0), abs(y1))
    return 0.05 * size if size > 0 else 0.05


def palette_colours() -> tuple[str, str]:
    """Background and foreground colours taken from the application palette (light/dark)."""
    app = QApplication.instance()
    pal = app.palette() if app else QPalette()
    return pal.color(QPalette.ColorRole.Base).name(), pal.color(QPalette.ColorRole.Text).name()


def status_colour(ok: bool = False) -> str:
    """Red for errors (green for success) with readable contrast on the current palette: the usual dark shades on
    a light window, lighter ones on a dark window."""
    app = QApplication.instance()
    dark = (app.palette() if app else QPalette()).color(QPalette.ColorRole.Window).lightness() < 128
    if ok:
        return "#81c784" if dark else "#2e7d32"
    return "#ff6b6b" if dark else "#d32f2f"


def is_wide(text: str) -> bool:
    """True when text holds CJK (wide) characters, which a rotated axis title would draw on their side."""
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


class ThemedPlot(pg.PlotWidget):
    """A PlotWidget in the palette's colours from the start (pyqtgraph's default is black), with titles and axis
    titles that read in every language: a CJK y-axis title is drawn upright, horizontally above the axis.
    Every chart of the window (curves, bars, images) derives from it."""

    def __init__(self, parent=None, title: str = "", x_label: str = "", y_label: str = "") -> None:
        super().__init__(parent=parent)
        # The y title above the axis, used instead of the rotated one for CJK text (layout row 1 = above the view).
        # Placed by hand (not in the layout, whose top-axis cell it would share) and kept there on resizes.
        self.y_title = pg.LabelItem("", justify="left", parent=self.plotItem)
        self.y_title.setVisible(False)
        self.plotItem.vb.sigResized.connect(self._place_y_title)
        self._labels = (title, x_label, y_label)
        self.apply_palette()

    def set_labels(self, title: str, x_label: str, y_label: str) -> None:
        """Plot title and axis titles (language switch: call again with the new texts)."""
        self._labels = (title, x_label, y_label)
        _, fg = palette_colours()
        self.setTitle(title or None, color=fg)
        self.setLabel("bottom", x_label, color=fg)
        self.setLabel("left", y_label, color=fg)
        upright = bool(y_label) and is_wide(y_label)
        self.getAxis("left").showLabel(bool(y_label) and not upright)
        self.y_title.setText(y_label if upright else "", color=fg)
        self.y_title.setVisible(upright)
        # Row 1 (above the view, where a hidden top axis sits) makes room for the upright title.
        self.plotItem.layout.setRowFixedHeight(1, self.y_title.item.boundingRect().height() if upright else 0)
        self._place_y_title()

    def _place_y_title(self, *_) -> None:
        if self.y_title.isVisible():
            vb = self.plotItem.vb.geometry()
            left = self.getAxis("left").geometry()
            height = self.y_title.item.boundingRect().height()
            self.y_title.setGeometry(QRectF(left.left(), vb.top() - height, vb.right() - left.left(), height))

    def y_title_text(self) -> str:
        """The y-axis title as shown (rotated beside the axis, or upright above it)."""
        return self._labels[2]

    def y_title_upright(self) -> bool:
        return self.y_title.isVisible()

    def apply_palette(self) -> None:
        bg, fg = palette_colours()
        self.setBackground(bg)
        for axis in ("left", "bottom"):
            ax = self.getAxis(axis)
            ax.enableAutoSIPrefix(False)  # "750 (x0.001)" reads worse than 0.75
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        if self.plotItem.legend is not None:
            self.plotItem.legend.setLabelTextColor(QColor(fg))
        self.set_labels(*self._labels)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and "y_title" in vars(self):  # light/dark switch
            self.apply_palette()
        super().changeEvent(event)


class LivePlot(ThemedPlot):
    """A PlotWidget whose named curves are fed from any thread's signals and redrawn by a QTimer."""

    def __init__(self, title: str = "", x_label: str = "step", y_label: str = "", parent=None,
                 refresh_hz: float = 10.0, stable_range: bool = False) -> None:
        super().__init__(parent=parent, title=title, x_label=x_label, y_label=y_label)
        self.series: dict[str, Series] = {}
        # Stable range: the view is refitted only when the data leaves it or fills too little of it, so the
        # axes (the costliest thing to paint) are redrawn a few times per run instead of on every new point.
        self.stable_range = stable_range
        self.x_extent: float | None = None
        self._follow = True
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.plotItem.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self.setDownsampling(auto=True, mode="peak")
        self.setClipToView(True)
        self.apply_palette()
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / refresh_hz))
        self.timer.timeout.connect(self.redraw)
        if stable_range:
            # The axes also draw the grid, so they cover the plot area and repaint with every new point;
            # cached as pixmaps they are re-rendered only when their range changes.
            for item in (self.getAxis("left"), self.getAxis("bottom"), self.legend):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.plotItem.enableAutoRange(False)
            self.plotItem.vb.sigRangeChangedManually.connect(self._user_moved)
            self.plotItem.autoBtn.clicked.connect(self._follow_again)  # runs after PlotItem's own handler

    def showEvent(self, event) -> None:
        """Repaint only while visible: hidden panels' plots cost nothing during training."""
        self.redraw()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def add_curve(self, name: str, label: str | None = None, colour: str | None = None, width: float = 1.5,
                  style=None, symbol: str | None = None) -> None:
        colour = colour or SERIES_COLOURS[len(self.curves) % len(SERIES_COLOURS)]
        pen = pg.mkPen(colour, width=width, style=style) if style is not None else pg.mkPen(colour, width=width)
        kwargs = {"symbol": symbol, "symbolSize": 6, "symbolBrush": colour, "symbolPen": None} if symbol else {}
        self.curves[name] = self.plotItem.plot([], [], pen=pen, name=label or name, **kwargs)
        self.curves[name].lone_dot = not symbol  # a line of one point is invisible: it shows as a dot
        if not symbol:
            self.curves[name].setSymbolBrush(colour)
            self.curves[name].setSymbolPen(None)
            self.curves[name].setSymbolSize(6)
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

    def truncate(self, x_max: float) -> None:
        """Drop every point right of x_max (a run resumed from an earlier checkpoint redraws from there)."""
        for s in self.series.values():
            mask = s.x[: s.n] <= x_max
            xs, ys = s.x[: s.n][mask].copy(), s.y[: s.n][mask].copy()
            s.clear()
            s.extend(xs, ys)

    def values(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Copies of a curve's x and y values."""
        s = self.series.get(name)
        return (s.x[: s.n].copy(), s.y[: s.n].copy()) if s else (np.zeros(0), np.zeros(0))

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

    def set_x_extent(self, x_max: float | None) -> None:
        """With a stable range, show x from 0 to ``x_max`` (e.g. a run's total steps) from the start."""
        self.x_extent = x_max
        if self.stable_range:
            self._fit(force=True)

    def redraw(self) -> None:
        changed = False
        for name, s in self.series.items():
            if s.dirty:
                curve = self.curves[name]
                if curve.lone_dot:
                    curve.setSymbol("o" if s.n == 1 else None)
                curve.setData(s.x[: s.n], s.y[: s.n])
                s.dirty = False
                changed = True
        if changed and self.stable_range:
            self._fit()
        elif changed:  # pyqtgraph's auto range: a flat curve still gets a readable span
            b = self._bounds()
            if b is not None:
                self.plotItem.vb.setLimits(minYRange=2 * flat_pad(b[2], b[3]))

    def _user_moved(self, *_) -> None:
        self._follow = False  # the user zoomed or panned: leave the view alone until "A" is clicked

    def _follow_again(self, *_) -> None:
        self._follow = True
        self.plotItem.enableAutoRange(False)
        self._fit(force=True)

    def _bounds(self) -> tuple[float, float, float, float] | None:
        xs, ys = [], []
        for s in self.series.values():
            if s.n:
                y = s.y[: s.n]
                ok = np.isfinite(y)
                if ok.any():
                    xs += [float(s.x[: s.n][ok].min()), float(s.x[: s.n][ok].max())]
                    ys += [float(y[ok].min()), float(y[ok].max())]
        if not ys:
            return None
        return min(xs), max(xs), min(ys), max(ys)

    def _fit(self, force: bool = False) -> None:
        """Refit the view when the data has left it (or uses under a third of its height)."""
        if not self._follow:
            return
        b = self._bounds()
        if b is None:
            if self.x_extent:
                self.plotItem.setXRange(0, self.x_extent, padding=0.02)
            return
        x0, x1, y0, y1 = b
        (vx0, vx1), (vy0, vy1) = self.plotItem.vb.viewRange()
        if self.x_extent:
            x0, x1 = min(x0, 0.0), max(x1, self.x_extent)
        if force or x0 < vx0 or x1 > vx1 or (not self.x_extent and (x1 - x0) < 0.5 * (vx1 - vx0)):
            span = x1 - x0
            if span <= 0:  # one point (or one x): a unit either side, not a zero-width view
                self.plotItem.setXRange(x0 - max(1.0, abs(x0) * 0.1), x1 + max(1.0, abs(x1) * 0.1), padding=0)
            else:
                self.plotItem.setXRange(x0, x1 + (0 if self.x_extent and x1 == self.x_extent else 0.1 * span),
                                        padding=0.02)
        height = y1 - y0
        if force or y0 < vy0 or y1 > vy1 or height < (vy1 - vy0) / 3:
            pad = max(0.1 * height, flat_pad(y0, y1))
            self.plotItem.setYRange(y0 - pad, y1 + pad, padding=0)
