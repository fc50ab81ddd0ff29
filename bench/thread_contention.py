"""Two trainings at once on a small machine: how OpenMP's idle threads wait decides whether they share the cores.

Each of torch's OpenMP threads spins for a while after its share of an operation before it sleeps (libgomp: 300,000
spins; the value it falls to when it knows its threads outnumber the cores is 1,000). Two processes that each use
every core -- a search beside a detached run, two `hellotorch train`, a detached run beside the window's own work --
then hold the cores with spinning threads while the other's working threads wait (two trainings in one process are
not affected: libgomp sees its own threads). `engine/__init__.py` sets GOMP_SPINCOUNT=1000 (and KMP_BLOCKTIME=1
for LLVM/Intel OpenMP) unless the user set the wait. This script trains the same small run (`hellotorch train
default` on a 4,000-row sample of movie-reviews, one model, 4 epochs) alone and two at once, under libgomp's
default spin, the engine's, and OMP_WAIT_POLICY=PASSIVE, each in a fresh process, and prints the training time
(summary.json's duration_s) and the ratios.

    .venv/bin/python bench/thread_contention.py [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import engine  # noqa: E402

WAITS = {  # name -> the environment the training processes get
    "libgomp default (300,000 spins)": {"GOMP_SPINCOUNT": "300000", "KMP_BLOCKTIME": "200"},
    f"engine (GOMP_SPINCOUNT={engine.SPINCOUNT})": {"GOMP_SPINCOUNT": engine.SPINCOUNT, "KMP_BLOCKTIME": "1"},
    "OMP_WAIT_POLICY=PASSIVE": {"OMP_WAIT_POLICY": "PASSIVE", "KMP_BLOCKTIME": "0"},
}
RUN = ["train", "default", "--set", "data.source=movie-reviews", "--set", "data.limit_rows=4000",
       "--set", "model.ensemble=1", "--set", "train.epochs=4", "--set", "train.tensorboard=false",
       "--set", "train.baseline=false", "--quiet", "--json"]


def one_run(env: dict[str, str], out: str) -> float:
    """Seconds of training of one fresh `hellotorch train` process with these OpenMP settings."""
    full = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY", "KMP_BLOCKTIME")}
    full.update(env, HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *RUN, "--out", out], env=full,
                          capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout)["duration_s"])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=3, help="runs alone per setting (the median is shown)")
    args = p.parse_args()
    print(f"{os.cpu_count()} CPU cores; each run uses all of them", flush=True)
    results = {}
    with tempfile.TemporaryDirectory() as out:
        one_run(WAITS[next(iter(WAITS))], out)  # warm the caches (MiniLM vectors, the data) before timing
        for name, env in WAITS.items():
            alone = statistics.median(one_run(env, out) for _ in range(args.repeats))
            with ThreadPoolExecutor(2) as pool:
                pair = list(pool.map(lambda _: one_run(env, out), range(2)))
            both = max(pair)
            results[name] = (alone, both)
            print(f"thread_contention: {name}: alone {alone:.2f} s, two at once {pair[0]:.2f} / {pair[1]:.2f} s "
                  f"(ratio two/alone {both / alone:.2f}; 2.0 = the cores shared fairly)", flush=True)
    default, ours = results[next(iter(WAITS))], results[list(WAITS)[1]]
    print(f"thread_contention: engine vs libgomp default, one run alone: ratio {ours[0] / default[0]:.3f} "
          f"({ours[0]:.2f} vs {default[0]:.2f} s)")
    print(f"thread_contention: engine vs libgomp default, two runs at once: ratio {ours[1] / default[1]:.3f} "
          f"({ours[1]:.2f} vs {default[1]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
