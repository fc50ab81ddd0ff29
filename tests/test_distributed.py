"""Distributed data parallel on CPU (gloo, 2 processes through torchrun): the same losses as one process with
the same global batch, a resume across a restart, and a dead rank that stops the run with a clear error."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from conftest import tiny_config

from engine import config as cfgmod
from engine.io import read_jsonl
from engine.training import train
from engine.training.control_file import send_command

ROOT = Path(__file__).resolve().parents[1]


def _cfg(reviews_csv, steps: int):
    cfg = tiny_config(reviews_csv, max_steps=steps, eval_every=6, log_every=1)
    cfg.model.dropout = 0.0  # dropout masks depend on how the batch is split; everything else must not
    cfg.train.batch_size = 16
    return cfg


def _launch(config_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", *args, "--nproc", "2", "--quiet"]
                            + ([str(config_path)] if config_path else []),
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _losses(run_dir) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in read_jsonl(Path(run_dir) / "metrics.jsonl") if r["split"] == "train"}


def _status(run_dir: Path) -> dict:
    try:
        return json.loads((run_dir / "status.json").read_text())
    except (OSError, ValueError):
        return {}


def test_two_processes_match_one_and_resume(reviews_csv, tmp_path):
    steps = 150
    single = train(_cfg(reviews_csv, steps), runs_dir=tmp_path / "one")
    path = tmp_path / "c.yaml"
    cfgmod.save_config(_cfg(reviews_csv, steps), path)
    run_dir = tmp_path / "ddp"
    proc = _launch(None, str(path), "--run-dir", str(run_dir))
    deadline = time.monotonic() + 240
    while len(_losses(run_dir) if (run_dir / "metrics.jsonl").exists() else {}) < 5 and proc.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    send_command(run_dir, "stop")  # stopped part-way (wherever the command lands) ...
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    stopped_at = json.loads((run_dir / "summary.json").read_text())["steps"]
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["distributed"] == {"world_size": 2, "backend": "gloo"} and summary["status"] == "stopped"
    assert stopped_at < steps
    # ... and resumed with two processes again, to the end
    proc = _launch(None, "--resume", str(run_dir))
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    assert "Run finished" in out
    a, b = _losses(single.run_dir), _losses(run_dir)
    assert sorted(a) == sorted(b) == list(range(1, steps + 1))
    for step in range(1, steps + 1):  # one process with batch 16 == two processes with 8 each
        assert b[step] == pytest.approx(a[step], abs=2e-4), step
    assert not list(run_dir.glob("rank*.error"))


def test_a_dead_rank_stops_the_run_and_is_reported(reviews_csv, tmp_path):
    path = tmp_path / "c.yaml"
    cfgmod.save_config(_cfg(reviews_csv, 1_000_000), path)
    run_dir = tmp_path / "ddp"
    proc = _launch(None, str(path), "--run-dir", str(run_dir))
    try:
        deadline = time.monotonic() + 240
        while _status(run_dir).get("step", 0) < 3 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()[-3000:]
            time.sleep(0.1)
        victims = [p for p in psutil.Process(proc.pid).children(recursive=True)
                   if p.environ().get("RANK") == "1" and "main.py" in " ".join(p.cmdline())]
        assert victims, "rank 1 not found"
        victims[0].send_signal(signal.SIGKILL)
        t0 = time.monotonic()
        out, err = proc.communicate(timeout=120)
        assert time.monotonic() - t0 < 90  # the other rank stops within a bounded time
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2
    message = err.split("error: ")[-1]
    assert message.startswith("The distributed run failed: rank 1 (exit code -9, killed by signal 9)"), message
    status = _status(run_dir)
    assert status["status"] == "failed" and "rank 1" in status["error"]
    assert (run_dir / "checkpoints" / "last" / "model.safetensors").is_file() or status.get("step", 0) < 6
    assert "Traceback" not in err and "ChildFailedError" not in err  # torchrun's own report stays out (--debug)


def test_a_data_error_on_every_rank_is_said_once_without_torchruns_traceback(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": "x"}\n{"text": broken\n', encoding="utf-8")
    proc = _launch(None, "quick", "--set", f"data.source={bad}", "--out", str(tmp_path / "runs"), "--quiet")
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 2
    assert "Traceback" not in err and "ChildFailedError" not in err and " api.py:" not in err, err
    assert err.count("is not valid JSON Lines: line 2") == 2, err  # once from the ranks, once in the report
    assert "every process:" in err and "--resume" not in err and "saved no checkpoint" in err


def test_the_launcher_filter_keeps_progress_and_drops_torchruns_noise():
    import io

    from engine.cli import _LauncherFilter

    sink = io.StringIO()
    f = _LauncherFilter(sink)
    noise = ("W1207 13:01:45.947000 1776 torch/distributed/elastic/multiprocessing/api.py:1028] Sending process "
             "1783 closing signal SIGTERM\n")
    for chunk in ["\rTraining  10%", "\rTraining  20%\n", "err", "or: bad file\nerror: bad", " file\n", noise[:7],
                  noise[7:], "Trainer says hi\n", "Traceback (most recent call last):\n  File x\nChildFailedError\n"]:
        f.write(chunk)
    f.close()
    assert sink.getvalue() == "\rTraining  10%\rTraining  20%\nerror: bad file\nTrainer says hi\n"


@pytest.mark.slow
def test_twenty_launches_end_cleanly_and_speak_once(reviews_csv, tmp_path):
    """torchrun runs end cleanly every time: exit 0, no rank aborting at exit (SIGABRT, 'terminate called
    without an active exception'), and one summary, from rank 0, whether launched with --nproc or by hand."""
    cfg = _cfg(reviews_csv, 2)
    cfg.train.tensorboard = True
    path = tmp_path / "cfg.yaml"
    cfgmod.save_config(cfg, path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for i in range(20):
        if i % 2:  # by hand, as the README shows
            cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                   "--max-restarts", "0", str(ROOT / "main.py"), "train", str(path), "--quiet", "--out",
                   str(tmp_path / "runs")]
        else:
            cmd = [sys.executable, str(ROOT / "main.py"), "train", str(path), "--nproc", "2", "--quiet", "--out",
                   str(tmp_path / "runs")]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, (i, out.stderr[-3000:])
        assert "terminate called" not in out.stderr and "Signal 6" not in out.stderr, (i, out.stderr[-3000:])
        assert out.stdout.count("Run finished:") == 1, (i, out.stdout)


def test_an_ensemble_trains_the_same_on_two_processes(reviews_csv, tmp_path):
    """model.ensemble auto under DDP (gloo on CPU): every rank resolves the same number of copies from the same
    split, the stacked [K, B, C] logits go through DistributedDataParallel, and the losses match one process."""
    steps = 12

    def cfg():
        c = _cfg(reviews_csv, steps)
        c.model.arch, c.model.ngram_buckets, c.model.ensemble = "gru", 1024, cfgmod.AUTO
        return c

    single = train(cfg(), runs_dir=tmp_path / "one")
    path = tmp_path / "e.yaml"
    cfgmod.save_config(cfg(), path)
    run_dir = tmp_path / "ddp"
    proc = _launch(None, str(path), "--run-dir", str(run_dir))
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    saved = cfgmod.from_dict(cfgmod.load_yaml(run_dir / "config.yaml"))
    assert saved.model.ensemble == cfgmod.ENSEMBLE_MAX_AUTO
    a, b = _losses(single.run_dir), _losses(run_dir)
    assert sorted(a) == sorted(b) == list(range(1, steps + 1))
    for step in a:  # one process with batch 16 == two processes with 8 each
        assert b[step] == pytest.approx(a[step], abs=2e-4), step


def test_a_ranks_error_line_is_one_write_so_two_ranks_cannot_splice_their_lines(monkeypatch):
    """torchrun starts the ranks with `python -u`: print() would write the text and its newline apart, and two
    ranks failing alike spliced their errors onto one line, which the launcher could then not say once."""
    import argparse

    from engine.cli import _fail

    class Recorder:
        def __init__(self):
            self.writes = []

        def write(self, text):
            self.writes.append(text)

        def flush(self):
            pass

    rec = Recorder()
    monkeypatch.setattr(sys, "stderr", rec)
    assert _fail(argparse.Namespace(), "'bad.jsonl' is not valid JSON Lines: line 2", 2) == 2
    assert rec.writes == ["error: 'bad.jsonl' is not valid JSON Lines: line 2\n"]
