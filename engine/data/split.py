"""Seeded train/val/test split, stratified by class when every class is big enough."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from engine.errors import DataError


@dataclass
class SplitResult:
    """Row indices of each split plus the class vocabulary and each row's class id."""

    train: list[int]
    val: list[int]
    test: list[int]
    label_names: list[str] = field(default_factory=list)
    label_ids: list[int] | None = None
    stratified: bool = False
    notes: list[str] = field(default_factory=list)


def _name_key(name: str) -> tuple:
    try:
        return (0, float(name), name)
    except ValueError:
        return (1, 0.0, name)


def label_vocabulary(labels: list[str]) -> list[str]:
    """Sorted class names, numbers numerically ('2' before '10') and before words."""
    return sorted({str(x) for x in labels}, key=_name_key)


def split_sizes(n: int, val_fraction: float, test_fraction: float) -> tuple[int, int, int]:
    """(train, val, test) row counts; a positive fraction always gets at least one row."""
    n_val = max(1, round(n * val_fraction)) if val_fraction > 0 else 0
    n_test = max(1, round(n * test_fraction)) if test_fraction > 0 else 0
    return n - n_val - n_test, n_val, n_test


def _split_off(indices: np.ndarray, size: int, strata: np.ndarray | None, seed: int,
               notes: list[str], what: str) -> tuple[np.ndarray, np.ndarray]:
    """Take `size` rows out of indices (stratified if possible); returns (rest, taken) as int64 arrays (a
    million rows as Python lists would cost ~36 MB per copy)."""
    if size <= 0:
        return indices, indices[:0]
    if strata is not None:
        from sklearn.model_selection import train_test_split

        counts = np.bincount(strata[indices])
        single = counts[strata[indices]] < 2  # one example: it stays on the training side
        rare, common = indices[single], indices[~single]
        try:
            if len(common) <= size:
                raise ValueError("too few rows of classes with two or more examples")
            rest, taken = train_test_split(common, test_size=size, random_state=seed, shuffle=True,
                                           stratify=strata[common])
            if len(rare):
                notes.append(f"{len(rare)} class(es) have a single example left for the {what} split; it was kept "
                             f"for training, so the {what} split has no example of such a class. Add examples of "
                             f"the rarest classes.")
            return np.concatenate([rest, rare]), taken
        except ValueError:  # a class too small for this split (scikit-learn's own words name test_size)
            classes = int((counts > 0).sum())
            why = (f"it holds {size:,} rows for {classes:,} classes, fewer than one row per class"
                   if size < classes else "some classes have too few rows to share out")
            notes.append(f"The {what} split is not stratified ({why}); it was drawn at random, so some classes may "
                         f"have no example in it. Add rows of the rarest classes, or raise the {what} fraction.")
    order = indices.tolist()
    random.Random(seed).shuffle(order)
    return np.asarray(order[size:], dtype=np.int64), np.asarray(order[:size], dtype=np.int64)


def split_indices(n: int, labels: list[str] | None, val_fraction: float, test_fraction: float, seed: int, *,
                  source: str = "") -> SplitResult:
    """Deterministic for a seed: stratified by label (classification) or random (labels=None)."""
    n_train, n_val, n_test = split_sizes(n, val_fraction, test_fraction)
    names = label_vocabulary(labels) if labels is not None else []
    need_train = max(2, len(names))
    where = f" from '{source}'" if source else ""
    if n_train < need_train:
        need = need_train + (1 if val_fraction > 0 else 0) + (1 if test_fraction > 0 else 0)
        fix = ("Add data, or lower data.val_fraction / data.test_fraction." if n >= need_train else
               f"Add data: even with data.val_fraction and data.test_fraction at 0, training needs {need_train} "
               f"rows.")
        raise DataError(f"Only {n:,} row{'s' if n != 1 else ''}{where} remain{'s' if n == 1 else ''} after cleaning, "
                        f"too few to split: training needs at least {need_train} rows, validation "
                        f"{1 if val_fraction > 0 else 0} and test {1 if test_fraction > 0 else 0} (at least {need} rows "
                        f"in all, and more to learn anything). {fix}")
    label_ids = None
    strata = None
    if labels is not None:
        index = {name: i for i, name in enumerate(names)}
        label_ids = [index[str(x)] for x in labels]
        strata = np.asarray(label_ids, dtype=np.int64)
    notes: list[str] = []
    rest, test = _split_off(np.arange(n, dtype=np.int64), n_test, strata, seed, notes, "test")
    train, val = _split_off(rest, n_val, strata, seed + 1, notes, "validation")
    train_list = train.tolist()
    if not len(test) and not len(val):
        random.Random(seed).shuffle(train_list)
    return SplitResult(train_list, val.tolist(), test.tolist(), names, label_ids, strata is not None and not notes,
                       notes)


def check_classes(labels: list[str], source: str = "", label_column: str | None = None,
                  limited: bool = False) -> None:
    """A classifier needs at least two classes in its (cleaned) data."""
    present = label_vocabulary(labels)
    if len(present) < 2:
        only = f"'{present[0]}'" if present else "none"
        where = f" of '{source}'" if source else ""
        hint = (" data.limit_rows keeps only a sample of the rows; raise it (0 = all)."
                if limited else "")
        raise DataError(f"The label column '{label_column or 'label'}'{where} has only one class ({only}); a "
                        f"classifier needs at least two.{hint} Pick another column with data.label_column or add "
                        f"rows of the other classes.")
