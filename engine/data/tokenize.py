"""Tokenizers trained on the training split only: char, word (jieba for Chinese), BPE and WordPiece; auto picks
characters for Chinese and words otherwise."""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import torch

from engine.data.tokens import TokenIds

SPECIALS = ("<pad>", "<unk>", "<bos>", "<eos>")
PAD_ID, UNK_ID, BOS_ID, EOS_ID = 0, 1, 2, 3
KINDS = ("char", "word", "bpe", "wordpiece")
AUTO = "auto"  # data.tokenizer's default: resolved by resolve_kind once the language is known
FORMAT = "hellotorch-tokenizer"
ENCODE_CHUNK = 20_000  # texts encoded at a time into flat arrays
# How char and word tokenizers lowercase and split. 1: Python's str.lower and re (tokenizers saved before
# 2026-12-07 have no "split" entry and keep it). 2: the `tokenizers` library's Lowercase normalizer and
# pre-tokenizer, the very rules of the tokenizer.json in every export. The two differ where Python's \w leaves
# out combining marks (Hindi, Thai, decomposed accents: "बहुत" became four tokens that tokenizer.json keeps
# as one) and in lowercasing a final sigma.
SPLIT_VERSION = 2

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_SPACE_NEAR_CJK = re.compile(f"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_EN_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_SPACE_BEFORE = re.compile(r" ([.,!?;:%)\]}])")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def detect_language(texts: Iterable[str], sample: int = 2000) -> str:
    """'zh' when at least 30% of the letters in (a sample of) the texts are CJK characters, else 'en'."""
    cjk = letters = 0
    for i, text in enumerate(texts):
        if i >= sample:
            break
        for ch in text:
            if ch.isalpha():
                letters += 1
                if _CJK_RE.match(ch):
                    cjk += 1
    return "zh" if letters and cjk / letters >= 0.3 else "en"


_jieba = None


def _jieba_cut(text: str) -> list[str]:
    """jieba segmentation, initialised once and quietly; whitespace pieces are dropped."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        _jieba = jieba
    return [w for w in _jieba.lcut(text) if not w.isspace()]


_split2: dict[str, Any] = {}
_ASCII_APART = re.compile("[\x1c-\x1f]")  # the only ASCII that Python's re calls white space and tokenizers not


def _words(text: str) -> list[str]:
    """Split 2's words of a lowercased text in Python's re: the classes of engine/data/word_classes.py
    (tools/word_classes.py asks the `tokenizers` library), so that it finds what tokenizer.json's pre-tokenizer
    finds. A text of characters that Python's \\w and \\s already class alike (most texts in Latin, Greek,
    Cyrillic, CJK scripts) takes the plain pattern, which is 4x faster than the large classes."""
    if "words" not in _split2:
        from engine.data.word_classes import SAME, SPACE, WORD

        _split2["words"] = re.compile(f"[{WORD}]+(?:['’][{WORD}]+)*|[^{WORD}{SPACE}]")
        _split2["other"] = re.compile(f"[^{SAME}]")
    if (text.isascii() and _ASCII_APART.search(text) is None) or _split2["other"].search(text) is None:
        return _EN_WORD.findall(text)
    return _split2["words"].findall(text)


def _lower(text: str) -> str:
    """Split 2's lowercasing: one character at a time, as tokenizer.json's Lowercase normalizer (Python's
    str.lower also looks at the context of a capital sigma, and knows a few characters otherwise)."""
    if text.isascii():
        return text.lower()
    if "odd" not in _split2:
        from engine.data.word_classes import LOWER

        # A capital sigma, an odd character of the Basic Multilingual Plane, or any character beyond it (a class
        # of astral characters one by one is ten times slower to search than one range) takes the careful path.
        bmp = "".join(re.escape(chr(c)) for c in LOWER if c < 0x10000)
        _split2["odd"] = re.compile(f"[Σ{bmp}\U00010000-\U0010ffff]")
        _split2["lower"] = LOWER
    if _split2["odd"].search(text) is None:
        return text.lower()
    table = _split2["lower"]
    return "".join(table.get(ord(ch)) or ch.lower() for ch in text)


def _word_pre_tokenizer() -> Any:
    """Words of split 2 and of tokenizer.json: pieces between white space, then words (letters with their
    combining marks, digits, inner apostrophes) and single other characters."""
    from tokenizers import Regex, pre_tokenizers

    return pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(),
                                    pre_tokenizers.Split(Regex(_EN_WORD.pattern), behavior="isolated")])


def _join_words(tokens: list[str], language: str) -> str:
    """English words are joined by spaces (tidied around punctuation); Chinese words with none."""
    if language == "zh":
        out: list[str] = []
        for tok in tokens:
            if out and _ASCII_ALNUM.match(out[-1][-1]) and _ASCII_ALNUM.match(tok[0]):
                out.append(" ")
            out.append(tok)
        return "".join(out)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", " ".join(tokens)))


def frame_ids(tok: Any, ids: list[int], max_length: int | None, add_bos: bool, add_eos: bool) -> list[int]:
    """ids optionally framed by the tokenizer's BOS/EOS and truncated so that the whole fits max_length."""
    room = None if max_length is None else max(0, max_length - int(add_bos) - int(add_eos))
    if room is not None:
        ids = ids[:room]
    return ([tok.bos_id] if add_bos else []) + ids + ([tok.eos_id] if add_eos else [])


class TextTokenizer:
    """Text <-> token ids with <pad>=0, <unk>=1, <bos>=2, <eos>=3; vocabulary learned from training text."""

    pad_id, unk_id, bos_id, eos_id = PAD_ID, UNK_ID, BOS_ID, EOS_ID

    def __init__(self, kind: str, language: str, lowercase: bool, vocab: list[str] | None = None,
                 hf: Any = None, split: int = SPLIT_VERSION) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown tokenizer kind {kind!r}; expected one of {', '.join(KINDS)}")
        self.kind = kind
        self.language = language
        self.lowercase = lowercase
        self.split = int(split)
        self._hf = hf
        self._itos: list[str] = list(vocab) if vocab is not None else list(SPECIALS)
        if hf is None and tuple(self._itos[:4]) != SPECIALS:
            raise ValueError("tokenizer vocabulary must start with <pad>, <unk>, <bos>, <eos>")
        self._stoi = {tok: i for i, tok in enumerate(self._itos)}

    @property
    def vocab_size(self) -> int:
        return self._hf.get_vocab_size() if self._hf is not None else len(self._itos)

    def __repr__(self) -> str:
        return f"TextTokenizer(kind={self.kind!r}, language={self.language!r}, vocab_size={self.vocab_size})"

    def tokens(self, text: str) -> list[str]:
        """The token strings of one text (before mapping to ids)."""
        if self._hf is not None:
            return self._hf.encode(text, add_special_tokens=False).tokens
        return self._split(text)

    def _split(self, text: str) -> list[str]:
        if self.split < 2:
            if self.lowercase:
                text = text.lower()
            if self.kind == "char":
                return list(text)
            if self.language == "zh":
                return _jieba_cut(text)
            return _EN_WORD.findall(text)
        if self.lowercase:
            text = _lower(text)
        if self.kind == "char":
            return list(text)
        if self.language == "zh":
            return _jieba_cut(text)
        return _words(text)

    def encode(self, text: str, max_length: int | None = None, add_bos: bool = False,
               add_eos: bool = False) -> list[int]:
        """Token ids of one text, optionally framed by <bos>/<eos> and truncated to max_length in total."""
        return frame_ids(self, self.encode_batch([text])[0], max_length, add_bos, add_eos)

    def encode_batch(self, texts: list[str], max_length: int | None = None) -> list[list[int]]:
        """Token ids of many texts (no specials), each truncated to max_length."""
        if self._hf is not None:
            out = [e.ids for e in self._hf.encode_batch(list(texts), add_special_tokens=False)]
        else:
            get, unk = self._stoi.get, self.unk_id
            out = [[get(t, unk) for t in self._split(text)] for text in texts]
        if max_length is not None:
            out = [ids[:max_length] for ids in out]
        return out

    def encode_ids(self, texts: list[str], max_length: int | None = None) -> TokenIds:
        """encode_batch for a whole split, stored flat (TokenIds), ENCODE_CHUNK texts at a time."""
        return TokenIds.concat_chunks(self.encode_batch(texts[i:i + ENCODE_CHUNK], max_length)
                                      for i in range(0, len(texts), ENCODE_CHUNK))

    def decode(self, ids: Iterable[int]) -> str:
        """Text of ids; <pad>/<bos>/<eos> are skipped and <unk> is shown as '<unk>'."""
        skip = (self.pad_id, self.bos_id, self.eos_id)
        ids = [int(i) for i in ids if int(i) not in skip and 0 <= int(i) < self.vocab_size]
        if self._hf is not None:
            text = self._hf.decode(ids, skip_special_tokens=False)
            return _SPACE_NEAR_CJK.sub("", text) if self.language == "zh" else text
        toks = [self._itos[i] for i in ids]
        if self.kind == "char":
            return "".join(toks)
        return _join_words(toks, self.language)

    def id_to_token(self, i: int) -> str:
        return self._hf.id_to_token(i) if self._hf is not None else self._itos[i]

    def token_to_id(self, token: str) -> int:
        if self._hf is not None:
            tid = self._hf.token_to_id(token)
            return self.unk_id if tid is None else tid
        return self._stoi.get(token, self.unk_id)

    def hf_tokenizer(self) -> Any:
        """The same tokenizer as a Hugging Face `tokenizers.Tokenizer` (for tokenizer.json in exports, usable
        without this app), or None for jieba word segmentation, which it cannot express."""
        if self._hf is not None:
            return self._hf
        if self.kind == "word" and self.language == "zh":
            return None
        from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

        tok = Tokenizer(models.WordLevel({t: i for i, t in enumerate(self._itos)}, unk_token="<unk>"))
        if self.lowercase:
            tok.normalizer = normalizers.Lowercase()
        if self.kind == "char":
            tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
        else:
            tok.pre_tokenizer = _word_pre_tokenizer()
        tok.add_special_tokens(list(SPECIALS))
        return tok

    def export_tokenizer(self, truncate_at: int | None = None) -> Any:
        """The tokenizer.json of an export (a `tokenizers.Tokenizer`), or None for jieba words: it encodes as the
        engine does (cut at `truncate_at` ids for a classifier) and decodes as the engine prints: characters
        joined without spaces, English words with a space but none before closing punctuation or after an
        opening bracket, no spaces beside Chinese characters, <unk> shown rather than skipped."""
        base = self.hf_tokenizer()
        if base is None:
            return None
        from tokenizers import Regex, Tokenizer, decoders

        data = json.loads(base.to_str())
        for added in data.get("added_tokens", []):
            if added.get("content") == SPECIALS[UNK_ID]:
                added["special"] = False  # decode(skip_special_tokens=True) keeps it, as the engine prints it
        tok = Tokenizer.from_str(json.dumps(data, ensure_ascii=False))
        steps: list[Any] = []
        if self.kind == "char":
            steps = [decoders.Fuse()]
        elif self.kind == "word":
            steps = [decoders.Replace(Regex("^(?![.,!?;:%)\\]}])"), " "), decoders.Fuse(), decoders.Strip(" ", 1, 0)]
            steps += [decoders.Replace(f"{c} ", c) for c in "([{$"]
        elif tok.decoder is not None:
            steps = [tok.decoder]
        if self.language == "zh" and self.kind != "char":
            steps += [decoders.Fuse(), decoders.Replace(Regex(_SPACE_NEAR_CJK.pattern), "")]
        tok.decoder = steps[0] if len(steps) == 1 else decoders.Sequence(steps)
        tok.no_padding()
        if truncate_at:
            tok.enable_truncation(truncate_at)
        else:
            tok.no_truncation()
        return tok

    def to_dict(self) -> dict:
        """A JSON-safe description that from_dict turns back into the same tokenizer."""
        d: dict[str, Any] = {"format": FORMAT, "version": 1, "kind": self.kind, "language": self.language,
                             "lowercase": self.lowercase}
        if self._hf is None and self.split >= 2:
            d["split"] = self.split
        if self._hf is not None:
            d["hf"] = self._hf.to_str()
        else:
            d["vocab"] = list(self._itos)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TextTokenizer:
        """Rebuild from to_dict(); raises ValueError/KeyError on a damaged description."""
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ValueError("not a hellotorch tokenizer description")
        hf = None
        if "hf" in d:
            from tokenizers import Tokenizer

            try:
                hf = Tokenizer.from_str(d["hf"])
            except Exception as exc:  # the Rust side raises a bare Exception
                raise ValueError(f"damaged subword tokenizer: {exc}") from None
        return cls(d["kind"], d["language"], bool(d["lowercase"]), vocab=d.get("vocab"), hf=hf,
                   split=int(d.get("split", 1)))

    def save(self, path: str | os.PathLike) -> None:
        from engine.io import atomic_write_text

        atomic_write_text(path, json.dumps(self.to_dict(), ensure_ascii=False))

    @classmethod
    def load(cls, path: str | os.PathLike) -> TextTokenizer:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def resolve_kind(kind: str, language: str) -> str:
    """The tokenizer kind to build: ``auto`` means characters for Chinese (n-grams of characters carry its words
    without a segmenter's mistakes, as the TF-IDF baseline's character 1-3-grams do) and words otherwise."""
    if kind != AUTO:
        return kind
    return "char" if language == "zh" else "word"


def build_tokenizer(kind: str, texts: list[str], *, vocab_size: int, min_freq: int = 1, lowercase: bool = True,
                    language: str = "auto") -> TextTokenizer:
    """Learn a vocabulary of at most vocab_size entries (specials included) from the training texts."""
    return build_and_encode(kind, texts, vocab_size=vocab_size, min_freq=min_freq, lowercase=lowercase,
                            language=language, encode=False)[0]


def build_and_encode(kind: str, texts: list[str], *, vocab_size: int, min_freq: int = 1, lowercase: bool = True,
                     language: str = "auto", encode: bool = True) -> tuple[TextTokenizer, TokenIds]:
    """build_tokenizer plus the (untruncated) ids of the same texts, splitting each text only once.

    Char and word tokens are numbered in order of first appearance while the texts are split, into one flat
    int32 array; the counts come from that array, and one table lookup maps the numbers to the final
    vocabulary (the most frequent first, ties by token). Memory is 4 bytes a token, not a list per text."""
    if kind not in (*KINDS, AUTO):
        raise ValueError(f"unknown tokenizer kind {kind!r}; expected one of {', '.join((AUTO, *KINDS))}")
    if language not in ("en", "zh"):
        language = detect_language(texts)
    kind = resolve_kind(kind, language)
    if kind in ("bpe", "wordpiece"):
        tok = TextTokenizer(kind, language, lowercase,
                            hf=_train_capped(kind, texts, vocab_size, min_freq, lowercase, language))
        return tok, (tok.encode_ids(texts) if encode else TokenIds.empty())
    base = TextTokenizer(kind, language, lowercase)
    first_seen: dict[str, int] = {}
    number = first_seen.setdefault
    lengths = np.zeros(len(texts), dtype=np.int64)
    chunks: list[np.ndarray] = []
    for start in range(0, len(texts), ENCODE_CHUNK):
        part: list[int] = []
        for j, text in enumerate(texts[start:start + ENCODE_CHUNK], start):
            toks = base._split(text)
            lengths[j] = len(toks)
            part.extend([number(t, len(first_seen)) for t in toks])
        chunks.append(np.asarray(part, dtype=np.int32))
    counts = np.zeros(len(first_seen), dtype=np.int64)
    for chunk in chunks:
        counts[: chunk.max(initial=-1) + 1] += np.bincount(chunk)
    order = list(first_seen)
    kept = sorted((i for i, t in enumerate(order) if counts[i] >= min_freq and t not in SPECIALS),
                  key=lambda i: (-counts[i], order[i]))[: max(0, vocab_size - len(SPECIALS))]
    tok = TextTokenizer(kind, language, lowercase, vocab=list(SPECIALS) + [order[i] for i in kept])
    if not encode:
        return tok, TokenIds.empty()
    table = np.full(len(order), tok.unk_id, dtype=np.int32)
    table[np.asarray(kept, dtype=np.int64)] = np.arange(len(SPECIALS), len(SPECIALS) + len(kept), dtype=np.int32)
    for special in SPECIALS:  # a text that spells a special token maps to it, as encode() does
        if special in first_seen:
            table[first_seen[special]] = tok._stoi[special]
    flat = np.zeros(int(lengths.sum()), dtype=np.int32)
    at = 0
    while chunks:  # each chunk mapped into place and freed: never two copies of the whole split
        chunk = chunks.pop(0)
        flat[at:at + len(chunk)] = table[chunk]
        at += len(chunk)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return tok, TokenIds(torch.from_numpy(flat), torch.from_numpy(offsets), torch.from_numpy(lengths))


def _alphabet(normalizer: Any, texts: list[str], limit: int) -> list[str]:
    """The `limit` most frequent characters after normalization (ties by character): a fixed, seed-free choice."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(normalizer.normalize_str(text) if normalizer is not None else text)
    chars = sorted((c for c in counts if not c.isspace()), key=lambda c: (-counts[c], c))
    return ["▁"] + [c for c in chars if c != "▁"][: max(0, limit - 1)]


def _bpe(texts: list[str], vocab_size: int, min_freq: int, alphabet: list[str], normalizer: Any,
         pre_tokenizer: Any) -> Any:
    """A BPE tokenizer trained by HF tokenizers on an explicit alphabet (so ties cannot make runs differ)."""
    from tokenizers import Tokenizer, models, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    if normalizer is not None:
        tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizer
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_freq, special_tokens=list(SPECIALS),
                                  initial_alphabet=alphabet, limit_alphabet=len(alphabet), show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer, length=len(texts))
    return tok


def _train_subword(kind: str, texts: list[str], vocab_size: int, min_freq: int, lowercase: bool,
                   language: str) -> Any:
    """BPE (Metaspace, punctuation and CJK runs split apart) or BERT-style WordPiece learned through BPE."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

    budget = max(1, vocab_size - len(SPECIALS))
    if kind == "bpe":
        steps = [pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True),
                 pre_tokenizers.Punctuation(behavior="isolated")]
        if language == "zh":  # keep Chinese runs apart from Latin letters and digits
            steps.append(pre_tokenizers.Split(Regex(f"[{_CJK}]+"), behavior="isolated"))
        normalizer = normalizers.Lowercase() if lowercase else None
        tok = _bpe(texts, vocab_size, min_freq, _alphabet(normalizer, texts, budget), normalizer,
                   pre_tokenizers.Sequence(steps))
        tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
        return tok
    # WordPiece: HF's own WordPieceTrainer numbers '##x' pieces in hash order, so equal-count merges (and the
    # vocabulary) differ between runs. Train BPE on '▁'-marked words instead and convert, as that trainer does.
    normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=False,
                                            lowercase=lowercase)
    alphabet = _alphabet(normalizer, texts, max(1, budget // 2))  # each letter costs 'x' and '##x'
    bpe = _bpe(texts, max(len(SPECIALS) + 1, vocab_size - len(alphabet) + 1), min_freq, alphabet, normalizer,
               pre_tokenizers.Sequence([pre_tokenizers.BertPreTokenizer(),
                                        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always",
                                                                 split=False)]))
    pieces = sorted(bpe.get_vocab().items(), key=lambda kv: kv[1])
    vocab: dict[str, int] = {}
    for piece, _ in pieces:
        if piece in SPECIALS:
            entries = [piece]
        elif piece.startswith("▁"):
            entries = [piece[1:]] if len(piece) > 1 else []
        else:
            entries = [piece, "##" + piece] if len(piece) == 1 else ["##" + piece]
        for entry in entries:
            vocab.setdefault(entry, len(vocab))
    tok = Tokenizer(models.WordPiece(vocab, unk_token="<unk>", continuing_subword_prefix="##"))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece(prefix="##", cleanup=True)
    return tok


def _train_capped(kind: str, texts: list[str], vocab_size: int, min_freq: int, lowercase: bool,
                  language: str) -> Any:
    """Train, and retrain with a smaller target while the result overshoots vocab_size."""
    target = vocab_size
    for _ in range(4):
        tok = _train_subword(kind, texts, target, min_freq, lowercase, language)
        excess = tok.get_vocab_size() - vocab_size
        if excess <= 0 or target - excess < len(SPECIALS) + 2:
            break
        target -= excess
    return tok
