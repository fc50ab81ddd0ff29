"""engine/__init__.py shortens how long idle OpenMP threads spin, before torch loads (bench/thread_contention.py:
two small trainings at once took 144 s each under libgomp's default, 9 s with the engine's setting, 4.5 s alone)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import os, sys; sys.path.insert(0, {root!r}); import {module}; "
         "print(os.environ.get('GOMP_SPINCOUNT'), os.environ.get('OMP_WAIT_POLICY'), os.environ.get('KMP_BLOCKTIME'))")


def probe(module: str, **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY", "KMP_BLOCKTIME")}
    out = subprocess.run([sys.executable, "-c", PROBE.format(root=str(ROOT), module=module)], env={**clean, **env},
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.split()


def test_the_engine_and_the_window_set_a_short_spin_before_torch_loads():
    from engine import SPINCOUNT

    assert probe("engine") == [SPINCOUNT, "None", "1"]
    assert probe("hellotorch_gui") == [SPINCOUNT, "None", "1"]  # the window imports the engine first


def test_a_users_own_wait_setting_wins():
    assert probe("engine", GOMP_SPINCOUNT="50000") == ["50000", "None", "1"]
    assert probe("engine", OMP_WAIT_POLICY="ACTIVE") == ["None", "ACTIVE", "1"]
    assert probe("engine", KMP_BLOCKTIME="200")[2] == "200"


def test_training_processes_inherit_it():
    """`hellotorch train` started by the window or the CLI (detached runs, search trials, torchrun) gets the
    parent's environment, so the setting reaches the process that trains."""
    code = ("import os, sys, subprocess; sys.path.insert(0, {root!r}); import engine; "
            "print(subprocess.run([sys.executable, '-c', 'import os; print(os.environ[\"GOMP_SPINCOUNT\"])'], "
            "capture_output=True, text=True).stdout.strip())").format(root=str(ROOT))
    clean = {k: v for k, v in os.environ.items() if k != "GOMP_SPINCOUNT"}
    out = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True)
    from engine import SPINCOUNT

    assert out.stdout.strip() == SPINCOUNT
