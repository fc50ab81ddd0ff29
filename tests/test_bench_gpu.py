"""bench/gpu.py cannot rot: its CPU pass (`--device cpu --quick`) runs here as a user would run it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_gpu_bench_quick_cpu_pass_runs_every_architecture_and_prints_ratios(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "gpu.py"), "--device", "cpu", "--quick"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=900,
                         env=dict(os.environ, HELLOTORCH_RUNS=str(tmp_path / "runs")))
    text = out.stdout
    assert out.returncode == 0, text[-3000:] + out.stderr[-3000:]
    assert "FAILED" not in text
    for arch in ("textcnn", "rnn", "lstm", "gru", "transformer", "gpt", "lstm_lm", "pretrained"):
        assert re.search(rf"^{arch}\s+fp32\s+ok\s", text, re.M), arch
    assert re.search(r"^gru\s+bf16\s+ok\s", text, re.M)
    assert "10 of 10 architecture x precision runs passed" in text
    assert re.search(r"vs hand-written loop [\d.]+, ratio [\d.]+", text)
    assert re.search(r"vs transformers\.Trainer [\d.]+, ratio [\d.]+", text)
