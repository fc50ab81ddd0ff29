"""Training: the loop, its callbacks and control, checkpoints, optimizers and schedules."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.training.callbacks import (Callback, CallbackList, EarlyStoppingCallback, ProgressBarCallback,
                                       TensorBoardCallback, TrainerControl, TrainerState)

if TYPE_CHECKING:
    from engine.training.loop import RunResult, train

__all__ = ["Callback", "CallbackList", "EarlyStoppingCallback", "ProgressBarCallback", "TensorBoardCallback",
           "TrainerControl", "TrainerState", "RunResult", "train"]


def __getattr__(name: str) -> Any:
    """The loop (torch, the models, scikit-learn metrics) is imported on first use, so that the control and
    callback classes stay cheap to import on the window's GUI thread."""
    if name in ("RunResult", "train"):
        from engine.training import loop

        return getattr(loop, name)
    raise AttributeError(f"module 'engine.training' has no attribute {name!r}")
