"""Metrics against tiny hand-computed cases and the reference libraries (scikit-learn, rouge-score, sacrebleu)."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from engine.metrics import (
    CjkTokenizer,
    classification_metrics,
    generation_similarity,
    perplexity,
    smooth,
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
    assert m["f1_macro"] == 1.0  # macro covers the classes present in the evaluated texts


def test_macro_averages_a_model_and_its_baseline_over_the_same_classes() -> None:
    y = [1, 1, 1, 1]  # a test split that holds one class of two
    always = classification_metrics(y, one_hot([1, 1, 1, 1], 2), ["neg", "pos"])
    sometimes = classification_metrics(y, one_hot([1, 1, 0, 1], 2), ["neg", "pos"])
    assert always["f1_macro"] == 1.0
    assert sometimes["f1_macro"] == pytest.approx(2 * 0.75 / 1.75)  # pos's F1, not (that + 0) / 2
    assert sometimes["per_class"]["neg"]["precision"] == 0.0  # its wrong answers still show per class


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


EN = [("the cat sat on the mat", "The cat sat on a mat."), ("a dog runs", "the cat sat on the mat"),
      ("Hello, World!", "hello world")]
ZH = [("我爱北京天安门", "我爱北京"), ("今天天气很好。", "今天天气不错，很好！"), ("你好 world", "你好，World")]


def scorers() -> tuple:
    """rouge-score with its default tokenizer, with the app's CJK tokenizer, and sacrebleu's chrF."""
    from rouge_score.rouge_scorer import RougeScorer
    from sacrebleu.metrics import CHRF

    return RougeScorer(["rougeL"]), RougeScorer(["rougeL"], tokenizer=CjkTokenizer()), CHRF()


def test_generation_similarity_is_the_libraries_own_scores() -> None:
    default, cjk, chrf = scorers()
    for pairs, rouge in ((EN, default), (ZH, cjk)):
        for pred, ref in pairs:
            out = generation_similarity([pred], [ref])
            assert out["rouge_l"] == rouge.score(ref, pred)["rougeL"].fmeasure
            assert out["chrf"] == chrf.sentence_score(pred, [ref]).score
        preds, refs = zip(*pairs)
        out = generation_similarity(list(preds), list(refs))  # the mean of sentence-level scores
        assert out["n"] == len(pairs)
        assert out["rouge_l"] == pytest.approx(np.mean([rouge.score(r, p)["rougeL"].fmeasure for p, r in pairs]))
        assert out["chrf"] == pytest.approx(np.mean([chrf.sentence_score(p, [r]).score for p, r in pairs]))


def test_identical_texts_score_one_and_different_less() -> None:
    for text, other in (("the cat sat", "the cat sat on the mat"), ("我爱北京", "我爱上海")):
        same = generation_similarity([text], [text])
        assert same["rouge_l"] == 1.0 and same["chrf"] == pytest.approx(100.0)
        diff = generation_similarity([text], [other])
        assert 0.0 < diff["rouge_l"] < 1.0 and 0.0 < diff["chrf"] < 100.0
    # Hand-checked: LCS 3 tokens, P 3/3, R 3/6 -> F1 2/3; chrF "ab" vs "abc": avg P 1, avg R 7/12 -> F2 7/11.
    assert generation_similarity(["the cat sat"], ["the cat sat on the mat"])["rouge_l"] == pytest.approx(2 / 3)
    assert generation_similarity(["ab"], ["abc"])["chrf"] == pytest.approx(100 * 7 / 11)
    assert generation_similarity(["我爱北京"], ["我爱上海"])["rouge_l"] == pytest.approx(0.5)  # LCS 2 of 4 characters


def test_cjk_tokenizer_keeps_chinese_and_is_rouge_scores_own_elsewhere() -> None:
    from rouge_score.tokenize import tokenize

    default, cjk, _ = scorers()
    assert default.score("我爱北京", "我爱北京")["rougeL"].fmeasure == 0.0  # why the app brings its tokenizer
    assert cjk.score("我爱北京", "我爱北京")["rougeL"].fmeasure == 1.0
    assert CjkTokenizer().tokenize("我爱北京") == ["我", "爱", "北", "京"]
    assert CjkTokenizer().tokenize("Hello 世界!") == ["hello", "世", "界"]
    for text in ("The cat's 2 hats, café-bar & CO2!", "  x\ty\nZ  ", "", "naïve résumé"):
        assert CjkTokenizer().tokenize(text) == tokenize(text, None)


def test_generation_similarity_edges() -> None:
    assert generation_similarity([], []) == {"rouge_l": None, "chrf": None, "n": 0}
    assert generation_similarity([""], ["x"]) == {"rouge_l": 0.0, "chrf": 0.0, "n": 1}
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
