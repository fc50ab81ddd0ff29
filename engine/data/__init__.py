"""Data: built-in datasets, loading, cleaning, splitting, tokenizers, augmentation and statistics.

The names below load their module at first use (PEP 562): importing one light submodule (engine.data.checks,
engine.data.split) must not import torch and the whole pipeline, which the window's first paint cannot wait for.
"""
from __future__ import annotations

from engine.lazy import lazy_attributes

_WHERE = {"is_builtin": "builtin", "list_builtin": "builtin", "load_builtin": "builtin",
          "CleaningReport": "cleaning", "LoadedData": "loading", "detect_columns": "loading", "load_table": "loading",
          "preview": "loading", "PreparedData": "pipeline", "prepare_data": "pipeline",
          "stats_for_spec": "pipeline", "TextTokenizer": "tokenize", "build_tokenizer": "tokenize",
          "detect_language": "tokenize"}

__all__ = sorted(_WHERE)

__getattr__ = lazy_attributes(__name__, _WHERE)
