"""Run one engine function in a child Python process, with progress, cancel and its result or error.

The window's threads share the interpreter's lock (the GIL) with the GUI thread. Some imports hold it for a whole
second: ``onnx`` loads ``ml_dtypes``, a C extension whose module set-up runs without letting go (1.1 s measured on
the 2-core development machine, 0.55-0.6 s on a faster one), and onnxruntime's quantisation tools import ``onnx``
too. An export started from the window would freeze it that long, so the window runs it here: in a spawned
process the GUI thread never waits on that lock, and a crash inside a native library (an exporter, an unusual
operator) ends the child, not the window.

``call_in_process("engine.export:export_run", kwargs, progress, should_stop)`` calls
``export_run(**kwargs, progress=..., should_stop=...)`` in the child and returns what it returned (pickled back);
an exception raised there is raised here (the child's traceback chained as its cause). Cancel: when
``should_stop()`` turns true the child's ``should_stop`` does too, and the function ends at its next check; a
child still running ``grace_s`` later is terminated. ``prestart`` starts the next child ahead (it imports torch
and the exporter while the user is still choosing), so an export does not wait for a new Python to start.
"""
from __future__ import annotations

import importlib
import pickle
import queue as queue_mod
import threading
import time
import traceback
from typing import Any, Callable

from engine.errors import HelloTorchError

POLL_S = 0.1  # how often the waiting thread checks for a cancel and a dead child
GRACE_S = 5.0  # a cancelled child gets this long to stop at its own check (and remove what it began) before it is ended


class RemoteTraceback(Exception):
    """The child's traceback as text: the cause of the exception re-raised in the parent."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


class _Child:
    """A spawned process that waits for one job on ``jobs`` and answers on ``messages``."""

    def __init__(self, preload: tuple[str, ...] = ()) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: the parent has threads (Qt, torch) and their locks
        self.messages, self.stop = ctx.Queue(), ctx.Event()
        self.jobs, send = ctx.Pipe(duplex=False)
        self.send = send
        self.process = ctx.Process(target=_child_main, args=(tuple(preload), self.jobs, self.messages, self.stop),
                                   daemon=True, name="hellotorch-worker")
        self.process.start()

    def close(self, grace_s: float) -> None:
        self.process.join(timeout=grace_s)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=1.0)
        self.messages.close()
        self.send.close()


_spare: _Child | None = None
_spare_lock = threading.Lock()


def prestart(preload: tuple[str, ...] = ()) -> None:
    """Start a child now that imports `preload` (e.g. torch and the exporter: seconds) and then waits, so that the
    next call_in_process begins at once. One spare at most; it ends with this process."""
    global _spare
    with _spare_lock:
        if _spare is None or not _spare.process.is_alive():
            _spare = _Child(preload)


def _take() -> _Child:
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None and child.process.is_alive():
        return child
    return _Child()


def call_in_process(target: str, kwargs: dict | None = None, progress: Callable[[str, float], None] | None = None,
                    should_stop: Callable[[], bool] | None = None, grace_s: float = GRACE_S) -> Any:
    """``module:function`` called with ``kwargs`` plus ``progress`` and ``should_stop`` in a spawned child process
    (the prestarted one when there is one); its return value, or its exception raised here. Blocks the calling
    (worker) thread, never the GIL."""
    child = _take()
    name = target.rsplit(":", 1)[-1]
    stopped_at = None
    try:
        try:
            child.send.send((target, dict(kwargs or {})))
        except OSError:  # the spare ended meanwhile: the loop below reports it
            pass
        while True:
            try:
                kind, *payload = child.messages.get(timeout=POLL_S)
            except queue_mod.Empty:
                if should_stop is not None and should_stop() and stopped_at is None:
                    child.stop.set()
                    stopped_at = time.monotonic()
                if stopped_at is not None and time.monotonic() - stopped_at > grace_s:
                    child.process.terminate()
                    raise HelloTorchError("Cancelled; the worker process was ended.") from None
                if not child.process.is_alive() and child.messages.empty():
                    raise HelloTorchError(
                        f"The worker process for {name} ended without an answer (exit code "
                        f"{child.process.exitcode}): it crashed or was killed, for example for lack of memory. "
                        f"Nothing was kept; try again, and run the same step from the command line with --debug "
                        f"to see more.") from None
                continue
            if kind == "progress":
                if progress is not None:
                    progress(*payload)
            elif kind == "result":
                result = pickle.loads(payload[0])
                # the child exits on its own (a second or so for torch's teardown): reaped in the background
                threading.Thread(target=child.close, args=(grace_s,), daemon=True).start()
                child = None
                return result
            elif kind == "error":
                exc, text = pickle.loads(payload[0]), payload[1]
                raise exc from RemoteTraceback(text)
    finally:
        if child is not None:
            child.close(grace_s)


def _child_main(preload: tuple[str, ...], jobs, messages, stop) -> None:  # noqa: ANN001
    """In the child: import `preload`, wait for a job, call it, send its progress and then its result or its error
    (always picklable)."""
    for module in preload:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - a preload is only a head start; the job itself reports what is missing
            pass
    try:
        target, kwargs = jobs.recv()
    except (EOFError, OSError):  # the parent went away or closed the spare: nothing to do
        return
    try:
        module, name = target.split(":")
        fn = getattr(importlib.import_module(module), name)
        result = fn(**kwargs, progress=lambda message, fraction=-1.0: messages.put(
            ("progress", str(message), float(fraction))), should_stop=stop.is_set)
        messages.put(("result", pickle.dumps(result)))
    except BaseException as exc:  # noqa: BLE001 - every error goes back to the parent, which raises it
        messages.put(("error", _picklable(exc), traceback.format_exc()))
    finally:
        messages.close()
        messages.join_thread()  # everything sent before the process ends


def _picklable(exc: BaseException) -> bytes:
    """The exception pickled, or an equivalent that pickles (same class name and message) when it does not."""
    try:
        data = pickle.dumps(exc)
        pickle.loads(data)
        return data
    except Exception:  # noqa: BLE001 - an exception class that cannot be rebuilt from its args
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
