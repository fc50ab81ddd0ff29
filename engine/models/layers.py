"""Shared building blocks: padding masks, pre-LN Transformer blocks and GPT-2-style initialisation."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def token_mask(input_ids: torch.Tensor, pad_id: int) -> torch.Tensor:
    """Bool [B, T], True at real tokens; an all-padding row counts as all real so nothing divides by zero."""
    real = input_ids != pad_id
    return real | ~real.any(dim=1, keepdim=True)


def lstm_runs_in(dtype: torch.dtype, _seen: dict = {}) -> bool:  # noqa: B006 - the dict is the per-process cache
    """Whether PyTorch's CPU LSTM (oneDNN) runs in `dtype` (autocast's bf16 or fp16) on this CPU. It does not on
    CPUs without AVX-512 (an AMD EPYC with AVX2 alone: "could not create a primitive descriptor for the LSTM forward
    propagation primitive"); the GRU and the plain RNN fall back by themselves. Probed once per dtype on a tiny
    LSTM."""
    if dtype not in _seen:
        try:
            with torch.autocast("cpu", dtype=dtype):
                nn.LSTM(2, 2, batch_first=True)(torch.zeros(1, 1, 2))
            _seen[dtype] = True
        except RuntimeError:
            _seen[dtype] = False
    return _seen[dtype]


def run_rnn(rnn: nn.Module, inputs, state=None):  # noqa: ANN001, ANN201
    """rnn(inputs) or rnn(inputs, state) (a tensor or a PackedSequence). Under CPU autocast to a precision the LSTM
    cannot run in here (lstm_runs_in), the LSTM runs in fp32 and autocast keeps the rest of the model."""
    if (isinstance(rnn, nn.LSTM) and inputs.data.device.type == "cpu" and torch.is_autocast_enabled("cpu")
            and not lstm_runs_in(torch.get_autocast_dtype("cpu"))):
        with torch.autocast("cpu", enabled=False):
            inputs = inputs.float()
            state = None if state is None else tuple(s.float() for s in state)
            return rnn(inputs) if state is None else rnn(inputs, state)
    return rnn(inputs) if state is None else rnn(inputs, state)


class NgramBag(nn.Module):
    """The wide half of a wide & deep classifier: a hashed bag of the token 1-, 2- and 3-grams mapped straight to
    class scores, a fastText-style linear model trained together with the network.

    The n-grams are hashed from the ids inside forward with int64 arithmetic only (multiply, add, remainder), so
    TorchScript and ONNX exports carry it; n-grams touching padding are left out. Each n-gram counts with its
    ``weight`` (a buffer saved with the model) and the weights are L2-normalised per text. ``fit_weights`` sets
    them from the training split: TF-IDF times the naive-Bayes log-count ratio, so the bag is logistic
    regression on NB-scaled TF-IDF features (NBSVM, Wang & Manning 2012). Until then (and in checkpoints saved
    before the weights existed) every n-gram weighs 1: a plain bag scaled by 1/sqrt(count).
    """

    PRIME = 1_000_003  # ids stay below 2**63 for vocabularies up to ~9 million tokens
    OFFSETS = (0, 7, 13)  # bigrams and trigrams land on other buckets than unigrams of the same value
    NB_ALPHA = 1.0  # Laplace smoothing of the per-class n-gram counts
    NB_MAX_CELLS = 1 << 26  # classes x buckets counted at most (256 MB); past it the weights are IDF alone

    def __init__(self, buckets: int, num_classes: int, pad_id: int = 0) -> None:
        super().__init__()
        if buckets < 1:
            raise ValueError(f"buckets must be positive, got {buckets}")
        self.buckets = buckets
        self.pad_id = pad_id
        self.table = nn.Parameter(torch.zeros(buckets, num_classes))  # starts neutral; the deep part leads
        self.register_buffer("weight", torch.ones(buckets))

    def grams(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """input_ids [B, T] -> (bucket of every n-gram [B, G], bool mask of the real ones [B, G])."""
        real = input_ids != self.pad_id
        grams, masks = [input_ids], [real]
        two = input_ids[:, :-1] * self.PRIME + input_ids[:, 1:]
        grams.append(two + self.OFFSETS[1])
        masks.append(real[:, :-1] & real[:, 1:])
        three = two[:, :-1] * self.PRIME + input_ids[:, 2:]
        grams.append(three + self.OFFSETS[2])
        masks.append(real[:, :-2] & real[:, 2:])
        return torch.remainder(torch.cat(grams, dim=1), self.buckets), torch.cat(masks, dim=1)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """input_ids [B, T] -> scores [B, num_classes]."""
        index, real = self.grams(input_ids)
        weight = self.gram_weights(index, real, self.table.dtype)
        scores = (F.embedding(index, self.table) * weight.unsqueeze(-1)).sum(dim=1)
        return scores / self.text_norm(weight)

    def gram_weights(self, index: torch.Tensor, real: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        """[B, G]: each n-gram's ``weight`` (0 where it touches padding), in `dtype`."""
        return real.to(dtype) * self.weight[index].to(dtype)

    def text_norm(self, weight: torch.Tensor) -> torch.Tensor:
        """[B, 1]: each text's L2 norm of its n-grams' weights, what its scores are divided by (the bag's features
        are the weights over it: forward and engine.models.wide.bag_features share this)."""
        return (weight * weight).sum(dim=1, keepdim=True).clamp(min=1.0e-6).sqrt()

    @torch.no_grad()
    def fit_weights(self, sequences, labels: list[int] | None = None, chunk: int = 1024,
                    naive_bayes: bool = True) -> int:
        """Set ``weight`` from the training split's token ids (and class ids).

        IDF as scikit-learn's smoothed one, ln((1 + n) / (1 + df)) with df the number of texts holding the
        n-gram, plus 1. With labels, times how much the n-gram tells the classes apart: the largest deviation
        across classes of log p(n-gram | class) from its mean (binary: half the NB log-count ratio |r|), the
        counts per class binarised per text and Laplace-smoothed (skipped when classes x buckets exceeds
        NB_MAX_CELLS, or with ``naive_bayes`` False: IDF alone, for a table fitted by logistic regression,
        engine.models.wide). N-grams never seen in training weigh 0 (as words outside a TF-IDF vocabulary): they
        have no learned score and would only dilute the others. Returns the number of buckets seen."""
        classes = self.table.shape[1] if labels is not None and naive_bayes else 1
        if classes * self.buckets > self.NB_MAX_CELLS:  # hundreds of classes: the counts would not fit
            classes = 1
        df = torch.zeros(self.buckets, dtype=torch.float64)
        per_class = torch.zeros(classes * self.buckets) if classes > 1 else None
        flat = hasattr(sequences, "pad") and hasattr(sequences, "lengths")  # the app's TokenIds: one gather a chunk
        for start in range(0, len(sequences), chunk):
            if flat:
                span = torch.arange(start, min(start + chunk, len(sequences)))
                picked = span[sequences.lengths[span] > 0]
                rows = picked.tolist()
            else:
                rows = [i for i in range(start, min(start + chunk, len(sequences))) if len(sequences[i])]
            if not rows:
                continue
            if flat:
                ids = sequences.pad(picked.to(sequences.device), self.pad_id).cpu()
            else:
                ids = torch.full((len(rows), max(len(sequences[i]) for i in rows)), self.pad_id, dtype=torch.long)
                for r, i in enumerate(rows):
                    ids[r, : len(sequences[i])] = torch.as_tensor(sequences[i], dtype=torch.long)
            index, real = self.grams(ids)
            index = index.masked_fill(~real, -1).sort(dim=1).values  # each text's buckets, padding (-1) first
            first = torch.ones_like(index, dtype=torch.bool)
            first[:, 1:] = index[:, 1:] != index[:, :-1]  # count a bucket once per text
            keep = first & (index >= 0)
            seen = index[keep]
            df.index_add_(0, seen, torch.ones(seen.numel(), dtype=torch.float64))
            if per_class is not None:
                cls = torch.as_tensor([labels[i] for i in rows], dtype=torch.long).unsqueeze(1).expand_as(index)
                per_class.index_add_(0, cls[keep] * self.buckets + seen, torch.ones(seen.numel()))
        n = len(sequences)
        weight = torch.where(df > 0, torch.log((1.0 + n) / (1.0 + df)) + 1.0, torch.zeros_like(df))
        if per_class is not None:
            counts = per_class.view(classes, self.buckets).double() + self.NB_ALPHA
            log_p = torch.log(counts / counts.sum(dim=1, keepdim=True))
            weight = weight * (log_p - log_p.mean(dim=0, keepdim=True)).abs().amax(dim=0)
        self.weight.copy_(weight.to(self.weight.dtype))
        return int((df > 0).sum())

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        # Checkpoints and exports from before the n-gram weights: every n-gram weighs 1, as they were trained.
        state_dict.setdefault(prefix + "weight", torch.ones(self.buckets))
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)


class SelfAttention(nn.Module):
    """Multi-head self-attention on ``F.scaled_dot_product_attention``, with an explicit path for heatmaps."""

    def __init__(self, dim: int, num_heads: int, dropout: float) -> None:
        super().__init__()
        if dim % num_heads:
            raise ValueError(f"embed_dim {dim} is not divisible by num_heads {num_heads}")
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.dropout = dropout
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.resid_drop = nn.Dropout(dropout)

    def _heads(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4).unbind(0)
        return q, k, v  # each [B, H, T, D]

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor | None = None, causal: bool = False) -> torch.Tensor:
        """x [B, T, C]; attn_mask bool [B, 1, 1, T] (True = may attend) or None; causal for decoders."""
        q, k, v = self._heads(x)
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, is_causal=causal,
                                           dropout_p=self.dropout if self.training else 0.0)
        b, _, t, _ = y.shape
        return self.resid_drop(self.proj(y.transpose(1, 2).reshape(b, t, -1)))

    def forward_cached(self, x: torch.Tensor, past_k: torch.Tensor, past_v: torch.Tensor
                       ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Causal attention of the new positions x [B, T, C] over the cached keys/values [B, H, P, D] and
        their own; returns the output and the grown keys/values [B, H, P + T, D] (incremental decoding)."""
        q, k, v = self._heads(x)
        k, v = torch.cat([past_k, k], dim=2), torch.cat([past_v, v], dim=2)
        t, total = q.shape[2], k.shape[2]
        # query i sits at absolute position total - t + i and may see keys 0 .. that position
        allowed = (torch.arange(total, device=x.device)[None, :]
                   <= torch.arange(t, device=x.device)[:, None] + (total - t))
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        b = y.shape[0]
        return self.proj(y.transpose(1, 2).reshape(b, t, -1)), k, v

    def weights(self, x: torch.Tensor, attn_mask: torch.Tensor | None = None, causal: bool = False) -> torch.Tensor:
        """Attention probabilities [B, H, T, T] = softmax(QK^T / sqrt(d)) under the same masks, computed explicitly."""
        q, k, _ = self._heads(x)
        scores = (q @ k.transpose(-2, -1)).float() / math.sqrt(self.head_dim)
        t = x.shape[1]
        allowed = torch.ones(t, t, dtype=torch.bool, device=x.device)
        if causal:
            allowed = allowed.tril()
        if attn_mask is not None:
            allowed = allowed & attn_mask
        return scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)


class Block(nn.Module):
    """Pre-LN Transformer block: x + Attn(LN(x)), then x + FFN(LN(x)) with a GELU."""

    def __init__(self, dim: int, num_heads: int, ffn_dim: int, dropout: float) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, num_heads, dropout)
        self.ln2 = nn.LayerNorm(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, ffn_dim), nn.GELU(), nn.Linear(ffn_dim, dim), nn.Dropout(dropout))

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor | None = None, causal: bool = False) -> torch.Tensor:
        x = x + self.attn(self.ln1(x), attn_mask, causal)
        return x + self.ffn(self.ln2(x))


def run_blocks_cached(blocks: nn.ModuleList, x: torch.Tensor, past_k: torch.Tensor, past_v: torch.Tensor
                      ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Causal blocks over new positions with a key/value cache [L, B, H, P, D]; returns x and the new cache."""
    keys, values = [], []
    for i, block in enumerate(blocks):
        a, k, v = block.attn.forward_cached(block.ln1(x), past_k[i], past_v[i])
        x = x + a
        x = x + block.ffn(block.ln2(x))
        keys.append(k)
        values.append(v)
    return x, torch.stack(keys), torch.stack(values)


def run_blocks(blocks: nn.ModuleList, x: torch.Tensor, attn_mask: torch.Tensor | None, causal: bool,
               maps: list[torch.Tensor] | None = None) -> torch.Tensor:
    """Apply the blocks in order; when ``maps`` is a list, append each block's attention probabilities to it."""
    for block in blocks:
        if maps is not None:
            maps.append(block.attn.weights(block.ln1(x), attn_mask, causal))
        x = block(x, attn_mask, causal)
    return x


def init_gpt2_(model: nn.Module, num_layers: int) -> None:
    """GPT-2 init: N(0, 0.02) weights, zero biases, residual projections scaled by 1/sqrt(2 * layers)."""
    for module in model.modules():
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.02)
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
    residual_std = 0.02 / math.sqrt(2 * max(num_layers, 1))
    for module in model.modules():
        if isinstance(module, Block):
            nn.init.normal_(module.attn.proj.weight, std=residual_std)
            nn.init.normal_(module.ffn[2].weight, std=residual_std)
    for module in model.modules():
        if isinstance(module, nn.Embedding) and module.padding_idx is not None:
            with torch.no_grad():
                module.weight[module.padding_idx].zero_()
