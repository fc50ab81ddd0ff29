"""Models built from scratch (TextCNN, RNNs, Transformers, GPT, LSTM LM), sampling and memory estimates."""
from __future__ import annotations

from engine.models.build import build_model, count_parameters, init_word_vectors
from engine.models.classifiers import RNNClassifier, TextCNN, TransformerClassifier
from engine.models.generate import filter_logits, generate
from engine.models.language_models import GPT, LSTMLanguageModel
from engine.models.memory import estimate_training_memory, human_bytes

__all__ = [
    "GPT",
    "LSTMLanguageModel",
    "RNNClassifier",
    "TextCNN",
    "TransformerClassifier",
    "build_model",
    "count_parameters",
    "estimate_training_memory",
    "filter_logits",
    "generate",
    "human_bytes",
    "init_word_vectors",
]
