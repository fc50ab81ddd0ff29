"""The window's longest freeze while the Playground exports a run to ONNX + int8: the export in a child process
(engine.isolated, what the window does) against the same export in a worker thread of the window's process (what
it did before), each in a fresh process so that the first import of onnx / ml_dtypes is measured both times.

A 10 ms QTimer on the GUI thread records the gaps between its ticks from the click on Export until the result is
shown; the longest gap is how long the window could not repaint or react. Prints both and their ratio.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_export_stall.py [--rounds 3] [--wait 10]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROBE = r"""
import json, os, sys, time
sys.path.insert(0, os.environ["HT_ROOT"]); sys.path.insert(0, os.path.join(os.environ["HT_ROOT"], "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from hellotorch_gui.app import create_app
app = create_app([sys.argv[0]])
from hellotorch_gui.main_window import MainWindow
if os.environ["HT_MODE"] == "thread":  # the export in the worker thread itself (the old way)
    import importlib, engine.isolated as iso
    def in_thread(target, kwargs=None, progress=None, should_stop=None, grace_s=0):
        module, name = target.split(":")
        return getattr(importlib.import_module(module), name)(**(kwargs or {}), progress=progress,
                                                              should_stop=should_stop)
    iso.call_in_process = in_thread
tmp = os.environ["HT_TMP"]
w = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat), runs_dir=os.environ["HT_RUNS"])
w.show()
deadline = time.perf_counter() + 60
while time.perf_counter() < deadline:  # let start-up work (default data set, environment) finish first
    app.processEvents(); time.sleep(0.01)
w.goto("playground")
panel = w.panel("playground")
panel.refresh_sources()
while panel.source_combo.count() == 0:
    app.processEvents(); time.sleep(0.01)
panel.format_combo.setCurrentIndex(panel.format_combo.findData("onnx"))
panel.int8_check.setChecked(True)
deadline = time.perf_counter() + float(os.environ["HT_WAIT"])  # a user reading the panel before clicking Export
while time.perf_counter() < deadline:
    app.processEvents(); time.sleep(0.01)
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
timer = QTimer(); timer.setInterval(10); timer.timeout.connect(tick)
t0 = time.perf_counter(); last[0] = t0; timer.start()
panel.export_selected()
while not panel.export_button.isEnabled():
    app.processEvents(); time.sleep(0.002)
timer.stop()
print(json.dumps({"max_ms": 1000 * max(gaps), "p99_ms": 1000 * sorted(gaps)[int(0.99 * len(gaps))],
                  "seconds": time.perf_counter() - t0, "status": panel.export_status.text()[:80]}))
os._exit(0)
"""


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--wait", type=float, default=10.0,
                   help="seconds on the Playground before Export is clicked (the window prestarts the export "
                        "process when the panel is shown; 0 measures a click at once)")
    args = p.parse_args()
    sys.path.insert(0, ROOT)
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from conftest import tiny_config

    from engine.training import train

    results: dict[str, list[dict]] = {"process": [], "thread": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "reviews.csv")
        with open(data, "w", encoding="utf-8") as fh:
            fh.write("text,label\n" + "".join(f"a {w} film number {i},{lab}\n" for i in range(200)
                                              for w, lab in (("wonderful", "pos"), ("dull", "neg"))))
        runs = os.path.join(tmp, "runs")
        train(tiny_config(data, max_steps=10), runs_dir=runs)
        env = dict(os.environ, HT_ROOT=ROOT, HT_RUNS=runs, HT_TMP=tmp, QT_QPA_PLATFORM="offscreen",
                   HT_WAIT=str(args.wait))
        for _ in range(args.rounds):  # alternating: the machine's load drifts
            for mode in results:
                out = subprocess.run([sys.executable, "-c", PROBE], env=dict(env, HT_MODE=mode), text=True,
                                     capture_output=True, timeout=600)
                line = [x for x in out.stdout.splitlines() if x.startswith("{")]
                if not line:
                    print(f"gui_export_stall: {mode} probe failed:\n{out.stderr[-2000:]}")
                    return 1
                row = json.loads(line[-1])
                results[mode].append(row)
                print(f"  {mode:<7} longest GUI gap {row['max_ms']:7.0f} ms, p99 {row['p99_ms']:5.0f} ms, "
                      f"export {row['seconds']:.1f} s: {row['status']}", flush=True)
    proc = statistics.median(r["max_ms"] for r in results["process"])
    thread = statistics.median(r["max_ms"] for r in results["thread"])
    secs = (statistics.median(r["seconds"] for r in results["process"]),
            statistics.median(r["seconds"] for r in results["thread"]))
    print(f"gui_export_stall: longest GUI freeze during an ONNX + int8 export, child process {proc:.0f} ms vs worker "
          f"thread {thread:.0f} ms (median of {args.rounds}), ratio {proc / thread:.3f}; export took "
          f"{secs[0]:.1f} s vs {secs[1]:.1f} s, ratio {secs[0] / secs[1]:.2f} (clicked {args.wait:g} s after the "
          f"panel was shown)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
