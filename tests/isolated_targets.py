"""Functions that tests/test_isolated.py runs in a child process (engine.isolated needs them importable)."""
from __future__ import annotations

import os
import time

from engine.errors import ConfigError


def counts(n, progress, should_stop):  # noqa: ANN001
    for i in range(n):
        progress(f"step {i}", (i + 1) / n)
    return {"pid": os.getpid(), "n": n}


def fails(progress, should_stop):  # noqa: ANN001
    raise ConfigError("model.arch 'nope' is not an architecture").at("model.arch")


def waits_for_cancel(marker, progress, should_stop):  # noqa: ANN001
    progress("waiting", 0.5)
    while not should_stop():
        time.sleep(0.02)
    with open(marker, "w", encoding="utf-8") as fh:  # it saw the cancel and could clean up
        fh.write("stopped")
    raise ConfigError("cancelled")


def ignores_cancel(progress, should_stop):  # noqa: ANN001
    progress("busy", 0.1)
    time.sleep(60)


def crashes(progress, should_stop):  # noqa: ANN001
    os._exit(3)


class _Odd(Exception):
    def __init__(self, a, b):  # noqa: ANN001 - rebuilt from one arg by pickle: it cannot be
        super().__init__(f"{a}/{b}")


def raises_odd(progress, should_stop):  # noqa: ANN001
    raise _Odd(1, 2)
