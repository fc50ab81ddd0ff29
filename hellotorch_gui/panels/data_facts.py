"""What the loaded data gives a run of the current config (examples per split, vocabulary, classes), shared by the
panels that need it, and data problems worded for a newcomer.

The Data panel computes the facts (engine.data.checks.training_facts, off the GUI thread) and publishes them on
the window's DataFacts, a child QObject of the AppState; the Model panel's size estimate and the Hyperparameters
panel's LR preview read them. Facts count only while the config keys they were computed from are unchanged
(facts_key), so no panel shows numbers of another dataset, column or split."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from engine.data.checks import DataProblem, facts_key
from hellotorch_gui.state import AppState


class DataFacts(QObject):
    """The last facts computed for the loaded data, and whether newer ones are being computed."""

    changed = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("dataFacts")
        self._facts: dict | None = None
        self.pending = False  # the Data panel is counting for the current config

    def publish(self, facts: dict | None, pending: bool = False) -> None:
        self._facts, self.pending = facts, pending
        self.changed.emit()

    def set_pending(self, pending: bool) -> None:
        if pending != self.pending:
            self.pending = pending
            self.changed.emit()

    def current(self, config) -> dict | None:
        """The facts if they were computed for this config's data settings, else None (stale or none yet)."""
        facts = self._facts
        return facts if facts is not None and facts.get("key") == facts_key(config) else None


def data_facts(state: AppState) -> DataFacts:
    """The window's one DataFacts (created with the first panel that asks)."""
    found = state.findChild(DataFacts, "dataFacts", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else DataFacts(state)


def _t(text: str) -> str:
    return QCoreApplication.translate("DataChecks", text)


def _columns(values: dict) -> str:
    return ", ".join(f"'{c}'" for c in values.get("columns", [])[:12]) or "—"


def problem_text(problem: DataProblem) -> str:
    """The problem and its fix in plain words, naming the window's controls (no config keys, no CLI)."""
    v, kind = problem.values, problem.kind
    if kind == "one_class":
        text = (_t("Every row has the same class ('{0}' in the column '{1}'), so there is nothing to tell apart: a "
                   "classifier needs at least two classes. Choose the column that holds the classes under Label "
                   "column, add rows of another class to the file, or choose Generation as the task to learn to "
                   "write text like this.").format(v["label"], v["column"]) if v["label"] else
                _t("No row has a class in the column '{0}'. Choose the column that holds the classes under Label "
                   "column, or choose Generation as the task.").format(v["column"]))
        if v.get("limited"):
            text += " " + _t("Row limit keeps only a sample of the rows: raise it, or set it to 0 to use them all.")
        return text
    if kind == "too_few_rows":
        text = _t("Only {0} rows are left after cleaning, too few to train on: training needs at least {1} (and "
                  "learns little from fewer than a few hundred).").format(f"{v['rows']:,}", v["need"])
        if v.get("limited"):
            return text + " " + _t("Row limit keeps only that many of the file's rows: raise it, or set it to 0 to "
                                   "use them all.")
        return text + " " + (_t("Add rows to the file, or lower Validation fraction and Test fraction under Split "
                                "and tokenizer.") if v["split"] else _t("Add rows to the file."))
    if kind == "missing_column":
        text = _t("This data has no column '{0}'.").format(v["name"])
        if v.get("suggestion"):
            text += " " + _t("Did you mean '{0}'? Column names are case-sensitive.").format(v["suggestion"])
        return text + " " + _t("Choose one of its columns ({0}) in the list, or (auto) to detect it.").format(
            _columns(v))
    if kind == "same_column":
        return _t("The texts and the classes cannot come from the same column ('{0}'). Choose another column under "
                  "Label column.").format(v["name"])
    if kind == "label_looks_like_numbers":
        return _t("The column '{0}' holds a different number in most rows: it looks like a score to predict or an "
                  "id, not classes, and each number would become a class of its own. Turn the numbers into a few "
                  "classes in the file (for example 1-5 stars, or negative / positive), or choose the column with "
                  "the classes under Label column.").format(v["name"])
    if kind == "label_looks_like_text":
        return _t("The column '{0}' holds a different value in almost every row: it looks like text, not classes. "
                  "Choose the column with the classes under Label column, or choose Generation as the task.").format(
            v["name"])
    if kind == "no_text_column":
        return _t("No column of this data holds text (only numbers or nothing). Columns: {0}. Choose the column "
                  "with the texts under Text column.").format(_columns(v))
    if kind == "no_label_column":
        return _t("No column of this data looks like classes (the texts are in '{0}'). Choose the column with the "
                  "classes under Label column, or choose Generation as the task to learn to write text like "
                  "this.").format(v["text"])
    if kind == "same_pair_column":
        return _t("The prompts and the responses cannot come from the same column ('{0}'): the model would learn to "
                  "repeat the prompt. Choose the column with the answers under Response column.").format(v["name"])
    if kind == "pairs_incomplete":
        return _t("Instruction data needs both a Prompt column and a Response column: choose the other one too, or "
                  "set both to (none) to train on plain text.")
    return ""
