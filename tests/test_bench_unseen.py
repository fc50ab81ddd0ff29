"""bench/unseen_data.py cannot rot: its held-out review files and its verdict line."""
from __future__ import annotations

import csv

from conftest import load_script


def _bench():
    return load_script("bench/unseen_data.py")


def _rows(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_the_held_out_review_files_have_other_columns_and_two_classes(tmp_path):
    paths = _bench().write_sets(tmp_path)
    seen = {}
    for path in paths:
        rows = _rows(path)
        seen[path.name] = (rows[0], len(rows) - 1, {r[2] for r in rows[1:]})
        assert all(r[1].strip() for r in rows[1:])
    assert seen == {"amazon.csv": (["id", "review_text", "polarity"], 3610, {"pos", "neg"}),
                    "tweets.csv": (["id", "tweet", "sentiment"], 4196, {"pos", "neg"}),
                    "nyt.csv": (["id", "snippet", "tone"], 4946, {"pos", "neg"})}


def test_the_verdict_counts_runs_above_equal_and_below_their_baselines():
    line = _bench().summary_line("default", [(0.80, 0.78), (0.70, 0.70), (0.60, 0.61)])
    assert "mean 0.7000 vs its baselines 0.6967 over 3 runs, +0.33 points, ratio 1.005 (beats it)" in line
    assert line.endswith("above 1, equal 1, below 1")
    assert "(does not beat it)" in _bench().summary_line("x", [(0.5, 0.6)])


def test_the_chinese_samples_are_detected_as_chinese_text_with_their_own_columns_and_labels(tmp_path):
    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data

    paths = _bench().write_chinese_sets(tmp_path)
    assert [p.name for p in paths] == ["zh-2000.csv", "zh-5000.csv", "zh-10000.csv"]
    rows = _rows(paths[0])
    assert rows[0] == ["编号", "评论", "情感"] and len(rows) - 1 == 2000
    labels = [r[2] for r in rows[1:]]
    assert set(labels) == {"好评", "差评"} and 800 < labels.count("好评") < 1200  # a sample, not the first rows
    assert len({r[1] for r in rows[1:]}) == 2000
    # what `hellotorch train default --set data.source=zh-2000.csv` reads: the columns and the language found
    cfg = cfgmod.check(cfgmod.load_preset("default", [f"data.source={paths[0]}"]))
    data = prepare_data(cfg)
    assert data.language == "zh" and sorted(data.label_names) == ["好评", "差评"]
    assert sum(len(v) for v in data.texts.values()) == 2000
    assert data.tokenizer.kind == "char"  # data.tokenizer auto: characters for Chinese


def test_chinese_reviews_splits_into_its_three_kinds_of_review_each_a_data_set_of_its_own(tmp_path):
    paths = _bench().write_domain_sets(tmp_path)
    seen, texts = {}, {}
    for path in paths:
        rows = _rows(path)
        labels = [r[1] for r in rows[1:]]
        seen[path.name] = (rows[0], len(rows) - 1, {v: labels.count(v) for v in set(labels)})
        texts[path.name] = [r[0] for r in rows[1:]]
    assert seen == {"books.csv": (["书评", "评价"], 3748, {"好评": 2000, "差评": 1748}),
                    "hotels.csv": (["点评内容", "倾向"], 7875, {"正面": 3469, "负面": 4406}),
                    "laptops.csv": (["内容", "极性"], 5740, {"1": 2863, "0": 2877})}
    # the cuts fall where the kind changes: each file's texts speak of its own kind
    assert sum("酒店" in t for t in texts["books.csv"]) < 10 < sum("酒店" in t for t in texts["hotels.csv"])
    assert sum("键盘" in t for t in texts["hotels.csv"]) < 10 < sum("键盘" in t for t in texts["laptops.csv"])
    assert sum(len(v) for v in texts.values()) == 17363  # every row of chinese-reviews, once


def test_the_cuts_between_kinds_agree_with_the_most_keywords():
    bench = _bench()
    lines = ["这本书的作者"] * 5 + ["酒店房间"] * 7 + ["键盘和屏幕"] * 4
    assert bench.domain_bounds(lines) == (5, 12)
    lines[2] = "酒店"  # a stray match does not move the cut
    assert bench.domain_bounds(lines) == (5, 12)


def test_the_topic_files_hold_labels_that_are_not_sentiment(tmp_path):
    """--data topics: which source an English snippet comes from (4 classes, 20,000 seeded rows) and which kind of
    review a Chinese one is (3 classes, all 17,363 rows); the app reads each as multi-class data of its language."""
    from collections import Counter

    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data

    en, zh = _bench().write_topic_sets(tmp_path)
    rows = _rows(en)
    assert en.name == "en-origin.csv" and rows[0] == ["snippet", "origin"] and len(rows) - 1 == 20_000
    counts = Counter(r[1] for r in rows[1:])
    assert set(counts) == {"movie", "amazon", "tweets", "nyt"} and min(counts.values()) > 2500
    (tmp_path / "again").mkdir()
    assert rows[1:] == _rows(_bench().write_topic_sets(tmp_path / "again")[0])[1:]  # seeded: the same file
    rows = _rows(zh)
    assert zh.name == "zh-kind.csv" and rows[0] == ["文本", "类别"]
    assert Counter(r[1] for r in rows[1:]) == {"酒店": 7875, "电脑": 5740, "图书": 3748}
    for path, language, classes in ((en, "en", 4), (zh, "zh", 3)):
        data = prepare_data(cfgmod.check(cfgmod.load_preset("default", [f"data.source={path}"])))
        assert data.language == language and len(data.label_names) == classes and not data.imbalanced


def test_the_long_reviews_are_long_mixed_and_seeded(tmp_path):
    """--data long: 2,000 English reviews of 7 sentences of the held-out sets, read as two-class English data
    whose texts run past the deep half's 32 tokens."""
    from collections import Counter

    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data

    (path,) = _bench().write_long_sets(tmp_path)
    rows = _rows(path)
    assert path.name == "long-reviews.csv" and rows[0] == ["review", "verdict"] and len(rows) - 1 == 2_000
    assert set(Counter(r[1] for r in rows[1:])) == {"recommended", "not recommended"}
    (tmp_path / "again").mkdir()
    assert rows == _rows(_bench().write_long_sets(tmp_path / "again")[0])
    data = prepare_data(cfgmod.check(cfgmod.load_preset("default", [f"data.source={path}"])))
    assert data.language == "en" and data.label_names == ["not recommended", "recommended"]
    assert data.stats["token_lengths"]["median"] > 100  # the deep half reads 32
