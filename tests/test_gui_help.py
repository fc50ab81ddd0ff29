"""A newcomer is never stuck (issue 17): the first-start guide, Help → Documentation, the shortcuts list, About
with versions, and Ctrl+1..0 to the panels."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableWidget, QTextBrowser


def test_the_first_start_says_what_to_click_first_and_goes_away_for_good(window, qtbot, qsettings, tmp_path):
    from hellotorch_gui import MainWindow

    banner = window.findChild(object, "welcomeBanner")
    assert banner is not None and banner.isVisibleTo(window)
    text = banner.findChild(QLabel, "welcomeText").text()
    assert "Data" in text and "Start" in text and "Playground" in text
    window.goto("model")
    qtbot.mouseClick(window.findChild(object, "welcomeStartButton"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.panel("data")
    qtbot.mouseClick(window.findChild(object, "welcomeDismissButton"), Qt.MouseButton.LeftButton)
    assert not banner.isVisibleTo(window)
    again = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))  # the next start: no guide
    qtbot.addWidget(again)
    assert not again.findChild(object, "welcomeBanner").isVisibleTo(again)
    again.welcome_action.trigger()  # Help can bring it back
    assert again.findChild(object, "welcomeBanner").isVisibleTo(again)
    again.close()


def test_help_opens_the_documentation_and_the_shortcuts(window, qtbot):
    window.docs_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(object, "documentationDialog") is not None)
    browser = window.findChild(object, "documentationDialog").findChild(QTextBrowser, "documentationBrowser")
    assert "hellotorch train" in browser.toPlainText() and "Set-up" in browser.toPlainText()
    window.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(object, "shortcutsDialog") is not None)
    table = window.findChild(object, "shortcutsDialog").findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(i, 0).text(): table.item(i, 1).text() for i in range(table.rowCount())}
    assert rows["Start"] and rows["Go to Data"] and "Documentation" in rows
    for dialog in ("documentationDialog", "shortcutsDialog"):
        window.findChild(object, dialog).close()


def test_about_names_the_versions(window, qtbot):
    import importlib.metadata as md

    from engine import __version__

    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "aboutDialog") is not None)
    text = window.findChild(QMessageBox, "aboutDialog").text()
    assert __version__ in text and md.version("torch") in text and "PySide6" in text
    window.findChild(QMessageBox, "aboutDialog").close()


def test_ctrl_digits_go_to_the_panels(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    for act, key in zip(window.panel_actions, ["environment", "learn", "data", "model", "hyperparameters"]):
        act.trigger()
        assert window.stack.currentWidget() is window.panel(key)
    assert window.panel_actions[2].shortcut().toString() == "Ctrl+3"
