"""Guards against Qt binding bugs that would crash a long training session."""
from __future__ import annotations

import sys


def test_signal_emits_do_not_leak_references_to_true(qapp):
    """PySide6 6.12.0 dropped a reference to True on every emit: ~20k emits later the process aborted."""
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        changed = Signal(dict)

    e = Emitter()
    e.changed.connect(lambda d: None)
    before = sys.getrefcount(True)
    for _ in range(2000):
        e.changed.emit({"step": 1})
    assert abs(sys.getrefcount(True) - before) < 50


def test_task_results_are_never_lost(qtbot):
    """Results queued to the GUI thread arrive even when new tasks start right after a thread ends."""
    from hellotorch_gui.bridge import TaskRunner

    runner = TaskRunner()
    got = []
    for i in range(30):
        runner.run(f"t{i}", lambda p, s, i=i: i, on_success=got.append)
    qtbot.waitUntil(lambda: len(got) == 30, timeout=30_000)
    assert sorted(got) == list(range(30))
    assert runner.shutdown(10_000)


def test_a_refused_config_or_data_fails_without_a_traceback_in_its_details(qtbot):
    """fp16 on a CPU, a missing column: the failure dialog says what to change, and its Show Details held a
    Python traceback that read like a crash. A real crash keeps its traceback."""
    from engine.errors import ConfigError, DataError
    from hellotorch_gui.bridge import TaskWorker

    def fail_with(exc):
        got = []
        worker = TaskWorker(lambda _p, _s: (_ for _ in ()).throw(exc))
        worker.failed.connect(lambda message, details: got.append((message, details)))
        worker.run()
        return got[0]

    for exc in (ConfigError("train.precision 'fp16' needs a CUDA GPU"), DataError("no column 'x'")):
        message, details = fail_with(exc)
        assert message == str(exc) and details == ""
    message, details = fail_with(RuntimeError("boom"))
    assert "RuntimeError: boom" in message and "Traceback" in details
