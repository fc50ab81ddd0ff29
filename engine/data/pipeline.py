"""From a config to token ids: load, pick columns, clean, limit, split, build the tokenizer, encode."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import torch

from engine.data import builtin
from engine.data.checks import (header_note, header_problem_text, header_problems, imbalance_note, label_variants,
                                 label_variants_note)
from engine.data.cleaning import CleaningReport, clean_rows, label_name, limit_rows
from engine.data.loading import detect_columns, load_table
from engine.data.pretokenize import encode_cached, tokenizer_fingerprint
from engine.data.split import check_classes, split_indices
from engine.data.stats import dataset_stats
from engine.data.tokenize import TextTokenizer, build_and_encode, detect_language
from engine.data.encoding import (classification_ids, encode_pairs, encode_prompt,  # noqa: F401 (their home)
                                  frame_for_classification, make_blocks, plain_ids)
from engine.data.tokens import TokenIds, as_token_ids
from engine.errors import DataError
from engine.lazy import transformers_serialised
from engine.sysmem import release_freed_memory

SPLITS = ("train", "val", "test")


@dataclass
class PreparedData:
    """Everything the trainer needs from the data, already split and tokenized."""

    task: str
    tokenizer: TextTokenizer
    label_names: list[str]
    texts: dict[str, list[str]]
    labels: dict[str, list[int]]
    ids: dict[str, TokenIds]  # reads like lists of ids; stored flat (engine/data/tokens.py)
    report: CleaningReport
    stats: dict
    text_column: str
    label_column: str | None
    language: str
    source: str
    encoding: str | None
    notes: list[str] = field(default_factory=list)
    imbalanced: bool = False  # classification: the largest class holds >= 4x the smallest's training texts
    # Instruction data (prompt/response columns): labels[split] hold each example's prompt length in tokens,
    # texts[split] the prompts and responses[split] the reference answers.
    sft: bool = False
    responses: dict[str, list[str]] = field(default_factory=dict)

    def fingerprints(self, splits: tuple[str, ...] = ("train", "val", "test")) -> dict[str, str]:
        """A hash of each split's texts (and labels or reference answers), in order: eval tells by it whether the
        test split it draws again is the one the run was tested on (a file reordered or edited at the same size
        draws other texts)."""
        import hashlib

        out = {}
        for split in splits:
            texts = self.texts.get(split) or []
            h = hashlib.sha256()
            for i, text in enumerate(texts):
                h.update(text.encode("utf-8", "surrogatepass") + b"\x00")
                for extra in (self.labels.get(split), self.responses.get(split)):
                    if extra is not None and i < len(extra):
                        h.update(str(extra[i]).encode("utf-8", "surrogatepass") + b"\x01")
            out[split] = h.hexdigest()[:16]
        return out

    def changes_since(self, report: dict, splits: tuple[str, ...] = ("train", "val", "test")) -> dict | None:
        """How these splits differ from the ones a run recorded (its data_report.json: sizes and fingerprints):
        None when it recorded no sizes, else {"then", "now" (usable rows), "same_sizes", "same_texts"} -- the
        texts compared by `splits`' hashes (runs from before the hashes: by the sizes alone). eval and resume
        share it."""
        then, marks = report.get("sizes") or {}, report.get("fingerprints") or {}
        if not then:
            return None
        now = {k: len(v) for k, v in self.ids.items()}
        rows = lambda sizes: sum(int(sizes.get(k) or 0) for k in ("train", "val", "test"))  # noqa: E731
        known = tuple(s for s in splits if s in marks)
        return {"then": rows(then), "now": rows(now),
                "same_sizes": all(then.get(k) == now.get(k) for k in ("train", "val", "test")),
                "same_texts": not known or all(marks[s] == h for s, h in self.fingerprints(known).items())}

    def prompt_ids(self, text: str) -> list[int]:
        """Token ids that start a generation from `text`, formatted the way training saw it."""
        return encode_prompt(self.tokenizer, text, self.sft)


def _load(source: str, task: str) -> tuple[Any, str, str | None, str, str | None]:
    """(dataset, format, encoding, path, known language) for a built-in name or anything load_table reads."""
    if builtin.is_builtin(source):
        meta = next(b for b in builtin.list_builtin() if b["name"] == source)
        return builtin.load_builtin(source, task), "builtin", "utf-8", source, meta["language"]
    loaded = load_table(source)
    return loaded.dataset, loaded.format, loaded.encoding, loaded.path, None


def sample_rows(ds: Any, n: int = 500) -> list[dict]:
    """Up to n rows drawn over the whole dataset (seeded, so the same file gives the same columns): a file sorted
    by class still shows several classes, and so does one whose classes alternate, where every k-th row (an
    even stride) saw one class only and no label column was found."""
    import random

    total = len(ds)
    idx = sorted(random.Random(0).sample(range(total), n)) if total > n else list(range(total))
    return ds.select(idx).to_list()


def _column(ds: Any, name: str) -> list[Any]:
    """A column's values; ClassLabel integers become their class names."""
    column = ds.with_format("arrow")[name]  # Arrow to Python at once: ds[name] goes row by row
    feature = ds.features.get(name)
    values = _pylist(column)
    names = getattr(feature, "names", None)
    if names:
        return [names[v] if isinstance(v, int) and 0 <= v < len(names) else None for v in values]
    return list(values)


def _release_arrow() -> None:
    """Hand Arrow's freed pages back to the OS (its allocator keeps them: a million rows' table would stay
    resident after the table itself is gone)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _pylist(column: Any) -> list[Any]:
    """An Arrow column as a Python list; a column of few distinct strings (labels) shares one object per value
    instead of a new string per row."""
    import pyarrow as pa

    if len(column) > 10_000 and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        import pyarrow.compute as pc

        if pc.count_distinct(column.slice(0, 10_000)).as_py() <= 100:  # a sample: hashing all texts costs more
            encoded = pc.dictionary_encode(column).combine_chunks()
            names = encoded.dictionary.to_pylist()
            return [None if i is None else names[i] for i in encoded.indices.to_pylist()]
    return column.to_pylist()


@transformers_serialised
def load_columns(source: str, task: str, text_column: str, label_column: str,
                 prefer: tuple[str, str] = ("", ""),
                 fields: tuple[str, str] = ("data.text_column", "data.label_column")):
    """Load a source and return its chosen text (and label) values plus where they came from.

    `prefer` names columns to use when the source has them and no explicit name is given (e.g. the columns a
    run was trained on, when evaluating it on another file); `fields` name the two settings in messages."""
    ds, fmt, enc, path, lang = _load(source, task)
    columns = list(ds.column_names)
    text_column = text_column or (prefer[0] if prefer[0] in columns else "")
    if task == "classification":
        label_column = label_column or (prefer[1] if prefer[1] in columns else "")
    sample = sample_rows(ds)  # for detection, and returned (eval: does another column hold the classes too?)
    text_col, label_col = detect_columns(list(ds.column_names), sample, task, text_column, label_column,
                                         source=path, fields=fields)
    texts = _column(ds, text_col)
    labels = _column(ds, label_col) if label_col is not None else None
    columns = list(ds.column_names)
    del ds  # the table read into memory (not a memory-mapped cache): its columns now live as Python lists
    _release_arrow()
    release_freed_memory()
    return {"texts": texts, "labels": labels, "text_column": text_col, "label_column": label_col,
            "format": fmt, "encoding": enc, "path": path, "language": lang, "columns": columns, "sample": sample}


def prepare_data(cfg: Any, progress: Callable[[str], None] | None = None) -> PreparedData:
    """Run the whole data pipeline for a config; the same config and seed give the same result."""
    say = progress or (lambda _msg: None)
    d, task = cfg.data, cfg.task
    source = str(d.source).strip()
    if task == "generation" and (d.prompt_column or d.response_column):
        return _prepare_instructions(cfg, say)
    say(f"Loading {source} ...")
    src = load_columns(source, task, d.text_column, d.label_column)
    path = src["path"]
    say("Cleaning rows ...")
    texts, labels, report = clean_rows(src["texts"], src["labels"], drop_duplicates=d.drop_duplicates,
                                       drop_conflicting=d.drop_conflicting, source=path,
                                       text_column=src["text_column"], label_column=src["label_column"])
    texts, labels = limit_rows(texts, labels, d.limit_rows, report, seed=cfg.train.seed)
    if labels is not None:
        check_classes(labels, path, src["label_column"], limited=bool(report.dropped.get("row_limit")))
    split = split_indices(len(texts), labels, d.val_fraction, d.test_fraction, cfg.train.seed, source=path)
    parts = {"train": split.train, "val": split.val, "test": split.test}
    split_texts = {k: [texts[i] for i in idx] for k, idx in parts.items()}
    split_labels = {k: ([split.label_ids[i] for i in idx] if split.label_ids is not None else [])
                    for k, idx in parts.items()}
    release_freed_memory()  # cleaning's and splitting's sets and lists
    language = d.language if d.language in ("en", "zh") else (src["language"] or detect_language(
        split_texts["train"]))
    notes = list(split.notes)
    skewed = imbalance_note(split_labels["train"], split.label_names) if labels is not None else ""
    if skewed:
        notes.append(skewed)
    variants = label_variants_note(split.label_names) if labels is not None else ""
    if variants:
        notes.append(variants)
    headless = header_note(src["text_column"], src["label_column"], split.label_names) if labels is not None else ""
    if headless:
        notes.append(headless)
    notes += [header_problem_text(p) for p in header_problems(src["text_column"], src.get("columns") or [],
                                                                 bool(headless))]
    if cfg.model.arch == "pretrained":
        tok, full = _pretrained_ids(cfg, split_texts, language, say, notes)
    else:
        say(f"Building the {d.tokenizer} tokenizer on {len(split_texts['train']):,} training texts ...")
        tok, train_ids = build_and_encode(d.tokenizer, split_texts["train"], vocab_size=d.vocab_size,
                                          min_freq=d.min_freq, lowercase=d.lowercase, language=language)
        say("Tokenizing ...")
        full = {"train": train_ids, "val": tok.encode_ids(split_texts["val"]),
                "test": tok.encode_ids(split_texts["test"])}
        total = train_ids.total_tokens()
        share = int(torch.count_nonzero(train_ids.flat == tok.unk_id)) / total if total else 0.0  # no int64 copy
        if share > UNKNOWN_WARNING:
            notes.append(f"{share:.0%} of the training tokens became <unk>: the vocabulary keeps only "
                         f"{tok.vocab_size:,} tokens (data.min_freq={d.min_freq}, data.vocab_size={d.vocab_size:,}), "
                         f"so the model sees little of the text. Lower data.min_freq or raise data.vocab_size.")
    stats = dataset_stats(split_texts["train"], split_labels["train"] if labels is not None else None,
                          split.label_names, tok, d.max_length, token_lengths=full["train"].lengths.numpy())
    if task == "classification":
        ids = {k: frame_for_classification(tok, v, d.max_length) for k, v in full.items()}
    else:
        ids = {k: make_blocks(v, tok.eos_id, d.max_length + 1, k, path) for k, v in full.items()}
    for note in notes:
        say(f"Note: {note}")
    release_freed_memory()  # the vocabulary count and the encoding's chunks
    say(f"Data ready: {report.summary()}")
    return PreparedData(task=task, tokenizer=tok, label_names=split.label_names, texts=split_texts,
                        labels=split_labels, ids=ids, report=report, stats=stats, text_column=src["text_column"],
                        label_column=src["label_column"], language=language, source=source,
                        encoding=src["encoding"], notes=notes, imbalanced=bool(skewed))


UNKNOWN_WARNING = 0.2


def instruction_pairs(ds: Any, prompt_column: str, response_column: str,
                      report: CleaningReport | None = None) -> list[tuple[str, str]]:
    """The rows of `ds` with both a prompt and a response, stripped; the others are counted in `report`."""
    pairs = []
    for p, r in zip(_column(ds, prompt_column), _column(ds, response_column)):
        p, r = _pair_text(p), _pair_text(r)
        if p and r:
            pairs.append((p, r))
        elif report is not None:
            report.add("empty prompt or response", p or r or None)
    return pairs


def _pair_text(value: Any) -> str:
    """A prompt or response cell as text: numbers too (a JSONL answer 42, a CSV column read as numbers); missing
    or blank becomes ''."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (bool, int, float)) or type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0:
        return label_name(value) or ""  # 42, 42.0 -> "42"; 3.5 -> "3.5"; NaN -> ""
    return ""


def unique_pairs(pairs: list[tuple[str, str]], report: CleaningReport) -> list[tuple[str, str]]:
    """The first of each repeated prompt/response pair (data.drop_duplicates): a pair in both the training and the
    test split would score the model on what it learned by heart."""
    seen: set[tuple[str, str]] = set()
    out = []
    for pair in pairs:
        if pair in seen:
            report.add("duplicate", pair[0])
        else:
            seen.add(pair)
            out.append(pair)
    return out


@transformers_serialised
def load_instructions(source: str, prompt_column: str, response_column: str,
                      drop_duplicates: bool = False) -> tuple[Any, list, CleaningReport]:
    """(loaded table, prompt/response pairs, cleaning report) of a file for data.prompt_column/response_column
    (repeated pairs kept once with `drop_duplicates`); a DataError names what is missing."""
    if not (prompt_column and response_column):
        raise DataError("Instruction data needs both a prompt column and a response column, and one of them is "
                        "empty: data.prompt_column / data.response_column in a config or --set, Prompt column / "
                        "Response column in the window, --prompt-column / --response-column with `data stats`. "
                        "Clear both to train on plain text.")
    if prompt_column == response_column:
        raise DataError(f"The prompt column and the response column are both '{prompt_column}': the model would "
                        f"learn to repeat the prompt. Name the column with the answers as the response column "
                        f"(data.response_column, Response column, --response-column).")
    if builtin.is_builtin(source):
        raise DataError(f"The built-in '{source}' has no prompt/response columns. Pick a CSV/JSONL file with "
                        f"them, or clear data.prompt_column and data.response_column.")
    loaded = load_table(source)
    columns = list(loaded.dataset.column_names)
    for key, name in (("data.prompt_column", prompt_column), ("data.response_column", response_column)):
        if name not in columns:
            raise DataError(f"{key} '{name}' is not a column of '{loaded.path}'. Columns found: "
                            f"{', '.join(columns)}.")
    report = CleaningReport(rows_in=len(loaded.dataset))
    pairs = instruction_pairs(loaded.dataset, prompt_column, response_column, report)
    if not pairs:
        raise DataError(f"'{loaded.path}' has no row with both a prompt ({prompt_column}) and a response "
                        f"({response_column}): every one of its {len(loaded.dataset):,} rows has one of them "
                        f"empty. Check that these are the right columns.")
    if drop_duplicates:
        pairs = unique_pairs(pairs, report)
    report.rows_out = len(pairs)
    return loaded, pairs, report


def _prepare_instructions(cfg: Any, say: Callable[[str], None]) -> PreparedData:
    """Prompt/response pairs -> one sequence each (prompt ids + response ids + <eos>); loss on the response."""
    d = cfg.data
    source = str(d.source).strip()
    say(f"Loading {source} ...")
    loaded, pairs, report = load_instructions(source, d.prompt_column, d.response_column, bool(d.drop_duplicates))
    split = split_indices(len(pairs), None, d.val_fraction, d.test_fraction, cfg.train.seed, source=loaded.path)
    parts = {"train": split.train, "val": split.val, "test": split.test}
    prompts = {k: [pairs[i][0] for i in idx] for k, idx in parts.items()}
    responses = {k: [pairs[i][1] for i in idx] for k, idx in parts.items()}
    language = d.language if d.language in ("en", "zh") else detect_language(prompts["train"] + responses["train"])
    notes: list[str] = list(split.notes)
    if cfg.model.arch == "pretrained":
        from engine.models.pretrained import load_tokenizer, resolve

        tok: Any = load_tokenizer(resolve(cfg.model.pretrained, say), cfg.model.pretrained,
                                  bool(cfg.model.trust_remote_code), language)
    else:
        tok, _ = build_and_encode(d.tokenizer, prompts["train"] + responses["train"], vocab_size=d.vocab_size,
                                  min_freq=d.min_freq, lowercase=d.lowercase, language=language, encode=False)
    say("Formatting prompts and responses ...")
    ids: dict[str, TokenIds] = {}
    plens: dict[str, list[int]] = {}
    too_long = 0
    for k in parts:
        seqs, plens[k], kept = encode_pairs(tok, list(zip(prompts[k], responses[k])), d.max_length)
        ids[k] = TokenIds.from_lists(seqs)
        too_long += len(prompts[k]) - len(kept)
        prompts[k], responses[k] = [p for p, _ in kept], [r for _, r in kept]
    if too_long:
        notes.append(f"{too_long} examples were skipped: their prompt alone is longer than data.max_length "
                     f"({d.max_length}); raise it to keep them.")
    if not ids["train"]:
        raise DataError(f"No training example of '{loaded.path}' fits data.max_length = {d.max_length} with room "
                        f"for its response; raise data.max_length.")
    stats = dataset_stats(prompts["train"], None, [], tok, d.max_length,
                          token_lengths=ids["train"].lengths.numpy())
    for note in notes:
        say(f"Note: {note}")
    return PreparedData(task="generation", tokenizer=tok, label_names=[], texts=prompts, labels=plens, ids=ids,
                        report=report, stats=stats, text_column=d.prompt_column, label_column=d.response_column,
                        language=language, source=source, encoding=loaded.encoding, notes=notes, sft=True,
                        responses=responses)


def _pretrained_ids(cfg: Any, texts: dict[str, list[str]], language: str, say: Callable[[str], None],
                    notes: list[str]) -> tuple[Any, dict[str, TokenIds]]:
    """The pretrained model's own fast tokenizer and the ids of every split (batched, Rust-side)."""
    from engine.models.pretrained import load_tokenizer, resolve

    m, d = cfg.model, cfg.data
    path = resolve(m.pretrained, say)
    say(f"Tokenizing with the tokenizer of '{m.pretrained}' ...")
    tok = load_tokenizer(path, m.pretrained, bool(m.trust_remote_code), language)
    mode = "classification" if cfg.task == "classification" else "plain"
    full, hits = {}, 0
    fingerprint = tokenizer_fingerprint(tok)  # once for the three splits
    for k, v in texts.items():
        full[k], hit = encode_cached(tok, v, mode, d.max_length if mode == "classification" else None, say,
                                     fingerprint=fingerprint)
        hits += hit
    if hits:
        say(f"Token ids of {hits} split(s) read from the tokenization cache.")
    share = tok.unknown_share(full["train"][:2000])
    if share > UNKNOWN_WARNING:
        notes.append(f"{share:.0%} of the training tokens are unknown to the tokenizer of '{m.pretrained}' "
                     f"(language '{language}'); this model cannot read this text well. Pick a model made for "
                     f"the language, or train one from scratch.")
    return tok, full


def stats_for_spec(spec: str, *, text_column: str = "", label_column: str = "", task: str = "classification",
                   tokenizer: str = "word", max_length: int = 128, pretrained: str = "",
                   trust_remote_code: bool = False, prompt_column: str = "", response_column: str = "") -> dict:
    """Cleaning report, chosen columns, encoding and length/class statistics of a whole source (no split).
    For generation with `prompt_column`/`response_column` each pair counts as one text, prompt then response.

    With `pretrained` (a built-in model name, folder or hub id) token lengths come from that model's own
    tokenizer, and the share of unknown tokens is reported with a warning above UNKNOWN_WARNING."""
    from engine.data.split import label_vocabulary

    instructions = task == "generation" and bool(prompt_column or response_column)
    if instructions:  # each pair as the one text training sees (a repeated pair once, as data.drop_duplicates)
        loaded, pairs, report = load_instructions(str(spec).strip(), prompt_column, response_column, True)
        src = {"path": loaded.path, "format": loaded.format, "encoding": loaded.encoding, "language": None,
               "columns": list(loaded.dataset.column_names), "text_column": response_column, "label_column": None}
        texts, labels = [f"{p}\n{r}" for p, r in pairs], None
    else:
        src = load_columns(str(spec).strip(), task, text_column, label_column)
        texts, labels, report = clean_rows(src["texts"], src["labels"], source=src["path"],
                                           text_column=src["text_column"], label_column=src["label_column"])
    language = src["language"] or detect_language(texts)
    unknown: dict = {}
    if pretrained:
        from engine.models.pretrained import load_tokenizer, resolve

        tok = load_tokenizer(resolve(pretrained), pretrained, trust_remote_code, language)
        ids = as_token_ids(tok.encode_batch(texts))
        share = tok.unknown_share(ids[:5000])
        unknown = {"unknown_share": share, "unknown_warning": (
            f"{share:.0%} of the tokens are unknown to the tokenizer of '{pretrained}' (language '{language}'): "
            f"this model cannot read this text well. Pick a model made for the language, or train one from "
            f"scratch." if share > UNKNOWN_WARNING else "")}
        tokenizer = "pretrained"
    else:
        tok, ids = build_and_encode(tokenizer, texts, vocab_size=20000, min_freq=1, lowercase=True,
                                    language=language)
    names = label_vocabulary(labels) if labels is not None else []
    index = {n: i for i, n in enumerate(names)}
    label_ids = [index[x] for x in labels] if labels is not None else None
    headless = header_note(src["text_column"], src["label_column"], names)
    return {"source": str(spec).strip(), "path": src["path"], "format": src["format"], "encoding": src["encoding"],
            "columns": src["columns"], "text_column": src["text_column"], "label_column": src["label_column"],
            "prompt_column": prompt_column if instructions else None, "task": task, "language": language,
            "tokenizer": tokenizer, "vocab_size": tok.vocab_size,
            "label_names": names, "label_variants": label_variants(names), "cleaning": report.to_dict(),
            "header_note": headless,
            "header_problems": [{"kind": p.kind, **p.values}
                                for p in header_problems(src["text_column"], src["columns"], bool(headless))],
            "cleaning_summary": report.summary(),
            "stats": dataset_stats(texts, label_ids, names, tok, max_length, token_lengths=ids.lengths.numpy()),
            **unknown}
