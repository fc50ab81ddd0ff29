"""What this machine and PyTorch build can do: report, self-check, device resolution and live usage."""
from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from importlib import metadata
from typing import Any

import psutil
import torch

from engine.errors import ConfigError

# Distribution names to report; a tuple means "the first one installed".
PACKAGES: dict[str, tuple[str, ...]] = {
    "torch": ("torch",),
    "transformers": ("transformers",),
    "datasets": ("datasets",),
    "tokenizers": ("tokenizers",),
    "onnxruntime": ("onnxruntime", "onnxruntime-gpu", "onnxruntime-directml"),
    "onnx": ("onnx",),
    "PySide6": ("PySide6-Essentials", "PySide6"),
    "pyqtgraph": ("pyqtgraph",),
    "numpy": ("numpy",),
    "scikit-learn": ("scikit-learn",),
    "safetensors": ("safetensors",),
    "jieba": ("jieba",),
}


def _probe(fn: Callable[[], Any], default: Any = None) -> Any:
    """fn(), or default when it raises: a broken driver or optional package must not break a report."""
    try:
        return fn()
    except Exception:  # noqa: BLE001 - probing is best-effort by design
        return default


def _package_version(names: tuple[str, ...]) -> str | None:
    """Version of the first installed distribution among names, without importing it."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _cuda_available() -> bool:
    """torch.cuda.is_available() that never raises."""
    return bool(_probe(torch.cuda.is_available, False))


def _mps_built() -> bool:
    """Whether this PyTorch build includes the MPS (Apple GPU) backend."""
    return bool(_probe(lambda: torch.backends.mps.is_built(), False))


def _mps_available() -> bool:
    """Whether an MPS device is usable now."""
    return bool(_probe(lambda: torch.backends.mps.is_available(), False))


def _cpu_model() -> str:
    """CPU model name from /proc/cpuinfo, falling back to platform.processor()."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _cpu_info() -> dict[str, Any]:
    """CPU model, core counts and torch's intra-op thread count."""
    return {
        "model": _cpu_model(),
        "physical_cores": _probe(lambda: psutil.cpu_count(logical=False)),
        "logical_cores": _probe(lambda: psutil.cpu_count(logical=True), os.cpu_count()),
        "torch_threads": torch.get_num_threads(),
    }


def _ram_info() -> dict[str, Any]:
    """Total and available system RAM in bytes."""
    vm = _probe(psutil.virtual_memory)
    return {"total_bytes": int(vm.total) if vm else None, "available_bytes": int(vm.available) if vm else None}


def _parallel_summary() -> str | None:
    """The ATen/OpenMP/MKL lines of torch.__config__.parallel_info(), joined."""
    info = _probe(torch.__config__.parallel_info, "")
    keep = [ln.strip() for ln in info.splitlines() if re.match(r"\s*(ATen parallel backend|OpenMP|MKL|Intel)", ln)]
    return "; ".join(keep) or None


def _cuda_device(i: int) -> dict[str, Any]:
    """Name, memory and compute capability of CUDA device i (None where the driver will not say)."""
    props = _probe(lambda: torch.cuda.get_device_properties(i))
    free, total = _cuda_memory(i)
    return {
        "type": "cuda", "index": i, "name": getattr(props, "name", None),
        "total_memory_bytes": total if total is not None else getattr(props, "total_memory", None),
        "free_memory_bytes": free,
        "compute_capability": f"{props.major}.{props.minor}" if props is not None else None,
    }


def _devices() -> list[dict[str, Any]]:
    """Every device torch can use: the CPU, each CUDA device and MPS."""
    ram = _ram_info()
    devices: list[dict[str, Any]] = [{
        "type": "cpu", "index": None, "name": _cpu_model(), "total_memory_bytes": ram["total_bytes"],
        "free_memory_bytes": ram["available_bytes"], "compute_capability": None,
    }]
    if _cuda_available():
        devices += [_cuda_device(i) for i in range(torch.cuda.device_count())]
    if _mps_available():
        devices.append({"type": "mps", "index": 0, "name": "Apple GPU (MPS)",
                        "total_memory_bytes": _probe(lambda: int(torch.mps.recommended_max_memory())),
                        "free_memory_bytes": None, "compute_capability": None})
    return devices


def _bf16_cpu() -> bool:
    """Whether a tiny matmul under CPU bf16 autocast runs and yields finite bf16 values."""
    a = torch.ones(4, 4)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = a @ a
    return out.dtype == torch.bfloat16 and bool(torch.isfinite(out.float()).all())


def _compile_info() -> dict[str, Any]:
    """Whether torch.compile can plausibly work here (never compiles anything)."""
    major = int(re.match(r"(\d+)", torch.__version__).group(1))  # type: ignore[union-attr]
    if major < 2 or not hasattr(torch, "compile"):
        return {"available": False, "reason": f"torch.compile needs PyTorch 2 (found {torch.__version__})."}
    names = ("cl", "cc", "gcc") if sys.platform == "win32" else ("cc", "gcc", "clang")
    compiler = next((path for path in map(shutil.which, names) if path), None)
    if not compiler:
        return {"available": False, "reason": "No C compiler (cc/gcc) on PATH: the inductor CPU backend needs one."}
    return {"available": True, "reason": f"C compiler found at {compiler}."}


def _onnxruntime_providers() -> list[str]:
    """Execution providers of onnxruntime, [] when it is not installed or fails to load."""
    def providers() -> list[str]:
        import onnxruntime

        return list(onnxruntime.get_available_providers())

    return _probe(providers, [])


def recommended_device() -> str:
    """The best available device type: cuda > mps > cpu."""
    if _cuda_available():
        return "cuda"
    if _mps_available():
        return "mps"
    return "cpu"


def environment_report() -> dict[str, Any]:
    """A JSON-safe description of Python, PyTorch, devices, CPU, RAM and packages (fast, no benchmarks)."""
    cuda = _cuda_available()
    cudnn = _probe(lambda: torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None)
    return {
        "python": {"version": platform.python_version(), "executable": sys.executable,
                   "platform": platform.platform()},
        "torch": {"version": torch.__version__, "cuda": torch.version.cuda, "cudnn": cudnn,
                  "hip": getattr(torch.version, "hip", None), "debug": bool(torch.version.debug),
                  "parallel": _parallel_summary()},
        "devices": _devices(),
        "cuda_available": cuda,
        "mps_available": _mps_available(),
        "mps_built": _mps_built(),
        "cpu": _cpu_info(),
        "ram": _ram_info(),
        "packages": {key: _package_version(names) for key, names in PACKAGES.items()},
        "onnxruntime_providers": _onnxruntime_providers(),
        "bf16": {"cpu": bool(_probe(_bf16_cpu, False)),
                 "cuda": bool(_probe(torch.cuda.is_bf16_supported, False)) if cuda else None},
        "compile": _compile_info(),
        "recommended_device": recommended_device(),
    }


def _default_check_devices() -> list[str]:
    """cpu, every CUDA device and mps when available."""
    cuda = [f"cuda:{i}" for i in range(torch.cuda.device_count())] if _cuda_available() else []
    return ["cpu", *cuda, *(["mps"] if _mps_available() else [])]


def _sync(device: torch.device) -> None:
    """Wait for queued kernels on device so timings are honest."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def _matmul_gflops(device: torch.device, size: int, repeats: int, stop: Callable[[], bool]) -> float | None:
    """Median GFLOP/s of n×n float32 matmuls on device (None if stopped before any timing)."""
    a, b = torch.randn(size, size, device=device), torch.randn(size, size, device=device)
    start = 0.0
    for _ in range(2):  # warm-up: kernel selection, allocator, lazy init; the second one is timed
        start = time.perf_counter()
        torch.mm(a, b)
        _sync(device)
    # Batch fast matmuls (GPUs take microseconds) so each timing spans ~20 ms, not the launch overhead.
    inner = min(1000, max(1, int(0.02 / max(time.perf_counter() - start, 1e-9))))
    times: list[float] = []
    for _ in range(max(1, repeats)):
        if stop():
            break
        start = time.perf_counter()
        for _ in range(inner):
            torch.mm(a, b)
        _sync(device)
        times.append((time.perf_counter() - start) / inner)
    return 2.0 * size**3 / max(statistics.median(times), 1e-12) / 1e9 if times else None


def _check_tensor_op() -> tuple[bool, str]:
    """[1, 2] + 1 must equal [2, 3]."""
    out = (torch.tensor([1.0, 2.0]) + 1).tolist()
    return out == [2.0, 3.0], f"[1, 2] + 1 = {out}"


def _check_autograd() -> tuple[bool, str]:
    """d(x²)/dx at x = 1 must be 2."""
    x = torch.tensor(1.0, requires_grad=True)
    (x**2).backward()
    grad = float(x.grad)  # type: ignore[arg-type]
    return abs(grad - 2.0) < 1e-6, f"d(x²)/dx at x=1 = {grad:g} (expected 2)"


def self_check(devices: list[str] | None = None, size: int = 1024, repeats: int = 5,
               should_stop: Callable[[], bool] | None = None,
               progress: Callable[[str], None] | None = None, speeds: bool = True) -> dict[str, Any]:
    """Run a tensor op, an autograd check, a matmul benchmark and (speeds) fp32 vs bf16/fp16 training speed per
    device (engine/precision.py; remembered for the Hyperparameters panel's advice); stops cooperatively."""
    stop = should_stop or (lambda: False)
    say = progress or (lambda _msg: None)
    checks: list[dict[str, Any]] = []
    gflops: dict[str, float] = {}
    stopped = False
    steps: list[tuple[str, Any]] = [("tensor op", _check_tensor_op), ("autograd", _check_autograd)]
    steps += [(f"matmul on {d}", d) for d in (devices if devices is not None else _default_check_devices())]
    for name, step in steps:
        if stop():
            stopped = True
            break
        say(f"Checking {name}…")
        try:
            if callable(step):
                ok, detail = step()
            else:
                value = _matmul_gflops(resolve_device(step), size, repeats, stop)
                if value is None:
                    stopped = True
                    break
                gflops[step] = round(value, 2)
                ok, detail = value > 0, f"{value:.1f} GFLOP/s ({size}×{size} float32)"
        except Exception as exc:  # noqa: BLE001 - a failed check is a result to show, not a crash
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        checks.append({"name": name, "ok": bool(ok), "detail": detail})
        say(f"{'✓' if ok else '✗'} {name}: {detail}")
    precision: list[dict[str, Any]] = []
    if not stopped and speeds:
        from engine.precision import measure, remember, summary_line

        usable = [d for d in (devices if devices is not None else _default_check_devices()) if d in gflops]
        for d in usable:  # a device whose matmul failed is not timed again
            if stop():
                stopped = True
                break
            say(f"Timing fp32 against bf16{' and fp16' if d.startswith('cuda') else ''} on {d}…")
            try:
                result = measure(d, should_stop=stop)
            except Exception as exc:  # noqa: BLE001 - a failed timing is a result to show, not a crash
                checks.append({"name": f"precision speed on {d}", "ok": False, "detail": f"{type(exc).__name__}: {exc}"})
                continue
            precision.append(result)
            checks.append({"name": f"precision speed on {d}", "ok": bool(result["samples_per_s"]),
                           "detail": summary_line(result)})
            say(f"{summary_line(result)}")
        remember(precision)
    ok_all = bool(checks) and all(c["ok"] for c in checks) and not stopped
    return {"ok": ok_all, "checks": checks, "gflops": gflops, "precision": precision, "stopped": stopped}


def _fmt_bytes(n: int | None) -> str:
    """Bytes as GiB with one decimal, or '?'."""
    return "?" if n is None else f"{n / 2**30:.1f} GiB"


def format_report(report: dict[str, Any], check: dict[str, Any] | None = None) -> str:
    """Plain multi-line text of a report (and optional self-check) for the CLI and 'Copy report'."""
    def mark(ok: Any) -> str:
        return "✓" if ok else "✗"

    py, tr, cpu, ram = report.get("python", {}), report.get("torch", {}), report.get("cpu", {}), report.get("ram", {})
    lines = [
        "Hello PyTorch environment report",
        f"Python   {py.get('version')} ({py.get('executable')})",
        f"Platform {py.get('platform')}",
        f"PyTorch  {tr.get('version')}  CUDA {tr.get('cuda') or 'none'}  cuDNN {tr.get('cudnn') or 'none'}"
        f"  debug={tr.get('debug')}",
    ]
    if tr.get("parallel"):
        lines.append(f"Parallel {tr['parallel']}")
    lines.append(f"CPU      {cpu.get('model')}: {cpu.get('physical_cores')} cores / {cpu.get('logical_cores')}"
                 f" threads, torch uses {cpu.get('torch_threads')}")
    lines.append(f"RAM      {_fmt_bytes(ram.get('available_bytes'))} free of {_fmt_bytes(ram.get('total_bytes'))}")
    lines.append("")
    lines.append(f"{mark(report.get('cuda_available'))} CUDA available")
    lines.append(f"{mark(report.get('mps_available'))} MPS available (built: {report.get('mps_built')})")
    bf16 = report.get("bf16", {})
    lines.append(f"{mark(bf16.get('cpu'))} bf16 on CPU runs (whether it is faster: the timed check below)")
    if bf16.get("cuda") is not None:
        lines.append(f"{mark(bf16.get('cuda'))} bf16 on CUDA runs")
    comp = report.get("compile", {})
    lines.append(f"{mark(comp.get('available'))} torch.compile: {comp.get('reason')}")
    lines.append("")
    lines.append("Devices:")
    for d in report.get("devices", []):
        label = d["type"] if d.get("index") is None else f"{d['type']}:{d['index']}"
        extra = f", compute capability {d['compute_capability']}" if d.get("compute_capability") else ""
        mem = ""
        if d.get("total_memory_bytes") is not None:
            mem = f", {_fmt_bytes(d.get('free_memory_bytes'))} free of {_fmt_bytes(d['total_memory_bytes'])}"
        lines.append(f"  {label:<7} {d.get('name')}{mem}{extra}")
    lines.append(f"Recommended device: {report.get('recommended_device')}")
    lines.append("")
    lines.append("Packages:")
    for name, version in report.get("packages", {}).items():
        lines.append(f"  {mark(version)} {name:<13} {version or 'not installed'}")
    providers = report.get("onnxruntime_providers") or []
    lines.append(f"  onnxruntime providers: {', '.join(providers) if providers else 'none'}")
    if check is not None:
        lines.append("")
        status = "passed" if check.get("ok") else ("stopped" if check.get("stopped") else "FAILED")
        lines.append(f"Self-check: {status}")
        for c in check.get("checks", []):
            lines.append(f"  {mark(c.get('ok'))} {c.get('name')}: {c.get('detail')}")
    return "\n".join(lines) + "\n"


def visible_gpus() -> list[dict[str, Any]]:
    """[{"index", "name"}] of the CUDA devices this process sees (CUDA_VISIBLE_DEVICES applied), [] without CUDA."""
    if not _cuda_available():
        return []
    count = int(_probe(torch.cuda.device_count, 0) or 0)
    return [{"index": i, "name": getattr(_probe(lambda i=i: torch.cuda.get_device_properties(i)), "name", None)
             or "unknown GPU"} for i in range(count)]


def _visible_devices_note() -> str:
    """How CUDA_VISIBLE_DEVICES limits the GPUs this process sees ('' when it is not set)."""
    mask = os.environ.get("CUDA_VISIBLE_DEVICES")
    if mask is None:
        return ""
    if not mask.strip():
        return " (CUDA_VISIBLE_DEVICES is set but empty, which hides every GPU)"
    return f" (CUDA_VISIBLE_DEVICES={mask} limits which GPUs this process sees)"


def gpu_names(gpus: list[dict[str, Any]]) -> str:
    """'cuda:0 NVIDIA H100, cuda:1 ...' for a visible_gpus() list."""
    return ", ".join(f"cuda:{g['index']} {g['name']}" for g in gpus)


def describe_visible_gpus() -> str:
    """'2 CUDA GPUs are visible: cuda:0 NVIDIA H100, cuda:1 ...', plus how CUDA_VISIBLE_DEVICES limits them."""
    gpus = visible_gpus()
    if not gpus:
        return "no CUDA GPU is visible" + _visible_devices_note()
    are = "GPU is" if len(gpus) == 1 else "GPUs are"
    return f"{len(gpus)} CUDA {are} visible: {gpu_names(gpus)}{_visible_devices_note()}"


def resolve_device(name: str) -> torch.device:
    """Turn 'auto', 'cpu', 'cuda', 'cuda:N' or 'mps' into an available torch.device, else ConfigError."""
    raw = (name or "auto").strip().lower()
    if raw == "auto":
        return torch.device(recommended_device())
    if raw == "cpu":
        return torch.device("cpu")
    m = re.fullmatch(r"cuda(?::(\d+))?", raw)
    if m:
        if not _cuda_available():
            if torch.version.cuda is None and not getattr(torch.version, "hip", None):
                why = "this PyTorch build has no CUDA (a CPU-only wheel; GPUs need a CUDA build from pytorch.org)"
            elif "CUDA_VISIBLE_DEVICES" in os.environ:
                why = describe_visible_gpus()
            else:
                why = "no CUDA GPU is visible (is the NVIDIA driver installed and working? see `nvidia-smi`)"
            raise ConfigError(f"train.device is {name!r} (torch {torch.__version__}) but {why}. "
                              "Set train.device: auto or cpu.")
        if m.group(1) is None:
            return torch.device("cuda")
        index, count = int(m.group(1)), torch.cuda.device_count()
        if index >= count:
            raise ConfigError(f"train.device is {name!r} but there are only {count} CUDA device(s) to choose from: "
                              f"{gpu_names(visible_gpus())}{_visible_devices_note()}. Set train.device: auto or "
                              f"one of cuda:0..cuda:{count - 1}.")
        return torch.device("cuda", index)
    if raw == "mps":
        if not _mps_available():
            why = "this PyTorch build has no MPS support" if not _mps_built() else "MPS is not available on this machine"
            raise ConfigError(f"train.device is {name!r} but {why} (torch {torch.__version__}). "
                              "Set train.device: auto or cpu.")
        return torch.device("mps")
    raise ConfigError(f"train.device is {name!r}; expected auto, cpu, cuda, cuda:N (N a number) or mps.")


_NVML: Any = None  # pynvml once initialised; False when it is missing or fails
_NVML_HANDLES: dict[int, Any] = {}
_PROC: psutil.Process | None = None


def _nvml_handle(index: int) -> Any:
    """The NVML handle of torch's CUDA device index, or None (matched by UUID: CUDA_VISIBLE_DEVICES renumbers)."""
    global _NVML
    if _NVML is None:
        def init() -> Any:
            import pynvml

            pynvml.nvmlInit()
            return pynvml

        _NVML = _probe(init, False)
    if not _NVML:
        return None
    if index not in _NVML_HANDLES:
        def by_uuid() -> Any:
            uuid = str(torch.cuda.get_device_properties(index).uuid)
            return _NVML.nvmlDeviceGetHandleByUUID(uuid if uuid.startswith(("GPU-", "MIG-")) else f"GPU-{uuid}")

        handle = _probe(by_uuid)
        if handle is None and not os.environ.get("CUDA_VISIBLE_DEVICES"):
            handle = _probe(lambda: _NVML.nvmlDeviceGetHandleByIndex(index))
        _NVML_HANDLES[index] = handle
    return _NVML_HANDLES[index]


def _cuda_memory(index: int) -> tuple[int | None, int | None]:
    """(free, total) bytes of a CUDA device: NVML when present (no CUDA context), else torch.cuda.mem_get_info."""
    handle = _nvml_handle(index)
    info = _probe(lambda: _NVML.nvmlDeviceGetMemoryInfo(handle)) if handle is not None else None
    if info is not None:
        return int(info.free), int(info.total)
    free, total = _probe(lambda: torch.cuda.mem_get_info(index), (None, None))
    return (int(free), int(total)) if total is not None else (None, None)


def _cuda_in_use(index: int) -> bool:
    """Whether this process already holds CUDA memory (so a context) on device index."""
    if not torch.cuda.is_initialized():
        return False
    return index == torch.cuda.current_device() or bool(_probe(lambda: torch.cuda.memory_reserved(index), 0))


def _cuda_gauges(index: int) -> dict[str, Any]:
    """used/total bytes and utilisation % of CUDA device index (None where they cannot be read cheaply)."""
    entry: dict[str, Any] = {"used_bytes": None, "total_bytes": None, "utilization_percent": None}
    handle = _nvml_handle(index)
    # Without NVML, only query devices this process already uses: mem_get_info creates a CUDA context.
    if handle is not None or _cuda_in_use(index):
        free, total = _cuda_memory(index)
        if total is not None:
            entry["used_bytes"], entry["total_bytes"] = total - free, total
    if handle is not None:
        entry["utilization_percent"] = _probe(lambda: float(_NVML.nvmlDeviceGetUtilizationRates(handle).gpu))
    return entry


def resource_usage() -> dict[str, Any]:
    """Cheap live gauges: process/system CPU %, RAM, and per-CUDA-device memory and utilisation."""
    global _PROC
    if _PROC is None:
        _PROC = psutil.Process()  # kept so cpu_percent measures the interval since the previous call
    vm = psutil.virtual_memory()
    usage: dict[str, Any] = {
        "process_cpu_percent": _PROC.cpu_percent(interval=None),
        "system_cpu_percent": psutil.cpu_percent(interval=None),
        "process_ram_bytes": int(_PROC.memory_info().rss),
        "ram_used_bytes": int(vm.total - vm.available),
        "ram_total_bytes": int(vm.total),
        "cuda": [],
    }
    if _cuda_available():
        usage["cuda"] = [{"index": i, **_cuda_gauges(i)} for i in range(torch.cuda.device_count())]
    return usage


def _cuda_index(device: str | torch.device) -> int | None:
    """The CUDA device index of device ('cuda' = the current one), None for CPU/MPS or without CUDA."""
    dev = torch.device(device)
    if dev.type != "cuda" or not _cuda_available():
        return None
    if dev.index is not None:
        return dev.index
    return int(_probe(torch.cuda.current_device, 0)) if torch.cuda.is_initialized() else 0


def device_usage(device: str | torch.device) -> dict[str, Any]:
    """Live memory and load of one CUDA device, for the Train panel; {} on CPU/MPS or when nothing can be read.

    used/total: the whole device (every process); allocated/peak_allocated: this process's tensors (torch's
    caching allocator, only once this process uses the device); utilization_percent: NVML only."""
    index = _cuda_index(device)
    if index is None:
        return {}
    values = {k: v for k, v in _cuda_gauges(index).items() if v is not None}
    if _cuda_in_use(index):
        values["allocated_bytes"] = _probe(lambda: int(torch.cuda.memory_allocated(index)))
        values["peak_allocated_bytes"] = _probe(lambda: int(torch.cuda.max_memory_allocated(index)))
    values = {k: v for k, v in values.items() if v is not None}
    return {"device": f"cuda:{index}", **values} if values else {}


def reset_peak_device_memory(device: str | torch.device) -> None:
    """Start the peak of peak_device_memory afresh (a window trains several runs in one process)."""
    index = _cuda_index(device)
    if index is not None and _cuda_in_use(index):
        _probe(lambda: torch.cuda.reset_peak_memory_stats(index))


def peak_device_memory(device: str | torch.device) -> dict[str, Any]:
    """{"peak_gpu_memory_bytes": n}: the most this process's tensors held on a CUDA device, for a run summary;
    {} on CPU/MPS."""
    index = _cuda_index(device)
    if index is None or not _cuda_in_use(index):
        return {}
    peak = _probe(lambda: int(torch.cuda.max_memory_allocated(index)))
    return {} if peak is None else {"peak_gpu_memory_bytes": peak}
