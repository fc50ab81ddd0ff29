"""Window overhead: the same run through the window's worker vs the headless engine (samples/s ratio),
event-loop latency during training (a 10 ms QTimer), plot stress (100k points) and start-up to first paint.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_overhead.py
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine.config import Config  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "bench"))
from engine_overhead import bench_config as engine_bench_config  # noqa: E402

STARTUP_PROBE = r"""
import os, sys, time
launched = float(os.environ["HT_LAUNCHED"])
sys.path.insert(0, os.environ["HT_ROOT"])
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from hellotorch_gui.app import create_app
app = create_app([sys.argv[0]])
from hellotorch_gui.main_window import MainWindow
class Probe(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(f"{time.time() - launched:.4f}", flush=True)
            os._exit(0)
        return False
s = QSettings(os.path.join(os.environ["HT_TMP"], "s.ini"), QSettings.Format.IniFormat)
w = MainWindow(settings=s, runs_dir=os.environ["HT_TMP"])
probe = Probe()
w.installEventFilter(probe)
w.show()
app.exec()
"""


def bench_config(steps: int) -> Config:
    """The engine_overhead model and data, logging every 5 steps (the window plots them)."""
    cfg = engine_bench_config(steps)
    cfg.train.log_every = 5
    return cfg


class Stopwatch:
    """Records the time and samples of the first counted step and of the last step."""

    def __init__(self, warmup: int = 10) -> None:
        self.warmup, self.t0, self.t1, self.s0, self.s1 = warmup, 0.0, 0.0, 0, 0

    def step(self, state) -> None:
        if state.step == self.warmup:
            self.t0, self.s0 = time.perf_counter(), state.samples_seen
        self.t1, self.s1 = time.perf_counter(), state.samples_seen

    @property
    def rate(self) -> float:
        return (self.s1 - self.s0) / (self.t1 - self.t0)


def headless(cfg: Config) -> float:
    from engine.training import Callback, train

    sw = Stopwatch()

    class CB(Callback):
        def on_step_end(self, state, control):
            sw.step(state)

    with tempfile.TemporaryDirectory() as d:
        train(cfg, callbacks=[CB()], runs_dir=d)
    return sw.rate


def through_window(app, cfg: Config) -> tuple[float, list[float]]:
    """Run via the Train panel (signals, live plots) while a 10 ms timer measures event-loop lag."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from hellotorch_gui import bridge
    from hellotorch_gui.main_window import MainWindow

    sw = Stopwatch()
    original = bridge.TrainingWorker.on_step_end

    def timed(self, state, control):
        sw.step(state)
        original(self, state, control)

    bridge.TrainingWorker.on_step_end = timed
    tmp = tempfile.mkdtemp()
    window = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat), runs_dir=tmp)
    window.resize(1280, 820)
    window.show()
    window.state.replace(cfg)
    window.goto("train")
    settle = QEventLoop()  # let the start-up work (dataset preview, environment report) finish first
    poll = QTimer()
    poll.timeout.connect(lambda: settle.quit() if not window.tasks.running() else None)
    poll.start(100)
    settle.exec()
    poll.stop()
    lags: list[float] = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        lags.append(max(0.0, (now - last[0]) * 1000 - 10))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    window.trainer.jobFinished.connect(lambda _s: loop.quit())
    timer.start()
    window.panel("train")._begin(cfg, resume=None)
    loop.exec()
    timer.stop()
    bridge.TrainingWorker.on_step_end = original
    window.close()
    return sw.rate, lags[5:]


def plot_stress(app, total: int = 100_000, per_frame: int = 1000) -> float:
    import numpy as np

    from hellotorch_gui.plots import LivePlot

    plot = LivePlot(refresh_hz=1000)
    plot.timer.stop()
    plot.resize(800, 500)
    plot.show()
    plot.add_curve("a")
    rng = np.random.default_rng(0)
    frames, t0, n = 0, time.perf_counter(), 0
    while n < total:
        ys = rng.standard_normal(per_frame).cumsum()
        for i, y in enumerate(ys):
            plot.append("a", n + i, float(y))
        n += per_frame
        plot.redraw()
        plot.repaint()
        app.processEvents()
        frames += 1
    fps = frames / (time.perf_counter() - t0)
    plot.close()
    return fps


def startup(repeats: int = 5) -> list[float]:
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, HT_LAUNCHED=repr(time.time()), HT_ROOT=ROOT, HT_TMP=tmp)
            out = subprocess.run([sys.executable, "-c", STARTUP_PROBE], env=env, capture_output=True, text=True,
                                 timeout=120)
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def one(kind: str, steps: int) -> None:
    """Measure one configuration in this (fresh) process and print it as JSON."""
    import json

    cfg = bench_config(steps)
    if kind == "headless":
        print(json.dumps({"rate": headless(cfg), "lags": []}))
        return
    from hellotorch_gui.app import create_app

    app = create_app([sys.argv[0]])
    rate, lags = through_window(app, cfg)
    print(json.dumps({"rate": rate, "lags": lags}))


def measure(kind: str, steps: int) -> tuple[float, list[float]]:
    """Each measurement in its own process: OpenMP thread teams left by an earlier run in another thread
    of the same process slow the next one (~20%), which would bias whichever side runs second."""
    import json

    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", kind, "--steps", str(steps)],
                         capture_output=True, text=True, timeout=1200)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["rate"], data["lags"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--one", choices=["headless", "window"], help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        one(args.one, args.steps)
        return
    from hellotorch_gui.app import create_app

    app = create_app([sys.argv[0]])
    gui, head, lags = [], [], []
    for r in range(args.repeats):
        head.append(measure("headless", args.steps)[0])
        rate, lag = measure("window", args.steps)
        gui.append(rate)
        lags += lag
        print(f"  repeat {r + 1}: headless {head[-1]:8.1f} samples/s   window worker {gui[-1]:8.1f} samples/s")
    g, h = statistics.median(gui), statistics.median(head)
    print(f"gui_overhead: window worker {g:.1f} samples/s, headless engine {h:.1f} samples/s, ratio {g / h:.3f} "
          f"(goal >= 0.95)")
    print(f"event_loop_latency: 10 ms timer lag over {len(lags)} ticks during training: p50 {pct(lags, 0.5):.1f} ms, "
          f"p99 {pct(lags, 0.99):.1f} ms, max {max(lags):.1f} ms (goal p99 < 30, max < 100)")
    fps = plot_stress(app)
    print(f"plot_stress: 100k points appended 1000 per frame with a redraw each frame: {fps:.1f} frames/s "
          f"(goal >= 20)")
    st = startup()
    print(f"startup: window first painted after median {statistics.median(st):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in st)}; goal < 1.5 s)")


if __name__ == "__main__":
    main()
