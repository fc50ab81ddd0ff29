"""The Hyperparameters panel's learning-rate finder: the engine's range test in a worker, loss against lr, use it."""
from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hellotorch_gui.panels.base import AppContext, describe
from hellotorch_gui.panels.model import quit_thread_when_done
from hellotorch_gui.plots import SERIES_COLOURS, LivePlot

LR_FIND_TASK = "lr-find"


class LrFinderBox(QGroupBox):
    """Find learning rate / Cancel / Use suggested, a progress bar, the loss-vs-lr plot (log x) and a result line."""

    finished = Signal(dict)  # the range test's result as a dict; {} when it failed or was cancelled

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="lrFindGroup")
        self.ctx = ctx
        self.suggested_lr: float | None = None
        self.find_button = QPushButton(objectName="findLrButton")
        self.find_button.clicked.connect(self.find_lr)
        self.cancel_button = QPushButton(objectName="cancelFindLrButton", enabled=False)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton(objectName="useSuggestedLrButton", enabled=False)
        self.use_button.clicked.connect(self.use_suggested_lr)
        self.progress = QProgressBar(objectName="lrFindProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.label = QLabel(objectName="lrFindLabel", wordWrap=True)
        self._label_is_intro = False
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = LivePlot()
        self.plot.setObjectName("lrFindPlot")
        self.plot.plotItem.setLogMode(x=True, y=False)
        self.plot.add_curve("loss")
        self.plot.add_curve("suggestion", colour=SERIES_COLOURS[3], symbol="o", width=0)
        self.plot.setMinimumHeight(160)
        self.plot.setMaximumHeight(230)
        row = QHBoxLayout()
        row.addWidget(self.find_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.use_button)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.plot)
        lay.addWidget(self.label)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Learning-rate finder"))
        self.find_button.setText(self.tr("Find learning rate"))
        describe(self.find_button, self.tr("Range test: train a fresh model for a short while as the learning rate "
                                           "grows exponentially from tiny to huge, plot the loss and propose a "
                                           "learning rate (no run is saved)"), self.tr("Find learning rate"))
        self.cancel_button.setText(self.tr("Cancel"))
        describe(self.cancel_button, self.tr("Stop the learning-rate search after its current step"),
                 self.tr("Cancel the learning-rate search"))
        self.use_button.setText(self.tr("Use suggested"))
        describe(self.use_button, self.tr("Set the learning rate (train.lr) to the suggested value"),
                 self.tr("Use the suggested learning rate"))
        describe(self.progress, self.tr("Progress of the learning-rate search"),
                 self.tr("Learning-rate search progress"))
        describe(self.label, self.tr("The proposed learning rate, or what the search is doing"),
                 self.tr("Learning-rate finder result"))
        self.plot.set_labels("", self.tr("learning rate (log scale)"), self.tr("smoothed loss"))
        self.plot.rename("loss", self.tr("smoothed loss"))
        self.plot.rename("suggestion", self.tr("suggested"))
        describe(self.plot, self.tr("Smoothed training loss against the learning rate of the range test; the dot "
                                    "marks the suggested learning rate"), self.tr("Learning-rate finder plot"))
        if not self.label.text() or self._label_is_intro:
            self.label.setText(self.tr("Find a good learning rate before training: where the loss falls fastest."))
            self._label_is_intro = True  # the intro follows the language; results and errors stay as they were

    def _say(self, text: str) -> None:
        self._label_is_intro = False
        self.label.setText(text)

    def find_lr(self) -> None:
        """Run the range test on a copy of the config in a worker (it loads the data and builds the model)."""
        problems = self.ctx.state.problems
        if problems:
            self._say(self.tr("Fix the config first: {0}").format(
                "; ".join(f"{k} {why}" for k, why in problems.items())))
            return
        cfg = copy.deepcopy(self.ctx.state.config)

        def work(progress, should_stop):
            from engine.training.tuning import lr_range_test

            return lr_range_test(cfg, progress=progress, should_stop=should_stop).to_dict()

        self.suggested_lr = None
        self.use_button.setEnabled(False)
        self._set_running(True)
        self.progress.setValue(0)
        self._say(self.tr("Preparing the data and the model …"))
        worker = self.ctx.tasks.run(LR_FIND_TASK, work, on_success=self._on_found, on_failure=self._on_failed,
                                    on_progress=self._on_progress)
        quit_thread_when_done(worker)

    def cancel(self) -> None:
        self.ctx.tasks.cancel(LR_FIND_TASK)  # the sweep stops after its current step; its result is dropped
        self._set_running(False)
        self._say(self.tr("Learning-rate search cancelled."))
        self.finished.emit({})

    def shutdown(self) -> None:
        self.ctx.tasks.cancel(LR_FIND_TASK)

    def _set_running(self, running: bool) -> None:
        self.find_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)

    def _on_progress(self, message: str, fraction: float) -> None:
        self.progress.setValue(round(100 * max(0.0, fraction)))
        self._say(message)

    def _on_found(self, result: dict) -> None:
        self._set_running(False)
        lrs, losses, lr = result["lrs"], result["losses"], result.get("suggestion")
        self.plot.set_data("loss", lrs, losses)
        self.suggested_lr = float(f"{lr:.2g}") if lr else None  # as `hellotorch lr-find` prints it
        if self.suggested_lr:
            at = min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr))
            self.plot.set_data("suggestion", [lr], [losses[at]])
            how = {"steepest": self.tr("steepest descent of the smoothed loss"),
                   "flat": self.tr("the loss did not fall in this test: the config's own rate, at most a tenth of "
                                   "where the loss starts to climb; more steps may find a better one")
                   }.get(result.get("method"), self.tr("a tenth of the learning rate with the lowest loss"))
            self._say(self.tr("Suggested learning rate: {0} ({1}; batch size {2}).").format(
                f"{self.suggested_lr:g}", how, result.get("batch_size")))
        else:
            self.plot.set_data("suggestion", [], [])
            self._say(self.tr("No suggestion: no finite loss was recorded."))
        self.use_button.setEnabled(self.suggested_lr is not None)
        self.plot.redraw()
        self.plot.plotItem.autoRange()
        self.finished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self._say(self.tr("The learning-rate search failed: {0}").format(message))
        self.ctx.show_error(self.tr("Cannot find a learning rate"), message, details)
        self.finished.emit({})

    def use_suggested_lr(self) -> None:
        if self.suggested_lr is not None:
            self.ctx.state.set("train.lr", self.suggested_lr)
            self.ctx.set_status(self.tr("Learning rate set to {0}").format(f"{self.suggested_lr:g}"))
