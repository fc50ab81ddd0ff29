"""Hello PyTorch engine: data, models, training, metrics, runs and the CLI. Never imports Qt."""
from __future__ import annotations

import os as _os

__version__ = "0.1.0"

# OpenMP threads that finish their share of an operation spin, waiting for the next one, before they sleep
# (libgomp, which this torch uses: 300,000 spins). When two training processes share a 2-core machine -- a search
# beside a detached run, two CLI runs, a detached run beside the window's own evaluation -- the spinning threads
# hold the cores the working ones need: two small runs at once took 337 s each instead of 8 s. (Two trainings in
# one process are not affected: libgomp sees its own threads.) A short spin removes that and keeps one run's speed
# (bench/thread_contention.py: 4.54 vs 4.56 s); only toy models lose ~5% (the test suite's). It must be set before
# torch loads, so here, where main.py, the `hellotorch` command and the window all start; training processes
# inherit it. A user's own OMP_WAIT_POLICY / GOMP_SPINCOUNT wins. KMP_BLOCKTIME is the same wait for LLVM's and
# Intel's OpenMP (macOS and conda builds): 1 ms instead of 200 (not measured here).
SPINCOUNT = "1000"
if not any(key in _os.environ for key in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")):
    _os.environ["GOMP_SPINCOUNT"] = SPINCOUNT
_os.environ.setdefault("KMP_BLOCKTIME", "1")
