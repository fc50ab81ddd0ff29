"""Data at scale (issue 15): flat token ids (TokenIds), the trainer's Batcher, one-pass vocabularies and the
large-file CSV readers give exactly what the list-based code gave, in a fraction of the memory."""
from __future__ import annotations

import random
from collections import Counter

import pytest
import torch

from engine.data.tokens import TokenIds
from engine.training.batches import Batcher, evaluate_ids, make_batch, pad_batch


def _random_seqs(n: int = 300, seed: int = 0, empty: bool = True) -> list[list[int]]:
    rng = random.Random(seed)
    return [[rng.randint(4, 500) for _ in range(rng.randint(0 if empty else 1, 30))] for _ in range(n)]


def test_token_ids_read_like_the_lists_they_replace():
    seqs = _random_seqs()
    ids = TokenIds.from_lists(seqs)
    assert len(ids) == len(seqs) and bool(ids) and not TokenIds.empty()
    assert ids == seqs and list(ids) == seqs and ids.tolist() == seqs
    assert ids[0] == seqs[0] and ids[-1] == seqs[-1] and ids[17] == seqs[17]
    assert ids[10:20] == seqs[10:20] and ids[::7] == seqs[::7] and ids[5:5] == []
    assert ids.select([9, 2, 2, 250]) == [seqs[9], seqs[2], seqs[2], seqs[250]]
    assert ids.lengths.tolist() == [len(s) for s in seqs]
    assert ids.total_tokens() == sum(map(len, seqs))
    assert ids.nbytes == 4 * ids.total_tokens() + 8 * (len(seqs) + 1)  # 4 bytes a token, 8 a sequence
    with pytest.raises(IndexError):
        ids[len(seqs)]
    chunks = TokenIds.concat_chunks([seqs[:100], TokenIds.from_lists(seqs[100:200]), seqs[200:]])
    assert chunks == ids


def test_truncation_and_padding_match_the_list_code():
    seqs = _random_seqs()
    ids = TokenIds.from_lists(seqs)
    assert ids.truncated(8, fill=1) == [s[:8] or [1] for s in seqs]
    assert ids.truncated(8) == [s[:8] for s in seqs]
    short = TokenIds.from_lists(_random_seqs(empty=False))
    assert short.truncated(64, fill=1) is short  # nothing to cut: no copy
    for index in ([3, 0, 299, 41], [7], list(range(0, 300, 3))):
        t = torch.tensor(index)
        assert torch.equal(ids.pad(t, 0), pad_batch([seqs[i] for i in index], 0))
        assert torch.equal(ids.pad(t, 0, width=40)[:, :ids.width(t)], pad_batch([seqs[i] for i in index], 0))


@pytest.mark.parametrize("task", ["classification", "generation", "instructions"])
def test_batcher_gives_make_batch_tensors(task):
    seqs = _random_seqs(empty=False)
    rng = random.Random(1)
    if task == "classification":
        labels = [rng.randrange(3) for _ in seqs]
    elif task == "instructions":  # prompt lengths
        labels = [rng.randint(1, len(s)) for s in seqs]
    else:
        labels = None
    kind = "classification" if task == "classification" else "generation"
    batcher = Batcher(kind, TokenIds.from_lists(seqs), labels, 0, torch.device("cpu"))
    for index in ([5, 1, 200], list(range(64)), [299]):
        x, y = batcher(torch.tensor(index))
        want_x, want_y = make_batch(kind, [seqs[i] for i in index], [labels[i] for i in index] if labels else None,
                                    0)
        assert torch.equal(x, want_x) and torch.equal(y, want_y)


def test_batcher_buckets_widths_for_cuda_graphs():
    seqs = [[5] * n for n in (3, 17, 30, 33)]
    batcher = Batcher("classification", TokenIds.from_lists(seqs), [0, 1, 0, 1], 0, torch.device("cpu"),
                      width_multiple=16)
    assert [batcher.width(torch.tensor([i])) for i in range(4)] == [16, 32, 32, 33]  # never past the longest
    x, _ = batcher(torch.tensor([0, 1]))
    assert x.shape == (2, 32) and int((x[0] != 0).sum()) == 3


def test_evaluation_scores_every_example_in_its_own_order():
    torch.manual_seed(0)
    seqs = _random_seqs(empty=False)
    labels = [len(s) % 2 for s in seqs]
    model = torch.nn.Sequential(torch.nn.Embedding(501, 8), torch.nn.Flatten(0, -1))

    class Mean(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb, self.out = torch.nn.Embedding(501, 8, padding_idx=0), torch.nn.Linear(8, 2)

        def forward(self, x):
            return self.out(self.emb(x).sum(1))

    model = Mean()
    got = evaluate_ids(model, "classification", TokenIds.from_lists(seqs), labels, pad_id=0, batch_size=32,
                       device=torch.device("cpu"))
    with torch.no_grad():  # one example at a time: padding cannot change a sum over the embeddings
        probs = torch.cat([torch.softmax(model(torch.tensor([s])), -1) for s in seqs]).numpy()
        loss = float(sum(torch.nn.functional.cross_entropy(model(torch.tensor([s])), torch.tensor([y]),
                                                           reduction="sum") for s, y in zip(seqs, labels)))
    assert got["complete"] and got["count"] == len(seqs)
    assert got["probs"] == pytest.approx(probs, abs=1e-6)
    assert got["loss"] == pytest.approx(loss / len(seqs), rel=1e-5)


@pytest.mark.parametrize("kind", ["word", "char"])
def test_one_pass_vocabulary_equals_counting_then_encoding(kind):
    from engine.data.tokenize import SPECIALS, TextTokenizer, build_and_encode

    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta", "eps", "<unk>", "zeta", "Eta", "theta"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 9))) for _ in range(400)] + ["<pad> x"]
    tok, ids = build_and_encode(kind, texts, vocab_size=12, min_freq=3, lowercase=True, language="en")
    base = TextTokenizer(kind, "en", True)
    counts = Counter(t for text in texts for t in base._split(text))
    kept = sorted((t for t, c in counts.items() if c >= 3 and t not in SPECIALS), key=lambda t: (-counts[t], t))
    assert tok._itos == list(SPECIALS) + kept[:8]
    assert ids == [[tok._stoi.get(t, tok.unk_id) for t in base._split(text)] for text in texts]
    assert ids == tok.encode_batch(texts) == tok.encode_ids(texts)


def test_blocks_of_a_corpus_match_joining_the_lists():
    from engine.data.encoding import make_blocks

    docs = _random_seqs(50, empty=True)
    stream = [i for d in docs for i in d + [3]]
    blocks = make_blocks(TokenIds.from_lists(docs), 3, 17, "train", "x")
    assert blocks == [stream[i * 17:(i + 1) * 17] for i in range(len(stream) // 17)]
    assert make_blocks([[5, 6]], 3, 17, "val", "x") == [[5, 6, 3]]


CSV_CASES = {
    "plain": ("text,label\nfine film,pos\n\"quoted, comma\",neg\n\"two\nlines\",pos\nNaN,neg\n,pos\n", "utf-8"),
    "semicolons": ("text;label\nfine film;pos\nbad one;neg\n", "utf-8"),
    "bom": ("\ufefftext,label\ncafé crème,pos\nnaïve,neg\n", "utf-8"),
    "chinese": ("文本,标签\n这部电影很好看,正面\n太无聊了,负面\n", "gb18030"),
    "ragged": ("text,label\na,pos\nb,neg,extra\n", "utf-8"),
    "short rows": ("text,label,score\na,pos\nb,neg,3\n", "utf-8"),
    "duplicate headers": ("text,text,label\na,b,pos\n", "utf-8"),
    "unquoted commas": ("text,label\nI liked it, a lot,pos\nbad, awful,neg\n", "utf-8"),
    "first row long": ("text,label\nt0,neg,extra,more\nt1,pos\n", "utf-8"),
    "trailing separators": ("text,label\ngreat film,pos,\nbad one,neg,\n", "utf-8"),
    "excel sep line": ("sep=;\ntext;label\ngreat, fine film;pos\nbad one;neg\n", "utf-8"),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_large_file_readers_match_the_whole_file_reader(case, tmp_path, monkeypatch):
    """Files over STREAM_BYTES go through Arrow (or pandas in chunks); they must load as small files do."""
    from engine.data import loading
    from engine.errors import DataError

    text, encoding = CSV_CASES[case]
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode(encoding))

    def load():
        try:
            ds = loading.load_table(str(path)).dataset
            return ds.column_names, ds.to_list()
        except DataError as exc:
            return "error", str(exc)

    whole = load()
    monkeypatch.setattr(loading, "STREAM_BYTES", 0)
    assert load() == whole
    monkeypatch.setattr(loading, "_read_csv_arrow", lambda *a: None)  # the pandas chunk reader alone
    monkeypatch.setattr(loading, "STREAM_ROWS", 1)
    assert load() == whole


def test_columns_leave_arrow_whole_and_labels_share_their_strings(tmp_path):
    from engine.data.pipeline import load_columns

    path = tmp_path / "big.csv"
    rows = [(f"text number {i}", "positive" if i % 3 else "negative") for i in range(12_000)]
    path.write_text("text,label\n" + "".join(f"{t},{lab}\n" for t, lab in rows), encoding="utf-8")
    src = load_columns(str(path), "classification", "", "")
    assert src["texts"] == [t for t, _ in rows] and src["labels"] == [lab for _, lab in rows]
    assert len({id(x) for x in src["labels"]}) == 2  # one string object per class, not one per row


def test_prepared_splits_are_flat(reviews_csv):
    from conftest import tiny_config

    from engine.data.pipeline import prepare_data

    d = prepare_data(tiny_config(reviews_csv))
    assert all(isinstance(v, TokenIds) and v.flat.dtype == torch.int32 for v in d.ids.values())
    assert all(1 <= n <= 24 for n in d.ids["train"].lengths.tolist())


def test_freed_memory_goes_back_to_the_os_between_phases():
    import sys

    from engine.sysmem import release_freed_memory

    big = [str(i) * 20 for i in range(200_000)]
    del big
    assert release_freed_memory() is sys.platform.startswith("linux")  # glibc's malloc_trim ran (a no-op elsewhere)
