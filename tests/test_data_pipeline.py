"""prepare_data end to end on small files: shapes, determinism, generation blocks and user errors."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import csv  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402

import pytest  # noqa: E402

from engine.config import Config  # noqa: E402
from engine.data.pipeline import prepare_data, stats_for_spec  # noqa: E402
from engine.errors import DataError  # noqa: E402

WORDS = {"pos": ["great", "lovely", "superb", "fun", "moving"], "neg": ["boring", "awful", "dull", "weak", "bad"],
         "mid": ["fine", "okay", "average", "decent", "so-so"]}


def make_csv(path, n=120, classes=("pos", "neg", "mid"), seed=0):
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "review", "sentiment"])
        for i in range(n):
            c = classes[i % len(classes)]
            words = [rng.choice(WORDS[c]) for _ in range(rng.randint(3, 12))] + ["film", str(i)]
            w.writerow([i, " ".join(words), c])
    return path


def config(source, task="classification", **data):
    cfg = Config()
    cfg.task = task
    cfg.data.source = str(source)
    cfg.data.max_length = 8
    for k, v in data.items():
        setattr(cfg.data, k, v)
    return cfg


@pytest.mark.parametrize("kind", ["char", "word", "bpe", "wordpiece"])
def test_classification_shapes(tmp_path, kind):
    msgs = []
    d = prepare_data(config(make_csv(tmp_path / "r.csv"), tokenizer=kind, vocab_size=120), progress=msgs.append)
    assert msgs and d.text_column == "review" and d.label_column == "sentiment"
    assert d.label_names == ["mid", "neg", "pos"] and d.language == "en" and d.encoding == "utf-8"
    assert {k: len(v) for k, v in d.ids.items()} == {"train": 96, "val": 12, "test": 12}
    for split in ("train", "val", "test"):
        assert len(d.texts[split]) == len(d.labels[split]) == len(d.ids[split])
        assert all(1 <= len(x) <= 8 for x in d.ids[split])
    assert set(d.labels["test"]) == {0, 1, 2}
    assert d.stats["rows"] == 96 and sum(d.stats["label_counts"].values()) == 96
    assert d.tokenizer.vocab_size <= 120 and d.report.rows_out == 120
    json.dumps(d.stats)


def test_prepare_data_is_deterministic(tmp_path):
    src = make_csv(tmp_path / "r.csv")
    a = prepare_data(config(src, tokenizer="bpe", vocab_size=100, aug_mask_prob=0.1))
    b = prepare_data(config(src, tokenizer="bpe", vocab_size=100, aug_mask_prob=0.1))
    assert a.texts == b.texts and a.labels == b.labels and a.ids == b.ids
    assert a.tokenizer.to_dict() == b.tokenizer.to_dict() and a.stats == b.stats
    other = config(src, tokenizer="bpe", vocab_size=100)
    other.train.seed = 43
    assert prepare_data(other).texts["test"] != a.texts["test"]


def test_generation_blocks(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(f"line {i} of a small corpus about films" for i in range(200)), encoding="utf-8")
    d = prepare_data(config(path, task="generation", tokenizer="word", max_length=16))
    assert d.label_names == [] and d.labels == {"train": [], "val": [], "test": []}
    assert d.ids["train"] and all(len(b) == 17 for b in d.ids["train"])
    flat = [i for b in d.ids["train"] for i in b]
    assert flat.count(d.tokenizer.eos_id) >= len(flat) // 10
    assert d.ids["val"] and all(2 <= len(b) <= 17 for b in d.ids["val"])


def test_generation_short_val_gets_one_short_block_and_short_train_fails(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("\n".join(f"doc {i} has a few words" for i in range(30)), encoding="utf-8")
    d = prepare_data(config(path, task="generation", tokenizer="char", max_length=60, val_fraction=0.04,
                            test_fraction=0.04))
    assert len(d.ids["val"]) == 1 and 2 <= len(d.ids["val"][0]) < 61
    with pytest.raises(DataError, match="data.max_length"):
        prepare_data(config(path, task="generation", tokenizer="word", max_length=4000))


def test_chinese_csv_and_limit_rows(tmp_path):
    pos = ["这部电影很好看", "演员表演非常出色", "剧情感人，值得一看", "画面很美"]
    neg = ["太无聊了", "浪费时间，不推荐", "剧情很差", "演技尴尬"]
    rows = [(f"{t}{i}", lab) for i in range(10) for t, lab in [(pos[i % 4], "正面"), (neg[i % 4], "负面")]]
    path = tmp_path / "zh.csv"
    path.write_bytes(("内容,标签\n" + "\n".join(f"{t},{lab}" for t, lab in rows) + "\n").encode("gb18030"))
    d = prepare_data(config(path, tokenizer="word", limit_rows=10))
    assert d.language == "zh" and d.encoding == "gb18030" and d.label_names == ["正面", "负面"]
    assert sum(len(v) for v in d.texts.values()) == 10 and d.report.dropped["row_limit"] == 10
    assert "row_limit" not in d.report.examples


def test_pipeline_user_errors(tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("text,label\n" + "\n".join(f"t{i},same" for i in range(20)) + "\n")
    with pytest.raises(DataError, match="only one class"):
        prepare_data(config(one))
    few = tmp_path / "few.csv"
    few.write_text("text,label\na,x\nb,y\nc,x\n")
    with pytest.raises(DataError, match="Only 3 rows"):
        prepare_data(config(few))
    nan = tmp_path / "nan.csv"
    nan.write_text("text,label\na,\nb,\n")
    with pytest.raises(DataError, match="Every label in column 'label'"):
        prepare_data(config(nan))
    empty = tmp_path / "empty.csv"
    empty.write_text('text,label\n"",x\n" ",y\n')
    with pytest.raises(DataError, match="Every text in column 'text'"):
        prepare_data(config(empty))
    with pytest.raises(DataError, match="'nope'.*'id', 'review', 'sentiment'"):
        prepare_data(config(make_csv(tmp_path / "r.csv"), label_column="nope"))
    with pytest.raises(DataError, match="generation only"):
        prepare_data(config("people-daily"))


def test_missing_labels_are_dropped_and_reported(tmp_path):
    path = make_csv(tmp_path / "r.csv", n=60)
    text = path.read_text().splitlines()
    text[5] = text[5].rsplit(",", 1)[0] + ","
    path.write_text("\n".join(text) + "\n")
    d = prepare_data(config(path))
    assert d.report.dropped == {"missing_label": 1} and d.report.rows_out == 59


def test_builtin_chinese_reviews_prepare(tmp_path):
    d = prepare_data(config("chinese-reviews", tokenizer="char", limit_rows=400, max_length=64))
    assert d.language == "zh" and d.label_names == ["negative", "positive"] and len(d.ids["train"]) == 320


def test_stats_for_spec(tmp_path):
    st = stats_for_spec(str(make_csv(tmp_path / "r.csv")), max_length=5)
    assert st["text_column"] == "review" and st["label_column"] == "sentiment" and st["encoding"] == "utf-8"
    assert st["columns"] == ["id", "review", "sentiment"] and st["cleaning"]["rows_out"] == 120
    assert st["stats"]["rows"] == 120 and st["stats"]["truncated_share"] > 0
    json.dumps(st)


def test_a_vocabulary_that_turns_most_text_into_unk_is_explained(tmp_path):
    src = make_csv(tmp_path / "r.csv")
    assert not prepare_data(config(src, tokenizer="word")).notes
    msgs = []
    d = prepare_data(config(src, tokenizer="word", min_freq=1000), progress=msgs.append)
    (note,) = d.notes
    assert "<unk>" in note and "data.min_freq=1000" in note and "Lower data.min_freq" in note
    assert any(m.startswith("Note:") and "<unk>" in m for m in msgs)


def test_auto_tokenizer_builds_characters_for_chinese_data_and_the_export_script_says_so(tmp_path):
    from engine.export_script import _context  # the script's settings block, as written for a run

    zh = tmp_path / "zh.csv"
    with open(zh, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["评论", "标签"])
        for i in range(60):
            w.writerow([("质量很好，推荐购买" if i % 2 else "太差了，不推荐") + str(i), "好" if i % 2 else "差"])
    d = prepare_data(config(zh, tokenizer="auto", max_length=32))
    assert d.language == "zh" and d.tokenizer.kind == "char"
    assert d.tokenizer.tokens("质量很好")[:2] == ["质", "量"]
    cfg = config(zh, tokenizer="auto", max_length=32)
    ctx = _context(cfg, d, "test", tmp_path / "train.py", tmp_path / "data", False, None)
    assert ctx["tokenizer"] == "char" and "jieba" not in ctx["requirements"]
    en = prepare_data(config(make_csv(tmp_path / "r.csv"), tokenizer="auto"))
    assert en.language == "en" and en.tokenizer.kind == "word"


def test_labels_spelled_several_ways_are_named_in_a_note_the_run_the_stats_and_the_cli_show(tmp_path, capsys):
    """'pos', 'POS ' and 'Pos.' are three classes to the data (the file decides), but nobody means that: the
    note names each group so the user can fix the file. Distinct labels, and '+' / '-', raise no note."""
    from engine.cli import main
    from engine.data.checks import label_variants, label_variants_note

    assert label_variants(["pos", "neg", "POS", "Pos.", "ｎｅｇ", "mid"]) == [["pos", "POS", "Pos."], ["neg", "ｎｅｇ"]]
    assert label_variants(["+", "-", "0"]) == [] and label_variants(["正面", "负面"]) == []
    assert label_variants(["正面", "正面。"]) == [["正面", "正面。"]] and label_variants_note(["a", "b"]) == ""
    assert label_variants(["not recommended", "Not-Recommended", "recommended"]) == [
        ["not recommended", "Not-Recommended"]]
    assert label_variants(["1.0", "10", "1", "2.5", "25"]) == []  # ratings: a dot inside a number is kept
    assert label_variants(["-1", "1", "0"]) == [] and label_variants(["neg", "-neg-"]) == [["neg", "-neg-"]]
    src = make_csv(tmp_path / "r.csv")
    src.write_text(src.read_text(encoding="utf-8").replace(",mid\n", ",POS\n"), encoding="utf-8")
    d = prepare_data(config(src, tokenizer="word"))
    (note,) = d.notes
    assert "'POS' and 'pos'" in note and "a class of its own" in note and "write them one way" in note
    st = stats_for_spec(str(src))
    assert st["label_variants"] == [["POS", "pos"]] and st["stats"]["label_counts"]["POS"] == 40
    assert main(["data", "stats", str(src)]) == 0
    assert "note: Some labels differ only in case, spaces or punctuation: 'POS' and 'pos'." in capsys.readouterr().out
    assert stats_for_spec(str(make_csv(tmp_path / "ok.csv")))["label_variants"] == []


@pytest.mark.parametrize("rows", [1000, 1200])
def test_a_label_column_whose_classes_alternate_is_found_under_another_name(tmp_path, rows):
    """Columns were detected on every (rows / 200)-th row: with two classes taking turns that stride saw one class
    only, and a file with a 'verdict' column was refused for having no label column."""
    path = tmp_path / "r.csv"
    make_csv(path, n=rows, classes=("pos", "neg"))
    text = path.read_text(encoding="utf-8").replace("id,review,sentiment", "id,opinion,verdict", 1)
    path.write_text(text, encoding="utf-8")
    d = prepare_data(config(path))
    assert (d.text_column, d.label_column) == ("opinion", "verdict") and d.label_names == ["neg", "pos"]
