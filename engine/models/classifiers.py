"""Text classifiers built from scratch: TextCNN, RNN/LSTM/GRU and a pre-LN Transformer encoder.

Every classifier maps right-padded ``input_ids`` [B, T] to logits [B, num_classes]; positions equal to
``pad_id`` never change the result. With ``ngram_buckets`` > 0 each also adds a hashed bag of token n-grams
(``NgramBag``, the "wide" half of wide & deep) to its logits; TextCNN and the RNNs can then read only the
first ``deep_max_length`` tokens with the network while the bag reads the whole input (long texts at the cost
of short ones).
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from engine.models.layers import Block, NgramBag, init_gpt2_, run_blocks, run_rnn, token_mask


class _Wide:
    """Mixin: the optional n-gram bag added to the logits (attribute ``ngram``, None when off)."""

    ngram: NgramBag | None

    def _set_ngram(self, buckets: int, num_classes: int, pad_id: int, deep_max_length: int = 0) -> None:
        self.ngram = NgramBag(buckets, num_classes, pad_id) if buckets > 0 else None
        self.deep_max_length = int(deep_max_length)

    def _deep_ids(self, input_ids: torch.Tensor) -> torch.Tensor:
        """The tokens the network reads: the first ``deep_max_length`` (0 = all); the bag reads them all."""
        return input_ids[:, : self.deep_max_length] if self.deep_max_length > 0 else input_ids

    def _plus_ngram(self, logits: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        return logits if self.ngram is None else logits + self.ngram(input_ids).to(logits.dtype)


class TextCNN(_Wide, nn.Module):
    """Kim (2014) CNN-rand: parallel Conv1d widths, ReLU, masked max-over-time, dropout, linear."""

    task = "classification"
    arch = "textcnn"

    def __init__(self, vocab_size: int, num_classes: int, embed_dim: int, kernel_sizes: list[int],
                 num_filters: int, dropout: float, pad_id: int = 0, ngram_buckets: int = 0,
                 deep_max_length: int = 0) -> None:
        super().__init__()
        if not kernel_sizes or min(kernel_sizes) < 1:
            raise ValueError(f"kernel_sizes must be positive integers, got {kernel_sizes}")
        self.pad_id = pad_id
        self.kernel_sizes = tuple(kernel_sizes)
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_id)
        self.convs = nn.ModuleList(nn.Conv1d(embed_dim, num_filters, k) for k in self.kernel_sizes)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(num_filters * len(self.kernel_sizes), num_classes)
        self._set_ngram(ngram_buckets, num_classes, pad_id, deep_max_length)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """input_ids [B, T] -> logits [B, num_classes]."""
        # Room for one window per width even in a text shorter than the widest kernel. Padding always (not
        # only when short) keeps the graph free of a length branch, so traced/ONNX exports take any length;
        # the extra windows lie past the text and are masked below.
        ids = F.pad(self._deep_ids(input_ids), (0, max(self.kernel_sizes) - 1), value=self.pad_id)
        real = token_mask(ids, self.pad_id)
        lengths = real.sum(dim=1, keepdim=True)  # [B, 1]
        x = (self.embedding(ids) * real.unsqueeze(-1)).transpose(1, 2)  # [B, E, T]; pads exactly zero
        starts = torch.arange(ids.shape[1], device=ids.device)
        pooled = []
        for k, conv in zip(self.kernel_sizes, self.convs, strict=True):
            h = F.relu(conv(x))  # [B, F, T - k + 1]
            s = starts[: h.shape[-1]]
            # A window counts when it lies inside the real text; the first one always counts (short texts).
            valid = (s + k <= lengths) | (s == 0)
            pooled.append(h.masked_fill(~valid.unsqueeze(1), 0.0).amax(dim=-1))  # ReLU >= 0, so 0 is neutral
        return self._plus_ngram(self.fc(self.dropout(torch.cat(pooled, dim=1))), input_ids)  # pads: left out


class RNNClassifier(_Wide, nn.Module):
    """Embedding -> packed RNN/LSTM/GRU -> pooled states -> linear.

    ``pooling`` "last" takes the last layer's final hidden state of each direction; "max" and "mean" pool the
    top layer's outputs over the real (unpadded) positions.
    """

    task = "classification"

    def __init__(self, arch: str, vocab_size: int, num_classes: int, embed_dim: int, hidden_dim: int,
                 num_layers: int, bidirectional: bool, dropout: float, pad_id: int = 0,
                 pooling: str = "last", ngram_buckets: int = 0, deep_max_length: int = 0) -> None:
        super().__init__()
        if pooling not in ("last", "max", "mean"):
            raise ValueError(f"pooling must be last, max or mean, got {pooling!r}")
        self.pooling = pooling
        rnn_cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[arch]
        self.arch = arch
        self.pad_id = pad_id
        self.num_layers = num_layers
        self.num_directions = 2 if bidirectional else 1
        self.hidden_dim = hidden_dim
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_id)
        self.rnn = rnn_cls(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True,
                           bidirectional=bidirectional, dropout=dropout if num_layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(hidden_dim * self.num_directions, num_classes)
        self._set_ngram(ngram_buckets, num_classes, pad_id, deep_max_length)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """input_ids [B, T] -> logits [B, num_classes]; each row stops at its own length."""
        ids = self._deep_ids(input_ids)
        lengths = token_mask(ids, self.pad_id).sum(dim=1).clamp(min=1)  # an all-pad row still runs one step
        run = self._forward_causal if self._causal_ok() else self._forward_packed
        return self._plus_ngram(run(ids, lengths), input_ids)

    def _causal_ok(self) -> bool:
        """Whether the padded batch can run without packing: one direction (an output at a real position depends
        only on the tokens up to it, never on the right padding), and no dropout between layers in training (its
        masks would be drawn over the padding too, so the random stream would change)."""
        return self.num_directions == 1 and (self.num_layers == 1 or self.rnn.dropout == 0 or not self.training)

    def _forward_causal(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """The padded batch in one pass, pooled over each row's real positions: packing's result (equal up to float
        rounding) in ~15% less time on a CPU, with no sorting and no per-step batch sizes (bench/rnn_packing.py)."""
        out, _ = run_rnn(self.rnn, self.embedding(ids))
        if self.pooling == "last":
            features = out.gather(1, (lengths - 1).view(-1, 1, 1).expand(-1, 1, out.shape[-1])).squeeze(1)
        else:
            features = self._pool(out, lengths)
        return self.fc(self.dropout(features))

    def _forward_packed(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Packed sequences: each row's steps stop at its length (both directions of a bidirectional RNN)."""
        packed = pack_padded_sequence(self.embedding(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        outputs, state = run_rnn(self.rnn, packed)
        if self.pooling != "last":
            out, _ = pad_packed_sequence(outputs, batch_first=True, total_length=ids.shape[1])
            return self.fc(self.dropout(self._pool(out, lengths)))
        h_n = state[0] if isinstance(state, tuple) else state  # LSTM returns (h_n, c_n)
        return self._head_from_last(h_n, ids.shape[0])

    def _pool(self, out: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """max or mean of outputs [B, T, F] over each row's first `lengths` positions."""
        keep = (torch.arange(out.shape[1], device=out.device)[None, :] < lengths[:, None]).unsqueeze(-1)
        if self.pooling == "max":
            return out.masked_fill(~keep, torch.finfo(out.dtype).min).amax(dim=1)
        return (out * keep).sum(dim=1) / lengths[:, None].to(out.dtype)

    def _head_from_last(self, h_n: torch.Tensor, b: int) -> torch.Tensor:
        last = h_n.view(self.num_layers, self.num_directions, b, self.hidden_dim)[-1]  # [dirs, B, H]
        features = last.transpose(0, 1).reshape(b, self.num_directions * self.hidden_dim)
        return self.fc(self.dropout(features))

    def _unidirectional(self, layer: int, reverse: bool) -> nn.Module:
        """A one-layer, one-direction RNN sharing this model's weights for (layer, direction); kept outside
        the module tree so state_dict and checkpoints do not change."""
        cache = self.__dict__.setdefault("_unidirectional_cache", {})
        key = (layer, reverse)
        if key not in cache:
            rnn = self.rnn
            size = rnn.input_size if layer == 0 else self.hidden_dim * self.num_directions
            one = type(rnn)(size, self.hidden_dim, num_layers=1, batch_first=True)
            suffix = f"_l{layer}" + ("_reverse" if reverse else "")
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                setattr(one, f"{name}_l0", getattr(rnn, name + suffix))
            one._flat_weights = [getattr(one, n) for n in one._flat_weights_names]
            cache[key] = one.eval()
        return cache[key]

    def forward_unpacked(self, input_ids: torch.Tensor) -> torch.Tensor:
        """The same logits as forward() without packed sequences, for TorchScript/ONNX export: each direction
        runs over the padded batch, the backward one on every row reversed within its own length."""
        ids = self._deep_ids(input_ids)
        real = token_mask(ids, self.pad_id)
        lengths = real.sum(dim=1).clamp(min=1)
        b, t = ids.shape
        pos = torch.arange(t, device=ids.device).unsqueeze(0).expand(b, t)
        last_idx = (lengths - 1).view(b, 1, 1)
        # position j <-> length - 1 - j inside the text; padding stays in place (an involution)
        flip = torch.where(pos < lengths[:, None], lengths[:, None] - 1 - pos, pos)
        x = self.embedding(ids)
        finals: list[torch.Tensor] = []
        for layer in range(self.num_layers):
            outs = []
            finals = []
            for reverse in ([False, True] if self.num_directions == 2 else [False]):
                inp = x.gather(1, flip.unsqueeze(-1).expand(-1, -1, x.shape[-1])) if reverse else x
                out, _ = self._unidirectional(layer, reverse)(inp)
                finals.append(out.gather(1, last_idx.expand(-1, 1, out.shape[-1])).squeeze(1))
                outs.append(out.gather(1, flip.unsqueeze(-1).expand(-1, -1, out.shape[-1])) if reverse else out)
            x = torch.cat(outs, dim=-1)
        if self.pooling == "last":
            return self._plus_ngram(self.fc(self.dropout(torch.cat(finals, dim=-1))), input_ids)
        return self._plus_ngram(self.fc(self.dropout(self._pool(x, lengths))), input_ids)


class TransformerClassifier(_Wide, nn.Module):
    """Pre-LN Transformer encoder with learned positions, key-padding masks and mean/max/cls pooling."""

    task = "classification"
    arch = "transformer"

    def __init__(self, vocab_size: int, num_classes: int, embed_dim: int, num_heads: int, ffn_dim: int,
                 num_layers: int, max_length: int, pooling: str, dropout: float, pad_id: int = 0,
                 ngram_buckets: int = 0) -> None:
        super().__init__()
        if pooling not in ("mean", "max", "cls"):
            raise ValueError(f"pooling must be mean, max or cls, got {pooling!r}")
        self.pad_id = pad_id
        self.pooling = pooling
        self.max_length = max_length
        self.tok_emb = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_id)
        self.pos_emb = nn.Embedding(max_length + (1 if pooling == "cls" else 0), embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim)) if pooling == "cls" else None
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(embed_dim, num_heads, ffn_dim, dropout) for _ in range(num_layers))
        self.ln_f = nn.LayerNorm(embed_dim)
        self.head = nn.Linear(embed_dim, num_classes)
        init_gpt2_(self, num_layers)
        if self.cls_token is not None:
            nn.init.normal_(self.cls_token, std=0.02)
        self._set_ngram(ngram_buckets, num_classes, pad_id)

    def _encode(self, input_ids: torch.Tensor, maps: list[torch.Tensor] | None = None
                ) -> tuple[torch.Tensor, torch.Tensor]:
        """Token states [B, T', C] after the final LN and the real-token mask [B, T'] (T' counts [CLS])."""
        input_ids = input_ids[:, : self.max_length]  # longer texts are truncated, as the data pipeline does
        real = token_mask(input_ids, self.pad_id)
        x = self.tok_emb(input_ids)
        if self.cls_token is not None:
            b = input_ids.shape[0]
            x = torch.cat([self.cls_token.expand(b, -1, -1).to(x.dtype), x], dim=1)
            real = torch.cat([real.new_ones(b, 1), real], dim=1)
        x = self.drop(x + self.pos_emb(torch.arange(x.shape[1], device=x.device)))
        x = run_blocks(self.blocks, x, real[:, None, None, :], False, maps)
        return self.ln_f(x), real

    def forward(self, input_ids: torch.Tensor, return_attention: bool = False
                ) -> torch.Tensor | tuple[torch.Tensor, list[torch.Tensor]]:
        """input_ids [B, T] -> logits [B, num_classes], plus per-layer attention maps when asked."""
        maps: list[torch.Tensor] | None = [] if return_attention else None
        h, real = self._encode(input_ids, maps)
        if self.pooling == "cls":
            pooled = h[:, 0]
        elif self.pooling == "max":
            pooled = h.masked_fill(~real.unsqueeze(-1), torch.finfo(h.dtype).min).amax(dim=1)
        else:
            weights = real.unsqueeze(-1).to(h.dtype)
            pooled = (h * weights).sum(dim=1) / weights.sum(dim=1)
        logits = self._plus_ngram(self.head(self.drop(pooled)), input_ids[:, : self.max_length])
        return (logits, maps) if maps is not None else logits

    @torch.no_grad()
    def attention_maps(self, input_ids: torch.Tensor) -> list[torch.Tensor]:
        """One [B, heads, T', T'] probability map per layer (row = query); with cls pooling index 0 is [CLS]."""
        maps: list[torch.Tensor] = []
        self._encode(input_ids, maps)
        return maps


class Ensemble(nn.Module):
    """Several copies of one classifier (``model.ensemble``), each started from its own random weights.

    In training mode forward returns every member's logits stacked [K, B, C], so each member learns from its own
    loss (engine.training.batches.compute_loss) over the same batches: K independent models in one optimizer.
    In eval mode it returns log of the members' mean class probabilities [B, C]: logits whose softmax is the
    averaged prediction, so every path that takes logits (evaluation, inference, ONNX, TorchScript, int8) gives
    the ensemble's answer from one module.
    """

    task = "classification"

    def __init__(self, members: list[nn.Module]) -> None:
        super().__init__()
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least two members, got {len(members)}")
        self.members = nn.ModuleList(members)
        self.arch = members[0].arch
        self.pad_id = members[0].pad_id

    @staticmethod
    def combine(stacked: torch.Tensor) -> torch.Tensor:
        """[K, B, C] member logits -> [B, C] log mean probability (computed in fp32)."""
        log_p = torch.log_softmax(stacked.float(), dim=-1)
        return torch.logsumexp(log_p, dim=0) - math.log(stacked.shape[0])

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        stacked = torch.stack([m(input_ids) for m in self.members])
        return stacked if self.training else self.combine(stacked)

    def forward_unpacked(self, input_ids: torch.Tensor) -> torch.Tensor:
        """The export-friendly forward (engine.export.core.traceable): each member's own, combined."""
        return self.combine(torch.stack([m.forward_unpacked(input_ids) if hasattr(m, "forward_unpacked")
                                         else m(input_ids) for m in self.members]))


def members(model: nn.Module) -> list[nn.Module]:
    """The classifiers inside ``model``: an Ensemble's members, else the model itself (DDP unwrapped)."""
    inner = getattr(model, "module", model)
    return list(inner.members) if isinstance(inner, Ensemble) else [inner]
