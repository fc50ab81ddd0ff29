"""Start-up: the window paints before torch is imported (the import takes seconds on a laptop CPU), and the
panels' first jobs start once it has painted. Timing itself is measured by bench/gui_overhead.py, not here."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import os, sys, tempfile
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from hellotorch_gui.app import create_app
app = create_app([sys.argv[0]])
from hellotorch_gui.main_window import MainWindow
tmp = tempfile.mkdtemp()
w = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat), runs_dir=tmp)
built = "torch" in sys.modules
queued = sorted(w.tasks.running())
class Probe(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and not hasattr(self, "painted"):
            self.painted = "torch" in sys.modules
        return False
probe = Probe()
w.installEventFilter(probe)
w.show()
def done():
    print("torch_when_built", built)
    print("torch_at_paint", probe.painted)
    print("queued", len(queued))
    print("started", w.tasks._held is None)
    w.tasks.shutdown(30_000)
    os._exit(0)
QTimer.singleShot(3000, done)
app.exec()
"""


def test_the_window_paints_before_torch_is_imported_and_then_starts_its_jobs(tmp_path):
    out = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["torch_when_built"] == "False"  # no panel imports torch while it is built
    assert lines["torch_at_paint"] == "False"  # ... nor before the first paint
    assert int(lines["queued"]) > 0 and lines["started"] == "True"  # jobs waited for the paint, then ran
