"""Dataset statistics for the data tab and `hellotorch data stats`: class counts and length histograms."""
from __future__ import annotations

from typing import Any

import numpy as np


def _summary(lengths, bins: int) -> dict:
    """Mean, median, max and a histogram of lengths, as plain Python numbers."""
    if not len(lengths):
        return {"mean": 0.0, "median": 0.0, "max": 0, "hist": {"edges": [], "counts": []}}
    arr = np.asarray(lengths, dtype=np.int64)
    # whole-number bin widths: with fractional ones some bins hold two lengths and others one (false dips)
    lo, hi = int(arr.min()), int(arr.max())
    width = max(1, -(-(hi - lo + 1) // bins))
    counts, edges = np.histogram(arr, bins=np.arange(lo, hi + width + 1, width) - 0.5)
    return {"mean": float(arr.mean()), "median": float(np.median(arr)), "max": int(arr.max()),
            "hist": {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}}


def dataset_stats(texts: list[str], labels: list[int] | None, label_names: list[str], tokenizer: Any,
                  max_length: int, bins: int = 30, token_lengths: list[int] | None = None) -> dict:
    """Rows, class counts, char/token length summaries and the share of texts longer than max_length."""
    if token_lengths is None:  # callers that already encoded the texts pass their untruncated lengths
        encode = getattr(tokenizer, "encode_ids", None)
        token_lengths = ((encode(list(texts)).lengths.tolist() if encode else
                          [len(ids) for ids in tokenizer.encode_batch(list(texts))]) if texts else [])
    label_counts: dict[str, int] = {}
    if labels is not None:
        counts = np.bincount(np.asarray(labels, dtype=np.int64), minlength=len(label_names)) if labels else []
        label_counts = {name: int(counts[i]) if len(counts) else 0 for i, name in enumerate(label_names)}
    token_lengths = np.asarray(token_lengths, dtype=np.int64)
    truncated = int((token_lengths > max_length).sum())
    return {
        "rows": len(texts),
        "label_counts": label_counts,
        "char_lengths": _summary(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), bins),
        "token_lengths": _summary(token_lengths, bins),
        "truncated_share": truncated / len(texts) if texts else 0.0,
        "max_length": int(max_length),
    }
