"""A baseline in every run: what a classic model scores on the run's own split, so a learner sees whether the
network beats it.

Classification: TF-IDF + logistic regression (scikit-learn), word 1-2-grams for English and character 1-3-grams
for Chinese, fitted on the run's training split with C chosen on its validation split, scored once on its test
split. Generation: an interpolated Kneser-Ney trigram model over the run's own tokens, scored by perplexity on
the same test targets as the network (the same blocks, or the responses of instruction data).

A baseline that cannot be fitted (one class in the training split, no text) is skipped with a note; it never
fails the run.
"""
from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
MAX_TEXTS = 50_000  # a larger training split is subsampled (seeded) for the baseline only: bounded time and memory
HASH_ABOVE = 20_000  # more training texts than this: hashed n-gram features (bounded memory) instead of a vocabulary
HASH_FEATURES = 1 << 18  # the weights of every class (and the solver's work vectors) stay a few MB each
CHUNK = 10_000  # test texts vectorised at a time


def run_baseline(data: Any, seed: int = 0, monitor: str = "accuracy") -> dict:
    """The baseline of a prepared run (engine.data.pipeline.PreparedData): {"name", "description", "test",
    "val", "seconds", ...} or {"skipped": reason}. `monitor` is the validation metric the run picks its best
    checkpoint by; the baseline chooses C by the same one ("f1_macro" or, for anything else, accuracy)."""
    t0 = time.perf_counter()
    try:
        if data.task == "classification":
            out = classification_baseline(data.texts, data.labels, data.language, data.label_names, seed,
                                          select="f1_macro" if monitor == "f1_macro" else "accuracy")
        else:
            out = generation_baseline(data.ids["train"], data.ids["test"], data.tokenizer.vocab_size,
                                      data.labels.get("train") or None, data.labels.get("test") or None)
    except BaselineSkipped as exc:
        return {"skipped": str(exc)}
    out["seconds"] = time.perf_counter() - t0
    return out


class BaselineSkipped(Exception):
    """The baseline cannot be fitted on this split; the message says why (it goes into the summary)."""


# ------------------------------------------------------------------------------------------ classification
def classification_baseline(texts: dict[str, list[str]], labels: dict[str, list[int]], language: str,
                            label_names: list[str], seed: int = 0, select: str = "accuracy") -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from engine.metrics import classification_metrics

    train_x, train_y = list(texts.get("train") or []), np.asarray(labels.get("train") or [], dtype=np.int64)
    if len(set(train_y.tolist())) < 2:
        raise BaselineSkipped("the training split holds a single class; a classifier needs two")
    if not texts.get("test"):
        raise BaselineSkipped("the run has no test split to score it on (data.test_fraction is 0)")
    sampled = len(train_x) > MAX_TEXTS
    if sampled:
        keep = np.sort(np.random.default_rng(seed).choice(len(train_x), MAX_TEXTS, replace=False))
        train_x, train_y = [train_x[i] for i in keep], train_y[keep]
    chars = language == "zh"
    analyzer, ngrams = ("char", (1, 3)) if chars else ("word", (1, 2))
    if len(train_x) > HASH_ABOVE:  # a vocabulary of every n-gram of 100k+ texts would cost ~1 GB of strings
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
        from sklearn.pipeline import make_pipeline

        vec = make_pipeline(HashingVectorizer(analyzer=analyzer, ngram_range=ngrams, n_features=HASH_FEATURES,
                                              alternate_sign=False, norm=None),
                            TfidfTransformer(sublinear_tf=True))
    else:
        vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, min_df=1)
    try:
        x = vec.fit_transform(train_x)
    except ValueError:  # an empty vocabulary: nothing but stop words or empty texts
        raise BaselineSkipped("no words or characters were left in the training texts to count") from None
    val_x, val_y = texts.get("val") or [], np.asarray(labels.get("val") or [], dtype=np.int64)
    if len(val_x) > MAX_TEXTS:  # choosing C needs no more validation texts than the model is fitted on
        pick = np.sort(np.random.default_rng(seed + 1).choice(len(val_x), MAX_TEXTS, replace=False))
        val_x, val_y = [val_x[i] for i in pick], val_y[pick]
    grid = C_GRID if len(val_x) else (1.0,)
    best = None
    xv = vec.transform(val_x) if len(val_x) else None
    binary = len(set(train_y.tolist())) == 2
    for c in grid:  # ties keep the smaller C (stronger regularisation)
        clf = logistic_regression(c, binary).fit(x, train_y)
        score = _score(clf.predict(xv), val_y, select) if xv is not None else 0.0
        if best is None or score > best[0]:
            best = (score, c, clf)
    val_acc, c, clf = best
    probs = np.zeros((len(texts["test"]), len(label_names)), dtype=np.float32)
    for start in range(0, len(texts["test"]), CHUNK):  # a big test split in pieces: the vectorizer's lists stay small
        part = texts["test"][start:start + CHUNK]
        probs[start:start + len(part), clf.classes_] = clf.predict_proba(vec.transform(part))
    test = classification_metrics(list(labels["test"]), probs, label_names)
    keep = ("accuracy", "f1_macro", "precision_macro", "recall_macro", "roc_auc")
    gram = "character 1-3-grams" if chars else "word 1-2-grams"
    if sampled:
        gram += f", fitted on a sample of {len(train_x):,} training texts"
    on = "validation macro F1" if select == "f1_macro" else "validation"
    chosen = f"C={c:g} chosen on {on}" if len(val_x) else "C=1 (no validation split to choose it)"
    model = "logistic regression" if binary else "one-vs-rest logistic regression"
    return {"name": "tfidf+logreg", "description": f"TF-IDF {gram} + {model} ({chosen})",
            "C": c, "val": {select: val_acc} if len(val_x) else {},
            "test": {k: test[k] for k in keep if isinstance(test.get(k), (int, float))},
            "train_texts": len(train_x)}


def _score(predicted: np.ndarray, truth: np.ndarray, select: str) -> float:
    if select == "f1_macro":
        from sklearn.metrics import f1_score

        return float(f1_score(truth, predicted, average="macro", zero_division=0))
    return float((predicted == truth).mean())


def logistic_regression(c: float, binary: bool):
    """liblinear's dual coordinate descent, which converges in a few passes when the n-grams outnumber the texts
    (14k Chinese reviews, 680k character n-grams: 3 s for the whole C grid, where L-BFGS took 36 s and stopped
    at its tolerance short of the optimum). More classes: one such model per class against the rest, their
    probabilities normalised to sum to 1 (16k English texts in 4 classes: 3 s for the C grid, where L-BFGS's
    multinomial fit took 65 s, 18.6 s warm-started along the grid, for test accuracy within half a point)."""
    from sklearn.linear_model import LogisticRegression

    one = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=3000)
    if binary:
        return one
    from sklearn.multiclass import OneVsRestClassifier

    return OneVsRestClassifier(one)


# ------------------------------------------------------------------------------------------ generation
def _sequences(ids) -> list[np.ndarray]:
    from engine.data.tokens import as_token_ids

    ids = as_token_ids(ids)
    flat, offs = ids.flat.cpu().numpy().astype(np.int64), ids.offsets.cpu().numpy()
    return [flat[offs[i]:offs[i + 1]] for i in range(len(ids))]


def _triples(seqs: list[np.ndarray], start: int, first: list[int] | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(u, v, w) for every scored target: token t of a sequence given tokens t-2 and t-1 (u = `start` at
    t = 1). With `first`, targets before index first[i] of sequence i are not scored (instruction prompts)."""
    us, vs, ws = [], [], []
    for i, s in enumerate(seqs):
        if len(s) < 2:
            continue
        t = np.arange(max(1, first[i] if first is not None else 1), len(s))
        if not len(t):
            continue
        us.append(np.where(t >= 2, s[np.maximum(t - 2, 0)], start))
        vs.append(s[t - 1])
        ws.append(s[t])
    if not us:
        return (np.zeros(0, np.int64),) * 3
    return np.concatenate(us), np.concatenate(vs), np.concatenate(ws)


def _discount(counts: np.ndarray) -> float:
    """Kneser-Ney's absolute discount n1 / (n1 + 2 n2) from the count-of-counts (0.75 when undefined)."""
    n1, n2 = int((counts == 1).sum()), int((counts == 2).sum())
    return n1 / (n1 + 2 * n2) if n1 + n2 > 0 and n1 > 0 else 0.75


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """values[keys == query] for sorted unique keys, 0 where the query is absent."""
    if not len(keys):
        return np.zeros(len(query), dtype=np.float64)
    pos = np.clip(np.searchsorted(keys, query), 0, len(keys) - 1)
    return np.where(keys[pos] == query, values[pos], 0).astype(np.float64)


def _group(keys: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted unique keys, the sum of weights per key and the number of entries per key."""
    uniq, inverse, count = np.unique(keys, return_inverse=True, return_counts=True)
    total = np.bincount(inverse, weights=weights, minlength=len(uniq)) if weights is not None else count
    return uniq, total.astype(np.float64), count.astype(np.float64)


class KneserNeyTrigram:
    """Interpolated Kneser-Ney trigram model (Chen & Goodman) over token ids, with count tables as sorted numpy
    arrays; the unigram level interpolates with the uniform distribution over the vocabulary, so every id
    has a probability."""

    def __init__(self, u: np.ndarray, v: np.ndarray, w: np.ndarray, vocab_size: int) -> None:
        self.vocab = vocab_size
        self.base = base = vocab_size + 1  # ids and the start symbol
        self.tri_keys, self.tri_count, _ = _group((u * base + v) * base + w)
        self.d3 = _discount(self.tri_count)
        self.ctx2_keys, self.ctx2_total, self.ctx2_types = _group(self.tri_keys // base, self.tri_count)
        bi = self.tri_keys % (base * base)  # continuation counts: in how many contexts u does (v, w) follow
        self.bi_keys, _, self.bi_cont = _group(bi)
        self.d2 = _discount(self.bi_cont)
        self.ctx1_keys, self.ctx1_total, self.ctx1_types = _group(self.bi_keys // base, self.bi_cont)
        self.uni_keys, _, self.uni_cont = _group(self.bi_keys % base)
        self.d1 = _discount(self.uni_cont)
        self.uni_total, self.uni_types = float(self.uni_cont.sum()), float(len(self.uni_keys))

    def prob(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """P(w | u, v) for arrays of ids (u may be the start symbol, vocab_size)."""
        base, vocab = self.base, self.vocab
        p1 = (np.maximum(_lookup(self.uni_keys, self.uni_cont, w) - self.d1, 0) / self.uni_total
              + self.d1 * self.uni_types / self.uni_total / vocab)
        c1 = _lookup(self.ctx1_keys, self.ctx1_total, v)
        t1 = _lookup(self.ctx1_keys, self.ctx1_types, v)
        b = _lookup(self.bi_keys, self.bi_cont, v * base + w)
        safe1 = np.maximum(c1, 1)
        p2 = np.where(c1 > 0, np.maximum(b - self.d2, 0) / safe1 + self.d2 * t1 / safe1 * p1, p1)
        ctx = u * base + v
        c2 = _lookup(self.ctx2_keys, self.ctx2_total, ctx)
        t2 = _lookup(self.ctx2_keys, self.ctx2_types, ctx)
        c = _lookup(self.tri_keys, self.tri_count, ctx * base + w)
        safe2 = np.maximum(c2, 1)
        return np.where(c2 > 0, np.maximum(c - self.d3, 0) / safe2 + self.d3 * t2 / safe2 * p2, p2)


def generation_baseline(train_ids, test_ids, vocab_size: int, train_first: list[int] | None = None,
                        test_first: list[int] | None = None) -> dict:
    """Interpolated Kneser-Ney trigram perplexity on the test targets the network is scored on."""
    u, v, w = _triples(_sequences(train_ids), vocab_size, train_first)
    tu, tv, tw = _triples(_sequences(test_ids), vocab_size, test_first)
    if not len(w):
        raise BaselineSkipped("the training split holds no token to predict")
    if not len(tw):
        raise BaselineSkipped("the run has no test tokens to score it on")
    lm = KneserNeyTrigram(u, v, w, vocab_size)
    nll = float(-np.log(np.maximum(lm.prob(tu, tv, tw), 1e-300)).mean())
    return {"name": "kneser-ney-trigram", "description": "interpolated Kneser-Ney trigram model over the run's "
            "own tokens", "test": {"loss": nll, "perplexity": math.exp(min(nll, 700.0))},
            "train_tokens": int(len(w)), "test_tokens": int(len(tw)),
            "discounts": [round(lm.d1, 4), round(lm.d2, 4), round(lm.d3, 4)]}


# ------------------------------------------------------------------------------------------ reporting
def compare_line(summary: dict) -> str:
    """One line for the terminal and the window: the model against its baseline ('' when there is none)."""
    base = summary.get("baseline") or {}
    test = summary.get("test") or {}
    if "skipped" in base:
        return f"baseline skipped: {base['skipped']}"
    bt = base.get("test") or {}
    if "accuracy" in bt and "accuracy" in test:
        diff = 100 * (test["accuracy"] - bt["accuracy"])
        verdict = "beats it" if diff > 0 else "ties it" if diff == 0 else "does not beat it"
        line = (f"your model accuracy {test['accuracy']:.4f} · baseline {bt['accuracy']:.4f} ({base['description']}):"
                f" {diff:+.1f} points, {verdict}")
        if summary.get("monitor") == "f1_macro" and "f1_macro" in bt and "f1_macro" in test:
            f1 = 100 * (test["f1_macro"] - bt["f1_macro"])
            line += (f"; macro F1 {test['f1_macro']:.4f} · baseline {bt['f1_macro']:.4f}: {f1:+.1f} points, "
                     f"{'beats it' if f1 > 0 else 'ties it' if f1 == 0 else 'does not beat it'}")
        return line
    if "perplexity" in bt and "perplexity" in test:
        verdict = "beats it" if test["perplexity"] < bt["perplexity"] else "does not beat it"
        return (f"your model perplexity {test['perplexity']:.2f} · baseline {bt['perplexity']:.2f} "
                f"({base['description']}; lower is better): {verdict}")
    return ""
