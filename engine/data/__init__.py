"""Data: built-in datasets, loading, cleaning, splitting, tokenizers, augmentation and statistics."""
from __future__ import annotations

from engine.data.builtin import is_builtin, list_builtin, load_builtin
from engine.data.cleaning import CleaningReport
from engine.data.loading import LoadedData, detect_columns, load_table, preview
from engine.data.pipeline import PreparedData, prepare_data, stats_for_spec
from engine.data.tokenize import TextTokenizer, build_tokenizer, detect_language

__all__ = ["CleaningReport", "LoadedData", "PreparedData", "TextTokenizer", "build_tokenizer", "detect_columns",
           "detect_language", "is_builtin", "list_builtin", "load_builtin", "load_table", "prepare_data", "preview",
           "stats_for_spec"]
