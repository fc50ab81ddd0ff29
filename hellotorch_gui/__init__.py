"""Hello PyTorch's PySide6 window: panels over the engine, one thin QThread bridge."""
from __future__ import annotations


def __getattr__(name: str):
    if name == "MainWindow":
        from hellotorch_gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)
