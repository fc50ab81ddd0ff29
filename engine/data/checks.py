"""Why a dataset cannot train, as structured problems a window can word for a newcomer, and what a run of a
config will see of its data (split sizes, vocabulary, classes) without training.

The engine's own errors name config keys and CLI flags (`data.label_column`, `hellotorch data list`): right for
the command line, opaque in a window. A DataProblem names the kind and the values instead; the window says it in
the user's language with the control to use. Light to import: the data pipeline loads inside the functions."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from engine.data.split import split_sizes

# Config keys whose values change what a run sees of its data (split sizes, vocabulary, classes, blocks).
FACTS_KEYS = ("task", "data.source", "data.text_column", "data.label_column", "data.prompt_column",
              "data.response_column", "data.max_length", "data.val_fraction", "data.test_fraction", "data.tokenizer",
              "data.vocab_size", "data.min_freq", "data.lowercase", "data.language", "data.drop_duplicates",
              "data.drop_conflicting", "data.limit_rows", "train.seed")
PRETRAINED_KEYS = ("model.pretrained", "model.trust_remote_code")  # count only when model.arch is pretrained


@dataclass(frozen=True)
class DataProblem:
    """One reason the data cannot train: `kind`, the values a message names, and the config key of the control
    that fixes it ("" when it is about the source as a whole)."""

    kind: str
    values: dict = field(default_factory=dict)
    key: str = ""


def class_problem(label_counts: dict[str, int], label_column: str | None, limited: bool = False
                  ) -> DataProblem | None:
    """A classifier needs two classes: one class left after cleaning (or none) is a problem."""
    present = [name for name, n in label_counts.items() if n > 0]
    if len(present) >= 2:
        return None
    return DataProblem("one_class", {"label": present[0] if present else "", "column": label_column or "",
                                     "limited": limited}, "data.label_column")


IMBALANCE_RATIO = 4.0  # the largest class holds at least this many times the texts of the smallest


def class_imbalance(counts: dict[str, int]) -> tuple[str, float, str, float] | None:
    """(largest class, its share, smallest class, its share) when the largest holds at least IMBALANCE_RATIO
    times the rows of the smallest (classes with no rows are not counted), else None."""
    present = [(n, name) for name, n in counts.items() if n > 0]
    if len(present) < 2:
        return None
    (most, big), (least, small) = max(present), min(present)
    if most < IMBALANCE_RATIO * least:
        return None
    total = sum(n for n, _ in present)
    return big, most / total, small, least / total


def imbalance_note(label_ids: list[int], label_names: list[str]) -> str:
    """A note when the training split's classes are imbalanced ("" when not): accuracy then mostly rewards
    answering the largest class, so `train.monitor auto` picks checkpoints by macro F1 (engine/training/loop.py)."""
    counts = dict.fromkeys(label_names, 0)
    for y in label_ids:
        if 0 <= y < len(label_names):
            counts[label_names[y]] += 1
    found = class_imbalance(counts)
    if found is None:
        return ""
    big, big_share, small, small_share = found
    return (f"The classes are imbalanced: '{big}' holds {big_share:.0%} of the training texts and '{small}' "
            f"{small_share:.0%}. Always answering '{big}' already scores {big_share:.2f} accuracy, so "
            f"accuracy says little here: with train.monitor auto the best checkpoint is the one with the best "
            f"macro F1 (the mean F1 over the classes), and the comparison with the baseline gives macro F1 too.")


def label_variants(names: list[str]) -> list[list[str]]:
    """Groups of two or more class names that read as one word written differently ("Positive", "positive",
    "POSITIVE.", "not recommended" / "Not-Recommended", full-width letters): the same after NFKC, case folding,
    dropping punctuation at either end and spaces, underscores and hyphens between letters.
    Each group keeps the names' order; names whose letters are all punctuation ("+", "-") are compared whole."""
    groups: dict[str, list[str]] = {}
    for name in names:
        folded = unicodedata.normalize("NFKC", str(name)).casefold()
        key = _SEPARATORS.sub("", _EDGES.sub("", folded))  # "1.0" and "10" stay apart: only edges and separators go
        groups.setdefault(key or folded, []).append(str(name))
    return [g for g in groups.values() if len(g) > 1]


_EDGES = re.compile(r"^(?![+-]\d)[\W_]+|[\W_]+$")  # a sign before a digit stays: -1 and 1 are two classes
_SEPARATORS = re.compile(r"(?<=[^\W\d_])[\s_\-]+(?=[^\W\d_])")  # between letters: "not-recommended"


def label_variants_note(names: list[str]) -> str:
    """A note when class names differ only in case, spaces or punctuation ("" when none do): the file most likely
    spells one class several ways, and each spelling trains as a class of its own."""
    groups = label_variants(names)
    if not groups:
        return ""
    said = "; ".join(" and ".join(f"'{n}'" for n in g) for g in groups)
    return (f"Some labels differ only in case, spaces or punctuation: {said}. Each is a class of its own here. If "
            f"they mean the same class, write them one way in the file (a spreadsheet's find and replace does it) "
            f"and load it again.")


def header_note(text_column: str | None, label_column: str | None, names: list[str]) -> str:
    """A note when the label column's name is also one of its classes ("neg" over rows of neg and pos): the file
    has no header row, so its first row became the column names and is not trained on ("" otherwise)."""
    if not label_column or not names:
        return ""
    name = str(label_column).strip().lower()
    if name not in {str(n).strip().lower() for n in names}:
        return ""
    shown = ", ".join(f"'{c}'" for c in (text_column, label_column) if c)
    return (f"The column names ({shown}) look like a row of data: '{label_column}' is also one of the classes. The "
            f"file seems to have no header row, so its first row was read as the column names and is not used; "
            f"add a header line naming the columns (e.g. text,label).")


def header_problems(text_column: str | None, columns: list[str], headless_said: bool = False) -> list[DataProblem]:
    """What the header row of a table file suggests went wrong, without stopping anything (the texts still train):

    - ``headless_text``: the text column's name reads like a text (five or more words, 40 or more characters, or
      12 or more characters with no Latin letter, as a Chinese sentence): a file without a header row, whose first
      text became the column name and is not trained on (generation data: one column of text lines);
    - ``duplicate_column``: the header names a column twice; the reader called the second ``name.1``, which is not
      the one read unless chosen.

    ``headless_said``: header_note already says the file has no header row (a label column named like a class),
    so ``headless_text`` is left out: said once."""
    problems = []
    name = str(text_column or "").strip()
    if name and not headless_said and (len(name.split()) >= 5 or len(name) >= 40
                 or (len(name) >= 12 and not re.search(r"[A-Za-z]", name) and not name.isdigit())):
        problems.append(DataProblem("headless_text", {"column": name}, "data.text_column"))
    present = {str(c) for c in columns}
    for c in columns:
        m = re.fullmatch(r"(.+)\.(\d+)", str(c))
        if m and m.group(1) in present:
            problems.append(DataProblem("duplicate_column", {"column": m.group(1), "renamed": str(c)},
                                        "data.text_column"))
    return problems


def header_problem_text(problem: DataProblem) -> str:
    """A header problem (header_problems) in words, for the command line and the run's log."""
    v = problem.values
    if problem.kind == "headless_text":
        return (f"The text column's name, '{v['column'][:80]}', reads like a text: the file seems to have no header "
                f"row, so its first line became the column name and is not used. Add a first line naming the "
                f"column (e.g. text).")
    return (f"The header names '{v['column']}' twice; the second column is read as '{v['renamed']}'. Rename one "
            f"of them in the file, or pick the one you mean with data.text_column.")


def rows_problem(rows: int, classes: int, val_fraction: float, test_fraction: float, limited: bool = False
                 ) -> DataProblem | None:
    """Too few rows to split (the rule of engine.data.split.split_indices): training needs max(2, classes).
    `limited`: data.limit_rows cut the rows below what the file holds (the message then names it)."""
    n_train = split_sizes(rows, val_fraction, test_fraction)[0]
    need_train = max(2, classes)
    if n_train >= need_train:
        return None
    need = need_train + (1 if val_fraction > 0 else 0) + (1 if test_fraction > 0 else 0)
    return DataProblem("too_few_rows", {"rows": rows, "need": need, "need_train": need_train,
                                        "split": rows >= need_train, "limited": limited},
                       "data.limit_rows" if limited else "")


_DID_YOU_MEAN = re.compile(r"Did you mean '([^']*)'")


def column_problem(message: str, columns: list[str], *, task: str, text_column: str = "", label_column: str = "",
                   prompt_column: str = "", response_column: str = "") -> DataProblem | None:
    """The column problem behind an engine DataError about columns (None when it is about something else)."""
    instructions = task == "generation" and bool(prompt_column or response_column)
    chosen = ((("data.prompt_column", prompt_column), ("data.response_column", response_column)) if instructions
              else (("data.text_column", text_column), ("data.label_column", label_column)))
    if instructions and not (prompt_column and response_column):
        return DataProblem("pairs_incomplete", {}, "data.response_column" if prompt_column else "data.prompt_column")
    if instructions and prompt_column == response_column:
        return DataProblem("same_pair_column", {"name": prompt_column}, "data.response_column")
    for key, name in chosen:
        if name and columns and name not in columns:
            same = _DID_YOU_MEAN.search(message)
            return DataProblem("missing_column", {"name": name, "columns": list(columns),
                                                  "suggestion": same.group(1) if same else ""}, key)
    if instructions:
        return None
    if task == "classification" and text_column and text_column == label_column:
        return DataProblem("same_column", {"name": text_column}, "data.label_column")
    if "looks like a score to predict" in message:
        return DataProblem("label_looks_like_numbers", {"name": label_column}, "data.label_column")
    if "looks like text" in message:
        return DataProblem("label_looks_like_text", {"name": label_column}, "data.label_column")
    if message.startswith("No text column"):
        return DataProblem("no_text_column", {"columns": list(columns)}, "data.text_column")
    if message.startswith("No label column"):
        found = re.search(r"text column: '([^']*)'", message)
        return DataProblem("no_label_column", {"columns": list(columns), "text": found.group(1) if found else ""},
                           "data.label_column")
    return None


# Column pairs that instruction data names its prompts and responses by (lower-cased), first match wins
INSTRUCTION_PAIRS = (("prompt", "response"), ("prompt", "completion"), ("instruction", "output"),
                     ("instruction", "response"), ("question", "answer"), ("question", "response"),
                     ("query", "response"), ("input", "output"), ("input", "target"), ("source", "target"),
                     ("问题", "回答"), ("问题", "答案"), ("指令", "输出"))


def instruction_columns(columns: list[str]) -> tuple[str, str] | None:
    """(prompt column, response column) when the columns are named as instruction data usually is, else None."""
    lower = {str(c).strip().lower(): str(c) for c in columns}
    for p, r in INSTRUCTION_PAIRS:
        if p in lower and r in lower:
            return lower[p], lower[r]
    return None


def label_column_hint(columns: list[str], rows: list[dict]) -> str:
    """For generation: the column a classifier would take as labels ("" when none), so the window can say that
    the file has labels that generation leaves unused."""
    from engine.data.loading import detect_columns
    from engine.errors import DataError

    try:
        return detect_columns(list(columns), rows, "classification")[1] or ""
    except DataError:
        return ""


def facts_key(cfg: Any) -> tuple:
    """The config values a run's data facts depend on: facts computed for another key are stale."""
    from engine.config import get_value

    keys = FACTS_KEYS + (PRETRAINED_KEYS if cfg.model.arch == "pretrained" else ())
    return (cfg.model.arch == "pretrained",) + tuple(get_value(cfg, k) for k in keys)


class Stopped(Exception):
    """The caller asked to stop (a newer request replaced this one)."""


def training_facts(cfg: Any, should_stop: Callable[[], bool] | None = None) -> dict:
    """What a run of `cfg` sees of its data, from the same pipeline the run uses (engine.data.pipeline): examples
    per split (rows, or blocks of max_length + 1 tokens for a language model), the vocabulary size and the
    classes. A DataError says why the run would fail; `should_stop` is polled between the pipeline's phases."""
    from engine.data.pipeline import prepare_data

    def progress(_message: str) -> None:
        if should_stop is not None and should_stop():
            raise Stopped()

    key = facts_key(cfg)
    data = prepare_data(cfg, progress=progress)
    classes = list(data.label_names) if cfg.task == "classification" else []
    return {"key": key, "train_examples": len(data.ids["train"]), "val_examples": len(data.ids["val"]),
            "test_examples": len(data.ids["test"]), "train_texts": len(data.texts["train"]),
            "vocab_size": int(data.tokenizer.vocab_size), "num_classes": len(classes), "label_names": classes,
            "language": str(getattr(data, "language", "") or ""),
            "notes": list(data.notes)}


def steps_per_epoch(train_examples: int, batch_size: int, grad_accum: int) -> int:
    """Optimizer steps in one epoch, as the training loop counts them."""
    batches = -(-train_examples // max(1, batch_size))
    return max(1, -(-batches // max(1, grad_accum)))
