"""Help for a newcomer: the first-start banner, the documentation viewer, the shortcuts list and About."""
from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from hellotorch_gui.panels.base import describe

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


class WelcomeBanner(QFrame):
    """Shown on the first start: what to click first. "Got it" hides it for good (QSettings welcomeDone)."""

    startRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="welcomeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(objectName="welcomeText", wordWrap=True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = QPushButton(objectName="welcomeStartButton")
        self.start_button.clicked.connect(self.startRequested)
        self.close_button = QPushButton(objectName="welcomeDismissButton")
        self.close_button.clicked.connect(self.dismissed)
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.start_button)
        lay.addWidget(self.close_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(self.tr(
            "<b>New here?</b> 1. <b>Data</b>: pick a dataset (movie-reviews is ready, or open your own CSV). "
            "2. <b>Model</b>: keep the suggested one. 3. <b>Train</b>: press Start (Ctrl+Enter) and watch loss "
            "and accuracy move. 4. <b>Evaluate</b> and <b>Playground</b>: see how good it is and try your own "
            "sentences. Help › Documentation explains everything."))
        self.start_button.setText(self.tr("Start with the data"))
        describe(self.start_button, self.tr("Go to the Data panel, the first step"), self.tr("Start with the data"))
        self.close_button.setText(self.tr("Got it"))
        describe(self.close_button, self.tr("Hide this guide (it does not come back)"), self.tr("Hide the guide"))


class DocumentationDialog(QDialog):
    """README.md rendered in the window (offline), screenshots included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="documentationDialog")
        self.setWindowTitle(self.tr("Hello PyTorch documentation"))
        self.browser = QTextBrowser(objectName="documentationBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(ROOT)])
        try:
            self.browser.setMarkdown(README.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(self.tr("The documentation (README.md) is not installed next to the app."))
        describe(self.browser, self.tr("The documentation: set-up, the panels, the command line, exports"),
                 self.tr("Documentation"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(900, 700)


class ShortcutsDialog(QDialog):
    """Every menu action that has a shortcut, read from the actions themselves (so the list is always true)."""

    def __init__(self, actions: list, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for a in actions if not a.shortcut().isEmpty()]
        self.table = QTableWidget(len(rows), 2, objectName="shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        for i, (name, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        describe(self.table, self.tr("What each shortcut does"), self.tr("Keyboard shortcuts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(460, 420)


def versions() -> dict[str, str]:
    """Versions of the app and what it runs on, without importing torch (read from the installed metadata)."""
    import importlib.metadata as md

    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    from engine import __version__ as app

    out = {"Hello PyTorch": app, "Python": platform.python_version(), "PySide6": pyside, "Qt": qVersion()}
    for name in ("torch", "transformers", "onnxruntime", "datasets", "tokenizers", "pyqtgraph"):
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "not installed"
    out["System"] = f"{platform.system()} {platform.release()} ({platform.machine()})"
    return out


def about_text(parent: QWidget, runs_dir: str, cache_dir: str) -> str:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    return parent.tr(
        "<p><b>Hello PyTorch</b> — a desktop trainer for learning to build and fine-tune language models with "
        "PyTorch 2. Everything the window does, the <code>hellotorch</code> command line does too.</p>"
        "<table>{0}</table><p>Runs: {1}<br>Cache: {2}<br>Python: {3}</p>").format(
        rows, runs_dir, cache_dir, sys.executable)
