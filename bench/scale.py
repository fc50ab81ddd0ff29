"""Data at scale: peak memory and time of data preparation, `data stats` and a short training run on synthetic
review CSVs of 100k / 1M / 10M rows (issue 15: goal <= 1 GB peak for 1M rows with the default preset, and
10M rows trainable on a 24 GB machine).

Each measurement runs in its own process (`python main.py ...`, as a user runs it); the peak is that process's
peak resident memory as the kernel counts it (ru_maxrss). The rows are English-like reviews with a Zipf-distributed vocabulary of
50,000 words (~115 bytes a row, as the 114 MB / 1M-row CSV of the issue) and two classes carried by a few
sentiment words; files are written once into the cache folder and reused.

    .venv/bin/python bench/scale.py                 # 100k, 1M and 10M rows
    .venv/bin/python bench/scale.py --rows 100000 1000000 --steps 20
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_1M_MB = 1024

PREPARE = """
import json, sys, time
from engine import config as cfgmod
from engine.data.pipeline import prepare_data
cfg = cfgmod.load_preset("default", ["data.source=" + sys.argv[1]])
t0 = time.perf_counter()
d = prepare_data(cfg)
print(json.dumps({"seconds": time.perf_counter() - t0, "sizes": {k: len(v) for k, v in d.ids.items()},
                  "token_bytes": sum(v.nbytes for v in d.ids.values())}))
"""


def synthetic_csv(rows: int, folder: Path) -> Path:
    """A seeded review-like CSV (text,label) of `rows` rows, written once."""
    import numpy as np

    path = folder / f"scale-{rows}.csv"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    vocab = np.array([f"w{i}" for i in range(50_000)])
    zipf = 1.0 / np.arange(1, len(vocab) + 1) ** 1.1
    zipf /= zipf.sum()
    good = ["great", "wonderful", "moving", "superb", "funny"]
    bad = ["dull", "boring", "awful", "weak", "tedious"]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("review,sentiment\n")
        for start in range(0, rows, 100_000):
            n = min(100_000, rows - start)
            lengths = rng.integers(8, 30, size=n)
            words = rng.choice(vocab, size=int(lengths.sum()), p=zipf)
            labels = rng.integers(0, 2, size=n)
            cues = rng.integers(0, 5, size=n)
            at = 0
            lines = []
            for i in range(n):
                text = words[at:at + lengths[i]].tolist()
                at += lengths[i]
                if rng.random() < 0.8:  # most rows carry a cue; the others are noise
                    text.insert(int(rng.integers(0, len(text))), (good if labels[i] else bad)[cues[i]])
                lines.append(f"{' '.join(text)},{'positive' if labels[i] else 'negative'}\n")
            fh.write("".join(lines))
    tmp.replace(path)
    return path


def measure(command: list[str]) -> tuple[float, float, str]:
    """(peak resident MB, seconds, stdout) of one child process; the peak is the kernel's own count
    (ru_maxrss from wait4), not a sample that could miss a short spike."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1"))
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}")
    return usage.ru_maxrss / 1024, time.perf_counter() - t0, "".join(out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    p.add_argument("--steps", type=int, default=20, help="optimizer steps of the training measurement")
    p.add_argument("--cache", default=None, help="where the CSVs are kept (default: the app's cache folder)")
    args = p.parse_args()
    from engine.data.builtin import cache_dir

    folder = Path(args.cache) if args.cache else cache_dir() / "bench-scale"
    py = sys.executable
    base, _, _ = measure([py, "-c", "import torch, sklearn.model_selection, datasets, engine.training"])
    print(f"scale: libraries alone (torch, scikit-learn, datasets) take {base:.0f} MB resident")
    print(f"{'rows':>11} {'CSV MB':>7} {'stage':<9} {'peak MB':>8} {'B/row':>6} {'seconds':>8}  notes")
    for rows in args.rows:
        csv = synthetic_csv(rows, folder)
        size = csv.stat().st_size / 2**20
        peak, _, out = measure([py, "-c", PREPARE, str(csv)])
        info = json.loads(out.strip().splitlines()[-1])
        print(f"{rows:>11,} {size:>7.0f} {'prepare':<9} {peak:>8.0f} {(peak - base) * 2**20 / rows:>6.0f} "
              f"{info['seconds']:>8.1f}  splits {info['sizes']}, token ids {info['token_bytes'] / 2**20:.0f} MB")
        peak, secs, _ = measure([py, "main.py", "data", "stats", str(csv), "--json"])
        print(f"{rows:>11,} {size:>7.0f} {'stats':<9} {peak:>8.0f} {(peak - base) * 2**20 / rows:>6.0f} "
              f"{secs:>8.1f}  hellotorch data stats (whole process)")
        with tempfile.TemporaryDirectory() as runs:
            peak, secs, out = measure([py, "main.py", "train", "default", "--quiet", "--json", "--out", runs,
                                       "--set", f"data.source={csv}", "--set", f"train.max_steps={args.steps}",
                                       "--set", "train.tensorboard=false"])
        summary = json.loads(out)
        print(f"{rows:>11,} {size:>7.0f} {'train':<9} {peak:>8.0f} {(peak - base) * 2**20 / rows:>6.0f} "
              f"{secs:>8.1f}  default preset, {args.steps} steps + val/test scoring, test accuracy "
              f"{summary['test'].get('accuracy', float('nan')):.3f}")
        if rows == 1_000_000:
            print(f"scale: 1M rows trained at a peak of {peak:.0f} MB, ratio to the 1 GB goal = "
                  f"{peak / GOAL_1M_MB:.2f} ({'meets' if peak <= GOAL_1M_MB else 'misses'} it; 2.4 GB before)")


if __name__ == "__main__":
    main()
