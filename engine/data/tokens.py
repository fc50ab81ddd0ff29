"""Token ids of a whole split in two flat tensors: `TokenIds`, a ragged array that reads like a list of lists.

A million tokenized reviews as Python lists cost ~700 bytes each (a list plus an int object per token); as one
int32 tensor of ids plus an int64 tensor of offsets they cost 4 bytes a token. The trainer pads a batch with
one gather (`pad`) instead of a Python loop, and on a GPU the whole split can live on the device so a training
step copies nothing but a few indices.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

import numpy as np
import torch

ID_DTYPE = torch.int32  # vocabularies up to 2**31 ids


class TokenIds:
    """Variable-length id sequences: sequence i is ``flat[offsets[i]:offsets[i + 1]]``.

    Indexing with an int gives a list of ints (as the lists it replaces did); a slice or an index array gives
    another TokenIds. `lengths` is a host (CPU) tensor, so batch widths never need a device sync."""

    __slots__ = ("flat", "offsets", "lengths", "_host_offsets")

    def __init__(self, flat: torch.Tensor, offsets: torch.Tensor, lengths: torch.Tensor | None = None) -> None:
        if offsets.dim() != 1 or len(offsets) < 1:
            raise ValueError("offsets must be a 1-d tensor of n + 1 positions")
        self.flat = flat
        self.offsets = offsets
        self._host_offsets = offsets if offsets.device.type == "cpu" else offsets.cpu()
        self.lengths = lengths if lengths is not None else self._host_offsets.diff()

    # ------------------------------------------------------------------ building
    @classmethod
    def from_lists(cls, seqs: Iterable[Sequence[int]]) -> TokenIds:
        """From lists (or arrays) of ids."""
        return cls.concat_chunks([list(seqs)])

    @classmethod
    def concat_chunks(cls, chunks: Iterable[Sequence[Sequence[int]]]) -> TokenIds:
        """From chunks of id lists, one chunk converted at a time: peak memory is one chunk's lists."""
        flats: list[np.ndarray] = []
        lengths: list[np.ndarray] = []
        for chunk in chunks:
            if isinstance(chunk, TokenIds):
                flats.append(chunk.flat.cpu().numpy().astype(np.int32, copy=False))
                lengths.append(chunk.lengths.numpy())
                continue
            lens = np.fromiter((len(s) for s in chunk), dtype=np.int64, count=len(chunk))
            flat = np.fromiter((i for s in chunk for i in s), dtype=np.int32, count=int(lens.sum()))
            flats.append(flat)
            lengths.append(lens)
        lens = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
        flat = np.concatenate(flats) if flats else np.zeros(0, dtype=np.int32)
        offsets = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        return cls(torch.from_numpy(flat), torch.from_numpy(offsets), torch.from_numpy(lens))

    @classmethod
    def empty(cls) -> TokenIds:
        return cls(torch.zeros(0, dtype=ID_DTYPE), torch.zeros(1, dtype=torch.long))

    # ------------------------------------------------------------------ list-like reading
    def __len__(self) -> int:
        return len(self.lengths)

    def __bool__(self) -> bool:
        return len(self.lengths) > 0

    def _row(self, i: int) -> torch.Tensor:
        start, end = int(self._host_offsets[i]), int(self._host_offsets[i + 1])
        return self.flat[start:end]

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer)):
            n = len(self)
            i = int(key) + n if key < 0 else int(key)
            if not 0 <= i < n:
                raise IndexError(f"sequence index {key} out of range for {n} sequences")
            return self._row(i).tolist()
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step == 1:
                stop = max(start, stop)
                a, b = int(self._host_offsets[start]), int(self._host_offsets[stop])
                return TokenIds(self.flat[a:b], self.offsets[start:stop + 1] - self.offsets[start],
                                self.lengths[start:stop])
            key = range(start, stop, step)
        return self.select(key)

    def __iter__(self) -> Iterator[list[int]]:
        flat = self.flat.cpu().numpy()
        offs = self._host_offsets.numpy()
        for i in range(len(self)):
            yield flat[offs[i]:offs[i + 1]].tolist()

    def tolist(self) -> list[list[int]]:
        return list(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenIds):
            return torch.equal(self.lengths, other.lengths) and torch.equal(self.flat.cpu().long(),
                                                                            other.flat.cpu().long())
        if isinstance(other, (list, tuple)):
            return len(other) == len(self) and all(list(a) == b for a, b in zip(other, self))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TokenIds({len(self)} sequences, {len(self.flat)} tokens, {self.flat.device})"

    @property
    def nbytes(self) -> int:
        return self.flat.numel() * self.flat.element_size() + self.offsets.numel() * 8

    def total_tokens(self) -> int:
        return int(self.flat.numel())

    # ------------------------------------------------------------------ transforms
    def select(self, index) -> TokenIds:
        """The sequences at `index` (ints, a range, an array or a tensor), in that order."""
        idx = torch.as_tensor(np.asarray(list(index) if isinstance(index, range) else index, dtype=np.int64)
                              if not isinstance(index, torch.Tensor) else index, dtype=torch.long).cpu()
        lens = self.lengths[idx]
        if len(idx) == 0:
            return TokenIds.empty()
        return TokenIds(_gather(self.flat.cpu(), self._host_offsets[idx], lens), _offsets(lens), lens)

    def truncated(self, max_length: int, fill: int | None = None) -> TokenIds:
        """Each sequence cut to its first `max_length` ids; an empty one becomes [fill] when fill is given."""
        if not len(self) or (int(self.lengths.max()) <= max_length and (fill is None or int(self.lengths.min()) > 0)):
            return self
        lens = self.lengths.clamp(max=max_length)
        flat = _gather(self.flat.cpu(), self._host_offsets[:-1], lens)
        if fill is not None and bool((lens == 0).any()):
            empty = lens == 0
            new_lens = torch.where(empty, torch.ones_like(lens), lens)
            offs = _offsets(new_lens)
            out = torch.full((int(offs[-1]),), fill, dtype=flat.dtype)
            keep = _ranges(offs[:-1], lens)
            out[keep] = flat
            return TokenIds(out, offs, new_lens)
        return TokenIds(flat, _offsets(lens), lens)

    def to(self, device: torch.device | str, pin: bool = False) -> TokenIds:
        """The same ids on `device` (lengths stay on the host); pin=True pins host memory for async copies."""
        device = torch.device(device)
        if device.type == "cpu":
            flat, offs = self.flat.cpu(), self.offsets.cpu()
            if pin and torch.cuda.is_available():
                flat, offs = flat.pin_memory(), offs.pin_memory()
            return TokenIds(flat, offs, self.lengths)
        return TokenIds(self.flat.to(device, non_blocking=True), self.offsets.to(device, non_blocking=True),
                        self.lengths)

    @property
    def device(self) -> torch.device:
        return self.flat.device

    # ------------------------------------------------------------------ batches
    def width(self, index: torch.Tensor) -> int:
        """The padded width of a batch: its longest sequence (at least 1); computed on the host, no sync."""
        if len(index) == 0:
            return 1
        return max(1, int(self.lengths[index.cpu() if index.device.type != "cpu" else index].max()))

    def pad(self, index: torch.Tensor, pad_id: int, width: int | None = None) -> torch.Tensor:
        """The sequences at `index` right-padded with `pad_id` to `width` (default: the longest): [B, W] int64
        on the ids' device. `index` lives on the ids' device; `width` is best given (see `width`) so that no
        device-to-host sync is needed."""
        if width is None:
            width = self.width(index)
        dev = self.flat.device
        starts = self.offsets[index]
        lens = self.offsets[index + 1] - starts
        pos = torch.arange(width, device=dev)
        real = pos.unsqueeze(0) < lens.unsqueeze(1)
        if self.flat.numel() == 0:
            return torch.full((len(index), width), pad_id, dtype=torch.long, device=dev)
        src = (starts.unsqueeze(1) + pos).clamp_(max=self.flat.numel() - 1)
        out = self.flat[src].long()
        return out.masked_fill_(~real, pad_id)


def _offsets(lengths: torch.Tensor) -> torch.Tensor:
    offs = torch.zeros(len(lengths) + 1, dtype=torch.long)
    torch.cumsum(lengths, 0, out=offs[1:])
    return offs


GATHER_CHUNK = 1 << 16  # sequences gathered at a time: the int64 index of a whole split would cost 8 B a token


def _gather(flat: torch.Tensor, starts: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """flat[starts[i]:starts[i] + lengths[i]] for every i, concatenated."""
    parts = [flat[_ranges(starts[a:a + GATHER_CHUNK], lengths[a:a + GATHER_CHUNK])]
             for a in range(0, len(starts), GATHER_CHUNK)]
    return torch.cat(parts) if parts else flat[:0]


def _ranges(starts: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Concatenated aranges: [starts[0] .. starts[0]+lengths[0]), [starts[1] .. ), ... as one index tensor."""
    total = int(lengths.sum())
    if total == 0:
        return torch.zeros(0, dtype=torch.long)
    ends = torch.cumsum(lengths, 0)
    seg = torch.repeat_interleave(torch.arange(len(lengths)), lengths)
    within = torch.arange(total) - (ends - lengths)[seg]
    return starts[seg] + within


def as_token_ids(seqs) -> TokenIds:
    """A TokenIds from whatever holds id sequences (TokenIds itself, lists, arrays)."""
    return seqs if isinstance(seqs, TokenIds) else TokenIds.from_lists(seqs)
