"""Cleaning report, seeded stratified split, augmentation and statistics."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import json  # noqa: E402
import random  # noqa: E402

import pytest  # noqa: E402

from engine.data.augment import augment_ids, augment_text  # noqa: E402
from engine.data.cleaning import clean_rows, label_name, limit_rows  # noqa: E402
from engine.data.split import check_classes, label_vocabulary, split_indices, split_sizes  # noqa: E402
from engine.data.stats import dataset_stats  # noqa: E402
from engine.data.tokenize import build_tokenizer  # noqa: E402
from engine.errors import DataError  # noqa: E402

NAN = float("nan")


def test_cleaning_drops_and_reports():
    texts = ["  good  ", "bad", None, "   ", "good", "meh", "meh", "ok", NAN, "fine"]
    labels = ["pos", "neg", "pos", "neg", "pos", "pos", "neg", None, "pos", 1.0]
    out_t, out_l, rep = clean_rows(texts, labels)
    assert out_t == ["good", "bad", "fine"] and out_l == ["pos", "neg", "1"]
    assert rep.rows_in == 10 and rep.rows_out == 3
    assert rep.dropped == {"empty_text": 3, "missing_label": 1, "conflicting_label": 2, "duplicate": 1}
    assert rep.examples["conflicting_label"] == ["meh", "meh"] and rep.examples["duplicate"] == ["good"]
    assert rep.summary().startswith("Kept 3 of 10 rows; dropped")
    json.dumps(rep.to_dict())


def test_cleaning_switches_and_generation():
    texts, labels, rep = clean_rows(["a", "a", "b", "b"], ["x", "y", "x", "x"], drop_duplicates=False,
                                    drop_conflicting=False)
    assert texts == ["a", "a", "b", "b"] and rep.summary() == "Kept all 4 rows."
    texts, labels, _ = clean_rows(["a", "a", "b"], None)
    assert texts == ["a", "b"] and labels is None


def test_cleaning_errors_name_the_column():
    with pytest.raises(DataError, match="Every text in column 'body' of 'f.csv' is empty"):
        clean_rows(["", None, " "], ["a", "b", "c"], source="f.csv", text_column="body", label_column="y")
    with pytest.raises(DataError, match="Every label in column 'y' of 'f.csv'"):
        clean_rows(["a", "b"], [NAN, None], source="f.csv", text_column="body", label_column="y")


def test_label_names_and_limit():
    assert [label_name(v) for v in (1, 1.0, " 2 ", True, NAN, "", None)] == ["1", "1", "2", "True", None, None, None]
    texts, labels, rep = clean_rows(list("abcdef"), list("xyxyxy"))
    texts, labels = limit_rows(texts, labels, 4, rep, seed=3)
    assert len(texts) == 4 and rep.rows_out == 4 and rep.dropped["row_limit"] == 2
    assert texts == sorted(texts) and all(labels[i] == "xy"[ord(t) % 2 == 0] for i, t in enumerate(texts))
    assert limit_rows(list("abcdef"), list("xyxyxy"), 4, rep, seed=3)[0] == texts  # seeded


def test_label_vocabulary_is_numeric_aware():
    assert label_vocabulary(["10", "2", "1", "neg", "-1"]) == ["-1", "1", "2", "10", "neg"]


def test_split_is_seeded_stratified_and_complete():
    labels = ["a"] * 60 + ["b"] * 30 + ["c"] * 10
    s1 = split_indices(100, labels, 0.1, 0.2, seed=7)
    s2 = split_indices(100, labels, 0.1, 0.2, seed=7)
    s3 = split_indices(100, labels, 0.1, 0.2, seed=8)
    assert (s1.train, s1.val, s1.test) == (s2.train, s2.val, s2.test)
    assert s1.test != s3.test
    assert sorted(s1.train + s1.val + s1.test) == list(range(100))
    assert (len(s1.train), len(s1.val), len(s1.test)) == (70, 10, 20)
    assert s1.stratified and s1.label_names == ["a", "b", "c"]
    test_labels = [labels[i] for i in s1.test]
    assert (test_labels.count("a"), test_labels.count("b"), test_labels.count("c")) == (12, 6, 2)
    assert [s1.label_names[s1.label_ids[i]] for i in range(100)] == labels


def test_split_falls_back_to_random_for_tiny_classes():
    labels = ["a"] * 8 + ["b"]
    s = split_indices(9, labels, 0.2, 0.2, seed=0)
    assert not s.stratified and s.notes
    assert sorted(s.train + s.val + s.test) == list(range(9))


def test_a_split_smaller_than_the_classes_says_so_in_its_own_words():
    labels = [f"c{i % 30}" for i in range(90)]  # 30 classes of 3: a validation split of 9 cannot hold them all
    s = split_indices(90, labels, 0.1, 0.1, seed=0)
    said = " ".join(s.notes)
    assert "holds 9 rows for 30 classes" in said and "test_size" not in said and "raise the" in said
    assert sorted(s.train + s.val + s.test) == list(range(90))


def test_split_sizes_and_too_few_rows():
    assert split_sizes(10, 0.1, 0.1) == (8, 1, 1)
    assert split_sizes(3, 0.01, 0.0) == (2, 1, 0)
    with pytest.raises(DataError, match=r"Only 3 rows from 'f.csv'.*at least 4 rows"):
        split_indices(3, ["a", "b", "a"], 0.1, 0.1, seed=0, source="f.csv")
    gen = split_indices(4, None, 0.1, 0.1, seed=0)
    assert len(gen.train) == 2 and gen.label_ids is None


def test_one_class_only():
    with pytest.raises(DataError, match="only one class \\('pos'\\)"):
        check_classes(["pos", "pos"], "f.csv", "label")
    with pytest.raises(DataError, match="limit_rows"):
        check_classes(["pos"], "f.csv", "label", limited=True)


def test_augment_ids_is_deterministic_and_never_empty():
    ids = list(range(4, 24))
    a = augment_ids(ids, random.Random(1), 0.2, 0.2, 0.2, mask_id=1)
    b = augment_ids(ids, random.Random(1), 0.2, 0.2, 0.2, mask_id=1)
    assert a == b and a != ids
    assert augment_ids(ids, random.Random(1), 0.0, 0.0, 0.0, 1) == ids
    for seed in range(50):
        assert len(augment_ids([5, 6], random.Random(seed), 0.99, 0.0, 0.0, 1)) >= 1
    swapped = augment_ids([5, 6, 7, 8], random.Random(0), 0.0, 1.0, 0.0, 1)
    assert swapped == [6, 5, 8, 7]
    assert augment_ids([5, 6, 7], random.Random(0), 0.0, 0.0, 1.0, 1) == [1, 1, 1]
    assert augment_ids([], random.Random(0), 0.5, 0.5, 0.5, 1) == []


def test_augment_text_shows_masks():
    tok = build_tokenizer("word", ["the film was good"], vocab_size=100, min_freq=1, lowercase=True, language="en")
    assert augment_text("the film was good", tok, random.Random(0), 0.0, 0.0, 1.0) == "<unk> <unk> <unk> <unk>"


def test_dataset_stats_is_json_safe():
    texts = ["a b c", "a b", "a b c d e f"]
    tok = build_tokenizer("word", texts, vocab_size=100, min_freq=1, lowercase=True, language="en")
    st = dataset_stats(texts, [0, 1, 1], ["neg", "pos"], tok, max_length=4, bins=5)
    assert st["rows"] == 3 and st["label_counts"] == {"neg": 1, "pos": 1 + 1}
    assert st["token_lengths"]["max"] == 6 and st["token_lengths"]["median"] == 3.0
    assert st["truncated_share"] == pytest.approx(1 / 3) and st["max_length"] == 4
    assert sum(st["char_lengths"]["hist"]["counts"]) == 3
    assert len(st["token_lengths"]["hist"]["edges"]) == len(st["token_lengths"]["hist"]["counts"]) + 1
    json.dumps(st)
    empty = dataset_stats([], None, [], tok, 4)
    assert empty["rows"] == 0 and empty["label_counts"] == {}
    json.dumps(empty)


def test_a_class_with_one_example_stays_in_training_and_the_rest_stays_stratified():
    labels = [str(i % 9) for i in range(198)] + ["9"]
    split = split_indices(len(labels), labels, 0.1, 0.1, seed=0)
    assert 198 in split.train  # the only '9'
    test_classes = {labels[i] for i in split.test}
    assert test_classes == {str(c) for c in range(9)}  # every other class is in the test split
    assert any("single example" in n for n in split.notes)


@pytest.mark.parametrize("label, kind", [(["a", "b"], "a list"), ('["a", "b"]', "a list"), ({"x": 1}, "an object"),
                                         ('{"x": 1}', "an object")])
def test_a_label_holding_several_values_is_refused_by_its_row(label, kind):
    """A JSON list or object as a label became the class '["a", "b"]' (the loader keeps such values as their JSON
    text): a run then learned nonsense classes with no word said."""
    with pytest.raises(DataError) as err:
        clean_rows(["good film", "bad film", "fine"], ["pos", label, "neg"], source="d.jsonl", label_column="y")
    assert f"The label of row 2 in column 'y' of 'd.jsonl' is {kind}" in str(err.value)
    texts, labels, _ = clean_rows(["a", "b"], ["[pos]", "{neg}"])  # brackets that are no JSON are a class name
    assert labels == ["[pos]", "{neg}"]
