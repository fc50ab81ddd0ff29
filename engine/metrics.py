"""Evaluation metrics: classification (scikit-learn), perplexity, ROUGE-L, chrF and plot smoothing."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn import metrics as skm

MAX_CURVE_POINTS = 200

# CJK ideographs, kana, hangul and full-width punctuation: scored one character per token.
_CJK = r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")


def _downsample(*arrays: np.ndarray, limit: int = MAX_CURVE_POINTS) -> list[np.ndarray]:
    """Keep at most limit evenly spaced points of parallel arrays, always keeping both endpoints."""
    n = len(arrays[0])
    if n <= limit:
        return list(arrays)
    idx = np.unique(np.linspace(0, n - 1, limit).round().astype(int))
    return [a[idx] for a in arrays]


def _floats(a: np.ndarray) -> list[float | None]:
    """A JSON-safe list: non-finite values (sklearn's leading inf threshold) become None."""
    return [float(v) if math.isfinite(v) else None for v in np.asarray(a, dtype=float).tolist()]


def _opt(value: Any) -> float | None:
    """float(value), or None when it is missing or not finite."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _roc(y_true: np.ndarray, probs: np.ndarray, names: list[str]) -> tuple[float | None, Any]:
    """ROC AUC and curve(s): binary on the positive class, multiclass one-vs-rest (None when undefined)."""
    n_classes = probs.shape[1]
    if n_classes < 2 or not np.isfinite(probs).all():
        return None, None
    present = set(np.unique(y_true).tolist())
    if n_classes == 2:
        if len(present) < 2:
            return None, None
        fpr, tpr, thr = skm.roc_curve(y_true, probs[:, 1])
        fpr, tpr, thr = _downsample(fpr, tpr, thr)
        auc = _opt(skm.roc_auc_score(y_true, probs[:, 1]))
        return auc, {"fpr": _floats(fpr), "tpr": _floats(tpr), "thresholds": _floats(thr)}
    curves: dict[str, dict[str, Any]] = {}
    for c, name in enumerate(names):
        positives = y_true == c
        if not positives.any() or positives.all():
            continue  # one-vs-rest is undefined for a class that is absent (or alone)
        fpr, tpr, _ = skm.roc_curve(positives.astype(int), probs[:, c])
        auc_c = _opt(skm.roc_auc_score(positives.astype(int), probs[:, c]))
        fpr, tpr = _downsample(fpr, tpr)
        curves[name] = {"fpr": _floats(fpr), "tpr": _floats(tpr), "auc": auc_c}
    auc = None
    if len(present) == n_classes:
        sums = probs.sum(axis=1, keepdims=True)
        norm = probs / np.where(sums > 0, sums, 1.0)  # sklearn's OvR insists rows sum to 1
        auc = _opt(skm.roc_auc_score(y_true, norm, multi_class="ovr", average="macro",
                                     labels=list(range(n_classes))))
    return auc, curves or None


def classification_metrics(y_true: Sequence[int], probs: np.ndarray, label_names: list[str]) -> dict[str, Any]:
    """Accuracy, macro P/R/F1, per-class scores, ROC AUC/curves and the confusion matrix, JSON-safe."""
    y = np.asarray(y_true, dtype=int).reshape(-1)
    p = np.asarray(probs, dtype=float)
    n_classes = p.shape[1] if p.ndim == 2 else len(label_names)
    if p.ndim != 2 or p.shape[0] != len(y):
        if len(y) == 0:
            p = np.zeros((0, n_classes))
        else:
            raise ValueError(f"probs must have shape [N, C] with N = {len(y)}; got {p.shape}")
    names = [str(n) for n in label_names[:n_classes]] + [str(i) for i in range(len(label_names), n_classes)]
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}; got {y.min()}..{y.max()}")
    labels = list(range(n_classes))
    if len(y) == 0:
        return {
            "n": 0, "accuracy": None, "precision_macro": None, "recall_macro": None, "f1_macro": None,
            "per_class": {nm: {"precision": None, "recall": None, "f1": None, "support": 0} for nm in names},
            "roc_auc": None, "roc_curve": None,
            "confusion_matrix": [[0] * n_classes for _ in range(n_classes)],
        }
    pred = p.argmax(axis=1)
    # Macro averages cover the classes seen in y_true or predictions (sklearn's default), so a class
    # absent from a small eval split does not drag the mean down with zeros.
    prec_m, rec_m, f1_m, _ = skm.precision_recall_fscore_support(y, pred, average="macro", zero_division=0)
    prec, rec, f1, support = skm.precision_recall_fscore_support(y, pred, labels=labels, average=None,
                                                                 zero_division=0)
    auc, curve = _roc(y, p, names)
    return {
        "n": int(len(y)),
        "accuracy": float(skm.accuracy_score(y, pred)),
        "precision_macro": float(prec_m),
        "recall_macro": float(rec_m),
        "f1_macro": float(f1_m),
        "per_class": {
            nm: {"precision": float(prec[i]), "recall": float(rec[i]), "f1": float(f1[i]),
                 "support": int(support[i])}
            for i, nm in enumerate(names)
        },
        "roc_auc": auc,
        "roc_curve": curve,
        "confusion_matrix": skm.confusion_matrix(y, pred, labels=labels).astype(int).tolist(),
    }


def perplexity(loss: float) -> float:
    """exp(loss), returning inf instead of overflowing for huge losses."""
    loss = float(loss)
    if math.isnan(loss):
        return float("nan")
    if loss > 700.0:  # exp(709.8) is the largest finite double
        return float("inf")
    return math.exp(loss)


def tokenize(text: str) -> list[str]:
    """Whitespace words for alphabetic text, one token per character for CJK text (mixed text works)."""
    return _TOKEN_RE.findall(text)


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a)·len(b)) time, O(len(b)) memory)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, yv in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == yv else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(prediction: str, reference: str, tokenize: Callable[[str], list[str]] = tokenize) -> float:
    """ROUGE-L F1 (0..1) from the token LCS; two empty texts score 1."""
    pred, ref = tokenize(prediction), tokenize(reference)
    if not pred and not ref:
        return 1.0
    if not pred or not ref:
        return 0.0
    lcs = _lcs_length(pred, ref)
    if lcs == 0:
        return 0.0
    p, r = lcs / len(pred), lcs / len(ref)
    return 2 * p * r / (p + r)


def _char_ngrams(text: str, n: int) -> Counter[str]:
    """Counts of character n-grams of text."""
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


def chrf(prediction: str, reference: str, n: int = 6, beta: float = 2.0) -> float:
    """chrF (Popović 2015, as sacrebleu 1.x): F-beta of n-gram precision and recall averaged over orders 1..n, 0..100."""
    hyp, ref = re.sub(r"\s+", "", prediction), re.sub(r"\s+", "", reference)
    if not hyp and not ref:
        return 100.0
    if not hyp or not ref:
        return 0.0
    precision = recall = 0.0
    orders = 0
    for k in range(1, n + 1):
        h, r = _char_ngrams(hyp, k), _char_ngrams(ref, k)
        if not h or not r:
            continue  # strings shorter than k: this order is undefined and skipped
        match = sum((h & r).values())
        precision += match / sum(h.values())
        recall += match / sum(r.values())
        orders += 1
    precision, recall = precision / orders, recall / orders
    b2 = beta * beta
    if precision == 0.0 and recall == 0.0:
        return 0.0
    return 100.0 * (1 + b2) * precision * recall / (b2 * precision + recall)


def generation_similarity(predictions: list[str], references: list[str]) -> dict[str, Any]:
    """Mean ROUGE-L (0..1) and chrF (0..100) over prediction/reference pairs."""
    if len(predictions) != len(references):
        raise ValueError(f"got {len(predictions)} predictions but {len(references)} references")
    n = len(predictions)
    if n == 0:
        return {"rouge_l": None, "chrf": None, "n": 0}
    rl = [rouge_l(p, r) for p, r in zip(predictions, references)]
    cf = [chrf(p, r) for p, r in zip(predictions, references)]
    return {"rouge_l": float(sum(rl) / n), "chrf": float(sum(cf) / n), "n": n}


def smooth(values: Sequence[float], weight: float = 0.9) -> list[float]:
    """TensorBoard-style debiased exponential moving average; non-finite points pass through unsmoothed."""
    w = min(max(float(weight), 0.0), 0.999)
    out: list[float] = []
    last, steps = 0.0, 0
    for v in values:
        v = float(v)
        if not math.isfinite(v):
            out.append(v)
            continue
        last = last * w + (1 - w) * v
        steps += 1
        out.append(last / (1 - w**steps))
    return out
