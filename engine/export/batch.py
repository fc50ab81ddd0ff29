"""Batch prediction: a TXT/CSV/JSONL file in, a CSV of predictions out (and accuracy when it has labels)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Callable

from engine.errors import ConfigError, DataError
from engine.lazy import transformers_serialised

CHUNK = 64
PREDICT_FIELDS = ("--text-column", "--label-column")  # how messages name the columns: predict --file's flags


@transformers_serialised
def predict_file(model: Any, path: str | Path, output: str | Path, *, text_column: str = "",
                 label_column: str = "", progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> dict:
    """Classify every text of `path` with an ExportedModel (or anything with classify/label_names) and write
    text, predicted label, confidence and one probability column per class to `output` (atomically).

    Without explicit column names, the columns the model's run was trained on are used when the file has them,
    else they are detected."""
    from engine.data.cleaning import label_name
    from engine.data.loading import detect_columns, load_table
    from engine.data.pipeline import sample_rows
    from engine.io import atomic_write_text
    from engine.metrics import classification_metrics

    if model.task != "classification":
        raise ConfigError("Batch prediction (--file) classifies texts; this model generates text. Give prompts "
                          "as TEXT arguments (`hellotorch predict RUN \"a prompt\"`), or score it on a file of text "
                          "with `hellotorch eval RUN --data FILE`.")
    if _same_file(path, output):
        raise ConfigError(f"The output file '{output}' is the input file itself; writing the predictions there "
                          f"would overwrite your data. Choose another output path.")
    loaded = load_table(str(path))
    ds = loaded.dataset
    columns = list(ds.column_names)
    trained = _trained_columns(model)
    text_column = text_column or (trained[0] if trained[0] in columns else "")
    label_column = label_column or (trained[1] if trained[1] in columns and trained[1] != text_column else "")
    sample = sample_rows(ds)  # drawn over the whole file: one sorted by class still shows its classes
    try:
        text_col, label_col = detect_columns(columns, sample, "classification", text_column, label_column,
                                             source=loaded.path, fields=PREDICT_FIELDS)
    except DataError:
        if label_column:
            raise
        text_col, label_col = detect_columns(columns, sample, "generation", text_column, "", source=loaded.path,
                                             fields=PREDICT_FIELDS)
        label_col = None  # texts only: predictions without an accuracy
    texts = [t if isinstance(t, str) else "" for t in ds[text_col]]
    labels = [label_name(v) for v in ds[label_col]] if label_col is not None else None
    if not any(t.strip() for t in texts):
        raise DataError(f"'{loaded.path}' has no text in column '{text_col}'.")
    names = list(model.label_names)
    head = ["text", "predicted", "confidence"] + [f"p_{n}" for n in names] + (["label"] if labels else [])
    # The file's other columns (an id, a date) follow, so that each prediction can be joined back to its row.
    others = [c for c in columns if c not in (text_col, label_col)]
    extra = {c: ds[c] for c in others}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(head + [c if c not in head else f"input_{c}" for c in others])
    preds: list[int] = []
    probs: list[list[float]] = []
    truncated, skipped = 0, loaded.blank_lines  # a .txt file's empty lines are rows with no text too
    for start in range(0, len(texts), CHUNK):
        if should_stop is not None and should_stop():
            raise ConfigError("Batch prediction was cancelled; no file was written.")
        chunk = [(i, t) for i, t in enumerate(texts[start:start + CHUNK], start) if t.strip()]
        skipped += min(CHUNK, len(texts) - start) - len(chunk)
        results = model.classify([t for _, t in chunk]) if chunk else []
        for (i, text), r in zip(chunk, results):
            truncated += bool(r.get("truncated"))
            p = [r["probabilities"][n] for n in names]
            preds.append(names.index(r["label"]))
            probs.append(p)
            row = [text, r["label"], f"{r['confidence']:.6f}"] + [f"{v:.6f}" for v in p]
            if labels:
                row.append(labels[i] or "")
            w.writerow(row + [_cell(extra[c][i]) for c in others])
        if progress is not None:
            progress(min(len(texts), start + CHUNK), len(texts))
    atomic_write_text(output, buf.getvalue())
    result: dict = {"rows": len(preds), "skipped_empty": skipped, "truncated": truncated, "output": str(output),
                    "text_column": text_col, "label_column": label_col, "encoding": loaded.encoding}
    if labels:
        kept = [labels[i] for i, t in enumerate(texts) if t.strip()]
        known = [(k, p) for k, p in zip(kept, range(len(preds))) if k in names]
        unknown = sorted({k for k in kept if k and k not in names})
        if unknown:  # left out of the accuracy: the model cannot answer them
            result.update(unknown_label_rows=sum(1 for k in kept if k and k not in names), unknown_labels=unknown)
        if known:
            import numpy as np

            y = [names.index(k) for k, _ in known]
            pr = np.asarray([probs[j] for _, j in known])
            m = classification_metrics(y, pr, names)
            result.update(accuracy=m.get("accuracy"), confusion_matrix=m.get("confusion_matrix"),
                          labelled_rows=len(known))
    return result


def _cell(value: Any) -> str:
    """A value of the input file as it reads in a CSV cell ("" for a missing one)."""
    from engine.data.cleaning import is_missing

    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()
    except OSError:
        return False


def _trained_columns(model: Any) -> tuple[str, str]:
    """The text and label columns of the run behind `model` (a run or an export of one), or ("", "")."""
    from engine.export.runtime import source_run
    from engine.runs import run_columns

    try:
        run = source_run(model)
    except (AttributeError, TypeError, OSError):
        return "", ""
    if run is not None:
        return run_columns(run)
    kept = ((getattr(model, "card", None) or {}).get("source") or {}).get("columns") or ["", ""]
    return str(kept[0] or ""), str(kept[1] or "")
