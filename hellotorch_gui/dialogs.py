"""Error dialog with Details and Copy, shared by worker failures and the excepthook."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A non-blocking error box: the message, 'Show Details...' with the traceback, and a Copy button."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.setAccessibleName(title)
    if details:
        box.setDetailedText(details)
    copy = QPushButton(tr("Copy"))
    copy.setObjectName("copyErrorButton")
    copy.setToolTip(tr("Copy the message and details to the clipboard"))
    copy.setAccessibleName(tr("Copy"))
    box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{details}".strip()))
    box.setModal(False)
    box.show()
    return box
