"""User-facing errors: each carries a one-paragraph message that names the culprit and the fix."""
from __future__ import annotations


class HelloTorchError(Exception):
    """Base class of every error a user can cause; the CLI prints it without a traceback (exit 2)."""

    exit_code = 2


class ConfigError(HelloTorchError):
    """A config file, key or value is wrong."""


class DataError(HelloTorchError):
    """A dataset cannot be read or is unusable for the chosen task."""


class CheckpointError(HelloTorchError):
    """A checkpoint or run folder is missing, truncated or from another config."""


class TrainingError(HelloTorchError):
    """Training cannot go on (NaN loss, out of memory, ...)."""
