"""The Train panel's three live plots (loss, validation metric, learning rate), labelled by the task of the run
they show: a change of the config's task never relabels another run's curves."""
from __future__ import annotations

import math

from PySide6.QtCore import QObject

from hellotorch_gui.plots import LivePlot

SMOOTH = 0.9  # TensorBoard-style EMA weight of the smoothed training loss


class TrainCurves(QObject):
    """lossPlot, metricPlot and lrPlot for one run; `task` is that run's task (or the config's, with no run)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task = "classification"
        self.loss_plot = LivePlot(stable_range=True)
        self.loss_plot.setObjectName("lossPlot")
        self.metric_plot = LivePlot(stable_range=True)
        self.metric_plot.setObjectName("metricPlot")
        self.lr_plot = LivePlot(stable_range=True)
        self.lr_plot.setObjectName("lrPlot")
        self._ema: float | None = None
        self._ema_n = 0
        self.reset(self.task)

    @property
    def plots(self) -> tuple[LivePlot, LivePlot, LivePlot]:
        return self.loss_plot, self.metric_plot, self.lr_plot

    def metric_key(self) -> str:
        return "perplexity" if self.task == "generation" else "accuracy"

    def reset(self, task: str) -> None:
        """Empty curves for a run of `task`."""
        self.task = task or "classification"
        for plot in self.plots:
            plot.clear_all()
        self.loss_plot.add_curve("train", "", colour="#9fb7cf", width=1)
        self.loss_plot.add_curve("smooth", "", colour="#0072B2", width=2)
        self.loss_plot.add_curve("val", "", colour="#D55E00", width=2, symbol="o")
        self.metric_plot.add_curve("metric", "", colour="#009E73", width=2, symbol="o")
        self.lr_plot.add_curve("lr", "", colour="#CC79A7", width=2)
        self._ema, self._ema_n = None, 0
        self.retranslate()

    def relabel(self, task: str) -> None:
        """With no curves shown (no current run): follow the config's task."""
        if task and task != self.task:
            self.reset(task)

    def set_x_extent(self, total_steps: int) -> None:
        for plot in self.plots:
            plot.set_x_extent(total_steps)

    def add_row(self, row: dict) -> None:
        """One metrics.jsonl row (train or val) onto the curves."""
        step = row.get("step", 0)
        if row.get("split") == "train":
            loss = row.get("loss")
            if isinstance(loss, (int, float)) and math.isfinite(loss):
                self.loss_plot.append("train", step, loss)
                # EMA from zero, debiased so that early points are not pulled towards 0
                self._ema = SMOOTH * (self._ema or 0.0) + (1 - SMOOTH) * loss
                self._ema_n += 1
                self.loss_plot.append("smooth", step, self._ema / (1 - SMOOTH ** self._ema_n))
            if row.get("lr") is not None:
                self.lr_plot.append("lr", step, row["lr"])
        elif row.get("split") == "val":
            if row.get("loss") is not None:
                self.loss_plot.append("val", step, row["loss"])
            value = row.get(self.metric_key())
            if isinstance(value, (int, float)) and math.isfinite(value):
                self.metric_plot.append("metric", step, value)

    def truncate(self, step: int) -> None:
        """A resume from the checkpoint at `step`: later points (a killed run logged past it) go, and the
        smoothed curve continues from the kept raw points."""
        for plot in self.plots:
            plot.truncate(step)
        _, ys = self.loss_plot.values("train")
        self._ema, self._ema_n = None, 0
        for y in ys:
            self._ema = SMOOTH * (self._ema or 0.0) + (1 - SMOOTH) * float(y)
            self._ema_n += 1

    def has_points(self) -> bool:
        return any(plot.point_count() for plot in self.plots)

    def retranslate(self) -> None:
        generation = self.task == "generation"
        metric = self.tr("perplexity") if generation else self.tr("accuracy")
        self.loss_plot.set_labels(self.tr("Loss"), self.tr("step"), self.tr("loss"))
        self.metric_plot.set_labels(self.tr("Validation perplexity") if generation else
                                    self.tr("Validation accuracy"), self.tr("step"), metric)
        self.lr_plot.set_labels(self.tr("Learning rate"), self.tr("step"), self.tr("lr"))
        self.loss_plot.rename("train", self.tr("train (raw)"))
        self.loss_plot.rename("smooth", self.tr("train (smoothed)"))
        self.loss_plot.rename("val", self.tr("validation"))
        self.metric_plot.rename("metric", metric)
        self.lr_plot.rename("lr", self.tr("lr"))
        self.loss_plot.setToolTip(self.tr("Training loss per logged step (raw and smoothed) and validation loss"))
        self.metric_plot.setToolTip(self.tr("Validation {0} at each evaluation of the run shown").format(metric))
        self.lr_plot.setToolTip(self.tr("Learning rate at each logged step"))
        for plot in self.plots:
            plot.setAccessibleName(plot.toolTip())

    def legend_texts(self, plot: LivePlot) -> list[str]:
        """What a plot's legend reads (for tests and screen readers)."""
        return [label.text for _, label in getattr(plot.legend, "items", [])]

    def shutdown(self) -> None:
        for plot in self.plots:
            plot.timer.stop()

