"""Evaluate a trained run on its test split or on another dataset (`hellotorch eval`, Evaluate panel)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from engine.errors import DataError
from engine.lazy import transformers_serialised
from engine.runs import run_columns

MAX_MISCLASSIFIED = 500


UNKNOWN_WARN = 0.05  # generation: warn when this share of the evaluated tokens is <unk>


# how eval's messages name the two columns: its flags and the Evaluate panel's boxes
EVAL_FIELDS = ("--text-column / Text column", "--label-column / Label column")


def _test_texts(run, data_spec: str | None, text_column: str = "", label_column: str = "") -> dict:
    """What to evaluate on: texts (and label ids in the run's label order), a description of where from, and for
    instruction runs the reference responses."""
    from engine.data.cleaning import clean_rows
    from engine.data.pipeline import load_columns, prepare_data

    cfg = run.cfg
    sft = cfg.task == "generation" and bool(cfg.data.prompt_column or cfg.data.response_column)
    if not data_spec:
        data = prepare_data(cfg)
        texts = data.texts["test"]
        if not texts:
            raise DataError(f"Run '{run.run_dir}' has no test split (data.test_fraction is "
                            f"{cfg.data.test_fraction}). Evaluate it on another dataset: `hellotorch eval --data "
                            f"FILE`, or a file in the Evaluate panel's Dataset box.")
        labels = None
        if cfg.task == "classification":
            index = {n: i for i, n in enumerate(run.label_names)}
            labels = [index[data.label_names[i]] for i in data.labels["test"]]
        return {"texts": texts, "labels": labels, "where": f"test split of {cfg.data.source}",
                "responses": data.responses.get("test", []) if sft else None,
                **_changed_since_training(run.run_dir, cfg.data.source, data)}
    if sft:
        return _instruction_pairs(cfg, data_spec, text_column, label_column)
    if label_column and cfg.task != "classification":
        from engine.errors import ConfigError

        raise ConfigError(f"Run '{run.run_dir}' is a language model over plain text: there is no label column to "
                          f"name (`--label-column`, the Evaluate panel's Response column). Name the text column "
                          f"alone; an instruction-tuned run takes the response column there.")
    src = load_columns(data_spec, cfg.task, text_column, label_column if cfg.task == "classification" else "",
                       prefer=run_columns(run.run_dir), fields=EVAL_FIELDS)
    # Every row with a text (and a label) counts: duplicates and a text labelled twice are training-data hygiene,
    # not rows to leave out of a held-out score (predict --file scores them too).
    texts, labels, report = clean_rows(src["texts"], src["labels"], drop_duplicates=False, drop_conflicting=False,
                                       source=src["path"], text_column=src["text_column"],
                                       label_column=src["label_column"])
    if not texts:
        raise DataError(f"'{data_spec}' has no usable texts after cleaning (column '{src['text_column']}').")
    said = {"skipped": dict(report.dropped)} if any(report.dropped.values()) else {}
    if src.get("encoding"):  # as data stats reports it: a GBK or UTF-16 file read right is worth saying
        said["encoding"] = src["encoding"]
    said["text_column"] = src["text_column"]
    if cfg.task != "classification":
        return {"texts": texts, "labels": None, "where": data_spec, "responses": None, **said}
    said["label_column"] = src["label_column"]
    index = {n: i for i, n in enumerate(run.label_names)}
    if not label_column and src["label_column"] != run_columns(run.run_dir)[1]:  # detected, not named
        others = _other_class_columns(src, set(index))
        if others:
            said["label_ambiguity"] = {"chosen": src["label_column"], "others": others}
            said["warning"] = (f"Besides '{src['label_column']}', the column(s) {', '.join(repr(c) for c in others)} "
                               f"of '{data_spec}' also hold the run's classes; these scores are against "
                               f"'{src['label_column']}', which was detected. Name the label column to choose "
                               f"(`--label-column`, or the Evaluate panel's Label column).")
    unknown = sorted({str(x) for x in labels if str(x) not in index})
    if unknown:
        raise DataError(f"'{data_spec}' (column '{src['label_column']}') has labels the run never saw: "
                        f"{', '.join(unknown[:8])}. The run knows {', '.join(run.label_names)}; rename or drop "
                        f"those rows, or name the right label column (`hellotorch eval --label-column`, or the "
                        f"Evaluate panel's Label column).")
    return {"texts": texts, "labels": [index[str(x)] for x in labels], "where": data_spec, "responses": None,
            **said}


def _other_class_columns(src: dict, classes: set[str]) -> list[str]:
    """Columns besides the chosen text and label ones whose sampled values are all among the run's classes."""
    from engine.data.cleaning import label_name

    out = []
    for column in src.get("columns") or []:
        if column in (src["text_column"], src["label_column"]):
            continue
        values = [label_name(r.get(column)) for r in src.get("sample") or []]
        values = [v for v in values if v is not None]
        if values and all(v in classes for v in values):
            out.append(column)
    return out


def _is_builtin(spec: str) -> bool:
    from engine.data import builtin

    return builtin.is_builtin(str(spec).strip())


@transformers_serialised
def _instruction_pairs(cfg, data_spec: str, prompt_column: str, response_column: str) -> dict:
    """Prompt/response pairs of another file for an instruction-tuned run (the run's column names by default)."""
    from engine.data.loading import load_table
    from engine.data.pipeline import instruction_pairs

    if _is_builtin(data_spec):
        raise DataError(f"The built-in '{data_spec}' has no prompt/response columns; this run answers prompts. "
                        f"Give a CSV/JSONL file with columns '{cfg.data.prompt_column}' and "
                        f"'{cfg.data.response_column}'.")
    loaded = load_table(data_spec)
    ds = loaded.dataset
    columns = list(ds.column_names)
    p_col = prompt_column or cfg.data.prompt_column
    r_col = response_column or cfg.data.response_column
    for flag, name in (("--text-column", p_col), ("--label-column", r_col)):
        if name not in columns:
            raise DataError(f"'{loaded.path}' has no column '{name}' (prompts and responses of this run come from "
                            f"'{cfg.data.prompt_column}' and '{cfg.data.response_column}'). Columns found: "
                            f"{', '.join(columns)}. Name the prompt and response columns with --text-column and "
                            f"--label-column (the Evaluate panel's Prompt / text column and Response column).")
    pairs = instruction_pairs(ds, p_col, r_col)
    if not pairs:
        raise DataError(f"'{loaded.path}' has no row with both a prompt ('{p_col}') and a response ('{r_col}').")
    return {"texts": [p for p, _ in pairs], "labels": None, "where": data_spec, "responses": [r for _, r in pairs]}


def evaluate_run(run_dir: str | Path, data_spec: str | None = None, checkpoint: str = "best",
                 should_stop: Callable[[], bool] | None = None, text_column: str = "",
                 label_column: str = "") -> dict:
    """All metrics of a run's checkpoint, plus misclassified examples (classification).

    With `data_spec`, the text and label columns are `text_column`/`label_column` when given, else the columns the
    run was trained on when the file has them, else detected. For an instruction-tuned run they name the prompt
    and response columns."""
    from engine.data.encoding import classification_ids, corpus_blocks, encode_pairs, encode_prompt
    from engine.inference import load_run
    from engine.training.evaluation import evaluate_split

    run = load_run(run_dir, checkpoint=checkpoint)
    cfg, tok = run.cfg, run.tokenizer
    got = _test_texts(run, data_spec, text_column, label_column)
    texts, labels, where, responses = got["texts"], got["labels"], got["where"], got["responses"]
    sft = responses is not None
    if cfg.task == "classification":
        ids = classification_ids(tok, texts, cfg.data.max_length)  # as training encoded them
        prompt_lengths: list[int] = []
    elif sft:
        ids, prompt_lengths, kept = encode_pairs(tok, list(zip(texts, responses)), cfg.data.max_length)
        if not ids:
            raise DataError(f"No prompt of '{where}' fits data.max_length = {cfg.data.max_length} with room for its "
                            f"response; nothing to evaluate.")
        texts, responses = [p for p, _ in kept], [r for _, r in kept]
    else:
        ids = corpus_blocks(tok, texts, cfg.data.max_length, "test", where)
        prompt_lengths = []
        if not ids:
            raise DataError(f"'{where}' holds too little text to evaluate (fewer than 2 tokens after cleaning).")
    data = SimpleNamespace(ids={"test": ids}, labels={"test": labels or prompt_lengths}, texts={"test": texts},
                           label_names=run.label_names, tokenizer=tok, sft=sft,
                           responses={"test": responses or []},
                           prompt_ids=lambda text: encode_prompt(tok, text, sft))
    control = SimpleNamespace(should_stop=False)
    ctx = SimpleNamespace(model=run.model, data=data, cfg=cfg, device=run.device, amp_dtype=None, control=control)
    metrics = evaluate_split(ctx, "test", final=True)
    result = {"run_dir": str(run.run_dir), "checkpoint": str(run.checkpoint), "task": cfg.task, "data": where,
              "label_names": run.label_names}
    if cfg.task == "classification":
        preds = metrics.pop("predictions", [])
        probs = metrics.pop("probabilities", [])
        wrong = [{"text": texts[i], "true": run.label_names[labels[i]], "predicted": run.label_names[p],
                  "confidence": float(probs[i][p])} for i, p in enumerate(preds) if p != labels[i]]
        wrong.sort(key=lambda m: -m["confidence"])
        result["misclassified"] = wrong[:MAX_MISCLASSIFIED]
        result["misclassified_total"] = len(wrong)
    metrics.setdefault("n", len(texts))
    result.update(metrics)
    warnings = [got["warning"]] if got.get("warning") else []
    if got.get("data_changed"):
        result["data_changed"] = got["data_changed"]
    if got.get("skipped"):  # rows of --data that could not be scored: {"empty_text": n, "missing_label": m}
        result["skipped"] = got["skipped"]
    if got.get("encoding"):
        result["encoding"] = got["encoding"]
    for key in ("text_column", "label_column", "label_ambiguity"):  # another file's columns, as used
        if got.get(key):
            result[key] = got[key]
    if cfg.task == "generation":
        unknown = _unknown_tokens(tok, ids, where)
        warnings += [unknown.pop("warning")] if "warning" in unknown else []
        result.update(unknown)
    if warnings:
        result["warning"] = " ".join(warnings)
    return result


def _changed_since_training(run_dir: Path, source: str, data) -> dict:  # noqa: ANN001
    """The run's own test split is drawn again from data.source: when the data's splits do not have the sizes the
    run recorded (data_report.json), the file changed since, and the 'test split' may hold rows it trained on."""
    from engine.runs import read_json

    change = data.changes_since(read_json(Path(run_dir) / "data_report.json"), ("test",))
    if change is None or (change["same_sizes"] and change["same_texts"]):
        return {}
    how = (f"{change['then']:,} usable rows then, {change['now']:,} now" if not change["same_sizes"] else
           f"as many rows, but the test split drawn from it now holds other texts: rows were reordered or edited")
    return {"data_changed": {"then": change["then"], "now": change["now"], "same_test_texts": change["same_texts"]},
            "warning": f"{source} has changed since the run was trained ({how}): its test split was drawn again "
                       f"and may hold texts the model trained on, so these scores are not the run's test scores. "
                       f"Evaluate on a held-out file with --data, or train again on the data as it is now."}


def _unknown_tokens(tok, ids, where: str) -> dict:  # noqa: ANN001
    """The share of the evaluated tokens the run's vocabulary does not know (<unk>), and a warning past
    UNKNOWN_WARN: the model predicts <unk> easily, so perplexity flatters it on text it never saw."""
    unk = getattr(tok, "unk_id", None)
    total = sum(len(row) for row in ids)
    if unk is None or not total:
        return {}
    share = sum(sum(1 for t in row if t == unk) for row in ids) / total
    out = {"unknown_token_share": share}
    if share >= UNKNOWN_WARN:
        out["warning"] = (f"{share:.0%} of the tokens of {where} are not in the run's vocabulary and read as <unk>; "
                          f"the model predicts <unk> easily, so perplexity looks better than the model is on this "
                          f"text (generated <unk> never counts as a match). Evaluate on text like its training data, "
                          f"or train on this kind of text.")
    return out
