"""model.embed_init: minilm — word vectors that start from the built-in MiniLM's word-piece table."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

from engine import config as cfgmod  # noqa: E402
from engine.models import word_vectors  # noqa: E402
from engine.models.build import build_model, init_word_vectors, word_embedding  # noqa: E402

WORDS = ("good great excellent wonderful superb fine nice lovely bad awful terrible boring dull poor weak table "
         "chair door window car road river tree house book paper film movie actor story plot music song red blue "
         "green one two three run walk eat").split()


def test_words_start_near_words_of_like_meaning_and_unknown_ones_are_left_alone():
    vectors, known = word_vectors.minilm_word_vectors(WORDS + ["龘", ""], 32)
    assert known[: len(WORDS)].all() and not known[len(WORDS):].any()  # a rare CJK character, an empty token
    assert torch.equal(vectors[len(WORDS):], torch.zeros(2, 32))
    cos = {(a, b): F.cosine_similarity(vectors[WORDS.index(a)], vectors[WORDS.index(b)], dim=0).item()
           for a, b in (("good", "great"), ("good", "table"), ("film", "movie"), ("film", "river"),
                        ("boring", "dull"), ("boring", "chair"))}
    assert cos["good", "great"] > cos["good", "table"] + 0.3 and cos["film", "movie"] > cos["film", "river"] + 0.3
    assert cos["boring", "dull"] > cos["boring", "chair"] + 0.3
    assert vectors[known].std().item() == torch.tensor(1.0).item()  # the spread of PyTorch's N(0, 1) start
    again, _ = word_vectors.minilm_word_vectors(WORDS + ["龘", ""], 32)
    assert torch.equal(again, vectors)  # exact PCA: the same vocabulary always starts the same


def test_the_embedding_rows_of_words_are_set_and_specials_and_padding_are_not(monkeypatch):
    tokens = ["<pad>", "<unk>", "<bos>", "<eos>"] + WORDS + ["龘"]
    torch.manual_seed(0)
    emb = nn.Embedding(len(tokens), 16, padding_idx=0)
    before = emb.weight.detach().clone()
    assert word_vectors.init_embedding_from_minilm(emb, tokens, pad_id=0) == len(WORDS)
    assert torch.equal(emb.weight[:4], before[:4]) and torch.equal(emb.weight[0], torch.zeros(16))
    assert torch.equal(emb.weight[-1], before[-1])  # MiniLM cannot spell it: its N(0, 1) start stays
    expected, _ = word_vectors.minilm_word_vectors([""] * 4 + WORDS + ["龘"], 16)
    assert torch.allclose(emb.weight[4:-1], expected[4:-1])
    monkeypatch.setattr(word_vectors, "minilm_folder", lambda: None)  # the package is missing: nothing changes
    other = nn.Embedding(len(tokens), 16, padding_idx=0)
    kept = other.weight.detach().clone()
    assert word_vectors.init_embedding_from_minilm(other, tokens, pad_id=0) == 0
    assert torch.equal(other.weight, kept)


class _Tok:
    pad_id = 0
    vocab_size = 4 + len(WORDS)

    def id_to_token(self, i: int) -> str:
        return (["<pad>", "<unk>", "<bos>", "<eos>"] + WORDS)[i]


def test_every_from_scratch_classifier_takes_the_start_and_other_starts_are_untouched():
    for arch in ("textcnn", "gru", "transformer"):
        cfg = cfgmod.apply_overrides(cfgmod.Config(), [f"model.arch={arch}", "model.embed_dim=32",
                                                       "model.embed_init=minilm"])
        torch.manual_seed(0)
        model = build_model(cfg, _Tok.vocab_size, 2, 0)
        assert init_word_vectors(model, cfg, _Tok()) == len(WORDS)
        vectors, _ = word_vectors.minilm_word_vectors([""] * 4 + WORDS, 32)
        assert torch.allclose(word_embedding(model).weight[4:], vectors[4:])
    plain = cfgmod.apply_overrides(cfgmod.Config(), ["model.arch=gru"])
    assert init_word_vectors(build_model(plain, _Tok.vocab_size, 2, 0), plain, _Tok()) is None
    uniform = cfgmod.apply_overrides(cfgmod.Config(), ["model.arch=transformer", "model.embed_init=uniform"])
    assert word_embedding(build_model(uniform, 50, 2, 0)).weight.abs().max() <= 0.25  # tok_emb: Kim's start


def test_a_run_says_how_many_words_start_from_minilm(tmp_path, reviews_csv):
    from conftest import tiny_config

    from engine.training import train

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=4)
    cfg.model.embed_init = "minilm"
    run = train(cfg, runs_dir=tmp_path)
    log = (Path(run.run_dir) / "train.log").read_text(encoding="utf-8")
    line = next(x for x in log.splitlines() if "Word vectors:" in x)
    assert "start from the built-in MiniLM's" in line and int(line.split("Word vectors: ")[1].split()[0]) > 10
