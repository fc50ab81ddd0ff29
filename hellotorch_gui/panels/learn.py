"""Learn panel (学习): the tutorial's small exercises, one page each, with a live picture and the minimal
plain-PyTorch code that computes exactly what the page shows (engine/lessons.py holds both)."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSlider, QSpinBox,
                               QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from engine import lesson_tables
from hellotorch_gui.forms import CheckBox
from hellotorch_gui.panels.base import Panel, describe
from hellotorch_gui.plots import LivePlot, palette_colours, status_colour


class _Lessons:
    """engine.lessons, imported at first use: it imports torch, which the window must not wait for before its
    first paint (the Learn panel computes nothing until it is shown)."""

    def __getattr__(self, name: str):
        from engine import lessons as module

        return getattr(module, name)


lessons = _Lessons()

REFRESH_MS = 30  # controls are debounced this long: sliders stay smooth


SENTENCE_LIMIT = 300  # characters in the Attention and Tokenization lessons


def _strict_ints(text: str) -> list[int] | None:
    """Comma-separated whole numbers, or None when a part is something else."""
    parts = [p for p in text.replace(" ", "").split(",") if p]
    try:
        return [int(p) for p in parts]
    except ValueError:
        return None


def _floats(text: str) -> list[float]:
    out = []
    for p in text.replace(" ", "").split(","):
        try:
            out.append(float(p))
        except ValueError:
            pass
    return out


class LessonPage(QWidget):
    """Explanation, controls, a plot, the result in words and a Show-code box."""

    key = ""

    def __init__(self, panel: LearnPanel) -> None:
        super().__init__()
        self.panel = panel
        self.setObjectName(f"{self.key}Lesson")
        self.explain = QLabel(objectName=f"{self.key}Explanation", wordWrap=True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.form = QFormLayout()
        self.result = QLabel(objectName=f"{self.key}Result", wordWrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = self.make_plot()
        self.plot.setObjectName(f"{self.key}Plot")
        self.code_button = QPushButton(objectName=f"{self.key}ShowCode", checkable=True)
        self.copy_button = QPushButton(objectName=f"{self.key}CopyCode")
        self.code_view = QPlainTextEdit(objectName=f"{self.key}Code", readOnly=True)
        self.code_view.setVisible(False)
        font = self.code_view.font()
        font.setFamily("monospace")
        self.code_view.setFont(font)
        self.code_button.toggled.connect(self.code_view.setVisible)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code_view.toPlainText()))
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.labels: list[QLabel] = []
        self.build_controls()
        self.timer.stop()  # setting the initial values must not compute anything until the page is shown
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.explain)
        left.addLayout(self.form)
        left.addWidget(self.result)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.code_button)
        buttons.addWidget(self.copy_button)
        left.addLayout(buttons)
        holder = QWidget()
        holder.setLayout(left)
        holder.setMinimumWidth(320)  # explanation, controls and result read as text, not a narrow column
        holder.setMaximumWidth(420)
        top.addWidget(holder)
        top.addWidget(self.plot, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 3)
        lay.addWidget(self.code_view, 2)
        self.last: dict = {}

    def make_plot(self) -> QWidget:
        return LivePlot()

    def add_control(self, widget: QWidget, name: str, shown=None) -> QWidget:
        """A labelled control; a slider gets its value beside it (`shown` maps the slider's integer to the text,
        e.g. the learning rate it stands for), as a slider alone never says what it is set to."""
        widget.setObjectName(f"{self.key}{name[:1].upper()}{name[1:]}")  # lowerCamelCase: descentLr
        label = QLabel()
        self.labels.append(label)
        if isinstance(widget, QSlider):
            value = QLabel(objectName=f"{widget.objectName()}Value")
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("−0.000"))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            fmt = shown or str
            widget.valueChanged.connect(lambda v: value.setText(fmt(v)))
            value.setText(fmt(widget.value()))
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(value)
            self.form.addRow(label, row)
        else:
            self.form.addRow(label, widget)
        for signal in ("valueChanged", "currentIndexChanged", "textChanged", "toggled"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(self.timer.start)
                break
        return widget

    def set_label(self, i: int, text: str, widget: QWidget, tooltip: str) -> None:
        self.labels[i].setText(text)
        describe(widget, tooltip, text.rstrip(":"))

    def theme(self, *plots) -> None:
        """Raw pyqtgraph plots follow the light/dark palette like LivePlot does."""
        bg, fg = palette_colours()
        for plot in plots:
            plot.setBackground(bg)
            for name in ("left", "bottom"):
                plot.getAxis(name).setPen(pg.mkPen(fg))
                plot.getAxis(name).setTextPen(pg.mkPen(fg))

    def retranslate_common(self) -> None:
        self.code_button.setText(self.tr("Show code"))
        describe(self.code_button, self.tr("Show the plain PyTorch code that computes what this page shows"),
                 self.tr("Show code"))
        self.copy_button.setText(self.tr("Copy code"))
        describe(self.copy_button, self.tr("Copy the code to the clipboard"), self.tr("Copy code"))
        describe(self.code_view, self.tr("Runnable code: it prints the numbers shown on this page"),
                 self.tr("Code"))
        describe(self.plot, self.tr("Live picture of this exercise"), self.tr("Exercise plot"))

    # subclasses: title(), retranslate(), build_controls(), params(), compute(p), code(p), show(result)
    heavy = False  # True: computed in a worker thread (a step may take more than ~50 ms)

    def refresh(self) -> None:
        p = self.params()
        self.code_view.setPlainText(self.code(p))
        if self.heavy:
            self.panel.ctx.tasks.run(f"lesson-{self.key}", lambda _progress, _stop: self.compute(p),
                                     on_success=self._computed, on_failure=lambda m, _d: self._failed(m))
            return
        try:
            result = self.compute(p)
        except Exception as exc:  # noqa: BLE001 - a bad control value is explained, never a crash
            return self._failed(str(exc))
        self._computed(result)

    def _computed(self, result: dict) -> None:
        self.last = result
        self.show_result(result)

    def _failed(self, message: str) -> None:
        self.result.setText(self.tr("Cannot compute this: {0}").format(message))


class TensorsPage(LessonPage):
    key = "tensors"

    def title(self) -> str:
        return self.tr("1. Tensors")

    def build_controls(self) -> None:
        self.op = self.add_control(QComboBox(), "op")
        for op in lesson_tables.TENSOR_OPS:
            self.op.addItem(op, op)
        self.shape_a = self.add_control(QLineEdit("2, 3"), "shapeA")
        self.shape_b = self.add_control(QLineEdit("3"), "shapeB")
        self.arg = self.add_control(QLineEdit("0"), "arg")

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "<b>Tensors</b> are n-dimensional arrays. <i>a</i> and <i>b</i> hold 0, 1, 2, … in the shapes you type. "
            "Element-wise operations <b>broadcast</b>: sizes are compared from the right and a size 1 stretches. "
            "<i>unsqueeze</i> adds a dimension, <i>reshape</i> keeps the elements in a new shape, <i>permute</i> "
            "reorders dimensions."))
        self.set_label(0, self.tr("Operation:"), self.op, self.tr("What to compute from a and b"))
        self.set_label(1, self.tr("Shape of a:"), self.shape_a, self.tr("Comma-separated sizes of a, e.g. 2, 3"))
        self.set_label(2, self.tr("Shape of b:"), self.shape_b, self.tr("Comma-separated sizes of b"))
        self.set_label(3, self.tr("Argument:"), self.arg, self.tr(
            "unsqueeze/sum: a dimension; reshape: the new shape; permute: the new order of dimensions"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        view = QPlainTextEdit(readOnly=True)
        return view

    def params(self) -> dict:
        self._input_error = ""
        values = []
        for label, edit in ((self.tr("Shape of a"), self.shape_a), (self.tr("Shape of b"), self.shape_b),
                            (self.tr("Argument"), self.arg)):
            parsed = _strict_ints(edit.text())
            if parsed is None:
                self._input_error = self.tr("{0} must be whole numbers separated by commas, e.g. 2, 3 (got "
                                            "'{1}').").format(label, edit.text())
            values.append(parsed or [])
        shape_a, shape_b, arg = values
        return {"op": self.op.currentData(), "shape_a": shape_a or [1], "shape_b": shape_b or [1], "arg": arg}

    def compute(self, p: dict) -> dict:
        if getattr(self, "_input_error", ""):
            raise ValueError(self._input_error)
        return lessons.tensors(**p)

    def _failed(self, message: str) -> None:
        super()._failed(message)
        self.plot.setPlainText("")  # the last good tensors do not belong to these shapes

    def code(self, p: dict) -> str:
        return lessons.tensors_code(**p)

    def show_result(self, r: dict) -> None:
        if r["error"]:
            self.result.setText(self.tr("Shape error: {0}").format(r["error"]))
            self.plot.setPlainText("")
            return
        self.result.setText(self.tr("a {0}, b {1} → result {2}").format(r["a_shape"], r["b_shape"], r["out_shape"]))
        op = self.op.currentData()
        uses_b = op in ("add", "mul", "matmul")
        self.plot.setPlainText(f"a =\n{np.asarray(r['a'])}\n\n" + (f"b =\n{np.asarray(r['b'])}\n\n" if uses_b else "")
                               + f"{op} → {r['out_shape']}\n{np.asarray(r['out'])}")


class AutogradPage(LessonPage):
    key = "autograd"

    def title(self) -> str:
        return self.tr("2. Autograd")

    def build_controls(self) -> None:
        self.fn = self.add_control(QComboBox(), "function")
        for name in lesson_tables.FUNCTIONS:
            self.fn.addItem(name, name)
        self.x_slider = self.add_control(QSlider(Qt.Orientation.Horizontal), "x", lambda v: f"{v / 100:.2f}")
        self.x_slider.setRange(-400, 400)
        self.x_slider.setValue(100)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "<b>Autograd</b> records every operation on a tensor with <i>requires_grad=True</i>; "
            "<i>y.backward()</i> walks that graph backwards and stores dy/dx in <i>x.grad</i>. The orange line is "
            "the tangent at x: its slope is the gradient."))
        self.set_label(0, self.tr("Function:"), self.fn, self.tr("The function y = f(x)"))
        self.set_label(1, self.tr("x:"), self.x_slider, self.tr("Where to take the derivative"))
        self.plot.set_labels("", "x", "y = f(x)")
        self.plot.rename("tangent", self.tr("tangent"))
        self.retranslate_common()

    def params(self) -> dict:
        return {"fn": self.fn.currentData(), "x0": self.x_slider.value() / 100}

    def compute(self, p: dict) -> dict:
        return lessons.autograd(**p)

    def code(self, p: dict) -> str:
        return lessons.autograd_code(**p)

    def show_result(self, r: dict) -> None:
        p = self.params()
        self.result.setText(self.tr("x = {0:.2f}: y = {1:.4f}, dy/dx = {2:.4f}. Graph: {3}").format(
            p["x0"], r["y"], r["grad"], " ← ".join(r["chain"])))
        self.plot.set_data("f", r["xs"], r["ys"])
        self.plot.set_data("tangent", r["xs"], r["tangent"])
        self.plot.set_data("point", [p["x0"]], [r["y"]])
        self.plot.setYRange(min(r["ys"]) - 1, max(r["ys"]) + 1)

    def make_plot(self) -> QWidget:
        plot = LivePlot()
        plot.add_curve("f", "f(x)", colour="#0072B2", width=2)
        plot.add_curve("tangent", "tangent", colour="#D55E00", width=1.5)
        plot.add_curve("point", "x", colour="#E69F00", width=0, symbol="o")  # visible on light and dark
        return plot


class DescentPage(LessonPage):
    key = "descent"
    heavy = True  # three optimizers x up to 300 steps

    def title(self) -> str:
        return self.tr("3. Gradient descent")

    def build_controls(self) -> None:
        self.lr = self.add_control(QSlider(Qt.Orientation.Horizontal), "lr", lambda v: f"{v / 100:.2f}")
        self.lr.setRange(1, 150)  # lr = value / 100
        self.lr.setValue(10)
        self.steps = self.add_control(QSpinBox(), "steps")
        self.steps.setRange(5, 300)
        self.steps.setValue(60)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "Fit <i>y = θ0 + θ1·x</i> to noisy points by <b>gradient descent</b> on the mean squared error, from "
            "θ = (−2, −2). Left: the loss of SGD, SGD with momentum and Adam per step. Right: their paths over the "
            "loss surface. Raise the learning rate until SGD diverges."))
        self.set_label(0, self.tr("Learning rate:"), self.lr, self.tr("Step size of every optimizer"))
        self.set_label(1, self.tr("Steps:"), self.steps, self.tr("Optimizer steps"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        self.loss_plot = LivePlot()
        self.loss_plot.setObjectName("descentLossPlot")
        self.path_plot = pg.PlotWidget()
        self.path_plot.setObjectName("descentPathPlot")
        self.image = pg.ImageItem()
        self.path_plot.addItem(self.image)
        self.paths = {}
        for name, colour in (("SGD", "#0072B2"), ("Momentum", "#009E73"), ("Adam", "#D55E00")):
            self.loss_plot.add_curve(name, name, colour=colour, width=2)
            self.paths[name] = self.path_plot.plot([], [], pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=3,
                                                   symbolBrush=colour, name=name)
        lay.addWidget(self.loss_plot)
        lay.addWidget(self.path_plot)
        return w

    def params(self) -> dict:
        return {"lr": self.lr.value() / 100, "steps": self.steps.value()}

    def compute(self, p: dict) -> dict:
        return lessons.gradient_descent(**p)

    def code(self, p: dict) -> str:
        return lessons.gradient_descent_code(**p)

    def show_result(self, r: dict) -> None:
        parts = []
        for name in ("SGD", "Momentum", "Adam"):
            losses = [v if np.isfinite(v) else np.nan for v in r[name]["losses"]]
            self.loss_plot.set_data(name, list(range(1, len(losses) + 1)), np.log10(np.maximum(losses, 1e-6)))
            path = np.clip(np.asarray(r[name]["path"], dtype=float), -50, 50)
            self.paths[name].setData(path[:, 0], path[:, 1])
            last = r[name]["losses"][-1]
            parts.append(f"{name} {last:.4g}" if np.isfinite(last) else self.tr("{0} diverged").format(name))
        self.theme(self.path_plot)
        c = r["contour"]
        grid = np.log10(np.asarray(c["loss"]) + 1e-3)
        self.image.setImage(grid, levels=(grid.min(), grid.max()))
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.image.setRect(c["t0"][0], c["t1"][0], c["t0"][-1] - c["t0"][0], c["t1"][-1] - c["t1"][0])
        self.path_plot.setRange(xRange=(c["t0"][0], c["t0"][-1]), yRange=(c["t1"][0], c["t1"][-1]), padding=0)
        self.path_plot.setLabel("bottom", "θ0")
        self.path_plot.setLabel("left", "θ1")
        self.loss_plot.set_labels(self.tr("log10 loss"), self.tr("step"), "")
        self.result.setText(self.tr("Final loss: {0}").format(", ".join(parts)))


class ActivationsPage(LessonPage):
    key = "activations"

    def title(self) -> str:
        return self.tr("4. Activations and losses")

    def build_controls(self) -> None:
        self.fn = self.add_control(QComboBox(), "function")
        for name in lesson_tables.ACTIVATIONS:
            self.fn.addItem(name, name)
        self.pred = self.add_control(QSlider(Qt.Orientation.Horizontal), "prediction", lambda v: f"{v / 100:.2f}")
        self.pred.setRange(1, 99)
        self.pred.setValue(80)
        self.target = self.add_control(QComboBox(), "target")
        self.target.addItem("1", 1)
        self.target.addItem("0", 0)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "<b>Activations</b> bend a network's lines: the plot shows f(x) and its derivative f'(x) (which backward "
            "multiplies through). Below: a predicted probability against a 0/1 target — cross-entropy punishes a "
            "confident wrong answer far more than the squared error does."))
        self.set_label(0, self.tr("Activation:"), self.fn, self.tr("The activation function"))
        self.set_label(1, self.tr("Prediction:"), self.pred, self.tr("Predicted probability of class 1"))
        self.set_label(2, self.tr("Target:"), self.target, self.tr("The true class"))
        self.act_plot.set_labels("", "x", "")
        self.loss_plot.rename("ce", self.tr("cross-entropy"))
        self.loss_plot.set_labels("", self.tr("predicted probability p"), self.tr("loss"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        self.act_plot = LivePlot()
        self.act_plot.add_curve("f", "f(x)", colour="#0072B2", width=2)
        self.act_plot.add_curve("df", "f'(x)", colour="#D55E00", width=2)
        self.loss_plot = LivePlot()
        self.loss_plot.add_curve("mse", "MSE", colour="#009E73", width=2)
        self.loss_plot.add_curve("ce", self.tr("cross-entropy"), colour="#CC79A7", width=2)
        self.loss_plot.add_curve("now", "p", colour="#E69F00", width=0, symbol="o")
        lay.addWidget(self.act_plot)
        lay.addWidget(self.loss_plot)
        return w

    def params(self) -> dict:
        return {"name": self.fn.currentData(), "prediction": self.pred.value() / 100,
                "target": self.target.currentData()}

    def compute(self, p: dict) -> dict:
        return lessons.activations(**p)

    def code(self, p: dict) -> str:
        return lessons.activations_code(**p)

    def show_result(self, r: dict) -> None:
        self.act_plot.set_data("f", r["xs"], r["ys"])
        self.act_plot.set_data("df", r["xs"], r["dys"])
        self.loss_plot.set_data("mse", r["p_grid"], r["mse_curve"])
        self.loss_plot.set_data("ce", r["p_grid"], r["ce_curve"])
        p = self.params()["prediction"]
        self.loss_plot.set_data("now", [p, p], [r["mse"], r["ce"]])
        self.result.setText(self.tr("p = {0:.2f}: MSE {1:.4f}, cross-entropy {2:.4f}").format(p, r["mse"], r["ce"]))


class ConvolutionPage(LessonPage):
    key = "convolution"

    def title(self) -> str:
        return self.tr("6. Convolution and pooling")

    def build_controls(self) -> None:
        self.seq = self.add_control(QLineEdit("0, 1, 3, 1, 0, -1, -3, -1, 0, 2"), "sequence")
        self.kernel = self.add_control(QLineEdit("1, 0, -1"), "kernel")
        self.pos_slider = self.add_control(QSlider(Qt.Orientation.Horizontal), "position")
        self.pos_slider.setRange(0, 20)
        self.pos_slider.setValue(20)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "A <b>convolution</b> slides a small kernel along the sequence; each output is the dot product of the "
            "kernel with the window under it (the highlighted window). <b>Max pooling</b> then keeps the largest of "
            "every two outputs. TextCNN does this over word embeddings."))
        self.set_label(0, self.tr("Sequence:"), self.seq, self.tr("Comma-separated input numbers"))
        self.set_label(1, self.tr("Kernel:"), self.kernel, self.tr("Comma-separated kernel weights"))
        self.set_label(2, self.tr("Outputs built:"), self.pos_slider, self.tr("Move to build the output step by step"))
        self.plot.set_labels("", self.tr("position"), "")
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        plot = LivePlot()
        plot.add_curve("x", self.tr("input"), colour="#9fb7cf", width=2, symbol="o")
        plot.add_curve("window", self.tr("window"), colour="#D55E00", width=4)
        plot.add_curve("out", self.tr("output"), colour="#0072B2", width=2, symbol="o")
        return plot

    def params(self) -> dict:
        return {"sequence": _floats(self.seq.text()) or [0.0], "kernel": _floats(self.kernel.text()) or [1.0],
                "upto": self.pos_slider.value()}

    def compute(self, p: dict) -> dict:
        if len(p["kernel"]) > len(p["sequence"]):
            raise ValueError(self.tr("the kernel is longer than the sequence"))
        return lessons.convolution(**p)

    def code(self, p: dict) -> str:
        return lessons.convolution_code(**p)

    def show_result(self, r: dict) -> None:
        p = self.params()
        xs = list(range(len(p["sequence"])))
        self.plot.set_data("x", xs, p["sequence"])
        if r["window"]:
            a, b = r["window"]
            self.plot.set_data("window", list(range(a, b)), p["sequence"][a:b])
        else:
            self.plot.set_data("window", [], [])
        self.plot.set_data("out", list(range(len(r["shown"]))), r["shown"])
        self.result.setText(self.tr("Output {0}; after max pooling {1}").format(
            [round(v, 3) for v in r["shown"]], [round(v, 3) for v in r["pooled"]]))


class RnnPage(LessonPage):
    key = "rnn"

    def title(self) -> str:
        return self.tr("7. RNN")

    def build_controls(self) -> None:
        self.length = self.add_control(QSpinBox(), "length")
        self.length.setRange(1, 40)
        self.length.setValue(12)
        self.hidden = self.add_control(QSpinBox(), "hidden")
        self.hidden.setRange(1, 32)
        self.hidden.setValue(8)
        self.seed = self.add_control(QSpinBox(), "seed")
        self.seed.setRange(0, 9999)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "An <b>RNN</b> reads a sequence one step at a time and carries a hidden state: "
            "h<sub>t</sub> = tanh(W·x<sub>t</sub> + U·h<sub>t−1</sub> + b). The heatmap shows the hidden state "
            "(rows) after every step (columns); the last column is what a classifier reads."))
        self.set_label(0, self.tr("Steps:"), self.length, self.tr("Length of the random input sequence"))
        self.set_label(1, self.tr("Hidden size:"), self.hidden, self.tr("Size of the hidden state"))
        self.set_label(2, self.tr("Seed:"), self.seed, self.tr("Seed of the weights and the input"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        plot = pg.PlotWidget()
        self.image = pg.ImageItem()
        plot.addItem(self.image)
        plot.setLabel("bottom", "t")
        plot.setLabel("left", "h")
        return plot

    def params(self) -> dict:
        return {"length": self.length.value(), "hidden": self.hidden.value(), "seed": self.seed.value()}

    def compute(self, p: dict) -> dict:
        return lessons.rnn(**p)

    def code(self, p: dict) -> str:
        return lessons.rnn_code(**p)

    def show_result(self, r: dict) -> None:
        self.theme(self.plot)
        states = np.asarray(r["states"])  # [T, H]
        self.image.setImage(states, levels=(-1, 1))
        self.image.setColorMap(pg.colormap.get("CET-D1"))
        self.plot.setRange(xRange=(0, states.shape[0]), yRange=(0, states.shape[1]), padding=0)
        self.result.setText(self.tr("Last hidden state: {0}").format([round(v, 3) for v in r["last"]]))


class SchedulesPage(LessonPage):
    key = "schedules"

    def title(self) -> str:
        return self.tr("9. Learning-rate schedules")

    def build_controls(self) -> None:
        self.total = self.add_control(QSpinBox(), "total")
        self.total.setRange(10, 100000)
        self.total.setValue(1000)
        self.sync = self.add_control(CheckBox(), "useConfig")
        self.sync.setChecked(True)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "The <b>learning rate</b> usually changes during training: a short linear <i>warm-up</i>, then a "
            "decay. Here are the five schedules of this app for the current Hyperparameters (learning rate, warm-up, "
            "step size, gamma) over the number of steps below."))
        self.set_label(0, self.tr("Total steps:"), self.total, self.tr("Length of the run"))
        self.set_label(1, self.tr("Use current config:"), self.sync, self.tr(
            "Take learning rate, warm-up, step size and gamma from the Hyperparameters panel"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        plot = LivePlot()
        for name in ("constant", "linear", "cosine", "step", "exponential"):
            plot.add_curve(name, name, width=2)
        return plot

    def params(self) -> dict:
        t = self.panel.ctx.state.config.train
        if self.sync.isChecked():
            return {"lr": t.lr, "warmup": t.warmup_steps, "total": self.total.value(), "step_size": t.step_size,
                    "gamma": t.gamma}
        return {"lr": 1e-3, "warmup": 50, "total": self.total.value(), "step_size": 200, "gamma": 0.5}

    def compute(self, p: dict) -> dict:
        return lessons.schedules(**p)

    def code(self, p: dict) -> str:
        return lessons.schedules_code(**p)

    def show_result(self, r: dict) -> None:
        n = len(r["constant"])
        stride = max(1, n // 2000)
        xs = list(range(0, n, stride))
        for name, ys in r.items():
            self.plot.set_data(name, xs, ys[::stride])
        self.plot.set_labels(self.tr("Learning rate"), self.tr("step"), "lr")
        self.result.setText(self.tr("At the middle step: {0}").format(
            ", ".join(f"{k} {v[n // 2]:.3g}" for k, v in r.items())))


class TwoLayerPage(LessonPage):
    key = "network"
    heavy = True  # a few hundred training steps; the boundary is redrawn as it trains

    def title(self) -> str:
        return self.tr("5. A two-layer network")

    def build_controls(self) -> None:
        self.hidden = self.add_control(QSpinBox(), "hidden")
        self.hidden.setRange(2, 128)
        self.hidden.setValue(16)
        self.act = self.add_control(QComboBox(), "activation")
        for name in ("relu", "tanh", "sigmoid", "gelu"):
            self.act.addItem(name, name)
        self.bn = self.add_control(CheckBox(), "batchnorm")
        self.res = self.add_control(CheckBox(), "residual")
        self.steps = self.add_control(QSpinBox(), "steps")
        self.steps.setRange(10, 3000)
        self.steps.setValue(300)
        self.snapshots: list[dict] = []

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "A small network learns to separate two interleaving half circles. The colour is its probability of "
            "the orange class at every point: watch the <b>decision boundary</b> bend as it trains. Try batch "
            "normalisation, a residual connection (h + f(h)), other activations and sizes."))
        self.set_label(0, self.tr("Hidden size:"), self.hidden, self.tr("Units in each hidden layer"))
        self.set_label(1, self.tr("Activation:"), self.act, self.tr("The activation function"))
        self.set_label(2, self.tr("Batch norm:"), self.bn, self.tr("Normalise the first layer's outputs per batch"))
        self.set_label(3, self.tr("Residual:"), self.res, self.tr("Add the first layer's output to the second's"))
        self.set_label(4, self.tr("Steps:"), self.steps, self.tr("Training steps (Adam, full batch)"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        plot = pg.PlotWidget()
        self.image = pg.ImageItem()
        plot.addItem(self.image)
        self.dots = [plot.plot([], [], pen=None, symbol="o", symbolSize=5, symbolBrush=c, symbolPen=None)
                     for c in ("#0072B2", "#E69F00")]
        return plot

    def params(self) -> dict:
        return {"hidden": self.hidden.value(), "activation": self.act.currentData(), "batchnorm": self.bn.isChecked(),
                "residual": self.res.isChecked(), "steps": self.steps.value(), "seed": 0}

    def compute(self, p: dict) -> dict:
        return lessons.two_layer(**p)

    def code(self, p: dict) -> str:
        return lessons.two_layer_code(**p)

    def refresh(self) -> None:
        p = self.params()
        self.code_view.setPlainText(self.code(p))
        snapshots: list[dict] = []
        self.snapshots = snapshots

        def work(progress, stop):
            return lessons.two_layer(**p, on_snapshot=lambda snap: (snapshots.append(snap),
                                                                    progress("snapshot", snap["step"] / p["steps"])),
                                     should_stop=stop)

        self.panel.ctx.tasks.run(f"lesson-{self.key}", work, on_success=self._computed,
                                 on_failure=lambda m, _d: self._failed(m),
                                 on_progress=lambda _m, _f: self._draw(snapshots[-1]) if snapshots else None)

    def _draw(self, snap: dict, result: dict | None = None) -> None:
        r = result or self.last
        self.theme(self.plot)
        grid = np.asarray(snap["grid"])
        self.image.setImage(grid, levels=(0, 1))
        self.image.setColorMap(pg.colormap.get("CET-D1A"))
        self.image.setRect(-1.5, -1.0, 4.0, 2.5)
        self.plot.setRange(xRange=(-1.5, 2.5), yRange=(-1.0, 1.5), padding=0)
        if r and "points" in r:
            pts, labels = np.asarray(r["points"]), np.asarray(r["labels"])
            for c in (0, 1):
                self.dots[c].setData(pts[labels == c, 0], pts[labels == c, 1])
        self.result.setText(self.tr("Step {0}: loss {1:.4f}, accuracy {2:.1%}").format(
            snap["step"], snap["loss"], snap["accuracy"]))

    def show_result(self, r: dict) -> None:
        self._draw(r["final"], r)


class AttentionPage(LessonPage):
    key = "attention"

    def title(self) -> str:
        return self.tr("8. Self-attention")

    def build_controls(self) -> None:
        self.sentence = self.add_control(QLineEdit("The film was a warm and funny story."), "sentence")
        self.sentence.setMaxLength(SENTENCE_LIMIT)  # a lesson-sized sentence: quick to compute and to lay out
        self.source = self.add_control(QComboBox(), "source")
        self.source.addItem("tiny", "")
        self.head = self.add_control(QSpinBox(), "head")
        self.head.setRange(0, 63)
        self.layer = self.add_control(QSpinBox(), "layer")
        self.layer.setRange(0, 63)
        self.source.currentIndexChanged.connect(self._enable_run_controls)
        self._enable_run_controls()

    def _enable_run_controls(self, *_) -> None:
        """Head and layer belong to a run's model; the tiny random model has one of each."""
        run = bool(self.source.currentData())
        for spin in (self.head, self.layer):
            spin.setEnabled(run)
            if not run:
                with QSignalBlocker(spin):
                    spin.setRange(0, 63)
                    spin.setValue(0)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "<b>Self-attention</b> lets every token look at every other: row i shows how much token i takes from "
            "each token (each row sums to 1), softmax(Q·Kᵀ/√d). Pick a tiny random model, or a finished Transformer "
            "or GPT run to see what it learned."))
        self.source.setItemText(0, self.tr("a tiny random model"))
        self.set_label(0, self.tr("Sentence:"), self.sentence, self.tr("The text whose attention is shown"))
        self.set_label(1, self.tr("Model:"), self.source, self.tr("A tiny random model or a finished Transformer/GPT "
                                                                  "run"))
        self.set_label(2, self.tr("Head:"), self.head, self.tr("Attention head of a run"))
        self.set_label(3, self.tr("Layer:"), self.layer, self.tr("Layer of a run"))
        self.retranslate_common()

    def showEvent(self, event) -> None:
        self._list_runs()
        super().showEvent(event)

    def _list_runs(self) -> None:
        """Finished Transformer/GPT runs, listed off the GUI thread (the runs folder may hold many)."""
        from engine.runs import list_runs

        runs_dir = self.panel.ctx.state.runs_dir
        self.panel.ctx.tasks.run("lesson-attention-runs", lambda _p, _s: [
            r for r in list_runs(runs_dir) if r.get("arch") in ("transformer", "gpt")
            and r.get("status") in ("finished", "stopped")], on_success=self._fill_runs)

    def _fill_runs(self, runs: list) -> None:
        current = self.source.currentData()
        self.source.blockSignals(True)
        while self.source.count() > 1:
            self.source.removeItem(1)
        for r in reversed(runs):
            self.source.addItem(f"{r['name']} ({r['arch']})", r["run_dir"])
        index = self.source.findData(current)
        self.source.setCurrentIndex(max(0, index))
        self.source.blockSignals(False)

    def make_plot(self) -> QWidget:
        plot = pg.PlotWidget()
        self.image = pg.ImageItem()
        plot.addItem(self.image)
        plot.getPlotItem().invertY(True)
        return plot

    @property
    def heavy(self) -> bool:  # loading a run's model takes a moment
        return bool(self.source.currentData())

    def params(self) -> dict:
        p = {"sentence": self.sentence.text() or "hello"}
        if self.source.currentData():
            p.update(run_dir=self.source.currentData(), layer=self.layer.value(), head=self.head.value())
        return p

    def compute(self, p: dict) -> dict:
        if "run_dir" in p:
            run = lessons.attention_from_run(p["run_dir"], p["sentence"], 0, 0)
            layer, head = min(p["layer"], run["layers"] - 1), min(p["head"], run["heads"] - 1)
            return lessons.attention_from_run(p["run_dir"], p["sentence"], layer, head) | {"layer": layer, "head": head}
        return lessons.attention(**p)

    def code(self, p: dict) -> str:
        if "run_dir" in p:
            return lessons.attention_from_run_code(p["run_dir"], p["sentence"], p["layer"], p["head"])
        return lessons.attention_code(**p)

    def show_result(self, r: dict) -> None:
        self.theme(self.plot)
        if "layer" in r:  # a run: the spin boxes stop at its last layer and head and show what is drawn
            for spin, last, value in ((self.layer, r["layers"] - 1, r["layer"]), (self.head, r["heads"] - 1,
                                                                                   r["head"])):
                with QSignalBlocker(spin):
                    spin.setRange(0, last)
                    spin.setValue(value)
        w = np.asarray(r["weights"])
        self.image.setImage(w.T, levels=(0, max(1e-6, float(w.max()))))
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.image.setRect(0, 0, w.shape[1], w.shape[0])
        self.tokens = [str(t) for t in r["tokens"]]
        self._label_axes()
        self.plot.setRange(xRange=(0, w.shape[1]), yRange=(0, w.shape[0]), padding=0)
        top = [r["tokens"][int(row.argmax())] for row in w]
        text = self.tr("Each token attends most to: {0}").format(
            ", ".join(f"{a}→{b}" for a, b in zip(r["tokens"], top)))
        unknown = int(r.get("unknown") or 0)
        if unknown:  # a Chinese run shown an English sentence sees only <unk>: say why, and what to type
            text = self.tr("{0} of {1} tokens are &lt;unk&gt;: the run's vocabulary does not know them (it was "
                           "trained on other text). Type a sentence like its training data to see what it "
                           "learned.").format(unknown, len(self.tokens)) + "<br>" + html.escape(text)
        self.result.setText(text)

    tokens: list[str] = []

    def _label_axes(self) -> None:
        """One tick label per token where they fit, else every k-th, so long sentences never overlap."""
        if not self.tokens:
            return
        n = len(self.tokens)
        width, height = max(1, self.plot.width() - 60), max(1, self.plot.height() - 40)
        metrics = self.plot.fontMetrics()
        widest = max(metrics.horizontalAdvance(t[:10]) for t in self.tokens) + 8
        for axis, room, size in (("bottom", width, widest), ("left", height, metrics.height() + 2)):
            step = max(1, -(-n * size // room))
            self.plot.getAxis(axis).setTicks([[(i + 0.5, t[:10]) for i, t in enumerate(self.tokens) if i % step == 0]])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._label_axes()


class TokenizationPage(LessonPage):
    key = "tokenization"
    heavy = True  # jieba and the pretrained tokenizer load on first use

    def title(self) -> str:
        return self.tr("10. Tokenization")

    def build_controls(self) -> None:
        self.sentence = self.add_control(QLineEdit("The movie was surprisingly good, 演员很好。"), "sentence")
        self.sentence.setMaxLength(SENTENCE_LIMIT)  # a lesson-sized sentence: quick to compute and to lay out

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "Models read token ids, not text. The same sentence split by characters, words, jieba (Chinese "
            "words), a BPE trained on a small corpus and MiniLM's WordPiece. Ids come from each vocabulary; tokens "
            "it has never seen become <b>&lt;unk&gt;</b> (marked in red)."))
        self.set_label(0, self.tr("Sentence:"), self.sentence, self.tr("The text to split into tokens"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        view = QLabel()
        view.setWordWrap(True)
        view.setTextFormat(Qt.TextFormat.RichText)
        view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return view

    def params(self) -> dict:
        return {"sentence": self.sentence.text() or " "}

    def compute(self, p: dict) -> dict:
        return lessons.tokenization(**p)

    def code(self, p: dict) -> str:
        return lessons.tokenization_code(**p)

    def show_result(self, r: dict) -> None:
        rows = []
        for name, toks in r.items():
            cells = " ".join(
                f"<span style='{f'color:{status_colour()};' if unk else ''}border:1px solid #999;padding:1px'>"
                f"{html.escape(str(t))}<sub>{i}</sub></span>" for t, i, unk in toks) or self.tr("(not installed)")
            rows.append(f"<p><b>{name}</b> ({len(toks)}): {cells}</p>")
        self.plot.setText("".join(rows))
        unknown = {name: sum(1 for *_, u in toks if u) for name, toks in r.items() if toks}
        self.result.setText(self.tr("Tokens: {0}; unknown: {1}").format(
            ", ".join(f"{k} {len(v)}" for k, v in r.items() if v), ", ".join(f"{k} {v}" for k, v in unknown.items())))


class BaselinesPage(LessonPage):
    key = "baselines"
    heavy = True  # fits a logistic regression and trains a small network

    def title(self) -> str:
        return self.tr("11. Baselines")

    def build_controls(self) -> None:
        self.rows = self.add_control(QSlider(Qt.Orientation.Horizontal), "rows", lambda v: f"{v * 250:,}")
        self.rows.setRange(1, 32)  # x 250 training texts
        self.rows.setValue(8)
        self.rows.setTracking(False)  # each value trains a network: only where the slider is let go
        self.epochs = self.add_control(QSpinBox(), "epochs")
        self.epochs.setRange(1, 30)
        self.epochs.setValue(5)

    def retranslate(self) -> None:
        self.explain.setText(self.tr(
            "A score means little alone. A <b>baseline</b> is the simplest thing that could work: always answering "
            "the most frequent class, or a linear model on word counts (TF-IDF + logistic regression). Your "
            "network is worth its cost only when it beats them on the <i>same</i> test texts. Every run of this "
            "app fits such a baseline and shows it beside the model (Train log, Evaluate, Runs). Here: movie "
            "reviews, with as many training texts as you choose, all scored on the same 2,000 held-out reviews."))
        self.set_label(0, self.tr("Training texts:"), self.rows, self.tr("How many reviews to learn from"))
        self.set_label(1, self.tr("Epochs:"), self.epochs, self.tr("Passes of the small network over its texts"))
        self.retranslate_common()

    def make_plot(self) -> QWidget:
        plot = pg.PlotWidget()
        plot.setYRange(0, 1)
        plot.showGrid(y=True, alpha=0.3)
        self.bars = None
        return plot

    def params(self) -> dict:
        return {"train_rows": self.rows.value() * 250, "epochs": self.epochs.value()}

    def compute(self, p: dict) -> dict:
        return lessons.baselines(**p)

    def code(self, p: dict) -> str:
        return lessons.baselines_code(**p)

    def show_result(self, r: dict) -> None:
        self.theme(self.plot)
        names = [self.tr("majority class"), self.tr("TF-IDF + logistic regression"), self.tr("small network")]
        values = [r["majority"], r["tfidf"], r["network"]]
        if self.bars is not None:
            self.plot.removeItem(self.bars)
        self.bars = pg.BarGraphItem(x=list(range(3)), height=values, width=0.6,
                                    brushes=[pg.mkBrush(c) for c in ("#999999", "#0072B2", "#D55E00")])
        self.plot.addItem(self.bars)
        self.plot.getAxis("bottom").setTicks([[(i, n) for i, n in enumerate(names)]])
        self.plot.setLabel("left", self.tr("test accuracy"))
        self.plot.setYRange(0, 1)
        verdict = (self.tr("the network beats the linear baseline") if r["network"] > r["tfidf"] else
                   self.tr("the linear baseline is as good or better: a bigger network is not the answer yet"))
        self.result.setText(self.tr("{0:,} training texts, {1:,} test texts: majority {2:.3f}, TF-IDF + logistic "
                                    "regression {3:.3f}, network {4:.3f}; {5}.").format(
            r["train_rows"], r["test_rows"], r["majority"], r["tfidf"], r["network"], verdict))


PAGES = (TensorsPage, AutogradPage, DescentPage, ActivationsPage, TwoLayerPage, ConvolutionPage, RnnPage,
         AttentionPage, SchedulesPage, TokenizationPage, BaselinesPage)


class LearnPanel(Panel):
    key = "learn"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.list = QListWidget(objectName="lessonList")
        self.list.setMaximumWidth(200)
        self.stack = QStackedWidget(objectName="lessonPages")
        self.pages: list[LessonPage] = []
        for cls in PAGES:
            page = cls(self)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.list.addItem(QListWidgetItem())
        self.list.currentRowChanged.connect(self._show)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(split)
        ctx.state.changed.connect(self._on_config)
        self.retranslate()
        self.list.setCurrentRow(0)

    def nav_title(self) -> str:
        return self.tr("Learn")

    def page(self, key: str) -> LessonPage:
        return next(p for p in self.pages if p.key == key)

    def retranslate(self) -> None:
        describe(self.list, self.tr("The exercises of the tutorial, one page each"), self.tr("Lessons"))
        for i, page in enumerate(self.pages):
            page.retranslate()
            self.list.item(i).setText(page.title())
        for page in self.pages:
            if page.last:
                page.refresh()

    def _show(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if 0 <= row < len(self.pages) and not self.pages[row].last and self.isVisible():
            self.pages[row].refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show(self.list.currentRow())  # the first page is computed when the panel is first shown

    def shutdown(self) -> None:
        for page in self.pages:
            page.timer.stop()
            self.ctx.tasks.cancel(f"lesson-{page.key}")
        self.ctx.tasks.cancel("lesson-attention-runs")

    def _on_config(self, key: str) -> None:
        if key == "" or key.startswith("train."):
            page = self.page("schedules")
            if page.last:
                page.timer.start()
