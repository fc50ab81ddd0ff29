"""A rough, documented estimate of the memory one training step needs, to show before a run starts.

The estimate counts what a learner can reason about: weights, gradients, optimizer state and the
activations autograd keeps for the backward pass. It ignores allocator slack, framework workspaces,
dropout masks and the data batch itself, so real peaks are usually somewhat higher.

Activation model (elements kept for backward; B = batch, T = sequence length, E = embed_dim,
H = hidden_dim, F = ffn_dim, h = heads, L = layers, V = vocab):

* textcnn: embeddings B*T*E, plus per kernel width conv output and ReLU output 2*B*T*num_filters.
* rnn / lstm / gru: embeddings B*T*E, plus per layer and direction B*T*H*(g + 2) where g is the
  number of gate blocks (rnn 1, gru 3, lstm 4) and the 2 stands for hidden and cell states.
* transformer / gpt: embeddings 2*B*T*E, plus per block B*T*(10*E + 2*F) (two LayerNorms, Q/K/V,
  attention output, projection, residuals, FFN hidden before and after GELU) and B*h*T*T for the
  attention probabilities (the math path; fused kernels keep less).
* lstm_lm: embeddings and LSTM layers as above.
* textcnn and the RNN classifiers with ``model.deep_max_length`` N > 0 read at most N tokens: T = min(T, N).
* an ensemble (``model.ensemble`` K > 1) keeps K members' activations.
* generation models add the logits: B*T*V in the compute dtype plus B*T*V fp32 for the log-softmax
  inside the cross-entropy.

Parameters, gradients and optimizer states stay fp32 under mixed precision; bf16/fp16 halve the
activations (4 -> 2 bytes per element).
"""
from __future__ import annotations

from torch import nn

from engine.config import RNN_ARCHS, Config, planned_batch_size
from engine.models.classifiers import members

_GATES = {"rnn": 1, "gru": 3, "lstm": 4, "lstm_lm": 4}


def human_bytes(n: float) -> str:
    """'123.4 MB' style text (decimal units: 1 MB = 1,000,000 bytes)."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # unreachable; keeps type checkers calm


def _num_kernels(text: str) -> int:
    return max(1, len([x for x in str(text).split(",") if x.strip()]))


def activation_elements(cfg: Config, batch_size: int, seq_len: int, vocab_size: int,
                        dims: dict | None = None) -> tuple[int, int]:
    """(elements in the compute dtype, elements always fp32) kept for backward by one training step.

    ``dims`` (hidden, layers, heads, ffn) describes a pretrained transformer; it is counted like ours.
    """
    m = cfg.model
    b, t, e, hdim = batch_size, seq_len, m.embed_dim, m.hidden_dim
    arch = m.arch
    if arch in ("textcnn", *RNN_ARCHS) and m.deep_max_length > 0:
        t = min(t, m.deep_max_length)  # the network reads only these; the n-gram bag keeps no activations
    fp32 = 0
    if dims:
        e, f, h, n = dims["hidden"], dims["ffn"] or 4 * dims["hidden"], dims["heads"] or 1, dims["layers"]
        low = 2 * b * t * e + n * (b * t * (10 * e + 2 * f) + b * h * t * t)
    elif arch == "textcnn":
        low = b * t * e + _num_kernels(m.kernel_sizes) * 2 * b * t * m.num_filters
    elif arch in ("rnn", "lstm", "gru", "lstm_lm"):
        dirs = 2 if (m.bidirectional and arch != "lstm_lm") else 1
        low = b * t * e + m.num_layers * dirs * b * t * hdim * (_GATES[arch] + 2)
    else:  # transformer, gpt
        t_eff = t + 1 if (arch == "transformer" and m.pooling == "cls") else t
        per_block = b * t_eff * (10 * e + 2 * m.ffn_dim) + b * m.num_heads * t_eff * t_eff
        low = 2 * b * t_eff * e + m.num_layers * per_block
    if cfg.task == "generation":
        low += b * t * vocab_size
        fp32 += b * t * vocab_size
    return low, fp32


def _optimizer_states(cfg: Config) -> int:
    opt = cfg.train.optimizer
    if opt in ("adam", "adamw"):
        return 2
    if opt == "sgd":
        return 1 if cfg.train.momentum > 0 else 0
    if opt == "adadelta":
        return 2  # squared gradients and squared updates
    return 2  # unknown optimizers: assume Adam-like


def _vocab_size(model: nn.Module) -> int:
    for module in model.modules():
        if isinstance(module, nn.Embedding):
            return module.num_embeddings
    return 0


def estimate_training_memory(model: nn.Module, cfg: Config, batch_size: int | None = None,
                             seq_len: int | None = None) -> dict:
    """Bytes for params, grads, optimizer, activations and total, plus a 'human' string for the total."""
    batch_size = planned_batch_size(cfg) if batch_size is None else batch_size
    seq_len = cfg.data.max_length if seq_len is None else seq_len
    params = list(model.parameters())
    param_bytes = sum(p.numel() * p.element_size() for p in params)
    trainable = [p for p in params if p.requires_grad]
    grad_bytes = sum(p.numel() * p.element_size() for p in trainable)
    optimizer_bytes = _optimizer_states(cfg) * sum(p.numel() * 4 for p in trainable)
    low, fp32 = activation_elements(cfg, batch_size, seq_len, _vocab_size(model), getattr(model, "dims", None))
    copies = len(members(model))  # an ensemble keeps every copy's activations
    low, fp32 = low * copies, fp32 * copies
    act_bytes = low * (2 if cfg.train.precision in ("bf16", "fp16") else 4) + fp32 * 4
    total = param_bytes + grad_bytes + optimizer_bytes + act_bytes
    return {"params": param_bytes, "grads": grad_bytes, "optimizer": optimizer_bytes,
            "activations": act_bytes, "total": total, "human": human_bytes(total)}
