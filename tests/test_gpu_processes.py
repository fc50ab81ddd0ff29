"""Processes and GPUs, on a CPU with CUDA simulated: more processes than visible GPUs, cuda:N beyond them and CUDA
on a machine without it are refused with one clear paragraph (exit 2, no traceback, no run folder); the window's
bound and the live GPU gauges come from the same engine functions."""
from __future__ import annotations

import json
import subprocess
from types import SimpleNamespace

import pytest
import torch
from conftest import tiny_config
from test_cli import run_cli

from engine import config as cfgmod
from engine import envinfo
from engine.errors import ConfigError
from engine.training import distributed, usage
from engine.training.distributed import Dist, check_gpu_processes, process_limit

H100 = "NVIDIA H100 80GB HBM3"


def fake_gpus(monkeypatch):
    """A function gpus(n, visible=None, build="12.4") that makes n fake CUDA devices (named H100, then A100 ...)
    and sets CUDA_VISIBLE_DEVICES; every thread sees them (the window's task threads too)."""
    for key in ("CUDA_VISIBLE_DEVICES", "WORLD_SIZE", "RANK", "LOCAL_RANK", "LOCAL_WORLD_SIZE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(envinfo, "_NVML", False)  # no pynvml: nothing real is ever asked
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)

    def make(n: int, visible: str | None = None, build: str | None = "12.4") -> None:
        names = [H100, "NVIDIA A100-SXM4-40GB", "NVIDIA L4", "NVIDIA T4"]
        monkeypatch.setattr(torch.version, "cuda", build)
        monkeypatch.setattr(torch.cuda, "is_available", lambda: n > 0)
        monkeypatch.setattr(torch.cuda, "device_count", lambda: n)
        monkeypatch.setattr(torch.cuda, "get_device_properties",
                            lambda i: SimpleNamespace(name=names[i], total_memory=80 * 2**30, major=9, minor=0,
                                                      uuid="0000"))
        if visible is not None:
            monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)

    return make


@pytest.fixture
def gpus(monkeypatch):
    return fake_gpus(monkeypatch)


@pytest.fixture
def config_yaml(reviews_csv, tmp_path):
    path = tmp_path / "c.yaml"
    cfgmod.save_config(tiny_config(reviews_csv, max_steps=2), path)
    return path


@pytest.fixture
def no_torchrun(monkeypatch):
    """Any attempt to start torchrun fails the test: a refused run must not start processes."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a process was started: {args[0] if args else kwargs}")

    monkeypatch.setattr(subprocess, "Popen", refuse)


def assert_refused(code: int, err: str, out_dir, *phrases: str) -> None:
    """Exit 2, one 'error:' paragraph holding every phrase, no traceback and no run folder left in out_dir."""
    assert code == 2, err
    assert "Traceback" not in err and "invalid device ordinal" not in err
    message = err.split("error: ", 1)[1]
    assert message.count("\n") == 1, message  # one paragraph
    for phrase in phrases:
        assert phrase in message, (phrase, message)
    assert not out_dir.exists() or not any(out_dir.iterdir()), list(out_dir.iterdir())


# ----------------------------------------------------------------------------- engine
def test_more_processes_than_gpus_is_refused_naming_them(gpus):
    gpus(1)
    with pytest.raises(ConfigError) as err:
        check_gpu_processes(2, "cuda")
    msg = str(err.value)
    assert "--nproc 2" in msg and f"cuda:0 {H100}" in msg and "1 CUDA GPU is visible" in msg
    assert "Lower --nproc to 1" in msg and "train.device=cpu" in msg and "CUDA_VISIBLE_DEVICES" not in msg
    assert check_gpu_processes(1, "cuda") == torch.device("cuda")
    assert check_gpu_processes(8, "cpu") == torch.device("cpu")  # gloo processes need no GPU


def test_visible_devices_are_named_and_auto_counts_as_cuda(gpus):
    gpus(2, visible="1,3")
    assert check_gpu_processes(2, "cuda:1") == torch.device("cuda", 1)
    with pytest.raises(ConfigError) as err:
        check_gpu_processes(3, "auto", flag="Processes/GPUs")
    msg = str(err.value)
    assert "Processes/GPUs 3" in msg and "'auto' picks CUDA" in msg and "2 CUDA GPUs are visible" in msg
    assert "cuda:1 NVIDIA A100" in msg and "CUDA_VISIBLE_DEVICES=1,3 limits" in msg
    assert "Lower Processes/GPUs to 2" in msg


def test_mps_runs_one_process(gpus, monkeypatch):
    gpus(0)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    with pytest.raises(ConfigError, match="MPS, which trains in one process"):
        check_gpu_processes(2, "mps")
    assert process_limit("mps")["limit"] == 1


def test_resolve_device_messages_name_the_visible_gpus(gpus):
    gpus(0, build=None)
    with pytest.raises(ConfigError, match="this PyTorch build has no CUDA"):
        envinfo.resolve_device("cuda")
    gpus(0, visible="")
    with pytest.raises(ConfigError, match="CUDA_VISIBLE_DEVICES is set but empty"):
        envinfo.resolve_device("cuda:0")
    gpus(2, visible="4,5")
    with pytest.raises(ConfigError) as err:
        envinfo.resolve_device("cuda:2")
    msg = str(err.value)
    assert f"cuda:0 {H100}, cuda:1 NVIDIA A100" in msg and "CUDA_VISIBLE_DEVICES=4,5" in msg
    assert "cuda:0..cuda:1" in msg


def test_process_limit_is_the_gpu_count_on_cuda_and_the_cores_on_cpu(gpus):
    gpus(2, visible="0,1")
    info = process_limit("cuda")
    assert info["device"] == "cuda" and info["limit"] == 2 and info["visible_devices"] == "0,1"
    assert info["gpu_names"] == f"cuda:0 {H100}, cuda:1 NVIDIA A100-SXM4-40GB"
    assert process_limit("auto")["limit"] == 2
    cpu = process_limit("cpu")
    assert cpu["device"] == "cpu" and cpu["limit"] == distributed.cpu_process_limit() >= 2
    gpus(0)
    bad = process_limit("cuda")
    assert bad["device"] == "" and bad["limit"] == 1 and "no CUDA GPU is visible" in bad["error"]
    json.dumps(info)


def test_a_torchrun_with_too_many_ranks_fails_on_every_rank_before_joining(gpus, monkeypatch):
    gpus(2)
    import torch.distributed as tdist

    monkeypatch.setattr(tdist, "init_process_group", lambda *a, **k: pytest.fail("joined the process group"))
    monkeypatch.setattr(torch.cuda, "set_device", lambda *a: pytest.fail("took a GPU"))
    monkeypatch.setenv("WORLD_SIZE", "4")
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "4")
    for rank in range(4):  # rank 0 fails too, so no rank waits for the others
        monkeypatch.setenv("RANK", str(rank))
        monkeypatch.setenv("LOCAL_RANK", str(rank))
        dist = Dist.from_env()
        assert dist.local_world == 4
        with pytest.raises(ConfigError) as err:
            dist.init(torch.device("cuda"))
        assert f"rank {rank}" in str(err.value) and "--nproc-per-node 2" in str(err.value)
    Dist(2, 1, 1, local_world=2).check_gpus(torch.device("cuda"))  # two ranks, two GPUs: fine
    Dist(8, 5, 5, local_world=8).check_gpus(torch.device("cpu"))  # gloo: no GPU needed


# ----------------------------------------------------------------------------- live usage
def test_device_usage_is_empty_on_cpu_and_unused_gpus(gpus):
    gpus(1)
    assert envinfo.device_usage("cpu") == {} and envinfo.peak_device_memory("cpu") == {}
    assert envinfo.device_usage("cuda:0") == {}  # not used by this process, no NVML: nothing read (no context)
    assert envinfo.peak_device_memory("cuda") == {}


def test_device_usage_of_a_gpu_in_use(gpus, monkeypatch):
    gpus(1)
    monkeypatch.setattr(torch.cuda, "is_initialized", lambda: True)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i=None: (60 * 2**30, 80 * 2**30))
    monkeypatch.setattr(torch.cuda, "memory_allocated", lambda i=None: 3 * 2**30)
    monkeypatch.setattr(torch.cuda, "max_memory_allocated", lambda i=None: 5 * 2**30)
    assert envinfo.device_usage("cuda") == {
        "device": "cuda:0", "used_bytes": 20 * 2**30, "total_bytes": 80 * 2**30,
        "allocated_bytes": 3 * 2**30, "peak_allocated_bytes": 5 * 2**30}
    assert envinfo.peak_device_memory(torch.device("cuda", 0)) == {"peak_gpu_memory_bytes": 5 * 2**30}
    resets: list = []
    monkeypatch.setattr(torch.cuda, "reset_peak_memory_stats", resets.append)
    envinfo.reset_peak_device_memory("cuda")  # a new run in the same process starts its own peak
    envinfo.reset_peak_device_memory("cpu")
    assert resets == [0]


def test_device_usage_reads_nvml_for_another_process_gpu(gpus, monkeypatch):
    gpus(2)
    nvml = SimpleNamespace(nvmlDeviceGetMemoryInfo=lambda h: SimpleNamespace(free=2**30, total=16 * 2**30),
                           nvmlDeviceGetUtilizationRates=lambda h: SimpleNamespace(gpu=87))
    monkeypatch.setattr(envinfo, "_NVML", nvml)
    monkeypatch.setattr(envinfo, "_NVML_HANDLES", {1: "handle-1"})
    assert envinfo.device_usage("cuda:1") == {"device": "cuda:1", "used_bytes": 15 * 2**30,
                                              "total_bytes": 16 * 2**30, "utilization_percent": 87.0}


def test_usage_callback_samples_at_most_once_a_second_and_writes_usage_json(gpus, monkeypatch, tmp_path):
    gpus(2)
    monkeypatch.setattr(usage, "device_usage", lambda d: {"device": str(d), "used_bytes": 1})
    now = [100.0]
    seen: list[list] = []
    cb = usage.DeviceUsageCallback("cuda:1", sink=seen.append, write_file=True, clock=lambda: now[0])
    state = SimpleNamespace(run_dir=str(tmp_path))
    cb.on_train_begin(state, None)
    for _ in range(50):
        cb.on_step_end(state, None)
    assert seen == [[{"device": "cuda:1", "used_bytes": 1}]]
    now[0] += 1.0
    cb.on_step_end(state, None)
    cb.on_train_end(state, None, None)  # the last figures are always taken
    assert len(seen) == 3
    assert json.loads((tmp_path / usage.USAGE_FILE).read_text())["devices"] == seen[-1]


def test_usage_callback_does_nothing_on_cpu_and_samples_every_local_gpu_under_torchrun(gpus, monkeypatch, tmp_path):
    gpus(0)
    seen: list = []
    cb = usage.DeviceUsageCallback("auto", sink=seen.append, write_file=True)
    cb.on_train_begin(SimpleNamespace(run_dir=str(tmp_path)), None)
    cb.on_train_end(SimpleNamespace(run_dir=str(tmp_path)), None, None)
    assert seen == [] and not (tmp_path / usage.USAGE_FILE).exists()
    gpus(4)
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "2")
    assert usage.run_devices("cuda") == [torch.device("cuda", 0), torch.device("cuda", 1)]


# ----------------------------------------------------------------------------- the command line
def test_cli_nproc_beyond_the_gpus_is_refused_before_anything_starts(gpus, config_yaml, tmp_path, capsys,
                                                                      no_torchrun):
    gpus(1, visible="2")
    out_dir = tmp_path / "out"
    code, _, err = run_cli(capsys, "train", config_yaml, "--nproc", "2", "--set", "train.device=cuda",
                           "--out", out_dir)
    assert_refused(code, err, out_dir, "--nproc 2", f"cuda:0 {H100}", "CUDA_VISIBLE_DEVICES=2",
                   "Lower --nproc to 1", "train.device=cpu")
    code, out, err = run_cli(capsys, "train", config_yaml, "--nproc", "3", "--set", "train.device=auto",
                             "--run-dir", tmp_path / "fixed", "--json")
    assert code == 2 and not (tmp_path / "fixed").exists() and "Traceback" not in err
    payload = json.loads(out)
    assert payload["ok"] is False and payload["exit_code"] == 2 and "'auto' picks CUDA" in payload["error"]


@pytest.mark.parametrize("n_gpus, device, phrase", [
    (0, "cuda", "this PyTorch build has no CUDA"),  # a CPU-only build
    (2, "cuda:5", "only 2 CUDA device(s)"),         # beyond the visible GPUs
])
@pytest.mark.parametrize("nproc", ["1", "2"])
def test_cli_unusable_cuda_device_is_refused_without_a_folder(gpus, config_yaml, tmp_path, capsys, no_torchrun,
                                                              n_gpus, device, phrase, nproc):
    gpus(n_gpus, build=None if n_gpus == 0 else "12.4")
    out_dir = tmp_path / "out"
    code, _, err = run_cli(capsys, "train", config_yaml, "--nproc", nproc, "--set", f"train.device={device}",
                           "--out", out_dir, "--quiet")
    assert_refused(code, err, out_dir, f"train.device is '{device}'", phrase, "Set train.device: auto")
    code, _, err = run_cli(capsys, "train", config_yaml, "--nproc", nproc, "--set", f"train.device={device}",
                           "--run-dir", tmp_path / "fixed", "--quiet")
    assert code == 2 and not (tmp_path / "fixed").exists(), err


def test_cli_rank_of_a_hand_started_torchrun_with_too_many_ranks(gpus, config_yaml, tmp_path, capsys, monkeypatch):
    gpus(2)
    for key, value in {"WORLD_SIZE": "4", "RANK": "0", "LOCAL_RANK": "0", "LOCAL_WORLD_SIZE": "4"}.items():
        monkeypatch.setenv(key, value)
    for extra in (["--out", tmp_path / "out"], ["--run-dir", tmp_path / "fixed"]):
        code, _, err = run_cli(capsys, "train", config_yaml, "--set", "train.device=cuda", *extra)
        assert_refused(code, err, tmp_path / "out", "rank 0 of a torchrun that started 4 processes",
                       "2 CUDA GPUs are visible", "--nproc-per-node 2", "train.device=cpu")
        assert not (tmp_path / "fixed").exists()
