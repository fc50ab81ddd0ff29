"""How the wide half (the n-gram bag, engine.models.layers.NgramBag) starts: `model.ngram_table`.

- ``learned``: every n-gram weighs TF-IDF x its naive-Bayes class ratio and the bag's table starts at zero and
  learns with the network (NBSVM-style; strongest on short texts such as movie-review snippets).
- ``logistic``: every n-gram weighs TF-IDF alone and the table is logistic regression fitted on the bag's own
  features of the training split (liblinear, C chosen on the validation split as the baseline chooses it), then kept
  there: the network learns only what the linear model leaves. Long, noisy texts, where a network fits its
  training texts in two passes and the naive-Bayes ratios of rare n-grams are noise, do better this way.
- ``auto``: fit logistic regression on both weightings and compare them on the same validation texts; logistic
  only when TF-IDF alone is clearly better (McNemar's z of at least AUTO_MIN_Z) and the training split holds at
  most AUTO_MAX_TEXTS texts, else learned. The run's config.yaml records the choice.

Measured in README "Benchmarks" (`bench/unseen_data.py --data long`, `bench/accuracy_table.py`).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from engine.config import NGRAM_AUTO_MAX_TEXTS, monitor_metric

TABLE_CHOICES = ("auto", "learned", "logistic")
# auto switches to logistic only when TF-IDF alone beats TF-IDF x naive Bayes clearly on the same validation texts:
# McNemar's z = (right only with TF-IDF alone - right only with naive Bayes) / sqrt(their sum) of at least this.
# Measured (README "Benchmarks"): long mixed reviews z 1.1-1.5, where logistic gains; ...
AUTO_MIN_Z = 1.0
# ... and only on training splits up to engine.config.NGRAM_AUTO_MAX_TEXTS: the two C grids cost 0.4-2.3 s on
# 1,600-4,000 texts, but 8-15 s on 4,600-8,000 Chinese reviews (character n-grams converge slowly at large C) and
# 80-105 s on 13,900, and none of the larger sets measured had z >= 1.
AUTO_MAX_TEXTS = NGRAM_AUTO_MAX_TEXTS


@dataclass
class WideStart:
    """What fit_wide did: the table's mode, the buckets seen, and (logistic regression was fitted) C, the
    validation scores of the weightings compared and the seconds it took."""

    mode: str
    seen: int
    c: float | None = None
    scores: dict[str, float] | None = None
    discordant: tuple[int, int] | None = None  # validation texts right only with TF-IDF alone, only with NB
    z: float = 0.0
    seconds: float = 0.0

    def summary(self) -> dict:
        """summary.json's ``ngram_table``."""
        return {"mode": self.mode, "c": self.c, "validation": self.scores, "z": self.z if self.scores else None,
                "discordant": list(self.discordant) if self.discordant else None}

    def describe(self, texts: int) -> str:
        """One line for the run's log."""
        head = f"N-gram bag: weights of {self.seen:,} hashed n-grams fitted on {texts:,} training texts"
        if self.mode == "learned":
            line = f"{head} (TF-IDF x naive-Bayes ratio); its table learns with the network from zero"
        else:
            line = (f"{head} (TF-IDF); its table is logistic regression on them (C={self.c:g}) and stays there: "
                    f"the network learns what it leaves")
        if self.scores:
            line += (f". auto: logistic regression on the validation split scored {self.scores['learned']:.4f} "
                     f"with TF-IDF x naive Bayes and {self.scores['logistic']:.4f} with TF-IDF alone ("
                     f"{self.discordant[0]} texts right only with TF-IDF alone, {self.discordant[1]} only with naive "
                     f"Bayes: z = {self.z:+.2f}; logistic needs {AUTO_MIN_Z:g}) -> {self.mode}, "
                     f"{self.seconds:.1f} s")
        return line + "."


def validation_metric(cfg, imbalanced: bool = False) -> str:  # noqa: ANN001
    """What C and auto are chosen by on the validation split: macro F1 when the run picks its best checkpoint by it
    (train.monitor, auto on imbalanced classes), else accuracy -- as the baseline chooses its C."""
    return "f1_macro" if monitor_metric(cfg, imbalanced)[0] == "f1_macro" else "accuracy"


def fit_wide_for(model: nn.Module, cfg, data) -> WideStart | None:  # noqa: ANN001
    """fit_wide for a run: model.ngram_table on the prepared data's training and validation splits."""
    return fit_wide(model, cfg.model.ngram_table, data.ids["train"], data.labels.get("train") or None,
                    data.ids["val"], data.labels.get("val") or None, validation_metric(cfg, data.imbalanced))


def bags(model: nn.Module) -> list:
    """The n-gram bags of a classifier (an ensemble member's each), or []."""
    from engine.models.classifiers import members

    return [b for b in (getattr(one, "ngram", None) for one in members(model)) if b is not None]


def bag_features(bag, ids, chunk: int = 1024):
    """The bag's input to its table as a sparse float64 matrix [texts, buckets]: what NgramBag.forward multiplies
    with it (each n-gram's weight, summed over its occurrences, over the text's weight norm)."""
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    n = len(ids)
    for start in range(0, n, chunk):
        span = range(start, min(start + chunk, n))
        if hasattr(ids, "pad"):  # the app's TokenIds
            batch = ids.pad(torch.arange(span.start, span.stop), bag.pad_id).cpu()
        else:
            width = max([len(ids[i]) for i in span] + [1])
            batch = torch.full((len(span), width), bag.pad_id, dtype=torch.long)
            for r, i in enumerate(span):
                batch[r, : len(ids[i])] = torch.as_tensor(list(ids[i]), dtype=torch.long)
        if batch.shape[1] == 0:
            continue
        index, real = bag.grams(batch)
        w = bag.gram_weights(index, real, torch.float64)
        v = w / bag.text_norm(w)
        r = (torch.arange(len(span)).unsqueeze(1) + start).expand_as(index)
        keep = v != 0
        rows.append(r[keep].numpy())
        cols.append(index[keep].numpy())
        vals.append(v[keep].numpy())
    if not rows:
        return sp.csr_matrix((n, bag.buckets))
    # repeated n-grams of a text add up (csr sums duplicates), as in forward
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, bag.buckets))


def logistic_table(classifier, classes: int) -> np.ndarray:
    """The table [buckets, classes] that scores as a fitted logistic regression: two classes +-coef/2 (their
    softmax is the model's probability, up to its intercept); more, each class's one-vs-rest coefficients."""
    if classes == 2:
        coef = classifier.coef_[0]
        return np.stack([-coef / 2, coef / 2], 1)
    return np.stack([e.coef_[0] for e in classifier.estimators_], 1)


def fit_wide(model: nn.Module, mode: str, train_ids, train_labels, val_ids=None, val_labels=None,
             select: str = "accuracy") -> WideStart | None:
    """Fit the n-gram bag of every member (engine.models.classifiers.members) from the training split: the first
    by fit_bag, the others copied from it; ``logistic`` tables are frozen. The caller records ``result.mode``.
    None: the model has no bag."""
    found = bags(model)
    if not found:
        return None
    result = fit_bag(found[0], mode, train_ids, train_labels, val_ids, val_labels, select)
    for bag in found[1:]:
        bag.weight.copy_(found[0].weight)
        bag.table.data.copy_(found[0].table.data)
    freeze_table(model, result.mode)
    return result


@torch.no_grad()
def fit_bag(bag, mode: str, train_ids, train_labels, val_ids=None, val_labels=None,
            select: str = "accuracy") -> WideStart:
    """Set one bag's weights (and, for ``logistic``, its table) from the training split. ``auto`` fits logistic
    regression on both weightings (C chosen on the validation split by `select`, accuracy or f1_macro) and takes
    logistic when TF-IDF alone is right on clearly more validation texts (module docstring). Without two classes
    in the training split auto and logistic mean learned, and so does auto without a validation split or with more
    than AUTO_MAX_TEXTS training texts."""
    labels = list(train_labels) if train_labels is not None and len(train_labels) else None
    classes = bag.table.shape[1]
    can_fit = labels is not None and len(train_ids) > 0 and len(set(labels)) == classes >= 2
    can_choose = (can_fit and val_ids is not None and len(val_ids) > 0 and val_labels is not None
                  and len(val_labels) == len(val_ids))
    if (mode == "auto" and not (can_choose and len(train_ids) <= AUTO_MAX_TEXTS)) or \
            (mode == "logistic" and not can_fit):
        mode = "learned"
    t0 = time.perf_counter()
    result = WideStart(mode=mode, seen=0)
    if mode == "learned":
        result.seen = bag.fit_weights(train_ids, labels)
        result.seconds = time.perf_counter() - t0
        return result
    from engine.baseline import choose_c

    y, val_y = np.asarray(labels), (np.asarray(list(val_labels)) if can_choose else None)
    fitted, val_x_of = {}, {}
    for option in (("learned", "logistic") if mode == "auto" else ("logistic",)):
        result.seen = bag.fit_weights(train_ids, labels, naive_bayes=option == "learned")
        val_x = val_x_of[option] = bag_features(bag, val_ids) if can_choose else None
        fitted[option] = (choose_c(bag_features(bag, train_ids), y, val_x, val_y, select=select),
                          bag.weight.clone())
    if mode == "auto":  # a paired comparison on the same validation texts (McNemar's statistic)
        right = {k: v[0][2].predict(val_x_of[k]) == val_y for k, v in fitted.items()}
        only_idf = int((right["logistic"] & ~right["learned"]).sum())
        only_nb = int((right["learned"] & ~right["logistic"]).sum())
        result.scores = {k: v[0][0] for k, v in fitted.items()}
        result.discordant = (only_idf, only_nb)
        result.z = (only_idf - only_nb) / math.sqrt(only_idf + only_nb) if only_idf + only_nb else 0.0
        mode = result.mode = "logistic" if result.z >= AUTO_MIN_Z else "learned"
    (_score, c, classifier, _stopped), weight = fitted[mode]
    bag.weight.copy_(weight)
    if mode == "logistic":
        result.c = c
        bag.table.data.copy_(torch.from_numpy(logistic_table(classifier, classes)).to(bag.table.dtype))
    result.seconds = time.perf_counter() - t0
    return result


def freeze_table(model: nn.Module, mode: str) -> None:
    """``logistic``: the tables stay where logistic regression put them (no gradient, no optimizer state)."""
    for bag in bags(model):
        bag.table.requires_grad_(mode != "logistic")
