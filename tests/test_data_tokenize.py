"""Tokenizers: specials, vocabulary from training text, encode/decode, round trips and determinism."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from engine.data.tokenize import KINDS, TextTokenizer, build_tokenizer, detect_language, resolve_kind  # noqa: E402

EN = ["The movie was great, wasn't it?", "A terrible (really bad) film!", "Great acting; great story.",
      "The plot was thin but the acting was great.", "I would not watch it again."] * 4
ZH = ["我爱北京天安门，天安门上太阳升。", "这本书非常好看，推荐给大家！", "质量太差了，不推荐购买这个手机。",
      "物流很快，包装也很好。", "客服态度很差，再也不买了。"] * 4


def test_detect_language():
    assert detect_language(EN) == "en"
    assert detect_language(ZH) == "zh"
    assert detect_language(["我用iPhone手机拍照"]) == "zh"
    assert detect_language([]) == "en"


@pytest.mark.parametrize("texts, language, expected", [(EN, "auto", "word"), (ZH, "auto", "char"), (ZH, "zh", "char"),
                                                        (ZH, "en", "word"), (EN, "zh", "char")])
def test_auto_builds_characters_for_chinese_and_words_otherwise(texts, language, expected):
    tok = build_tokenizer("auto", texts, vocab_size=500, min_freq=1, lowercase=True, language=language)
    assert tok.kind == expected == resolve_kind("auto", tok.language)
    again = TextTokenizer.from_dict(json.loads(json.dumps(tok.to_dict())))  # the run's tokenizer.json: concrete
    assert again.kind == expected and again.encode_batch(texts) == tok.encode_batch(texts)
    assert resolve_kind("word", "zh") == "word" and resolve_kind("bpe", "en") == "bpe"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("texts", [EN, ZH], ids=["en", "zh"])
def test_round_trip_and_specials(kind, texts):
    tok = build_tokenizer(kind, texts, vocab_size=200, min_freq=1, lowercase=True, language="auto")
    assert (tok.pad_id, tok.unk_id, tok.bos_id, tok.eos_id) == (0, 1, 2, 3)
    assert [tok.id_to_token(i) for i in range(4)] == ["<pad>", "<unk>", "<bos>", "<eos>"]
    assert tok.vocab_size <= 200
    ids = tok.encode(texts[1])
    assert ids and min(ids) >= 4 and tok.unk_id not in ids
    assert tok.decode(ids).replace(" ", "") == texts[1].lower().replace(" ", "")
    assert tok.decode([tok.bos_id] + ids + [tok.eos_id, tok.pad_id]) == tok.decode(ids)
    assert tok.encode_batch(texts[:3]) == [tok.encode(t) for t in texts[:3]]
    again = TextTokenizer.from_dict(json.loads(json.dumps(tok.to_dict())))
    assert again.encode_batch(texts) == tok.encode_batch(texts) and again.vocab_size == tok.vocab_size
    assert tok.tokens(texts[0])


def test_english_words_and_decode_spacing():
    tok = build_tokenizer("word", EN, vocab_size=1000, min_freq=1, lowercase=True, language="en")
    assert tok.tokens("Great film, wasn't it?") == ["great", "film", ",", "wasn't", "it", "?"]
    assert tok.decode(tok.encode("the acting was great, wasn't it?")) == "the acting was great, wasn't it?"


def test_chinese_words_use_jieba():
    tok = build_tokenizer("word", ZH, vocab_size=1000, min_freq=1, lowercase=True, language="zh")
    assert "推荐" in tok.tokens("推荐给大家")
    assert tok.decode(tok.encode("这本书非常好看")) == "这本书非常好看"


def test_vocab_cap_min_freq_and_frequency_order():
    texts = ["a a a b b c"] * 2 + ["d"]
    tok = build_tokenizer("word", texts, vocab_size=6, min_freq=2, lowercase=True, language="en")
    assert [tok.id_to_token(i) for i in range(4, tok.vocab_size)] == ["a", "b"]
    assert tok.encode("c d") == [tok.unk_id, tok.unk_id]
    capped = build_tokenizer("word", texts, vocab_size=5, min_freq=1, lowercase=True, language="en")
    assert capped.vocab_size == 5 and capped.id_to_token(4) == "a"


def test_encode_truncation_and_framing():
    tok = build_tokenizer("char", ["abcdef"], vocab_size=100, min_freq=1, lowercase=True, language="en")
    assert len(tok.encode("abcdef", max_length=3)) == 3
    ids = tok.encode("abcdef", max_length=4, add_bos=True, add_eos=True)
    assert ids[0] == tok.bos_id and ids[-1] == tok.eos_id and len(ids) == 4
    assert tok.encode_batch(["abcdef", "ab"], max_length=3) == [tok.encode("abc"), tok.encode("ab")]
    assert tok.decode(tok.encode("xa")) == "<unk>a"


def test_lowercase_off_keeps_case():
    tok = build_tokenizer("char", ["Ab"], vocab_size=100, min_freq=1, lowercase=False, language="en")
    assert tok.decode(tok.encode("Ab")) == "Ab"


def test_save_load_and_damaged_dict(tmp_path):
    tok = build_tokenizer("bpe", EN, vocab_size=120, min_freq=1, lowercase=True, language="en")
    tok.save(tmp_path / "tok.json")
    assert TextTokenizer.load(tmp_path / "tok.json").encode(EN[0]) == tok.encode(EN[0])
    with pytest.raises(ValueError):
        TextTokenizer.from_dict({"kind": "char"})
    with pytest.raises(ValueError):
        TextTokenizer.from_dict({**tok.to_dict(), "hf": "{not json"})


_DETERMINISM = """
import hashlib, json, sys
sys.path.insert(0, {root!r})
from engine.data.tokenize import build_tokenizer
texts = {texts!r}
out = [build_tokenizer(k, texts, vocab_size=300, min_freq=1, lowercase=True, language="auto").to_dict()
       for k in ("bpe", "wordpiece")]
print(hashlib.sha256(json.dumps(out, sort_keys=True).encode()).hexdigest())
"""


def test_subword_training_is_deterministic_across_processes():
    """HF tokenizers hash maps are randomly seeded per process; the vocabulary must not depend on that."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    texts = [t + f" 第{i}条 item{i}" for i, t in enumerate(ZH + EN)]
    code = _DETERMINISM.format(root=root, texts=texts)
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
               for _ in range(3)}
    assert len(digests) == 1


EXOTIC = ["बहुत अच्छा फ़िल्म", "nai\u0308ve İstanbul", "ΣΟΦΟΣ ΚΑΙ ΛΟΓΟΣ", "อาหารอร่อย ดี มาก", "x² ½ Ⅻ a_b‿c don't",
          "\x1cseparated", "Hello, World! (yes)"]


@pytest.mark.parametrize("kind", ["word", "char"])
@pytest.mark.parametrize("lowercase", [True, False])
def test_the_app_and_its_tokenizer_json_encode_every_script_alike(kind, lowercase):
    """Combining marks (Hindi, Thai, decomposed accents), a final sigma, odd separators: the app's own split and
    the tokenizer.json of its exports give the same tokens, so README's onnxruntime snippet answers as the app."""
    tok = build_tokenizer(kind, EXOTIC * 2, vocab_size=1000, language="en", lowercase=lowercase)
    hf = tok.export_tokenizer()
    for text in EXOTIC + ["unseen मिलता words"]:
        assert tok.encode(text) == hf.encode(text).ids, text
        if "unseen" not in text:
            assert tok.tokens(text) == hf.encode(text).tokens, text
    if kind == "word":
        assert tok.tokens("बहुत अच्छा") == ["बहुत", "अच्छा"]  # a Devanagari word is one token, marks and all


def test_a_tokenizer_saved_before_the_split_change_keeps_its_own_split():
    tok = build_tokenizer("word", EXOTIC, vocab_size=1000, language="en")
    d = tok.to_dict()
    assert d["split"] == 2 and TextTokenizer.from_dict(d).tokens("बहुत") == ["बहुत"]
    d.pop("split")  # as saved by earlier versions: Python's re, which splits at combining marks
    old = TextTokenizer.from_dict(d)
    assert old.split == 1 and old.tokens("बहुत") == ["बह", "ु", "त"]


def test_the_word_classes_match_the_installed_tokenizers_library():
    """engine/data/word_classes.py, asked of `tokenizers` one code point at a time, still describes it."""
    out = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "..", "tools", "word_classes.py"),
                          "--check"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_split_two_finds_what_tokenizer_json_finds_in_random_unicode():
    import random
    import sys as _sys

    from tokenizers import normalizers

    from engine.data.tokenize import _word_pre_tokenizer

    rng = random.Random(0)
    tok = TextTokenizer("word", "en", True)
    pre, lower = _word_pre_tokenizer(), normalizers.Lowercase()
    points = [c for c in range(_sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for i in range(3000):
        pool = points if i % 3 == 0 else range(0x3000) if i % 3 == 1 else range(128)
        text = "".join(chr(rng.choice(pool)) if rng.random() < 0.3 else rng.choice("ab Σ'’ \t.,İ") for _ in range(30))
        assert tok.tokens(text) == [p for p, _ in pre.pre_tokenize_str(lower.normalize_str(text))], repr(text)
