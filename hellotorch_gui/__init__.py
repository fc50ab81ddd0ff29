"""Hello PyTorch's PySide6 window: panels over the engine, one thin QThread bridge."""
from __future__ import annotations

import engine  # noqa: F401  (first: it sets how OpenMP threads wait before anything loads torch)


def __getattr__(name: str):
    if name == "MainWindow":
        from hellotorch_gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)
