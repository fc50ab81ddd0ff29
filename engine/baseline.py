"""A baseline in every run: what a classic model scores on the run's own split, so a learner sees whether the
network beats it.

Classification: TF-IDF + logistic regression (scikit-learn), word 1-2-grams for English and character 1-3-grams
for Chinese (counted with numpy: the matrix of scikit-learn's TfidfVectorizer, faster), fitted on the run's
training split with C chosen on its validation split, scored once on its test split. Generation: an interpolated
Kneser-Ney trigram model over the run's own tokens, scored by perplexity on the same test targets as the network
(the same blocks, or the responses of instruction data).

A baseline that cannot be fitted (one class in the training split, no text) is skipped with a note; it never
fails the run.
"""
from __future__ import annotations

import math
import os
import re
import time
import warnings
from typing import Any

import numpy as np

C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
MAX_TEXTS = 50_000  # a larger training split is subsampled (seeded) for the baseline only: bounded time and memory
HASH_ABOVE = 20_000  # more training texts than this: hashed word n-grams (bounded memory) instead of a vocabulary
HASH_FEATURES = 1 << 18  # the weights of every class (and the solver's work vectors) stay a few MB each
CHUNK = 10_000  # test texts vectorised at a time
MAX_ITER = 3000  # liblinear's passes; a fit that stops there says so in the baseline's description
# n-gram counts held by the training matrix x one-vs-rest models from which the C grid is fitted in worker
# processes (starting them costs ~2 s): 13.9k Chinese reviews in 3 classes (2.6M counts x 3) took 20.5 s one fit
# after another and 11.8 s in two processes; 16k English snippets in 4 classes (0.5M x 4) 4.5 s here, 7.1 s there
PARALLEL_ABOVE = 5_000_000


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
    if chars:  # n-grams as integers: ~5x faster than scikit-learn's strings, and small on any number of texts
        vec = CharNgramTfidf(3)
    elif len(train_x) > HASH_ABOVE:  # a vocabulary of every n-gram of 100k+ texts would cost ~1 GB of strings
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
        from sklearn.pipeline import make_pipeline

        vec = make_pipeline(HashingVectorizer(analyzer=analyzer, ngram_range=ngrams, n_features=HASH_FEATURES,
                                              alternate_sign=False, norm=None),
                            TfidfTransformer(sublinear_tf=True))
    else:
        vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, min_df=1)
    try:
        x = vec.fit_transform(train_x)
    except ValueError:  # no words (texts of emoji or symbols alone): their characters, as for Chinese
        chars, vec = True, CharNgramTfidf(3)
        try:
            x = vec.fit_transform(train_x)
        except ValueError:
            raise BaselineSkipped("no words or characters were left in the training texts to count") from None
    val_x, val_y = texts.get("val") or [], np.asarray(labels.get("val") or [], dtype=np.int64)
    if len(val_x) > MAX_TEXTS:  # choosing C needs no more validation texts than the model is fitted on
        pick = np.sort(np.random.default_rng(seed + 1).choice(len(val_x), MAX_TEXTS, replace=False))
        val_x, val_y = [val_x[i] for i in pick], val_y[pick]
    binary = len(set(train_y.tolist())) == 2
    val_acc, c, clf, stopped = choose_c(x, train_y, vec.transform(val_x) if len(val_x) else None, val_y, select)
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
    if stopped:
        chosen += f"; the solver stopped at its {MAX_ITER:,}-iteration limit, short of the optimum"
    model = "logistic regression" if binary else "one-vs-rest logistic regression"
    return {"name": "tfidf+logreg", "description": f"TF-IDF {gram} + {model} ({chosen})",
            "C": c, "val": {select: val_acc} if len(val_x) else {},
            "test": {k: test[k] for k in keep if isinstance(test.get(k), (int, float))},
            "train_texts": len(train_x)}


class CharNgramTfidf:
    """scikit-learn's ``TfidfVectorizer(analyzer="char", ngram_range=(1, n), sublinear_tf=True)`` computed with numpy
    over code points instead of one Python string per n-gram: the same matrix up to the order of its columns
    (tests/test_baseline.py compares them), about 5x faster (14k Chinese reviews: ~1 s instead of 5.3 s) and
    without a dictionary of n-gram strings, so no hashing is needed on large splits. An n-gram is one int64: its
    code points + 1 in 21-bit fields, so 1-, 2- and 3-grams never share a code."""

    _SPACES = re.compile(r"\s\s+")  # scikit-learn's whitespace normalisation for character n-grams
    _BITS = 21  # every code point + 1 fits in 21 bits (U+10FFFF + 1 < 2**21); three of them fit in an int64
    CHARS_PER_CHUNK = 1 << 20  # n-grams of about a million characters at a time: bounded memory on long texts

    def __init__(self, max_n: int = 3) -> None:
        if not 1 <= max_n <= 3:
            raise ValueError("character n-grams of 1 to 3 characters fit in one int64")
        self.max_n = max_n
        self.vocabulary: np.ndarray | None = None  # sorted n-gram codes: a column per code
        self.idf: np.ndarray | None = None

    def fit_transform(self, texts: list[str]):
        import scipy.sparse as sp

        chunks = []
        for grams, docs, n in self._chunks(texts):
            codes, cols = np.unique(grams, return_inverse=True)
            chunks.append((codes, sp.csr_matrix((np.ones(len(grams)), (docs, cols.ravel())), shape=(n, len(codes)))))
        vocab = np.unique(np.concatenate([c for c, _ in chunks])) if chunks else np.zeros(0, np.int64)
        if not len(vocab):
            raise ValueError("empty vocabulary")
        parts = []
        for codes, counts in chunks:  # chunk columns -> global columns; monotonic, so rows stay sorted
            parts.append(sp.csr_matrix((counts.data, np.searchsorted(vocab, codes)[counts.indices], counts.indptr),
                                       shape=(counts.shape[0], len(vocab))))
        x = sp.vstack(parts, format="csr") if parts else sp.csr_matrix((len(texts), len(vocab)))
        self.vocabulary = vocab
        df = np.bincount(x.indices, minlength=len(vocab))
        self.idf = np.log((x.shape[0] + 1) / (df + 1.0)) + 1.0
        return self._weigh(x)

    def transform(self, texts: list[str]):
        import scipy.sparse as sp

        vocab, parts = self.vocabulary, []
        for grams, docs, n in self._chunks(texts):
            cols = np.minimum(np.searchsorted(vocab, grams), len(vocab) - 1)
            known = vocab[cols] == grams  # n-grams never seen in training are dropped, as scikit-learn does
            parts.append(sp.csr_matrix((np.ones(int(known.sum())), (docs[known], cols[known])),
                                       shape=(n, len(vocab))))
        x = sp.vstack(parts, format="csr") if parts else sp.csr_matrix((len(texts), len(vocab)))
        return self._weigh(x)

    def _weigh(self, x):
        from sklearn.preprocessing import normalize

        x.sum_duplicates()
        np.log(x.data, out=x.data)
        x.data += 1.0  # sublinear tf: 1 + log(count)
        x.data *= self.idf[x.indices]
        return normalize(x, copy=False)  # unit length, as TfidfTransformer's norm="l2"; empty texts stay 0

    def _chunks(self, texts: list[str]):
        """(n-gram codes, document index within the chunk, documents in the chunk) for runs of texts."""
        docs = [self._SPACES.sub(" ", str(t).lower()) for t in texts]
        start = 0
        while start < len(docs):
            stop, size = start, 0
            while stop < len(docs) and (stop == start or size + len(docs[stop]) <= self.CHARS_PER_CHUNK):
                size += len(docs[stop])
                stop += 1
            yield (*self._grams(docs[start:stop]), stop - start)
            start = stop

    def _grams(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        lens = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        cp = np.frombuffer("".join(docs).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64) + 1
        doc = np.repeat(np.arange(len(docs)), lens)
        left = np.repeat(lens, lens) - (np.arange(len(cp)) - np.repeat(np.cumsum(lens) - lens, lens))
        grams, owners = [cp], [doc]  # left: characters from this one to the end of its text, itself included
        for n in range(2, self.max_n + 1):
            ok = np.flatnonzero(left[: len(cp) - n + 1] >= n)
            code = cp[ok]
            for k in range(1, n):
                code = (code << self._BITS) | cp[ok + k]
            grams.append(code)
            owners.append(doc[ok])
        return np.concatenate(grams), np.concatenate(owners)


def choose_c(x, y: np.ndarray, val_x, val_y: np.ndarray, select: str = "accuracy",
             grid: tuple[float, ...] = C_GRID) -> tuple[float, float, Any, bool]:
    """(validation score, C, fitted model, whether it stopped at MAX_ITER): logistic regression fitted on (x, y) at
    every C of `grid`, the one scoring best on the validation split kept (`select`: accuracy or f1_macro; ties keep
    the smaller C, the stronger regularisation). No validation split (`val_x` None): C=1, score 0."""
    if val_x is None:
        grid = (1.0,)
    fitted = _fit_grid(x, y, grid, len(set(np.asarray(y).tolist())) == 2)
    best = None
    for c in grid:
        clf, stopped = fitted[c]
        score = _score(clf.predict(val_x), val_y, select) if val_x is not None else 0.0
        if best is None or score > best[0]:
            best = (score, c, clf, stopped)
    return best


def _fit_one(c: float, binary: bool, x, y: np.ndarray) -> tuple[Any, bool]:
    """One logistic regression of the grid, and whether liblinear stopped at MAX_ITER (its ConvergenceWarning is
    kept off the terminal: the baseline's description says it)."""
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        clf = logistic_regression(c, binary).fit(x, y)
    return clf, any(issubclass(w.category, ConvergenceWarning) for w in caught)


def _fit_grid(x, y: np.ndarray, grid: tuple[float, ...], binary: bool) -> dict[float, tuple[Any, bool]]:
    """Every C of the grid fitted: {C: (model, stopped)}. Large fits (PARALLEL_ABOVE n-gram counts x one-vs-rest
    models) run in worker processes, one per core, the slowest (largest C) first; threads would not do: liblinear
    keeps its random generator in a global, so fits in threads corrupt each other (scikit-learn issue #31883; seen
    here as a heap corruption). Where processes cannot start, the fits run here one after another."""
    models = 1 if binary else len(np.unique(y))
    jobs = min(len(grid), _cores())
    if jobs > 1 and x.nnz * models >= PARALLEL_ABOVE:
        order = sorted(grid, reverse=True)
        try:
            from joblib import Parallel, delayed

            out = Parallel(n_jobs=jobs, backend="loky")(delayed(_fit_one)(c, binary, x, y) for c in order)
            return dict(zip(order, out))
        except Exception:  # noqa: BLE001 - no processes here (a sandbox, no /dev/shm): the same fits in turn
            pass
    return {c: _fit_one(c, binary, x, y) for c in grid}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


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

    # random_state: liblinear visits the texts in a random order; a fixed seed, not numpy's global state
    one = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=MAX_ITER, random_state=0)
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
