"""The one way text becomes a model's input, for every tokenizer kind (char, word, jieba, BPE, WordPiece and a
pretrained model's fast tokenizer) and task.

Training (engine/data/pipeline.py), evaluation (engine/evaluate.py), prediction from a run
(engine/inference.py) or an export (engine/export/runtime.py), and so the window's Evaluate and Playground
panels, all encode through these functions: a classifier reads `classification_ids` (a pretrained model's own
special tokens, [CLS] ... [SEP], truncated inside them to max_length; the app's own tokenizers' ids cut at
max_length, an empty text as [<unk>]); a language model reads `encode_prompt` (<eos> + text, or the chat
template / "prompt\\n" for instruction data) and trains on `make_blocks` of `plain_ids`; instruction data is
`encode_pairs`.
"""
from __future__ import annotations

from typing import Any

import torch

from engine.data.tokens import TokenIds, as_token_ids
from engine.errors import DataError

BATCH = 1000  # texts encoded at a time by a pretrained tokenizer
UNLIMITED = 10**9


def classification_ids(tok: Any, texts: list[str], max_length: int) -> TokenIds:
    """The ids a classifier reads for each text, exactly as in training."""
    if hasattr(tok, "encode_for_classification"):  # pretrained: special tokens, truncated inside them
        ids = TokenIds.concat_chunks(tok.encode_for_classification(texts[i:i + BATCH], max_length)
                                     for i in range(0, len(texts), BATCH))
    else:
        ids = plain_ids(tok, texts)
    return frame_for_classification(tok, ids, max_length)


def frame_for_classification(tok: Any, ids: TokenIds, max_length: int) -> TokenIds:
    """Ids already encoded for classification, cut at max_length; an empty sequence becomes [<unk>]."""
    return ids.truncated(max_length, fill=tok.unk_id if tok.unk_id >= 0 else tok.pad_id)


def classify_one(tok: Any, text: str, max_length: int) -> tuple[list[int], bool]:
    """(ids a classifier reads for one text, whether the text was cut at max_length)."""
    full = classification_ids(tok, [text], UNLIMITED)[0]
    ids = classification_ids(tok, [text], max_length)[0]
    return ids, len(full) > len(ids)


def plain_ids(tok: Any, texts: list[str]) -> TokenIds:
    """The texts' ids without special tokens and untruncated (corpora for language models)."""
    encode = getattr(tok, "encode_ids", None)
    if encode is not None:
        return encode(texts)
    return TokenIds.concat_chunks(tok.encode_batch(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH))


def encode_prompt(tok: Any, text: str, sft: bool) -> list[int]:
    """The ids a language model continues: <eos> + text for plain corpora (documents follow <eos> in training);
    the chat template or "text\\n" for instruction data."""
    if sft:
        hf = getattr(tok, "hf", None)
        if hf is not None and getattr(hf, "chat_template", None):
            ids = hf.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True,
                                         tokenize=True)
            ids = ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids
            return [int(i) for i in ids]
        return [tok.eos_id] + tok.encode(text + "\n")
    return [tok.eos_id] + tok.encode(text)


def make_blocks(docs, eos_id: int, size: int, split: str, source: str) -> TokenIds:
    """Documents (TokenIds or id lists) joined with <eos> and cut into consecutive blocks of `size` ids (the
    partial tail dropped)."""
    docs = as_token_ids(docs)
    n_docs = len(docs)
    total = docs.total_tokens() + n_docs
    stream = torch.full((total,), eos_id, dtype=docs.flat.dtype)
    if n_docs:  # document i's ids move right by i (one <eos> after each earlier document)
        owner = torch.repeat_interleave(torch.arange(n_docs), docs.lengths)
        stream[torch.arange(docs.total_tokens()) + owner] = docs.flat.cpu()
    n = total // size
    if n == 0:
        if split == "train":
            raise DataError(f"The training split of '{source}' holds only {total:,} tokens, fewer than one "
                            f"block of data.max_length + 1 = {size} tokens. Lower data.max_length or add text.")
        return TokenIds.from_lists([stream.tolist()] if total >= 2 else [])
    lengths = torch.full((n,), size, dtype=torch.long)
    return TokenIds(stream[: n * size].clone(), torch.arange(n + 1, dtype=torch.long) * size, lengths)


def corpus_blocks(tok: Any, texts: list[str], max_length: int, split: str, source: str) -> TokenIds:
    """A language model's training/evaluation blocks of texts: max_length + 1 ids each (inputs and targets)."""
    return make_blocks(plain_ids(tok, texts), tok.eos_id, max_length + 1, split, source)


def encode_pairs(tok: Any, pairs: list[tuple[str, str]], max_length: int
                 ) -> tuple[list[list[int]], list[int], list[tuple[str, str]]]:
    """Each pair as prompt ids + response ids + <eos>, cut at max_length + 1 -> (ids, prompt lengths, the pairs
    kept). A pair whose prompt alone fills max_length has nothing to learn or score and is left out."""
    ids, plens, kept = [], [], []
    for p, r in pairs:
        head = encode_prompt(tok, p, True)
        seq = (head + tok.encode(r) + [tok.eos_id])[: max_length + 1]
        if len(head) < len(seq):
            ids.append(seq)
            plens.append(len(head))
            kept.append((p, r))
    return ids, plens, kept
