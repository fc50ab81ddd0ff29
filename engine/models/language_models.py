"""Language models built from scratch: a GPT-style causal Transformer and an LSTM language model.

Both map ``input_ids`` [B, T] to next-token logits [B, T, vocab]: position t predicts token t + 1.
"""
from __future__ import annotations

import torch
from torch import nn

from engine.models.layers import Block, init_gpt2_, run_blocks, run_blocks_cached, run_rnn

UNLIMITED_CONTEXT = 10**9


class GPT(nn.Module):
    """GPT-2-style decoder: token + learned positions, pre-LN causal blocks, final LN, (tied) LM head."""

    task = "generation"
    arch = "gpt"

    def __init__(self, vocab_size: int, embed_dim: int, num_heads: int, ffn_dim: int, num_layers: int,
                 max_context: int, dropout: float, tie_weights: bool, pad_id: int = 0) -> None:
        super().__init__()
        self.pad_id = pad_id
        self.max_context = max_context
        self.context_length = max_context
        self.tok_emb = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_id)
        self.pos_emb = nn.Embedding(max_context, embed_dim)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(embed_dim, num_heads, ffn_dim, dropout) for _ in range(num_layers))
        self.ln_f = nn.LayerNorm(embed_dim)
        self.head = nn.Linear(embed_dim, vocab_size, bias=False)
        init_gpt2_(self, num_layers)
        if tie_weights:
            self.head.weight = self.tok_emb.weight

    def _check_length(self, t: int) -> None:
        if t > self.max_context:
            raise ValueError(f"GPT got {t} tokens but its context holds {self.max_context} (data.max_length); "
                             f"crop the input to the last {self.max_context} tokens.")

    def _hidden(self, input_ids: torch.Tensor, maps: list[torch.Tensor] | None = None) -> torch.Tensor:
        self._check_length(input_ids.shape[1])
        pos = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.drop(self.tok_emb(input_ids) + self.pos_emb(pos))
        return self.ln_f(run_blocks(self.blocks, x, None, True, maps))

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """input_ids [B, T] (T <= max_context) -> logits [B, T, vocab]."""
        return self.head(self._hidden(input_ids))

    def cache_shape(self, batch: int = 1) -> tuple[int, ...]:
        """Shape of an empty key/value cache: [layers, batch, heads, 0, head_dim]."""
        attn = self.blocks[0].attn
        return (len(self.blocks), batch, attn.num_heads, 0, attn.head_dim)

    def forward_cached(self, input_ids: torch.Tensor, past_keys: torch.Tensor, past_values: torch.Tensor
                       ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Incremental decoding: logits of the new ids [B, T] that follow P cached positions, and the cache
        grown to P + T (keys/values [L, B, H, P, D]). Equal to forward() on the whole sequence."""
        start = past_keys.shape[3]
        pos = torch.arange(input_ids.shape[1], device=input_ids.device) + start
        x = self.drop(self.tok_emb(input_ids) + self.pos_emb(pos))
        x, keys, values = run_blocks_cached(self.blocks, x, past_keys, past_values)
        return self.head(self.ln_f(x)), keys, values

    @torch.no_grad()
    def attention_maps(self, input_ids: torch.Tensor) -> list[torch.Tensor]:
        """One causal [B, heads, T, T] probability map per layer (row = query)."""
        maps: list[torch.Tensor] = []
        self._hidden(input_ids, maps)
        return maps


class LSTMLanguageModel(nn.Module):
    """Embedding -> unidirectional LSTM -> (projection when tying needs it) -> (tied) LM head."""

    task = "generation"
    arch = "lstm_lm"

    def __init__(self, vocab_size: int, embed_dim: int, hidden_dim: int, num_layers: int, dropout: float,
                 tie_weights: bool, context_length: int, pad_id: int = 0) -> None:
        super().__init__()
        self.pad_id = pad_id
        self.max_context = UNLIMITED_CONTEXT  # no positional limit
        self.context_length = context_length  # what it was trained on; generate() crops to this
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_id)
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True,
                            dropout=dropout if num_layers > 1 else 0.0)
        self.proj = nn.Linear(hidden_dim, embed_dim) if tie_weights and hidden_dim != embed_dim else None
        self.head = nn.Linear(embed_dim if tie_weights else hidden_dim, vocab_size)
        nn.init.uniform_(self.embedding.weight, -0.1, 0.1)  # as PyTorch's word_language_model example
        with torch.no_grad():
            self.embedding.weight[pad_id].zero_()
        nn.init.zeros_(self.head.bias)
        if tie_weights:
            self.head.weight = self.embedding.weight
        else:
            nn.init.uniform_(self.head.weight, -0.1, 0.1)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """input_ids [B, T] -> logits [B, T, vocab]."""
        out, _ = run_rnn(self.lstm, self.drop(self.embedding(input_ids)))
        return self._logits(out)

    def _logits(self, out: torch.Tensor) -> torch.Tensor:
        out = self.drop(out)
        if self.proj is not None:
            out = self.proj(out)
        return self.head(out)

    def cache_shape(self, batch: int = 1) -> tuple[int, ...]:
        """Shape of the (zero) initial state h0 = c0: [layers, batch, hidden]."""
        return (self.lstm.num_layers, batch, self.lstm.hidden_size)

    def forward_cached(self, input_ids: torch.Tensor, h0: torch.Tensor, c0: torch.Tensor
                       ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Incremental decoding: logits of the new ids given the state after the earlier ones, and the new
        state (h, c) [L, B, H]."""
        out, (h, c) = run_rnn(self.lstm, self.drop(self.embedding(input_ids)), (h0, c0))
        return self._logits(out), h, c
