"""Every run knows its baseline (issue 18): TF-IDF + logistic regression for classifiers, a Kneser-Ney trigram
model for language models, on the run's own split, in the summary and the CLI's last lines; skipped with a
note, never a failure."""
from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import tiny_config

from engine.baseline import KneserNeyTrigram, _triples, classification_baseline, generation_baseline, run_baseline
from engine.cli import main as cli
from engine.training import train


def test_the_tfidf_baseline_is_scikit_learns_own_on_the_runs_split(reviews_csv):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from engine.data.pipeline import prepare_data

    d = prepare_data(tiny_config(reviews_csv))
    got = classification_baseline(d.texts, d.labels, d.language, d.label_names)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(d.texts["train"])
    clf = LogisticRegression(max_iter=3000, C=got["C"]).fit(vec.transform(d.texts["train"]), d.labels["train"])
    want = float((clf.predict(vec.transform(d.texts["test"])) == np.array(d.labels["test"])).mean())
    assert got["test"]["accuracy"] == pytest.approx(want) and got["name"] == "tfidf+logreg"
    assert "word 1-2-grams" in got["description"] and "chosen on validation" in got["description"]


def test_more_than_two_classes_get_one_vs_rest_logistic_regression():
    """Three classes: one liblinear model per class against the rest (a multinomial L-BFGS fit took 65 s for 16k
    English texts in 4 classes); probabilities sum to 1 and the score is scikit-learn's own."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    rng = random.Random(0)
    words = {0: ["goal", "match", "team", "score"], 1: ["vote", "party", "election", "law"],
             2: ["cpu", "code", "software", "chip"]}
    filler = ["the", "a", "today", "news", "big", "new", "of"]

    def text(k: int) -> str:
        return " ".join(rng.choice(words[k] if rng.random() < 0.35 else filler) for _ in range(8))

    labels = {split: [rng.randrange(3) for _ in range(n)] for split, n in (("train", 240), ("val", 60),
                                                                            ("test", 60))}
    texts = {split: [text(k) for k in ys] for split, ys in labels.items()}
    got = classification_baseline(texts, labels, "en", ["sport", "politics", "tech"])
    assert "one-vs-rest logistic regression" in got["description"]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts["train"])
    clf = OneVsRestClassifier(LogisticRegression(C=got["C"], solver="liblinear", dual=True, max_iter=3000))
    clf.fit(vec.transform(texts["train"]), labels["train"])
    probs = clf.predict_proba(vec.transform(texts["test"]))
    assert np.allclose(probs.sum(axis=1), 1.0)
    want = float((probs.argmax(axis=1) == np.array(labels["test"])).mean())
    assert got["test"]["accuracy"] == pytest.approx(want) and want > 0.6  # well above a third: it learned


def _sklearn_columns(ours, sk) -> np.ndarray:
    """Our column of each of scikit-learn's (an n-gram's code: its code points + 1 in 21-bit fields)."""
    def code(gram: str) -> int:
        out = 0
        for ch in gram:
            out = (out << 21) | (ord(ch) + 1)
        return out

    grams = sorted(sk.vocabulary_, key=sk.vocabulary_.get)
    cols = np.searchsorted(ours.vocabulary, [code(g) for g in grams])
    assert len(ours.vocabulary) == len(grams) and (ours.vocabulary[cols] == [code(g) for g in grams]).all()
    return cols


def test_character_ngrams_counted_with_numpy_are_scikit_learns_tfidf_matrix():
    """Same n-grams, same TF-IDF values, column for column, as TfidfVectorizer(analyzer="char"), on texts with
    runs of white space, a newline, upper case that lowers to two characters, emoji outside the BMP, empty and
    one-character texts; n-grams never seen in training are dropped from later texts. Small chunks: n-grams never
    cross from one text into the next."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from engine.baseline import CharNgramTfidf

    rng = random.Random(0)
    alphabet = list("好差很不错酒店房间Ab c\n\t  ") + ["😀", "İ", "ß", "é"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(300)]
    texts += ["", " ", "a", "ab", "  \n\n x", "ABC"]
    later = ["".join(rng.choice(alphabet + ["新"]) for _ in range(rng.randrange(0, 40))) for _ in range(50)] + [""]
    for chunk in (1 << 20, 7):
        ours = CharNgramTfidf(3)
        ours.CHARS_PER_CHUNK = chunk
        x = ours.fit_transform(texts)
        sk = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        y = sk.fit_transform(texts)
        cols = _sklearn_columns(ours, sk)
        assert np.allclose(x[:, cols].toarray(), y.toarray(), rtol=0, atol=1e-12)
        assert np.allclose(ours.transform(later)[:, cols].toarray(), sk.transform(later).toarray(), rtol=0,
                           atol=1e-12)
    with pytest.raises(ValueError):
        CharNgramTfidf(3).fit_transform(["", ""])


def test_the_chinese_baseline_is_scikit_learns_pipeline_on_its_own_matrix():
    """The run's Chinese baseline (n-grams counted with numpy) gives the probabilities of
    TfidfVectorizer(char 1-3) + liblinear at the C it chose, and that C is the grid's best on validation."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from engine import baseline

    rng = random.Random(1)
    good, bad, filler = list("好棒赞美优秀喜欢"), list("差烂糟坏失望讨厌"), list("的了是在这个酒店房间服务")

    def text(k: int) -> str:
        return "".join(rng.choice((good if k else bad) if rng.random() < 0.2 else filler)
                       for _ in range(rng.randrange(5, 30)))

    labels = {s: [rng.randrange(2) for _ in range(n)] for s, n in (("train", 300), ("val", 80), ("test", 80))}
    texts = {s: [text(k) for k in ys] for s, ys in labels.items()}
    got = classification_baseline(texts, labels, "zh", ["neg", "pos"])
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True).fit(texts["train"])
    xt, xv = vec.transform(texts["train"]), vec.transform(texts["val"])
    val = {c: float((baseline.logistic_regression(c, True).fit(xt, labels["train"]).predict(xv)
                     == np.array(labels["val"])).mean()) for c in baseline.C_GRID}
    assert got["C"] == min(c for c in baseline.C_GRID if val[c] == max(val.values()))
    clf = baseline.logistic_regression(got["C"], True).fit(xt, labels["train"])
    want = float((clf.predict(vec.transform(texts["test"])) == np.array(labels["test"])).mean())
    assert got["test"]["accuracy"] == pytest.approx(want) and 0.75 < want < 1.0


def test_chinese_text_gets_character_ngrams():
    texts = {"train": ["很好看的电影", "非常无聊", "真的很精彩", "太无聊了"] * 10, "val": ["很精彩", "无聊"],
             "test": ["好看", "无聊透顶"]}
    labels = {"train": [1, 0, 1, 0] * 10, "val": [1, 0], "test": [1, 0]}
    got = classification_baseline(texts, labels, "zh", ["neg", "pos"])
    assert "character 1-3-grams" in got["description"] and got["test"]["accuracy"] == 1.0


def test_texts_without_words_are_counted_by_their_characters():
    """Emoji or symbols alone hold no word for a word tokenizer; the baseline counts their characters instead of
    being skipped, and says so."""
    rng = random.Random(0)
    good, bad, filler = list("😀😍👍🎉"), list("😡👎💩😭"), list("🙂🤔😐🍿🎬")

    def text(k: int) -> str:
        return " ".join(rng.choice((good if k else bad) if rng.random() < 0.3 else filler) for _ in range(8))

    labels = {s: [rng.randrange(2) for _ in range(n)] for s, n in (("train", 200), ("val", 50), ("test", 50))}
    texts = {s: [text(k) for k in ys] for s, ys in labels.items()}
    got = classification_baseline(texts, labels, "en", ["neg", "pos"])
    assert "character 1-3-grams" in got["description"] and got["test"]["accuracy"] > 0.7


def test_a_baseline_that_cannot_be_fitted_is_skipped_with_a_reason():
    one_class = SimpleNamespace(task="classification", texts={"train": ["a", "b"], "val": [], "test": ["c"]},
                                labels={"train": [0, 0], "val": [], "test": [0]}, language="en",
                                label_names=["x", "y"])
    assert "single class" in run_baseline(one_class)["skipped"]
    empty = SimpleNamespace(task="classification", texts={"train": ["", ""], "val": [], "test": ["."]},
                            labels={"train": [0, 1], "val": [], "test": [0]}, language="en", label_names=["x", "y"])
    assert "no words" in run_baseline(empty)["skipped"]
    empty.texts["train"] = ["!", "?"]  # no words, but characters: counted as such
    assert "character 1-3-grams" in run_baseline(empty)["description"]


def _naive_kneser_ney(seqs, vocab, u, v, w):
    """A slow, direct reading of interpolated Kneser-Ney, to check the vectorised one against."""
    start = vocab
    tri = Counter()
    for s in seqs:
        for t in range(1, len(s)):
            tri[(s[t - 2] if t >= 2 else start, s[t - 1], s[t])] += 1

    def disc(counts):
        n1 = sum(1 for c in counts if c == 1)
        n2 = sum(1 for c in counts if c == 2)
        return n1 / (n1 + 2 * n2) if n1 else 0.75

    d3 = disc(tri.values())
    cont2 = Counter((b, c) for (_, b, c) in tri)  # distinct u before (v, w)
    d2 = disc(cont2.values())
    cont1 = Counter(c for (_, c) in cont2)  # distinct v before w
    d1 = disc(cont1.values())
    total1, types1 = sum(cont1.values()), len(cont1)
    p1 = max(cont1[w] - d1, 0) / total1 + d1 * types1 / total1 / vocab
    c1 = sum(n for (b, _), n in cont2.items() if b == v)
    t1 = sum(1 for (b, _) in cont2 if b == v)
    p2 = (max(cont2[(v, w)] - d2, 0) + d2 * t1 * p1) / c1 if c1 else p1
    c2 = sum(n for (a, b, _), n in tri.items() if (a, b) == (u, v))
    t2 = sum(1 for (a, b, _) in tri if (a, b) == (u, v))
    return (max(tri[(u, v, w)] - d3, 0) + d3 * t2 * p2) / c2 if c2 else p2


def test_kneser_ney_sums_to_one_and_matches_a_direct_reading():
    rng = random.Random(0)
    vocab = 12
    seqs = [np.array([rng.randrange(vocab) for _ in range(rng.randint(2, 9))]) for _ in range(60)]
    lm = KneserNeyTrigram(*_triples(seqs, vocab), vocab)
    for u, v in [(vocab, 3), (2, 5), (11, 0), (vocab, 11)]:
        ws = np.arange(vocab)
        p = lm.prob(np.full(vocab, u), np.full(vocab, v), ws)
        assert p.sum() == pytest.approx(1.0, abs=1e-9)
        for w in (0, 4, 9):
            assert p[w] == pytest.approx(_naive_kneser_ney(seqs, vocab, u, v, w), rel=1e-9)


def test_kneser_ney_learns_a_predictable_corpus():
    cycle = [np.array([4, 5, 6, 7, 8] * 6)] * 30
    out = generation_baseline(cycle, cycle[:3], vocab_size=100)
    assert out["test"]["perplexity"] < 1.5 < 100  # uniform would be 100
    prompts = generation_baseline(cycle, cycle[:3], 100, train_first=[1] * 30, test_first=[20] * 3)
    assert prompts["test_tokens"] == 3 * 10  # only the targets after each prompt are scored


def test_every_run_reports_its_baseline_in_the_summary_and_the_cli(reviews_csv, corpus_txt, tmp_path, capsys):
    cfg = tiny_config(reviews_csv, max_steps=6)
    path = tmp_path / "cfg.yaml"
    from engine import config as cfgmod

    cfgmod.save_config(cfg, path)
    assert cli(["train", str(path), "--quiet", "--out", str(tmp_path / "runs")]) == 0
    out = capsys.readouterr().out
    assert "baseline" in out and "TF-IDF word 1-2-grams + logistic regression" in out and "points" in out
    summary = json.loads(next((tmp_path / "runs").glob("*/summary.json")).read_text())  # the only run so far
    assert summary["baseline"]["test"]["accuracy"] > 0
    gen = train(tiny_config(corpus_txt, task="generation", max_steps=6), runs_dir=tmp_path / "runs")
    base = gen.summary["baseline"]
    assert base["name"] == "kneser-ney-trigram" and math.isfinite(base["test"]["perplexity"])
    assert base["test_tokens"] > 0
    off = train(tiny_config(reviews_csv, max_steps=2, baseline=False), runs_dir=tmp_path / "runs")
    assert off.summary["baseline"] == {"skipped": "train.baseline is off"}


def test_a_failing_baseline_never_fails_the_run(reviews_csv, tmp_path, monkeypatch):
    import engine.baseline as baseline

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(baseline, "classification_baseline", broken)
    res = train(tiny_config(reviews_csv, max_steps=2), runs_dir=tmp_path)
    assert res.status == "finished" and "boom" in res.summary["baseline"]["skipped"]


def test_naive_helper_is_itself_normalised():  # the reference above is a distribution too
    rng = random.Random(1)
    seqs = [[rng.randrange(5) for _ in range(6)] for _ in range(20)]
    total = defaultdict(float)
    for w in range(5):
        total[(1, 2)] += _naive_kneser_ney(seqs, 5, 1, 2, w)
    assert total[(1, 2)] == pytest.approx(1.0)


def _imbalanced_csv(path, majority: int = 200, minority: int = 30):
    from conftest import make_reviews

    rows = make_reviews(2 * max(majority, minority), seed=3)
    pos = [r for r in rows if r[1] == "pos"][:majority]
    neg = [r for r in rows if r[1] == "neg"][:minority]
    mixed = pos + neg
    random.Random(0).shuffle(mixed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        import csv

        w = csv.writer(fh)
        w.writerow(["comment", "verdict"])
        w.writerows(mixed)
    return path


def test_imbalanced_classes_get_a_note_only_past_four_to_one():
    from engine.data.checks import imbalance_note

    note = imbalance_note([0] * 90 + [1] * 10, ["pos", "neg"])
    assert "'pos' holds 90%" in note and "'neg' 10%" in note and "0.90 accuracy" in note and "macro F1" in note
    assert imbalance_note([0] * 70 + [1] * 30, ["pos", "neg"]) == ""  # 2.3 to 1: accuracy still means something
    assert imbalance_note([0] * 80 + [1] * 20 + [2] * 0, ["a", "b", "c"]) != ""  # an absent class is not counted
    assert imbalance_note([0] * 10, ["a", "b"]) == ""


def test_imbalanced_runs_pick_and_compare_by_macro_f1_baseline_included(tmp_path, capsys):
    """A 200:30 data set: the note, the best checkpoint by validation macro F1, the baseline's C chosen on the same
    metric, and the CLI's last line adds macro F1 to accuracy; train.monitor set by hand is left alone."""
    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data

    src = _imbalanced_csv(tmp_path / "skewed.csv")
    cfg = tiny_config(src, max_steps=10)
    data = prepare_data(cfg)
    assert data.imbalanced and any("imbalanced" in n for n in data.notes)
    path = tmp_path / "cfg.yaml"
    cfgmod.save_config(cfg, path)
    assert cli(["train", str(path), "--quiet", "--out", str(tmp_path / "runs")]) == 0
    out = capsys.readouterr().out
    summary = json.loads(next((tmp_path / "runs").glob("*/summary.json")).read_text())
    assert summary["monitor"] == "f1_macro"
    assert "chosen on validation macro F1" in summary["baseline"]["description"]
    assert "f1_macro" in summary["baseline"]["val"]
    line = next(x for x in out.splitlines() if x.startswith("your model accuracy"))
    assert f"macro F1 {summary['test']['f1_macro']:.4f} · baseline {summary['baseline']['test']['f1_macro']:.4f}" \
        in line
    by_hand = train(tiny_config(src, max_steps=4, monitor="accuracy"), runs_dir=tmp_path / "runs2")
    assert by_hand.summary["monitor"] == "accuracy"
    assert by_hand.summary["baseline"]["description"].endswith("chosen on validation)")


def test_a_solver_stopped_at_its_iteration_limit_is_said_in_the_description_not_warned(monkeypatch, recwarn):
    """liblinear's ConvergenceWarning (seen on 16k English texts in 4 classes at large C) would print a scikit-learn
    traceback-like line in the middle of the CLI's output; the baseline's description says it instead."""
    from engine import baseline

    monkeypatch.setattr(baseline, "MAX_ITER", 1)
    rng = random.Random(2)
    labels = {s: [rng.randrange(2) for _ in range(n)] for s, n in (("train", 200), ("val", 50), ("test", 50))}
    texts = {s: [" ".join(rng.choice(["good", "fine", "nice"] if k else ["bad", "poor", "awful"]) +
                          f" w{rng.randrange(50)}" for _ in range(6)) for k in ys] for s, ys in labels.items()}
    got = classification_baseline(texts, labels, "en", ["neg", "pos"])
    assert "the solver stopped at its 1-iteration limit, short of the optimum" in got["description"]
    assert not [w for w in recwarn if "converge" in str(w.message)]
    monkeypatch.setattr(baseline, "MAX_ITER", 3000)
    assert "stopped" not in classification_baseline(texts, labels, "en", ["neg", "pos"])["description"]


def test_a_large_c_grid_fitted_in_worker_processes_is_the_grid_fitted_here(monkeypatch):
    """Above PARALLEL_ABOVE (n-gram counts x one-vs-rest models) the grid's fits run in processes, one per core; the
    chosen C, the description and every probability are those of the fits made one after another here."""
    from engine import baseline

    rng = random.Random(3)
    words = {0: ["goal", "match", "team"], 1: ["vote", "party", "law"], 2: ["cpu", "code", "chip"]}

    def text(k: int) -> str:
        return " ".join(rng.choice(words[k]) if rng.random() < 0.3 else f"w{rng.randrange(40)}" for _ in range(8))

    labels = {s: [rng.randrange(3) for _ in range(n)] for s, n in (("train", 300), ("val", 60), ("test", 60))}
    texts = {s: [text(k) for k in ys] for s, ys in labels.items()}
    monkeypatch.setattr(baseline, "_cores", lambda: 2)
    here = classification_baseline(texts, labels, "en", ["a", "b", "c"])
    monkeypatch.setattr(baseline, "PARALLEL_ABOVE", 1)
    calls = []
    real = baseline._fit_one
    monkeypatch.setattr(baseline, "_fit_one", lambda *a: calls.append(a[0]) or real(*a))  # not called here
    workers = classification_baseline(texts, labels, "en", ["a", "b", "c"])
    assert calls == []  # the fits ran in the worker processes, not in this one
    assert workers["C"] == here["C"] and workers["description"] == here["description"]
    assert workers["test"] == pytest.approx(here["test"])
