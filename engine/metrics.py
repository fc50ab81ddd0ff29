"""Evaluation metrics: classification (scikit-learn), perplexity, ROUGE-L (rouge-score), chrF (sacrebleu), smoothing."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn import metrics as skm

MAX_CURVE_POINTS = 200

# One ROUGE token per CJK character (kana, ideographs incl. extensions, hangul), else runs of [a-z0-9].
_ROUGE_TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
                             r"\U00020000-\U0003134f]|[a-z0-9]+")


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
    # Macro averages cover the classes present in the evaluated texts: a class absent from a small eval split does
    # not drag the mean down with zeros, and a model and its baseline scored on the same texts are averaged over
    # the same classes (sklearn's default, the classes in y_true or predictions, averaged a one-class test split
    # over one class for a baseline that always answered it and over two for a model that sometimes did not).
    present = sorted(set(y.tolist()))
    prec_m, rec_m, f1_m, _ = skm.precision_recall_fscore_support(y, pred, labels=present, average="macro",
                                                                 zero_division=0)
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


class CjkTokenizer:
    """rouge-score's default tokenization (lowercase, runs of [a-z0-9]) that also keeps CJK: one token per character.

    rouge-score's own tokenizer drops every non-ASCII character, so Chinese would score 0; text without CJK
    characters tokenizes exactly as rouge-score's default (no stemming).
    """

    def tokenize(self, text: str) -> list[str]:
        return _ROUGE_TOKEN_RE.findall(text.lower())


def generation_similarity(predictions: list[str], references: list[str]) -> dict[str, Any]:
    """Mean sentence-level ROUGE-L F1 (0..1, rouge-score, CjkTokenizer) and chrF (0..100, sacrebleu) over pairs.

    chrF is sacrebleu's CHRF() defaults (character 6-grams, beta 2, whitespace ignored): characters, so Chinese
    needs no tokenizer. Both libraries score an empty text 0, even against an empty reference.
    """
    if len(predictions) != len(references):
        raise ValueError(f"got {len(predictions)} predictions but {len(references)} references")
    n = len(predictions)
    if n == 0:
        return {"rouge_l": None, "chrf": None, "n": 0}
    # Imported here: rouge-score imports nltk (seconds), which only generation metrics need.
    from rouge_score.rouge_scorer import RougeScorer
    from sacrebleu.metrics import CHRF

    rouge, chrf = RougeScorer(["rougeL"], tokenizer=CjkTokenizer()), CHRF()
    rl = [rouge.score(r, p)["rougeL"].fmeasure for p, r in zip(predictions, references)]
    cf = [chrf.sentence_score(p, [r]).score for p, r in zip(predictions, references)]
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
