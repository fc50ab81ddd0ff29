"""Training: the loop, its callbacks and control, checkpoints, optimizers and schedules.

The names below load their module at first use (PEP 562): the control and callback classes stay cheap to import on
the window's GUI thread (the loop imports torch, the models and scikit-learn's metrics), and no submodule is imported
while this package's import lock is held, so threads importing the package and its submodules for the first time at
once cannot deadlock (tests/test_models_import.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from engine.lazy import lazy_attributes

if TYPE_CHECKING:
    from engine.training.callbacks import (Callback, CallbackList, EarlyStoppingCallback, ProgressBarCallback,
                                           TensorBoardCallback, TrainerControl, TrainerState)
    from engine.training.loop import RunResult, train

_WHERE = {"Callback": "callbacks", "CallbackList": "callbacks", "EarlyStoppingCallback": "callbacks",
          "ProgressBarCallback": "callbacks", "TensorBoardCallback": "callbacks", "TrainerControl": "callbacks",
          "TrainerState": "callbacks", "RunResult": "loop", "train": "loop"}

__all__ = sorted(_WHERE)

__getattr__ = lazy_attributes(__name__, _WHERE)
