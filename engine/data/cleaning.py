"""Choosing the text/label columns, then cleaning rows with a report (empty, missing, conflicting, duplicate)."""
from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from engine.errors import DataError

REASONS = {
    "empty_text": "empty texts",
    "missing_label": "missing labels",
    "conflicting_label": "texts with conflicting labels",
    "duplicate": "duplicates",
    "row_limit": "beyond data.limit_rows",
}


@dataclass
class CleaningReport:
    """What cleaning removed and why, with a few example texts per reason."""

    rows_in: int = 0
    rows_out: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, reason: str, text: Any) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < 3 and text is not None:
            shown.append(str(text)[:200])

    def to_dict(self) -> dict:
        return {"rows_in": self.rows_in, "rows_out": self.rows_out, "dropped": dict(self.dropped),
                "examples": {k: list(v) for k, v in self.examples.items()}}

    def summary(self) -> str:
        """One line, e.g. 'Kept 9,870 of 10,000 rows; dropped 120 duplicates, 10 empty texts.'"""
        if not any(self.dropped.values()):
            return f"Kept all {self.rows_out:,} rows."
        parts = [f"{n:,} {REASONS.get(r, r)}" for r, n in self.dropped.items() if n]
        return f"Kept {self.rows_out:,} of {self.rows_in:,} rows; dropped {', '.join(parts)}."


def is_missing(value: Any) -> bool:
    """None, NaN and blank strings count as missing."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_INTEGRAL = re.compile(r"^[+-]?(0|[1-9]\d{0,14})(\.0*)?$")


def label_name(value: Any) -> str | None:
    """A label value as its class name: 1, 1.0 and ' 1 ' all become '1'; missing becomes None."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return label_name(value.item())
    text = str(value).strip()
    if _INTEGRAL.match(text):  # "1.0" or "+1" from a CSV cell: the same class as the number 1
        return str(int(float(text)))
    return text


def _structured(value: Any) -> str | None:
    """'a list' or 'an object' for a label that holds several values: a JSON list or object (the loader keeps those
    as their JSON text), a Python list or an array; else None."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) > 0:
        return "a list"
    if isinstance(value, str) and value[:1] in "[{" and value[-1:] in "]}":
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return "an object" if isinstance(parsed, dict) else "a list" if isinstance(parsed, list) else None
    return None


def clean_rows(texts: list[Any], labels: list[Any] | None, *, drop_duplicates: bool = True,
               drop_conflicting: bool = True, source: str = "", text_column: str = "text",
               label_column: str | None = None) -> tuple[list[str], list[str] | None, CleaningReport]:
    """Clean parallel texts/labels; labels come back as class-name strings (None for generation)."""
    report = CleaningReport(rows_in=len(texts))
    where = f" of '{source}'" if source else ""
    out_texts: list[str] = []
    out_labels: list[str] = []  # parallel lists: a tuple per row would cost 64 bytes more a row
    for row, (raw_text, raw_label) in enumerate(
            zip(texts, labels if labels is not None else itertools.repeat(None, len(texts))), 1):
        text = "" if is_missing(raw_text) else str(raw_text).strip()
        if not text:
            report.add("empty_text", None)
            continue
        kind = _structured(raw_label) if labels is not None else None
        if kind:
            shown = str(raw_label.tolist() if hasattr(raw_label, "tolist") else raw_label)
            raise DataError(f"The label of row {row:,} in column '{label_column or 'label'}'{where} is {kind} "
                            f"({shown[:60]}), not one class. A text classifier learns one class per text: give each "
                            f"row a single label (a word or a number), or pick another label column.")
        name = label_name(raw_label) if labels is not None else None
        if labels is not None and name is None:
            report.add("missing_label", text)
            continue
        out_texts.append(text)
        out_labels.append(name)  # type: ignore[arg-type]
    if not out_texts:
        if report.dropped.get("empty_text", 0) == report.rows_in:
            raise DataError(f"Every text in column '{text_column}'{where} is empty ({report.rows_in:,} rows). Pick the "
                            f"column that holds the texts (Text column in the window, data.text_column in a config, "
                            f"--text-column on the command line).")
        raise DataError(f"Every label in column '{label_column}'{where} is missing or empty ({report.rows_in:,} "
                        f"rows). Pick the column that holds the classes with data.label_column.")
    if labels is not None and drop_conflicting:
        first: dict[str, str] = {}  # a text's first label; a set per text would cost ~200 bytes a row
        conflicted: set[str] = set()
        for text, name in zip(out_texts, out_labels):
            if first.setdefault(text, name) != name:
                conflicted.add(text)
        del first
        if conflicted:
            for text in out_texts:
                if text in conflicted:
                    report.add("conflicting_label", text)
            keep = [t not in conflicted for t in out_texts]
            out_texts = list(itertools.compress(out_texts, keep))
            out_labels = list(itertools.compress(out_labels, keep))
    if drop_duplicates:
        seen_texts: set[str] = set()
        keep = []
        for text in out_texts:
            new = text not in seen_texts
            keep.append(new)
            if new:
                seen_texts.add(text)
            else:
                report.add("duplicate", text)
        del seen_texts
        if not all(keep):
            out_texts = list(itertools.compress(out_texts, keep))
            out_labels = list(itertools.compress(out_labels, keep))
    if not out_texts:
        raise DataError(f"No rows of '{text_column}'{where} are left after cleaning ({report.summary()}). Check the "
                        f"label column or turn off data.drop_conflicting.")
    report.rows_out = len(out_texts)
    return out_texts, (out_labels if labels is not None else None), report


def limit_rows(texts: list[str], labels: list[str] | None, limit: int, report: CleaningReport,
               seed: int = 0) -> tuple[list[str], list[str] | None]:
    """Keep a seeded random sample of `limit` rows in file order (0 = all): files sorted by class stay mixed."""
    if limit <= 0 or len(texts) <= limit:
        return texts, labels
    import random

    keep = sorted(random.Random(seed).sample(range(len(texts)), limit))
    report.dropped["row_limit"] = len(texts) - limit
    report.rows_out = limit
    return [texts[i] for i in keep], ([labels[i] for i in keep] if labels is not None else None)


def _absent(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


_TEXT_NAMES = ("text", "sentence", "review", "content", "comment", "document", "内容", "文本")
_LABEL_NAMES = ("label", "labels", "class", "category", "sentiment", "target", "y", "类别", "标签")


def _by_name(columns: list[str], names: tuple[str, ...], exclude: str | None) -> str | None:
    cols = [c for c in columns if c != exclude]
    for name in names:  # exact (case-insensitive) first, in priority order
        for c in cols:
            if c.strip().lower() == name:
                return c
    for name in names:
        if len(name) > 1:
            for c in cols:
                if name in c.strip().lower():
                    return c
    return None


def detect_columns(columns: list[str], sample_rows: list[dict], task: str, text_column: str = "",
                   label_column: str = "", source: str = "",
                   fields: tuple[str, str] = ("data.text_column", "data.label_column")) -> tuple[str, str | None]:
    """(text column, label column or None): explicit names win, then familiar names, then the data's shape.

    `fields` are how messages name the two settings (the config keys; eval names its flags and panel boxes)."""
    where = f" of '{source}'" if source else ""
    found = ", ".join(f"'{c}'" for c in columns) or "none"
    for key, name in zip(fields, (text_column, label_column)):
        if name and name not in columns:
            same = [c for c in columns if c.strip().lower() == name.strip().lower()]
            hint = f" Did you mean '{same[0]}'? Column names are case-sensitive." if same else ""
            raise DataError(f"The column '{name}' ({key}) is not in the data{where}. Columns found: {found}.{hint} "
                            f"Set {key} to one of them, or leave it empty to detect it.")
    if text_column and text_column == label_column and task == "classification":
        raise DataError(f"{fields[0]} and {fields[1]} both name '{text_column}'{where}; the labels must "
                        f"come from another column than the texts. Columns found: {found}.")
    text = text_column or _by_name(columns, _TEXT_NAMES, label_column or None)
    if text is None:
        lengths = {}
        for c in columns:
            vals = [r.get(c) for r in sample_rows if r.get(c) is not None]
            if c != label_column and vals and all(isinstance(v, str) for v in vals) and not all(
                    _NUMBER.match(v.strip()) for v in vals):  # a CSV column of numbers is not text
                lengths[c] = sum(len(v) for v in vals) / len(vals)
        if not lengths:
            why = (f"the only column with words is the label column '{label_column}'" if label_column and any(
                isinstance(r.get(label_column), str) for r in sample_rows) else "only numbers or nothing")
            raise DataError(f"No text column found in the data{where}: no column holds text ({why}). Columns "
                            f"found: {found}. Name the column with the texts (Text column in the "
                            f"window, data.text_column in a config, --text-column for `hellotorch data stats`, `eval` "
                            f"and `predict`).")
        text = max(lengths, key=lambda c: lengths[c])
    if task != "classification":
        return text, None
    label = label_column or _by_name(columns, _LABEL_NAMES, text)
    if label is None:
        best = None
        for c in columns:
            if c == text:
                continue
            vals = [str(r.get(c)) for r in sample_rows if not _absent(r.get(c))]
            distinct = len(set(vals))
            if vals and 2 <= distinct <= min(100, max(2, len(vals) // 2)) and (best is None or distinct < best[1]):
                best = (c, distinct)
        label = best[0] if best else None
    if label_column:
        vals = [str(r.get(label_column)).strip() for r in sample_rows if not _absent(r.get(label_column))]
        distinct = len(set(vals))
        if len(vals) >= 20 and distinct > max(20, len(vals) // 2) and all(_NUMBER.match(v) for v in vals):
            raise DataError(f"The label column '{label_column}' ({fields[1]}){where} holds {distinct} different "
                            f"numbers in {len(vals)} sampled rows: it looks like a score to predict (regression) or "
                            f"an id, not classes, and each number would train as a class of its own. This app "
                            f"classifies texts: turn the numbers into a few classes in the file (for example 1-5 "
                            f"stars, or negative / positive), or set {fields[1]} to the column with the classes. "
                            f"Columns found: {found}.")
        if len(vals) >= 20 and distinct >= 0.9 * len(vals):
            raise DataError(f"The label column '{label_column}' ({fields[1]}){where} holds a different value in "
                            f"almost every row ({distinct} of {len(vals)} sampled rows): it looks like text, "
                            f"not classes. Set {fields[1]} to the column with the classes. Columns found: "
                            f"{found}.")
    if label is None:
        raise DataError(f"No label column found in the data{where} (text column: '{text}'). Columns found: {found}. "
                        f"Set data.label_column to the column holding the classes (--label-column for `hellotorch data "
                        f"stats`, `eval` and `predict`), or, to train a language model on the texts, task: generation "
                        f"(--task generation for `data stats`).")
    return text, label
