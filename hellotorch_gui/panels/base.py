"""What every panel shares: the app context, retranslation on language change, helpers for widgets."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QWidget

from hellotorch_gui.bridge import TaskRunner, TrainingController
from hellotorch_gui.state import AppState


@dataclass
class AppContext:
    """Services a panel may use; panels never reach into each other directly."""

    state: AppState
    tasks: TaskRunner
    trainer: TrainingController
    settings: QSettings
    show_error: Callable[[str, str, str], Any]   # title, message, details
    goto: Callable[[str], None]                  # switch to a panel by key ("data", "train", ...)
    set_status: Callable[[str], None]            # one line in the status bar


class Panel(QWidget):
    """Base panel: subclasses build widgets in __init__ and set every text in retranslate()."""

    key = "panel"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{self.key}Panel")

    def nav_title(self) -> str:
        return self.key

    def retranslate(self) -> None:
        """Set every visible text, tooltip and accessible name (called on language change)."""

    def shutdown(self) -> None:
        """Stop timers and cancel this panel's background tasks (window closing)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def describe(widget: QWidget, tooltip: str, name: str | None = None) -> QWidget:
    """Set tooltip and accessible name (every control has both)."""
    widget.setToolTip(tooltip)
    widget.setAccessibleName(name or tooltip)
    return widget
