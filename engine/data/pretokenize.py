"""Tokenizing with a pretrained fast tokenizer through `datasets.map(batched=True)`, cached on disk.

The cache file is named by a hash of the tokenizer (its full serialised form), the texts, the mode and
max_length, so the same data with the same tokenizer is read back from Arrow instead of tokenized again
(a re-run, a resume, an evaluation of the run), and any change to one of them misses the cache."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from engine.data.tokens import TokenIds

BATCH = 1000


def cache_folder() -> Path:
    from engine.paths import cache_dir

    return cache_dir() / "tokenized"


def tokenizer_fingerprint(tok: Any) -> str | None:
    """A hash of the whole fast tokenizer (vocabulary, merges, normalizer, special tokens), or None when the
    tokenizer cannot be serialised (then nothing is cached)."""
    backend = getattr(getattr(tok, "hf", None), "backend_tokenizer", None)
    if backend is None:
        return None
    state = json.loads(backend.to_str())
    for transient in ("truncation", "padding"):  # set by the last call, not part of what the tokenizer is
        state.pop(transient, None)
    h = hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(type(tok.hf).__name__.encode())
    return h.hexdigest()


def texts_key(texts: list[str], mode: str, max_length: int | None, fingerprint: str) -> str:
    h = hashlib.sha256(f"{fingerprint}|{mode}|{max_length}|{len(texts)}".encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def encode_cached(tok: Any, texts: list[str], mode: str, max_length: int | None = None,
                  say: Callable[[str], None] | None = None, cache: bool = True,
                  fingerprint: str | None = None) -> tuple[TokenIds, bool]:
    """Token ids of `texts` for mode "classification" (special tokens, truncated to max_length) or "plain"
    (no special tokens, no truncation), and whether they came from the cache. Pass `fingerprint`
    (tokenizer_fingerprint) when encoding several splits with one tokenizer: it is worth computing once."""
    from engine.data.encoding import classification_ids, plain_ids

    def encode(batch: list[str]) -> list[list[int]]:  # the app's one encoding (engine/data/encoding.py), cached
        ids = classification_ids(tok, batch, max_length) if mode == "classification" else plain_ids(tok, batch)
        return ids.tolist()

    if cache and fingerprint is None:
        fingerprint = tokenizer_fingerprint(tok)
    elif not cache:
        fingerprint = None
    if fingerprint is None or not texts:
        return TokenIds.concat_chunks(encode(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)), False
    from datasets import Dataset

    key = texts_key(texts, mode, max_length, fingerprint)
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.arrow"
    hit = path.exists()
    if say is not None and not hit:
        say(f"Tokenizing {len(texts):,} texts (cached in {folder}) ...")
    ds = Dataset.from_dict({"text": texts})
    out = ds.map(lambda b: {"input_ids": encode(b["text"])}, batched=True, batch_size=BATCH,
                 remove_columns=["text"], cache_file_name=str(path), load_from_cache_file=True,
                 new_fingerprint=key, desc="Tokenizing")
    return _arrow_ids(out.data.column("input_ids")), hit


def _arrow_ids(column: Any) -> TokenIds:
    """An Arrow list<int> column as TokenIds, straight from its offsets and values (no Python lists)."""
    import numpy as np
    import pyarrow as pa
    import torch

    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if isinstance(arr, pa.ChunkedArray):  # an empty column
        arr = pa.array([], type=arr.type)
    lengths = np.array(arr.value_lengths().fill_null(0), dtype=np.int64)  # copies: Arrow's buffers are read-only
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = np.array(arr.flatten(), dtype=np.int32)
    return TokenIds(torch.from_numpy(values), torch.from_numpy(offsets), torch.from_numpy(lengths))
