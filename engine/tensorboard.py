"""Serve a run's TensorBoard event files on a free local port (only when tensorboard is installed)."""
from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from pathlib import Path

from engine.errors import ConfigError

DEFAULT_PORT = 6006


def available() -> bool:
    return importlib.util.find_spec("tensorboard") is not None


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(preferred: int = DEFAULT_PORT, tries: int = 50) -> int:
    """The preferred port, or the next free one after it (a port already in use is skipped)."""
    for port in range(preferred, preferred + tries):
        if port_free(port):
            return port
    raise ConfigError(f"No free local port between {preferred} and {preferred + tries - 1} for TensorBoard; close "
                      f"other TensorBoard instances and try again.")


def start(logdir: str | Path, port: int | None = None, wait_s: float = 20.0) -> tuple[subprocess.Popen, str]:
    """Start `tensorboard --logdir logdir` on localhost; returns the process and its URL once it answers."""
    if not available():
        raise ConfigError("TensorBoard is not installed: `pip install tensorboard` (or `pip install "
                          "hellotorch[tensorboard]`), then try again.")
    logdir = Path(logdir)
    if not any(logdir.rglob("events.out.tfevents.*")):
        raise ConfigError(f"'{logdir}' has no TensorBoard event files yet: runs write them while they train "
                          f"(train.tensorboard).")
    chosen = free_port(port or DEFAULT_PORT)
    proc = subprocess.Popen([sys.executable, "-m", "tensorboard.main", "--logdir", str(logdir), "--port",
                             str(chosen), "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ConfigError(f"TensorBoard stopped at once: {proc.stderr.read().decode(errors='replace')[-500:]}")
        if not port_free(chosen):
            return proc, f"http://127.0.0.1:{chosen}/"
        time.sleep(0.2)
    stop(proc)
    raise ConfigError(f"TensorBoard did not answer on port {chosen} within {wait_s:.0f} s.")


def stop(proc: subprocess.Popen, wait_s: float = 5.0) -> None:
    """Ask a TensorBoard server this app started to exit (SIGTERM), and reap it."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(wait_s)
