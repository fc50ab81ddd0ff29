"""The main window: a navigation list of panels, menus, shortcuts, drag-and-drop and a safe close."""
from __future__ import annotations

import importlib
import traceback

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow,
                               QMessageBox, QStackedWidget, QVBoxLayout, QWidget)

from engine import config as cfgmod
from engine.errors import HelloTorchError
from hellotorch_gui import i18n
from hellotorch_gui.bridge import TaskRunner, TrainingController
from hellotorch_gui.dialogs import show_error
from hellotorch_gui.panels.base import AppContext, Panel
from hellotorch_gui.state import AppState

SETTINGS_VERSION = 1
# (key, module, class): the order of the navigation list.
PANELS = [
    ("environment", "hellotorch_gui.panels.environment", "EnvironmentPanel"),
    ("learn", "hellotorch_gui.panels.learn", "LearnPanel"),
    ("data", "hellotorch_gui.panels.data", "DataPanel"),
    ("model", "hellotorch_gui.panels.model", "ModelPanel"),
    ("hyperparameters", "hellotorch_gui.panels.hyperparameters", "HyperparametersPanel"),
    ("train", "hellotorch_gui.panels.train", "TrainPanel"),
    ("evaluate", "hellotorch_gui.panels.evaluate", "EvaluatePanel"),
    ("playground", "hellotorch_gui.panels.playground", "PlaygroundPanel"),
    ("search", "hellotorch_gui.panels.search", "SearchPanel"),
    ("runs", "hellotorch_gui.panels.runs", "RunsPanel"),
]


def make_settings() -> QSettings:
    s = QSettings()
    if int(s.value("settingsVersion", 0) or 0) != SETTINGS_VERSION:
        s.clear()
        s.setValue("settingsVersion", SETTINGS_VERSION)
    return s


class MainWindow(QMainWindow):
    """Hello PyTorch's one window."""

    def __init__(self, settings: QSettings | None = None, runs_dir: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or make_settings()
        self.state = AppState(self._restore_config())
        self.state.runs_dir = runs_dir
        self.tasks = TaskRunner(self)
        self.tasks.hold()  # panels queue their first jobs; they start once the window has painted
        self.trainer = TrainingController(self)
        self._dialogs: list = []
        self._quit_after_training = False
        self._close_after_stop = False  # "Stop and save" was chosen on close: close once the run has ended
        self.ctx = AppContext(self.state, self.tasks, self.trainer, self.settings, self.show_error, self.goto,
                              self.set_status)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.stack.setObjectName("panelStack")
        self.panels: dict[str, Panel] = {}
        for key, module, cls in PANELS:
            panel = getattr(importlib.import_module(module), cls)(self.ctx)
            self.panels[key] = panel
            self.stack.addWidget(panel)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        from hellotorch_gui.help import WelcomeBanner

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        self.welcome = WelcomeBanner()  # the first start: what to click first
        self.welcome.startRequested.connect(lambda: self.goto("data"))
        self.welcome.dismissed.connect(self._dismiss_welcome)
        self.welcome.setVisible(not self.settings.value("welcomeDone", False, type=bool))
        outer.addWidget(self.welcome)
        lay = QHBoxLayout()
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        outer.addLayout(lay, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        self._build_menus()
        self.trainer.jobFinished.connect(self._on_training_finished)
        self.state.changed.connect(self._remember_source)
        self.retranslate()
        keys = [k for k, _, _ in PANELS]
        last = str(self.settings.value("panelKey", "data") or "data")  # by key: new panels do not shift it
        self.nav.setCurrentRow(keys.index(last) if last in keys else keys.index("data"))
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        QTimer.singleShot(0, self._start_tasks_after_paint)

    def _start_tasks_after_paint(self) -> None:
        """A window shown right after it was built starts its panels' jobs at its first paint (2 s at most);
        one not shown starts them now."""
        if not self.isVisible():
            self.tasks.release()
            return
        self.installEventFilter(self)
        QTimer.singleShot(2000, self._first_painted)

    def _first_painted(self) -> None:
        self.removeEventFilter(self)
        self.tasks.release()

    def eventFilter(self, obj, event) -> bool:
        if obj is self and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._first_painted)  # after this paint has finished
        return super().eventFilter(obj, event)

    # ----------------------------------------------------------------- services for panels
    def show_error(self, title: str, message: str, details: str = "") -> None:
        box = show_error(self, title, message, details)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [box]

    def goto(self, key: str) -> None:
        keys = [k for k, _, _ in PANELS]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def set_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def panel(self, key: str) -> Panel:
        return self.panels[key]

    # ----------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.open_action = QAction(self, objectName="openDatasetAction", shortcut=QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_dataset)
        self.load_cfg_action = QAction(self, objectName="loadConfigAction")
        self.load_cfg_action.triggered.connect(self.load_config_dialog)
        self.save_cfg_action = QAction(self, objectName="saveConfigAction", shortcut=QKeySequence.StandardKey.Save)
        self.save_cfg_action.triggered.connect(self.save_config_dialog)
        self.quit_action = QAction(self, objectName="quitAction", shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self._quit_by_user)
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recentFilesMenu")
        for a in (self.load_cfg_action, self.save_cfg_action):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.train_menu = mb.addMenu("")
        self.start_action = QAction(self, objectName="startAction", shortcut=QKeySequence("Ctrl+Return"))
        self.stop_action = QAction(self, objectName="stopAction", shortcut=QKeySequence("Ctrl+."))
        self.pause_action = QAction(self, objectName="pauseAction", shortcut=QKeySequence("Ctrl+P"))
        train = self.panels["train"]
        self.start_action.triggered.connect(lambda: (self.goto("train"), train.start()))
        self.stop_action.triggered.connect(train.stop)
        self.pause_action.triggered.connect(train.toggle_pause)
        for a in (self.start_action, self.pause_action, self.stop_action):
            self.train_menu.addAction(a)

        self.view_menu = mb.addMenu("")
        self.lang_menu = self.view_menu.addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        current = i18n.current_language()
        for code, name in i18n.LANGUAGES.items():
            act = QAction(name, self, checkable=True, objectName=f"language{code.replace('_', '')}Action")
            act.setChecked(code == current)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.lang_group.addAction(act)
            self.lang_menu.addAction(act)
            self.lang_actions[code] = act
        self.panel_actions = []  # Ctrl+1 .. Ctrl+0: the panels, in the navigation's order
        for i, (key, _, _) in enumerate(PANELS):
            act = QAction(self, objectName=f"goto{key.capitalize()}Action",
                          shortcut=QKeySequence(f"Ctrl+{(i + 1) % 10}"))
            act.triggered.connect(lambda _=False, k=key: self.goto(k))
            self.view_menu.addAction(act)
            self.panel_actions.append(act)
        self.help_menu = mb.addMenu("")
        self.docs_action = QAction(self, objectName="documentationAction",
                                   shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.docs_action.triggered.connect(self.show_documentation)
        self.shortcuts_action = QAction(self, objectName="shortcutsAction", shortcut=QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.welcome_action = QAction(self, objectName="welcomeAction")
        self.welcome_action.triggered.connect(lambda: self.welcome.setVisible(True))
        self.about_action = QAction(self, objectName="aboutAction")
        self.about_action.triggered.connect(self._about)
        for a in (self.docs_action, self.shortcuts_action, self.welcome_action, self.about_action):
            self.help_menu.addAction(a)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hello PyTorch"))
        self.nav.setToolTip(self.tr("Panels: check the machine, load data, pick a model, train, evaluate"))
        self.nav.setAccessibleName(self.tr("Panels"))
        for i in range(self.nav.count()):
            key = self.nav.item(i).data(Qt.ItemDataRole.UserRole)
            self.nav.item(i).setText(self.panels[key].nav_title())
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Recent datasets"))
        self._rebuild_recent()
        self.open_action.setText(self.tr("Open dataset…"))
        self.load_cfg_action.setText(self.tr("Load config…"))
        self.save_cfg_action.setText(self.tr("Save config…"))
        self.quit_action.setText(self.tr("Quit"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.start_action.setText(self.tr("Start"))
        self.pause_action.setText(self.tr("Pause / Resume"))
        self.stop_action.setText(self.tr("Stop"))
        self.view_menu.setTitle(self.tr("&View"))
        self.lang_menu.setTitle(self.tr("Language"))
        for act, (key, _, _) in zip(self.panel_actions, PANELS):
            act.setText(self.tr("Go to {0}").format(self.panels[key].nav_title()))
        self.help_menu.setTitle(self.tr("&Help"))
        self.docs_action.setText(self.tr("Documentation"))
        self.shortcuts_action.setText(self.tr("Keyboard shortcuts"))
        self.welcome_action.setText(self.tr("Show the getting-started guide"))
        self.about_action.setText(self.tr("About Hello PyTorch"))
        self.welcome.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        i18n.install(code)
        self.settings.setValue("language", code)
        if code in self.lang_actions:
            self.lang_actions[code].setChecked(True)

    def _about(self) -> None:
        from engine.paths import cache_dir
        from engine.runs import default_runs_dir
        from hellotorch_gui.help import about_text

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Hello PyTorch"),
                          about_text(self, str(self.state.runs_dir or default_runs_dir()), str(cache_dir())),
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("aboutDialog")
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("Close"))
        self._open_dialog(box)

    def show_documentation(self) -> None:
        from hellotorch_gui.help import DocumentationDialog

        self._open_dialog(DocumentationDialog(self))

    def show_shortcuts(self) -> None:
        from hellotorch_gui.help import ShortcutsDialog

        actions = [a for menu in (self.file_menu, self.train_menu, self.view_menu, self.help_menu)
                   for a in menu.actions()]
        self._open_dialog(ShortcutsDialog(actions, self))

    def _open_dialog(self, dialog) -> None:
        """Non-modal (the window stays usable; tests can find and close it)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def _dismiss_welcome(self) -> None:
        self.welcome.hide()
        self.settings.setValue("welcomeDone", True)

    # ----------------------------------------------------------------- config files and datasets
    def _restore_config(self):
        text = self.settings.value("lastConfig")
        if text:
            try:
                import yaml

                return cfgmod.check(cfgmod.from_dict(yaml.safe_load(text)))
            except (HelloTorchError, ValueError, TypeError, AttributeError, Exception):  # noqa: BLE001
                pass  # a stale or damaged saved config: start from the defaults
        try:
            return cfgmod.load_preset("default")
        except HelloTorchError:
            return cfgmod.Config()

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles") or []
        return [value] if isinstance(value, str) else list(value)

    @Slot(str)
    def _remember_source(self, key: str) -> None:
        import os

        source = self.state.config.data.source
        if key not in ("", "data.source") or not os.path.exists(source):
            return
        files = [source] + [f for f in self.recent_files() if f != source]
        self.settings.setValue("recentFiles", files[:8])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for path in files:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: (self.goto("data"), self.panels["data"].set_source(p)))
        self.recent_menu.setEnabled(bool(files))

    def load_config_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load config"), "", self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.load_config(path)

    def load_config(self, path: str) -> bool:
        try:
            cfg = cfgmod.from_file(path)
        except HelloTorchError as exc:
            self.show_error(self.tr("Cannot load config"), str(exc))
            return False
        self.state.replace(cfg)
        self.set_status(self.tr("Loaded {0}").format(path))
        return True

    def save_config_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save config"), "config.yaml",
                                              self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.panels["hyperparameters"].save_yaml_file(path)  # errors shown there, in a dialog

    def _open_dataset(self) -> None:
        self.goto("data")
        self.panels["data"].browse_file()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        if paths[0].endswith((".yaml", ".yml")):
            self.load_config(paths[0])
            return
        self.goto("data")
        self.panels["data"].set_source(paths[0])
        event.acceptProposedAction()

    # ----------------------------------------------------------------- closing
    @Slot(dict)
    def _on_training_finished(self, summary: dict) -> None:
        if self._quit_after_training or self._close_after_stop:
            self.close()

    def ask_close_during_training(self) -> str:
        """'stop', 'keep' or 'cancel' (a seam for tests)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Training is running"),
                          self.tr("A training run is in progress. What should happen to it?"), parent=self)
        box.setObjectName("closeDuringTrainingDialog")
        stop = box.addButton(self.tr("Stop and save a checkpoint"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep training"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        keep.setToolTip(self.tr("Hide the window; the app quits when the run ends"))
        box.exec()
        return "stop" if box.clickedButton() is stop else "keep" if box.clickedButton() is keep else "cancel"

    def _quit_by_user(self) -> None:
        self._user_close = True  # File → Quit is the user's close, like the title bar's
        try:
            self.close()
        finally:
            self._user_close = False

    _user_close = False

    def tell_training_goes_on(self, run_dir: str, hidden: bool) -> None:
        """Say that closing the window does not stop the run (a seam for tests). `hidden`: the window only
        hides and the app quits when the run ends ("Keep training"); else the run is its own process."""
        if self.settings.value("notices/trainingGoesOn", "true") == "false":
            return
        from PySide6.QtWidgets import QCheckBox

        text = (self.tr("The window hides and training goes on; the app quits when the run ends.") if hidden else
                self.tr("Training goes on in its own process after the window closes. Open Hello PyTorch again to "
                        "follow it (the Train panel re-attaches), or run: hellotorch status {0}").format(run_dir))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Training goes on"), text, parent=self)
        box.setObjectName("trainingGoesOnDialog")
        box.setInformativeText(self.tr("Its folder: {0}").format(run_dir))
        again = QCheckBox(self.tr("Do not tell me again"), objectName="trainingGoesOnAgain")
        again.setToolTip(self.tr("Close the window without this notice from now on"))
        again.setAccessibleName(self.tr("Do not tell me again"))
        box.setCheckBox(again)
        box.exec()
        if again.isChecked():
            self.settings.setValue("notices/trainingGoesOn", "false")

    def closeEvent(self, event) -> None:
        by_user = event.spontaneous() or self._user_close  # not a test's or the app's own close()
        if self.trainer.is_detached:  # its own process: it goes on, and the next window re-attaches
            if by_user and self.trainer.is_running:
                self.tell_training_goes_on(self.panel("train").view.run_dir or "", hidden=False)
            self.trainer.detach()
        if self.trainer.is_running and self._close_after_stop:
            event.ignore()  # already stopping: the window closes when the run has saved and ended
            return
        if self.trainer.is_running and not self._quit_after_training:
            choice = self.ask_close_during_training()
            if choice == "cancel":
                event.ignore()
                return
            if choice == "keep":
                self.trainer.resume()  # a paused run would otherwise wait, hidden, forever
                self.tell_training_goes_on(self.panel("train").view.run_dir or "", hidden=True)
                self._quit_after_training = True
                self.hide()
                event.ignore()
                return
            # The loop ends its step, saves and evaluates in its own thread; waiting for that here would
            # freeze the window, so it stays responsive (greyed) and closes on jobFinished.
            self._close_after_stop = True
            self.trainer.stop("window closed")
            self.centralWidget().setEnabled(False)
            self.statusBar().showMessage(self.tr("Stopping the run and saving a checkpoint; the window closes when it "
                                                 "is done …"))  # no timeout: it stays until the window closes
            event.ignore()
            return
        if self.trainer.is_running:
            self.trainer.stop("window closed")
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("panelKey", PANELS[max(0, self.nav.currentRow())][0])
        self.settings.setValue("lastConfig", cfgmod.to_yaml(self.state.config))
        for panel in self.panels.values():
            try:
                panel.shutdown()
            except Exception:  # noqa: BLE001 - closing must go on
                traceback.print_exc()
        self.trainer.wait(120_000)  # the loop stops within a step and saves its checkpoint
        self.tasks.shutdown(10_000)
        event.accept()
        app = QApplication.instance()
        if app is not None and self._quit_after_training:
            app.quit()
