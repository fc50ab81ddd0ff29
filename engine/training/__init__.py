"""Training: the loop, its callbacks and control, checkpoints, optimizers and schedules."""
from __future__ import annotations

from engine.training.callbacks import (Callback, CallbackList, EarlyStoppingCallback, ProgressBarCallback,
                                       TensorBoardCallback, TrainerControl, TrainerState)
from engine.training.loop import RunResult, train

__all__ = ["Callback", "CallbackList", "EarlyStoppingCallback", "ProgressBarCallback", "TensorBoardCallback",
           "TrainerControl", "TrainerState", "RunResult", "train"]
