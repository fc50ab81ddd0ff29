"""Data panel parts: a lazy table model over an Arrow-backed dataset, bar charts and the cleaning report."""
from __future__ import annotations

import html
import random
from collections import OrderedDict
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QCursor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QToolTip

from hellotorch_gui.plots import SERIES_COLOURS, palette_colours

ERROR_COLOUR = "#d32f2f"  # the same red as the form errors
MAX_TICKS = 24            # label names shown under the bars; more classes show every n-th name
DISPLAY_CHARS = 300       # a cell shows at most this much text; the tooltip shows more
TOOLTIP_CHARS = 2000


def _cell_text(value: Any, limit: int) -> str:
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DatasetTableModel(QAbstractTableModel):
    """Rows of a preview (a short list) or of a datasets.Dataset, read from Arrow on demand.

    Only `rowCount()` rows are exposed, growing by CHUNK when the view scrolls to the end (fetchMore);
    rows are read in blocks of BLOCK and at most MAX_BLOCKS blocks are kept (least recently used first out).
    """

    CHUNK, BLOCK, MAX_BLOCKS = 1000, 64, 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._preview: list[tuple] = []
        self._ds: Any = None
        self._total = 0
        self._shown = 0
        self._cache: OrderedDict[int, list[tuple]] = OrderedDict()
        self._class_names: dict[int, list[str]] = {}
        self.text_column = self.label_column = ""

    # ----------------------------------------------------------------- filling
    def set_preview(self, columns: list[str], rows: list[dict]) -> None:
        """Show the few rows of a preview (the full dataset replaces them once loaded)."""
        self.beginResetModel()
        self._ds, self._columns, self._class_names = None, [str(c) for c in columns], {}
        self._preview = [tuple(r.get(c) for c in self._columns) for r in rows]
        self._total = self._shown = len(self._preview)
        self._cache.clear()
        self.endResetModel()

    def set_dataset(self, ds: Any) -> None:
        """Back the model by an Arrow-backed datasets.Dataset; nothing is copied up front."""
        self.beginResetModel()
        self._ds, self._preview, self._columns = ds, [], [str(c) for c in ds.column_names]
        self._total = len(ds)
        self._shown = min(self.CHUNK, self._total)
        self._cache.clear()
        self._class_names = {}
        for i, c in enumerate(self._columns):
            names = getattr(ds.features.get(c), "names", None)
            if names:
                self._class_names[i] = list(names)
        self.endResetModel()

    def clear(self) -> None:
        self.set_preview([], [])

    def set_roles(self, text_column: str, label_column: str) -> None:
        """Mark the chosen text/label columns (bold header)."""
        self.text_column, self.label_column = text_column or "", label_column or ""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    # ----------------------------------------------------------------- facts for the panel and tests
    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    @property
    def total_rows(self) -> int:
        return self._total

    @property
    def is_lazy(self) -> bool:
        return self._ds is not None

    def cache_size(self) -> int:
        """Rows held in Python right now (the preview rows, or the cached blocks of the dataset)."""
        return len(self._preview) if self._ds is None else sum(len(b) for b in self._cache.values())

    # ----------------------------------------------------------------- Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        n = min(self.CHUNK, self._total - self._shown)
        if parent.isValid() or n <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + n - 1)
        self._shown += n
        self.endInsertRows()

    def _row(self, r: int) -> tuple:
        if self._ds is None:
            return self._preview[r]
        b = r // self.BLOCK
        block = self._cache.get(b)
        if block is None:
            start = b * self.BLOCK
            batch = self._ds[start:min(start + self.BLOCK, self._total)]
            block = list(zip(*(batch[c] for c in self._columns)))
            self._cache[b] = block
            while len(self._cache) > self.MAX_BLOCKS:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(b)
        return block[r - b * self.BLOCK]

    def _value(self, index: QModelIndex) -> Any:
        value = self._row(index.row())[index.column()]
        names = self._class_names.get(index.column())
        if names and isinstance(value, int) and 0 <= value < len(names):
            return f"{names[value]} ({value})"
        return value

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(index)
            return "" if value is None else _cell_text(value, DISPLAY_CHARS).replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self._value(index)
            return self.tr("(missing)") if value is None else _cell_text(value, TOOLTIP_CHARS)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self._value(index)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._columns):
            return None
        name = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.FontRole and name in (self.text_column, self.label_column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == self.text_column:
                return self.tr("'{0}' is the text column").format(name)
            if name == self.label_column:
                return self.tr("'{0}' is the label column").format(name)
            return self.tr("Column '{0}' (not used)").format(name)
        return None


class ChartWidget(pg.PlotWidget):
    """A static bar chart (classes or a histogram) in the palette's colours; no mouse zoom."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.bars: pg.BarGraphItem | None = None
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(SERIES_COLOURS[3], width=2),
                                      label="", labelOpts={"position": 0.92, "color": SERIES_COLOURS[3],
                                                           "anchors": [(1, 0.5), (1, 0.5)]})
        self.marker.hide()
        self.addItem(self.marker, ignoreBounds=True)
        self.placeholder = pg.TextItem("", anchor=(0.5, 0.5))
        self.addItem(self.placeholder, ignoreBounds=True)
        self.plotItem.showGrid(y=True, alpha=0.25)
        self.plotItem.setMouseEnabled(False, False)
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        self._x_extent = (0.0, 1.0)
        self.apply_palette()
        self._show_axes(False)
        self._ready = True

    def apply_palette(self) -> None:
        bg, fg = palette_colours()
        self.setBackground(bg)
        for axis in ("left", "bottom"):
            ax = self.getAxis(axis)
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        self.placeholder.setColor(fg)

    def set_placeholder(self, text: str) -> None:
        """What the empty chart says (no data loaded yet)."""
        self.placeholder.setText(text)

    def _show_axes(self, show: bool) -> None:
        for axis in ("left", "bottom"):
            self.plotItem.showAxis(axis, show)
        self.plotItem.showGrid(y=show, alpha=0.25)
        self.placeholder.setVisible(not show)
        if not show:
            self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.placeholder.setPos(0.5, 0.5)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_ready", False):
            self.apply_palette()
        super().changeEvent(event)

    def set_axis_labels(self, x: str, y: str) -> None:
        _, fg = palette_colours()
        for axis, text in (("bottom", x), ("left", y)):
            if text:
                self.setLabel(axis, text, color=fg)

    def clear_bars(self) -> None:
        if self.bars is not None:
            self.removeItem(self.bars)
            self.bars = None
        self.marker.hide()
        self.getAxis("bottom").setTicks(None)
        self._show_axes(False)

    def bar_count(self) -> int:
        return 0 if self.bars is None else len(self.bars.opts["height"])

    def set_classes(self, names: list[str], counts: list[int]) -> None:
        """One bar per class, the class names as x ticks (every n-th name when there are many)."""
        self.clear_bars()
        if not names:
            return
        xs = list(range(len(names)))
        self.bars = pg.BarGraphItem(x=xs, height=counts, width=0.6, brush=SERIES_COLOURS[0], pen=None)
        self.addItem(self.bars)
        self._show_axes(True)
        step = max(1, -(-len(names) // MAX_TICKS))
        ticks = [(i, _cell_text(n, 14)) for i, n in enumerate(names) if i % step == 0]
        self.getAxis("bottom").setTicks([ticks, []])
        self.setXRange(-0.6, len(names) - 0.4, padding=0)
        self.setYRange(0, max(counts) * 1.08 if counts and max(counts) else 1, padding=0)

    def set_histogram(self, edges: list[float], counts: list[int]) -> None:
        self.clear_bars()
        if len(edges) < 2:
            return
        self.bars = pg.BarGraphItem(x0=edges[:-1], x1=edges[1:], height=counts, brush=SERIES_COLOURS[5],
                                    pen=pg.mkPen(SERIES_COLOURS[0], width=0.5))
        self.addItem(self.bars)
        self._show_axes(True)
        self._x_extent = (float(edges[0]), float(edges[-1]))
        self.setYRange(0, max(counts) * 1.08 if counts and max(counts) else 1, padding=0)
        self._fit_x()

    def set_marker(self, value: float | None, text: str = "") -> None:
        """A vertical line (max_length); None hides it. The x range grows to show it unless it is far off."""
        if value is None or self.bars is None:
            self.marker.hide()
        else:
            self.marker.setValue(value)
            self.marker.show()
            self.marker.label.setFormat(text.replace("{", "{{").replace("}", "}}"))  # after show: hidden skips it
        self._fit_x()

    def marker_value(self) -> float | None:
        return self.marker.value() if self.marker.isVisible() else None

    def _fit_x(self) -> None:
        lo, hi = self._x_extent
        if self.marker.isVisible() and self.marker.value() <= lo + 3 * max(1.0, hi - lo):
            hi = max(hi, float(self.marker.value()))
            lo = min(lo, float(self.marker.value()))
        pad = 0.04 * max(1.0, hi - lo)
        self.setXRange(lo - pad, hi + pad, padding=0)


def share_above(edges: list[float], counts: list[int], limit: int) -> float:
    """Share of lengths > limit, interpolated inside the histogram bin that holds the limit."""
    total = sum(counts)
    if not total or len(edges) < 2:
        return 0.0
    cut = limit + 0.5  # lengths are integers: n > limit  <=>  n >= limit + 1
    above = 0.0
    for lo, hi, c in zip(edges[:-1], edges[1:], counts):
        if lo >= cut:
            above += c
        elif hi > cut:
            above += c * (hi - cut) / (hi - lo)
    return above / total


def usable_rows(cleaning: dict, drop_duplicates: bool, drop_conflicting: bool, limit: int) -> int:
    """Rows the trainer will split: the stats' cleaned rows, adjusted for the data.drop_* switches and limit."""
    dropped = cleaning.get("dropped", {})
    n = int(cleaning.get("rows_out", 0))
    if not drop_duplicates:
        n += int(dropped.get("duplicate", 0))
    if not drop_conflicting:
        n += int(dropped.get("conflicting_label", 0))
    return min(n, limit) if limit > 0 else n


def augment_examples(texts: list[str], kind: str, lowercase: bool, language: str, probs: tuple[float, float, float],
                     seed: int, count: int = 3) -> list[tuple[str, str]]:
    """Worker side: (original, augmented) for `count` random texts, with a tokenizer built on `texts`."""
    from engine.data.augment import augment_text
    from engine.data.tokenize import build_tokenizer

    texts = [t.strip() for t in texts if isinstance(t, str) and t.strip()]
    if not texts:
        return []
    tok = build_tokenizer(kind, texts, vocab_size=50_000, min_freq=1, lowercase=lowercase, language=language)
    rng = random.Random(seed)
    picks = rng.sample(texts, min(count, len(texts)))
    return [(t, augment_text(t, tok, rng, *probs)) for t in picks]


class CleaningReportLabel(QLabel):
    """Rows in/out, what cleaning dropped and why (hover a reason for examples), columns and encoding."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.linkHovered.connect(self._show_examples)
        self._examples: dict[str, list[str]] = {}

    def reasons(self) -> dict[str, str]:
        return {"empty_text": self.tr("empty texts"), "missing_label": self.tr("missing labels"),
                "conflicting_label": self.tr("texts with conflicting labels"), "duplicate": self.tr("duplicates"),
                "row_limit": self.tr("beyond data.limit_rows")}

    def show_report(self, stats: dict, encoding: str | None, drop_duplicates: bool, drop_conflicting: bool) -> None:
        cleaning = stats.get("cleaning", {})
        dropped = {k: v for k, v in cleaning.get("dropped", {}).items() if v}
        self._examples = cleaning.get("examples", {})
        rows_in, rows_out = int(cleaning.get("rows_in", 0)), int(cleaning.get("rows_out", 0))
        lines = [self.tr("<b>{0:,}</b> rows read, <b>{1:,}</b> kept after cleaning.").format(rows_in, rows_out)]
        kept_anyway = {"duplicate": not drop_duplicates, "conflicting_label": not drop_conflicting}
        items = []
        for reason, n in dropped.items():
            text = html.escape(f"{n:,} {self.reasons().get(reason, reason)}")
            if self._examples.get(reason):
                text = f'<a href="{reason}">{text}</a>'
            if kept_anyway.get(reason):
                text += " " + html.escape(self.tr("(kept for training: that drop switch is off)"))
            items.append(text)
        if items:
            lines.append(html.escape(self.tr("Dropped (hover for examples):")) + " " + "; ".join(items) + ".")
        else:
            lines.append(self.tr("Nothing was dropped."))
        label = stats.get("label_column")
        facts = [self.tr("Text column: <b>{0}</b>").format(html.escape(str(stats.get("text_column")))),
                 self.tr("Label column: <b>{0}</b>").format(html.escape(str(label))) if label else
                 self.tr("Label column: none (generation)"),
                 self.tr("Encoding: <b>{0}</b>").format(html.escape(encoding or stats.get("encoding") or "n/a")),
                 self.tr("Format: {0}").format(html.escape(str(stats.get("format", "")))),
                 self.tr("Language: {0}").format(html.escape(str(stats.get("language", ""))))]
        lines.append(" · ".join(facts))
        self.setText("<br>".join(lines))
        self.setToolTip(self._all_examples())
        self.setAccessibleDescription(str(stats.get("cleaning_summary", "")))

    def _all_examples(self) -> str:
        names = self.reasons()
        parts = [f"{names.get(r, r)}:\n" + "\n".join(f"  • {e[:120]}" for e in ex)
                 for r, ex in self._examples.items() if ex]
        return "\n\n".join(parts) if parts else self.tr("What cleaning removed from the data and why")

    def _show_examples(self, reason: str) -> None:
        examples = self._examples.get(reason, [])
        if not reason or not examples:
            QToolTip.hideText()
            return
        body = "".join(f"<li>{html.escape(e)}</li>" for e in examples)
        QToolTip.showText(QCursor.pos(), f"<b>{html.escape(self.tr('Examples'))}</b><ul>{body}</ul>", self)


def muted_colour(widget) -> str:
    """The palette's placeholder colour: secondary text readable on light and dark themes."""
    return widget.palette().color(QPalette.ColorRole.PlaceholderText).name()
