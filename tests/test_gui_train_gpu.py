"""The Train panel's device controls with CUDA simulated on a CPU: the Processes/GPUs box is bounded by the visible
GPUs (and follows the config's device), too many processes are refused before anything starts, and the live GPU
memory/load label shows the engine's samples (hidden on a CPU, greyed when the run ends)."""
from __future__ import annotations

import json

import pytest
import torch
from conftest import shown_panel, tiny_config
from test_gpu_processes import fake_gpus

from engine.runs import write_status
from engine.training import distributed, usage
from hellotorch_gui.panels.train import TrainPanel

GIB = 2**30


@pytest.fixture
def gpus(monkeypatch):
    monkeypatch.setattr(distributed, "cpu_process_limit", lambda: 8)
    return fake_gpus(monkeypatch)


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, TrainPanel)


def test_processes_box_is_bounded_by_the_gpus_and_follows_the_device(gpus, qtbot, app_ctx, panel):
    gpus(2, visible="1,3")
    panel.devices.refresh_limit()  # the panel asked once at start-up, before the fake GPUs existed
    spin = panel.nproc_spin
    qtbot.waitUntil(lambda: spin.maximum() == 2, timeout=30_000)  # train.device auto picks CUDA
    assert spin.objectName() == "nprocSpin" and spin.accessibleName()
    tip = spin.toolTip()
    assert "one per GPU: at most 2" in tip and "cuda:1 NVIDIA A100-SXM4-40GB" in tip
    assert "CUDA_VISIBLE_DEVICES=1,3" in tip

    app_ctx.state.set("train.device", "cpu")
    qtbot.waitUntil(lambda: spin.maximum() == 8, timeout=30_000)
    assert "gloo processes on the CPU: at most 8" in spin.toolTip()
    spin.setValue(6)
    app_ctx.state.set("train.device", "cuda:0")
    qtbot.waitUntil(lambda: spin.maximum() == 2, timeout=30_000)
    assert spin.value() == 2  # lowered with the bound

    gpus(0)
    app_ctx.state.set("train.device", "cuda")
    qtbot.waitUntil(lambda: spin.maximum() == 1, timeout=30_000)
    assert "no CUDA GPU is visible" in spin.toolTip()


def test_more_processes_than_gpus_are_refused_before_a_run_starts(gpus, qtbot, app_ctx, panel, tmp_path):
    gpus(2)
    panel.devices.refresh_limit()
    qtbot.waitUntil(lambda: panel.nproc_spin.maximum() == 2, timeout=30_000)
    panel.nproc_spin.setValue(2)
    gpus(1)  # a GPU went away (or CUDA_VISIBLE_DEVICES changed) since the bound was read
    qtbot.waitUntil(panel.start_button.isEnabled, timeout=10_000)
    panel.start()
    assert not app_ctx.trainer.is_running and panel.run_status == "idle"
    title, message, _ = app_ctx.errors[-1]
    assert title == "Cannot start training"
    assert "Processes/GPUs 2" in message and "cuda:0 NVIDIA H100" in message and "train.device=cpu" in message

    gpus(0)  # a separate process on a device this machine lacks: refused too (the launch would make the folder)
    panel.nproc_spin.setValue(1)
    panel.detached_check.setChecked(True)
    app_ctx.state.set("train.device", "cuda")
    panel.start()
    assert not app_ctx.trainer.is_running and "train.device is 'cuda'" in app_ctx.errors[-1][1]
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def _sample(device: str, used: int, peak: int | None = None, load: float | None = None) -> dict:
    d = {"device": device, "used_bytes": used * GIB, "total_bytes": 80 * GIB}
    if peak is not None:
        d["peak_allocated_bytes"] = peak * GIB
    if load is not None:
        d["utilization_percent"] = load
    return d


def test_usage_label_follows_a_gpu_training_process(qtbot, app_ctx, panel, tmp_path):
    label = panel.findChild(object, "gpuUsageLabel")
    assert label is panel.devices.usage_label and not label.isVisible()  # idle: nothing to show
    assert label.toolTip() and label.accessibleName()
    run_dir = tmp_path / "detached" / "run"
    run_dir.mkdir(parents=True)
    write_status(run_dir, "running", step=1, total_steps=10)  # this test's own pid: a live process
    (run_dir / usage.USAGE_FILE).write_text(json.dumps(
        {"devices": [_sample("cuda:0", 20, peak=5, load=87), _sample("cuda:1", 19, load=85)]}), encoding="utf-8")
    panel.attach(str(run_dir))
    qtbot.waitUntil(label.isVisible, timeout=30_000)
    text = label.text()
    assert "GPU 0: 20.0/80.0 GiB" in text and "peak 5.0 GiB" in text and "87 % busy" in text
    assert " | GPU 1: 19.0/80.0 GiB" in text and label.isEnabled()

    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=30_000):
        (run_dir / "summary.json").write_text(json.dumps({"status": "finished", "run_dir": str(run_dir)}))
        write_status(run_dir, "finished", step=10, total_steps=10)
    assert label.isVisible() and not label.isEnabled()  # the last figures stay, greyed


def test_usage_label_in_process_run_hidden_on_cpu_shown_on_gpu(qtbot, app_ctx, panel, reviews_csv, monkeypatch):
    app_ctx.state.replace(tiny_config(reviews_csv, max_steps=3, eval_every=3))
    label = panel.devices.usage_label
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000) as blocker:
        panel.start()
    assert blocker.args[0]["status"] == "finished"
    assert not label.isVisible()  # a CPU run sends no sample

    # The same run as if on a GPU: the worker's usage callback samples it and the label shows the figures.
    monkeypatch.setattr(usage, "run_devices", lambda name: [torch.device("cuda", 0)])
    monkeypatch.setattr(usage, "device_usage", lambda d: _sample(str(d), 3, peak=2))
    with qtbot.waitSignal(app_ctx.trainer.jobFinished, timeout=120_000):
        panel.start()
    assert label.isVisible() and "GPU 0: 3.0/80.0 GiB · peak 2.0 GiB" in label.text()
    assert not label.isEnabled()
