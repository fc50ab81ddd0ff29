"""Runs that outlive the window: a `hellotorch train` subprocess steered through control.json, and a
SIGKILLed run that is marked failed and resumes from its last checkpoint."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import tiny_config

from engine import config as cfgmod
from engine.runs import run_status
from engine.training.control_file import send_command

ROOT = Path(__file__).resolve().parents[1]


def start(cfg, run_dir: Path, *extra: str) -> subprocess.Popen:
    path = run_dir.parent / f"{run_dir.name}.yaml"
    cfgmod.save_config(cfg, path)
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", str(path), "--run-dir", str(run_dir),
                             "--quiet", *extra], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail("timed out")


def kill_after(cfg, run_dir: Path, step: int) -> None:
    """Train `cfg` in a process and SIGKILL it once it saved a checkpoint and went past `step`."""
    proc = start(cfg, run_dir)
    try:
        wait_for(lambda: (run_dir / "checkpoints" / "last" / "meta.json").is_file()
                 and status(run_dir).get("step", 0) > step)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)


def status(run_dir: Path) -> dict:
    try:
        return json.loads((run_dir / "status.json").read_text())
    except (OSError, ValueError):
        return {}


def test_control_file_pauses_resumes_saves_and_stops_a_subprocess(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=100_000, eval_every=50)
    run_dir = tmp_path / "run"
    proc = start(cfg, run_dir)
    try:
        wait_for(lambda: status(run_dir).get("status") == "running" and status(run_dir).get("step", 0) > 2)
        send_command(run_dir, "pause")
        wait_for(lambda: status(run_dir).get("status") == "paused", 30)
        step = status(run_dir)["step"]
        time.sleep(1.0)
        assert status(run_dir)["step"] == step and run_status(run_dir) == "paused"
        assert (run_dir / "checkpoints" / "last" / "model.safetensors").is_file()
        send_command(run_dir, "resume")
        wait_for(lambda: status(run_dir).get("status") == "running" and status(run_dir).get("step", 0) > step + 2,
                 30)
        send_command(run_dir, "stop")
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    assert status(run_dir)["status"] == "stopped"
    assert json.loads((run_dir / "summary.json").read_text())["status"] == "stopped"


def test_sigkilled_run_is_marked_failed_and_resumes(reviews_csv, tmp_path):
    from engine.training import train

    cfg = tiny_config(reviews_csv, max_steps=100_000, eval_every=10)
    run_dir = tmp_path / "run"
    kill_after(cfg, run_dir, 12)
    assert status(run_dir)["status"] in ("running", "paused")  # what the dead process last wrote ...
    assert run_status(run_dir) == "failed"  # ... is read as failed: its pid is gone
    cfg2 = cfgmod.from_dict(cfgmod.load_yaml(run_dir / "config.yaml"))
    saved = json.loads((run_dir / "checkpoints" / "last" / "meta.json").read_text())["step"]
    cfg2.train.max_steps = saved + 5
    result = train(cfg2, resume=run_dir)
    assert result.status == "finished" and result.summary["steps"] == saved + 5
    assert run_status(run_dir) == "finished"


def test_run_dir_must_be_new(reviews_csv, tmp_path, capsys):
    from engine.cli import main as cli

    taken = tmp_path / "taken"
    taken.mkdir()
    cfgmod.save_config(tiny_config(reviews_csv), taken / "config.yaml")
    assert cli(["train", str(taken / "config.yaml"), "--run-dir", str(taken)]) == 2
    assert "already holds a run" in capsys.readouterr().err


def test_sigkilled_run_resumes_to_the_uninterrupted_losses_bit_for_bit(reviews_csv, tmp_path):
    """Kill -9 mid-run (past a checkpoint, with rows logged after it), resume, and every training loss equals the
    uninterrupted run's exactly: the batch order, padding, RNG and optimizer state all come back."""
    from engine.io import read_jsonl
    from engine.training import train

    def losses(run_dir: Path) -> dict[int, float]:
        return {r["step"]: r["loss"] for r in read_jsonl(run_dir / "metrics.jsonl") if r["split"] == "train"}

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=100_000, eval_every=10, scheduler="constant")
    cfg.model.dropout = 0.3  # the RNG stream must be restored too
    run_dir = tmp_path / "killed"
    kill_after(cfg, run_dir, 13)
    saved = json.loads((run_dir / "checkpoints" / "last" / "meta.json").read_text())["step"]
    end = saved + 12
    cfg.train.max_steps = end  # a constant schedule: the planned length changes nothing else
    resumed = train(cfg, resume=run_dir)
    assert resumed.status == "finished"
    reference = train(cfg, runs_dir=tmp_path / "ref")
    got, want = losses(run_dir), losses(Path(reference.run_dir))
    assert sorted(got) == sorted(want) == list(range(1, end + 1))
    assert [got[s] for s in sorted(got)] == [want[s] for s in sorted(want)]  # exact, not approximately
