"""Hello PyTorch engine: data, models, training, metrics, runs and the CLI. Never imports Qt."""
from __future__ import annotations

__version__ = "0.1.0"
