"""Metrics against tiny hand-computed cases."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from engine.metrics import (
    chrf,
    classification_metrics,
    generation_similarity,
    perplexity,
    rouge_l,
    smooth,
    tokenize,
)


def one_hot(pred: list[int], n_classes: int) -> np.ndarray:
    """Probabilities that put all mass on pred."""
    return np.eye(n_classes)[pred]


def test_perfect_predictions() -> None:
    y = [0, 1, 2, 1]
    m = classification_metrics(y, one_hot(y, 3), ["a", "b", "c"])
    assert m["n"] == 4
    assert m["accuracy"] == m["precision_macro"] == m["recall_macro"] == m["f1_macro"] == 1.0
    assert m["confusion_matrix"] == [[1, 0, 0], [0, 2, 0], [0, 0, 1]]
    assert m["per_class"]["b"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert m["roc_auc"] == 1.0
    assert set(m["roc_curve"]) == {"a", "b", "c"}
    json.dumps(m, allow_nan=False)


def test_known_confusion_matrix() -> None:
    y, pred = [0, 0, 1, 1, 1], [0, 1, 1, 1, 0]
    m = classification_metrics(y, one_hot(pred, 2), ["neg", "pos"])
    assert m["confusion_matrix"] == [[1, 1], [1, 2]]  # rows = true, cols = predicted
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["per_class"]["neg"]["precision"] == pytest.approx(1 / 2)
    assert m["per_class"]["pos"]["recall"] == pytest.approx(2 / 3)
    assert m["per_class"]["pos"]["support"] == 3
    assert m["f1_macro"] == pytest.approx((1 / 2 + 2 / 3) / 2)


def test_binary_auc_of_known_ranking() -> None:
    pos = np.array([0.1, 0.4, 0.35, 0.8])
    m = classification_metrics([0, 0, 1, 1], np.stack([1 - pos, pos], axis=1), ["neg", "pos"])
    assert m["roc_auc"] == pytest.approx(0.75)  # 3 of 4 positive/negative pairs ranked right
    curve = m["roc_curve"]
    assert set(curve) == {"fpr", "tpr", "thresholds"}
    assert curve["fpr"][0] == 0.0 and curve["fpr"][-1] == 1.0 and curve["tpr"][-1] == 1.0
    json.dumps(m, allow_nan=False)  # sklearn's leading inf threshold must not leak


def test_multiclass_auc_with_missing_class() -> None:
    probs = np.array([[0.7, 0.2, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.3, 0.5, 0.2]])
    m = classification_metrics([0, 0, 1, 1], probs, ["a", "b", "c"])
    assert m["roc_auc"] is None  # OvR is undefined for class "c": no positives
    assert set(m["roc_curve"]) == {"a", "b"}
    assert m["roc_curve"]["a"]["auc"] == 1.0
    assert m["confusion_matrix"] == [[2, 0, 0], [0, 2, 0], [0, 0, 0]]
    assert m["per_class"]["c"]["support"] == 0
    assert m["f1_macro"] == 1.0  # macro covers classes seen in labels or predictions


def test_multiclass_ovr_auc_value() -> None:
    probs = np.array([[0.8, 0.1, 0.1], [0.3, 0.4, 0.3], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.5, 0.2, 0.3]])
    y = [0, 0, 1, 2, 2]
    m = classification_metrics(y, probs, ["a", "b", "c"])
    # Hand-computed one-vs-rest: a = 5/6 ([0.8,0.3] vs [0.1,0.2,0.5]), b = 1,
    # c = 5.5/6 ([0.6,0.3] vs [0.1,0.3,0.1]; the 0.3 tie counts half).
    assert m["roc_curve"]["a"]["auc"] == pytest.approx(5 / 6)
    assert m["roc_curve"]["b"]["auc"] == 1.0
    assert m["roc_curve"]["c"]["auc"] == pytest.approx(11 / 12)
    assert m["roc_auc"] == pytest.approx((5 / 6 + 1 + 11 / 12) / 3)


def test_roc_curve_is_downsampled_keeping_endpoints() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=5000)
    pos = np.clip(y * 0.3 + rng.random(5000) * 0.7, 0, 1)
    m = classification_metrics(y.tolist(), np.stack([1 - pos, pos], axis=1), ["n", "p"])
    curve = m["roc_curve"]
    assert 2 <= len(curve["fpr"]) <= 200 and len(curve["fpr"]) == len(curve["tpr"]) == len(curve["thresholds"])
    assert (curve["fpr"][0], curve["tpr"][0]) == (0.0, 0.0) and (curve["fpr"][-1], curve["tpr"][-1]) == (1.0, 1.0)


def test_empty_input() -> None:
    m = classification_metrics([], np.zeros((0, 3)), ["a", "b", "c"])
    assert m["n"] == 0 and m["accuracy"] is None and m["roc_auc"] is None
    assert m["confusion_matrix"] == [[0] * 3] * 3
    assert m["per_class"]["a"]["support"] == 0
    json.dumps(m)


def test_bad_labels_raise() -> None:
    with pytest.raises(ValueError):
        classification_metrics([0, 3], one_hot([0, 1], 2), ["a", "b"])


def test_perplexity() -> None:
    assert perplexity(0.0) == 1.0
    assert perplexity(math.log(5.0)) == pytest.approx(5.0)
    assert perplexity(1e6) == float("inf")


def test_rouge_l() -> None:
    assert rouge_l("the cat sat", "the cat sat") == 1.0
    assert rouge_l("dog", "the cat sat") == 0.0
    # LCS = 3 tokens: precision 3/3, recall 3/6 -> F1 = 2/3.
    assert rouge_l("the cat sat", "the cat sat on the mat") == pytest.approx(2 / 3)
    assert rouge_l("", "x") == 0.0 and rouge_l("", "") == 1.0


def test_rouge_l_chinese_uses_characters() -> None:
    assert tokenize("我爱北京") == ["我", "爱", "北", "京"]
    assert tokenize("hello 世界!") == ["hello", "世", "界", "!"]
    assert rouge_l("我爱北京", "我爱北京") == 1.0
    assert rouge_l("我爱北京", "我爱上海") == pytest.approx(0.5)  # LCS 2 of 4 characters on both sides


def test_chrf() -> None:
    assert chrf("the cat sat", "the cat sat") == pytest.approx(100.0)
    assert chrf("abc", "xyz") == 0.0
    # "ab" vs "abc": orders 1 (P=1, R=2/3) and 2 (P=1, R=1/2); order 3+ undefined for "ab".
    # avg P = 1, avg R = 7/12, F2 = 5PR / (4P + R) = 7/11.
    assert chrf("ab", "abc") == pytest.approx(100 * 7 / 11)
    assert chrf("我爱北京", "我爱北京") == pytest.approx(100.0)
    assert 0.0 < chrf("我爱北京", "我爱上海") < 100.0


def test_generation_similarity() -> None:
    out = generation_similarity(["a b", "我爱北京"], ["a b", "你好"])
    assert out["n"] == 2
    assert out["rouge_l"] == pytest.approx(0.5) and out["chrf"] == pytest.approx(50.0)
    assert generation_similarity([], []) == {"rouge_l": None, "chrf": None, "n": 0}
    with pytest.raises(ValueError):
        generation_similarity(["a"], [])


def test_smooth() -> None:
    values = [3.0, 1.0, 4.0, 1.0, 5.0]
    out = smooth(values, 0.9)
    assert out[0] == values[0] and len(out) == len(values)
    assert smooth([2.0] * 10, 0.95) == pytest.approx([2.0] * 10)  # debiasing: no ramp from 0
    assert smooth(values, 0.0) == pytest.approx(values)
    # Second point: EMA = 0.9*0.1*3 + 0.1*1 = 0.37, debias 1 - 0.81 = 0.19.
    assert out[1] == pytest.approx(0.37 / 0.19)
    assert smooth([], 0.9) == []
