"""Build a model from the config and count its parameters."""
from __future__ import annotations

import torch
from torch import nn

from engine.config import CLASSIFICATION_ARCHS, GENERATION_ARCHS, Config, ensemble_members, parse_int_list
from engine.errors import ConfigError
from engine.models.classifiers import Ensemble, RNNClassifier, TextCNN, TransformerClassifier, members
from engine.models.language_models import GPT, LSTMLanguageModel


# Random initialisers that, on the meta device, go through torch's Python references (torch._refs), whose first use
# imports torch._dynamo and sympy: 1.3 s of imports here, holding the GIL for up to 0.2 s at a time in the window.
_META_SKIPPED = (torch.nn.init.normal_, torch.nn.init.trunc_normal_, torch.Tensor.normal_)


class _NoInitOnMeta(torch.overrides.TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001, ANN204
        kwargs = kwargs or {}
        if func in _META_SKIPPED:
            tensor = args[0] if args else kwargs.get("tensor", kwargs.get("self"))
            if isinstance(tensor, torch.Tensor) and tensor.is_meta:
                return tensor  # a meta tensor holds no values: there is nothing to draw
        return func(*args, **kwargs)


def build_on_meta(cfg: Config, vocab_size: int, num_classes: int, pad_id: int = 0) -> nn.Module:
    """build_model on the meta device, for its shapes only (parameter counts, memory estimates): no memory, no
    initialisation, and none of the imports a random draw on meta would pull in (_META_SKIPPED)."""
    with torch.device("meta"), _NoInitOnMeta():
        return build_model(cfg, vocab_size, num_classes, pad_id)


def _check(cfg: Config, vocab_size: int, num_classes: int, pad_id: int) -> None:
    """Raise ConfigError for combinations no model can be built from."""
    m = cfg.model
    archs = CLASSIFICATION_ARCHS if cfg.task == "classification" else GENERATION_ARCHS
    if cfg.task not in ("classification", "generation"):
        raise ConfigError(f"task must be classification or generation (got {cfg.task!r}).")
    if m.arch not in archs:
        raise ConfigError(f"model.arch '{m.arch}' cannot do {cfg.task}; use one of {', '.join(archs)}.")
    if m.arch in ("transformer", "gpt") and m.embed_dim % m.num_heads:
        raise ConfigError(f"model.num_heads ({m.num_heads}) must divide model.embed_dim ({m.embed_dim}).")
    if vocab_size < 1 or not 0 <= pad_id < vocab_size:
        raise ConfigError(f"pad_id {pad_id} must lie inside the vocabulary of {vocab_size} tokens.")
    if cfg.task == "classification" and num_classes < 1:
        raise ConfigError(f"A classifier needs at least one class (got {num_classes}); check data.label_column.")


def build_model(cfg: Config, vocab_size: int, num_classes: int, pad_id: int = 0) -> nn.Module:
    """A freshly initialised model for ``cfg.task`` / ``cfg.model.arch`` (seed torch first for repeatability).
    With ``model.embed_init: minilm`` the word vectors need the vocabulary: call init_word_vectors next."""
    k = ensemble_members(cfg)  # auto is resolved (and saved in config.yaml) once the data is known
    built = [_build(cfg, vocab_size, num_classes, pad_id) for _ in range(k)]  # one RNG stream: each starts apart
    model = built[0] if k == 1 else Ensemble(built)
    if cfg.model.embed_init == "uniform" and cfg.task == "classification" and cfg.model.arch != "pretrained":
        for one in members(model):
            init_embedding_uniform(word_embedding(one), pad_id)
    return model


def word_embedding(model: nn.Module) -> nn.Embedding:
    """The token embedding of a from-scratch classifier (``embedding``; the Transformer's ``tok_emb``)."""
    return model.embedding if hasattr(model, "embedding") else model.tok_emb


def init_word_vectors(model: nn.Module, cfg: Config, tokenizer) -> int | None:  # noqa: ANN001
    """``model.embed_init: minilm``: start the word vectors of the tokenizer's vocabulary from the built-in
    MiniLM's (engine.models.word_vectors). Returns the number of words set (0 when MiniLM is not installed),
    or None when the config asks for another start."""
    if cfg.model.embed_init != "minilm" or cfg.task != "classification" or cfg.model.arch == "pretrained":
        return None
    from engine.models.word_vectors import init_embedding_from_minilm

    tokens = [tokenizer.id_to_token(i) or "" for i in range(tokenizer.vocab_size)]
    return init_embedding_from_minilm([word_embedding(one) for one in members(model)], tokens, tokenizer.pad_id)


@torch.no_grad()
def init_embedding_uniform(embedding: nn.Embedding, pad_id: int, bound: float = 0.25) -> None:
    """Kim (2014)'s word vectors: U(-bound, bound), the padding row zero."""
    embedding.weight.uniform_(-bound, bound)
    embedding.weight[pad_id].zero_()


def _build(cfg: Config, vocab_size: int, num_classes: int, pad_id: int = 0) -> nn.Module:
    _check(cfg, vocab_size, num_classes, pad_id)
    m, arch = cfg.model, cfg.model.arch
    if arch == "pretrained":
        from engine.models.pretrained import build_pretrained

        return build_pretrained(cfg, num_classes, pad_id)
    if arch == "textcnn":
        try:
            sizes = parse_int_list(m.kernel_sizes)
        except ValueError:
            sizes = []
        if not sizes or min(sizes) < 1:
            raise ConfigError(f"model.kernel_sizes must be comma-separated positive integers like 3,4,5 "
                              f"(got {m.kernel_sizes!r}).")
        return TextCNN(vocab_size, num_classes, m.embed_dim, sizes, m.num_filters, m.dropout, pad_id, m.ngram_buckets,
                       m.deep_max_length)
    if arch in ("rnn", "lstm", "gru"):
        return RNNClassifier(arch, vocab_size, num_classes, m.embed_dim, m.hidden_dim, m.num_layers,
                             m.bidirectional, m.dropout, pad_id, m.rnn_pooling, m.ngram_buckets,
                             m.deep_max_length)
    if arch == "transformer":
        return TransformerClassifier(vocab_size, num_classes, m.embed_dim, m.num_heads, m.ffn_dim, m.num_layers,
                                     cfg.data.max_length, m.pooling, m.dropout, pad_id,
                                     m.ngram_buckets)
    if arch == "gpt":
        return GPT(vocab_size, m.embed_dim, m.num_heads, m.ffn_dim, m.num_layers, cfg.data.max_length,
                   m.dropout, m.tie_weights, pad_id)
    return LSTMLanguageModel(vocab_size, m.embed_dim, m.hidden_dim, m.num_layers, m.dropout, m.tie_weights,
                             cfg.data.max_length, pad_id)


def count_parameters(model: nn.Module) -> dict:
    """{"total": int, "trainable": int}; tied weights are counted once."""
    params = list(model.parameters())
    return {"total": sum(p.numel() for p in params),
            "trainable": sum(p.numel() for p in params if p.requires_grad)}
