"""Models built from scratch (TextCNN, RNNs, Transformers, GPT, LSTM LM), sampling and memory estimates.

The names below load their module at first use (PEP 562), as engine.data's and engine.export's do. An eager
`__init__` importing its submodules made two threads deadlock on their first imports: one importing
`engine.models.memory` holds that module's lock and waits for the package's, while the other, running this
`__init__`, holds the package's and waits for `memory` (CPython raised _DeadlockError in one of them: the window's
size estimate failed with "Cannot build this model" when it started beside another task;
tests/test_models_import.py). No submodule is named like one of these names (sampling.py holds `generate`):
importing it would set the package's attribute to the module.
"""
from __future__ import annotations

from engine.lazy import lazy_attributes

_WHERE = {"build_model": "build", "build_on_meta": "build", "count_parameters": "build", "init_word_vectors": "build",
          "RNNClassifier": "classifiers", "TextCNN": "classifiers", "TransformerClassifier": "classifiers",
          "filter_logits": "sampling", "generate": "sampling", "GPT": "language_models",
          "LSTMLanguageModel": "language_models", "estimate_training_memory": "memory", "human_bytes": "memory"}

__all__ = sorted(_WHERE)

__getattr__ = lazy_attributes(__name__, _WHERE)
