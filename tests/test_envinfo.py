"""Environment report, self-check, device resolution and resource gauges (CPU-only friendly)."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import torch

from engine import envinfo
from engine.errors import ConfigError


@pytest.fixture
def no_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend neither CUDA nor MPS is available, whatever machine runs the tests."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)


def test_report_is_json_safe_and_complete() -> None:
    start = time.perf_counter()
    report = envinfo.environment_report()
    assert time.perf_counter() - start < 5.0  # < 1 s normally; slack for loaded CI machines
    json.loads(json.dumps(report, allow_nan=False))
    for key in ("python", "torch", "devices", "cuda_available", "mps_available", "mps_built", "cpu", "ram",
                "packages", "onnxruntime_providers", "bf16", "compile", "recommended_device"):
        assert key in report, key
    assert report["torch"]["version"] == torch.__version__
    assert report["torch"]["cuda"] == torch.version.cuda
    assert report["devices"][0]["type"] == "cpu"
    for device in report["devices"]:
        assert set(device) >= {"type", "index", "name", "total_memory_bytes", "free_memory_bytes",
                               "compute_capability"}
    assert report["cpu"]["torch_threads"] == torch.get_num_threads()
    assert report["cpu"]["logical_cores"] >= 1
    assert report["ram"]["total_bytes"] > 0
    assert set(report["packages"]) >= {"torch", "transformers", "datasets", "tokenizers", "onnxruntime", "onnx",
                                       "PySide6", "pyqtgraph", "numpy", "scikit-learn", "safetensors", "jieba"}
    assert report["packages"]["numpy"]
    assert isinstance(report["onnxruntime_providers"], list)
    assert isinstance(report["bf16"]["cpu"], bool)
    assert isinstance(report["compile"]["available"], bool) and report["compile"]["reason"]
    assert report["recommended_device"] in ("cpu", "cuda", "mps")


def test_missing_package_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(envinfo.PACKAGES, "nope", ("surely-not-an-installed-dist",))
    assert envinfo.environment_report()["packages"]["nope"] is None


def test_report_imports_neither_qt_nor_transformers() -> None:
    code = ("import sys, engine.envinfo as e; e.environment_report(); "
            "print(any(m in sys.modules for m in ('PySide6', 'transformers')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_self_check_passes_on_cpu() -> None:
    messages: list[str] = []
    result = envinfo.self_check(devices=["cpu"], size=128, repeats=3, progress=messages.append)
    assert result["ok"], result
    names = {c["name"]: c for c in result["checks"]}
    assert names["tensor op"]["ok"] and names["autograd"]["ok"]
    assert "= 2 " in names["autograd"]["detail"]
    assert result["gflops"]["cpu"] > 0
    assert messages
    json.dumps(result)


def test_self_check_stops_early() -> None:
    calls = {"n": 0}

    def should_stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 1  # allow the first check only

    result = envinfo.self_check(devices=["cpu"], size=128, should_stop=should_stop)
    assert result["stopped"] and not result["ok"]
    assert len(result["checks"]) == 1 and result["gflops"] == {}
    assert envinfo.self_check(should_stop=lambda: True)["checks"] == []


def test_self_check_reports_unavailable_device(no_gpu: None) -> None:
    result = envinfo.self_check(devices=["cpu", "cuda"], size=64, repeats=1)
    assert not result["ok"]
    failed = [c for c in result["checks"] if not c["ok"]]
    assert [c["name"] for c in failed] == ["matmul on cuda"] and "ConfigError" in failed[0]["detail"]


def test_resolve_device_auto_and_cpu(no_gpu: None) -> None:
    assert envinfo.resolve_device("auto") == torch.device("cpu")
    assert envinfo.resolve_device(" CPU ") == torch.device("cpu")


def test_resolve_device_cuda_unavailable_is_clear(no_gpu: None) -> None:
    with pytest.raises(ConfigError) as err:
        envinfo.resolve_device("cuda")
    msg = str(err.value)
    assert "train.device is 'cuda'" in msg and torch.__version__ in msg and "auto or cpu" in msg
    with pytest.raises(ConfigError):
        envinfo.resolve_device("cuda:1")
    with pytest.raises(ConfigError, match="mps"):
        envinfo.resolve_device("mps")


def test_resolve_device_cuda_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    assert envinfo.resolve_device("cuda:1") == torch.device("cuda", 1)
    assert envinfo.resolve_device("cuda") == torch.device("cuda")
    with pytest.raises(ConfigError, match="only 2 CUDA device"):
        envinfo.resolve_device("cuda:2")


@pytest.mark.parametrize("name", ["cuda:abc", "gpu", "cuda:", "tpu", "cuda:-1"])
def test_resolve_device_rejects_garbage(name: str) -> None:
    with pytest.raises(ConfigError, match="expected auto, cpu"):
        envinfo.resolve_device(name)


def test_format_report_mentions_versions_and_checks() -> None:
    report = envinfo.environment_report()
    check = envinfo.self_check(devices=["cpu"], size=64, repeats=1)
    text = envinfo.format_report(report, check)
    assert torch.__version__ in text
    assert "✓ autograd" in text and "Self-check: passed" in text
    assert "Recommended device:" in text
    assert "Self-check" not in envinfo.format_report(report)


def test_resource_usage_is_cheap() -> None:
    envinfo.resource_usage()  # first call creates the cached process handle
    start = time.perf_counter()
    usage = envinfo.resource_usage()
    elapsed = time.perf_counter() - start
    assert elapsed < 0.1  # < 10 ms on an idle CPU-only machine; slack for CI
    assert usage["ram_total_bytes"] >= usage["ram_used_bytes"] > 0
    assert usage["process_ram_bytes"] > 0
    assert isinstance(usage["cuda"], list)
    json.dumps(usage)


def test_report_with_a_fake_cuda_device(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CUDA branches run (and stay JSON-safe) without a GPU, using a stand-in device."""
    from types import SimpleNamespace

    props = SimpleNamespace(name="Fake A100", total_memory=80 * 2**30, major=8, minor=0, uuid="0000")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda i: props)
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i=None: (60 * 2**30, 80 * 2**30))
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    monkeypatch.setattr(envinfo, "_NVML", False)  # no pynvml: memory comes from torch
    report = envinfo.environment_report()
    json.dumps(report, allow_nan=False)
    cuda = [d for d in report["devices"] if d["type"] == "cuda"]
    assert cuda == [{"type": "cuda", "index": 0, "name": "Fake A100", "total_memory_bytes": 80 * 2**30,
                     "free_memory_bytes": 60 * 2**30, "compute_capability": "8.0"}]
    assert report["recommended_device"] == "cuda" and report["bf16"]["cuda"] is True
    assert "compute capability 8.0" in envinfo.format_report(report)
    assert envinfo.resolve_device("auto") == torch.device("cuda")
    usage = envinfo.resource_usage()
    assert usage["cuda"] == [{"index": 0, "used_bytes": None, "total_bytes": None, "utilization_percent": None}]
