"""The cost of splitting words as tokenizer.json does (split 2) against Python's own \\w (split 1).

Word and character tokenizers made since 2026-12-07 split and lowercase with the rules of the `tokenizers`
library (engine/data/word_classes.py), so that an export's tokenizer.json encodes every script as the app does
(Hindi and Thai words had become pieces). This builds and encodes the built-in classification data sets with both
splits, side by side in one process, alternating over rounds, and prints the median seconds and the ratio
(split 2 / split 1; above 1 = slower). The texts are repeated to `--texts` so that the timing is not noise.

    .venv/bin/python bench/tokenizer_split.py
    .venv/bin/python bench/tokenizer_split.py --texts 200000 --rounds 5
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from engine.data import builtin  # noqa: E402
from engine.data import tokenize as tk  # noqa: E402

SETS = {"movie-reviews": ("word", "en"), "chinese-reviews": ("char", "zh")}


def build(texts: list[str], kind: str, language: str, split: int) -> float:
    """Seconds to build the vocabulary and encode the texts with one split."""
    default = tk.TextTokenizer.__init__.__defaults__
    tk.TextTokenizer.__init__.__defaults__ = (None, None, split)  # the split a new tokenizer gets
    try:
        t0 = time.perf_counter()
        tok, _ids = tk.build_and_encode(kind, texts, vocab_size=50_000, language=language)
        seconds = time.perf_counter() - t0
    finally:
        tk.TextTokenizer.__init__.__defaults__ = default
    assert tok.split == split
    return seconds


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--texts", type=int, default=100_000, help="texts per data set (repeated to reach it)")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    for name, (kind, language) in SETS.items():
        texts = [t for t in builtin.load_builtin(name, "classification")["text"] if t]
        texts = (texts * (args.texts // len(texts) + 1))[:args.texts]
        times: dict[int, list[float]] = {1: [], 2: []}
        for r in range(args.rounds):
            for split in ((1, 2) if r % 2 == 0 else (2, 1)):
                times[split].append(build(texts, kind, language, split))
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"tokenizer_split: {name} ({kind}, {len(texts):,} texts): split 2 {two:.2f} s vs split 1 {one:.2f} s "
              f"(median of {args.rounds}), ratio {two / one:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
