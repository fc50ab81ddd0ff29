"""Evaluate a trained run on its test split or on another dataset (`hellotorch eval`, Evaluate panel)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from engine.errors import DataError

MAX_MISCLASSIFIED = 500


def _test_texts(run, data_spec: str | None) -> tuple[list[str], list[int] | None, str]:
    """Texts (and label ids in the run's label order) to evaluate on, and a description of where from."""
    from engine.data.cleaning import clean_rows
    from engine.data.pipeline import load_columns, prepare_data

    cfg = run.cfg
    if not data_spec:
        data = prepare_data(cfg)
        texts = data.texts["test"]
        if not texts:
            raise DataError(f"Run '{run.run_dir}' has no test split (data.test_fraction is "
                            f"{cfg.data.test_fraction}). Evaluate on another dataset with --data SPEC.")
        labels = None
        if cfg.task == "classification":
            index = {n: i for i, n in enumerate(run.label_names)}
            labels = [index[data.label_names[i]] for i in data.labels["test"]]
        return texts, labels, f"test split of {cfg.data.source}"
    src = load_columns(data_spec, cfg.task, "", "")
    texts, labels, _ = clean_rows(src["texts"], src["labels"], source=src["path"], text_column=src["text_column"],
                                  label_column=src["label_column"])
    if not texts:
        raise DataError(f"'{data_spec}' has no usable texts after cleaning (column '{src['text_column']}').")
    if cfg.task != "classification":
        return texts, None, data_spec
    index = {n: i for i, n in enumerate(run.label_names)}
    unknown = sorted({str(x) for x in labels if str(x) not in index})
    if unknown:
        raise DataError(f"'{data_spec}' (column '{src['label_column']}') has labels the run never saw: "
                        f"{', '.join(unknown[:8])}. The run knows {', '.join(run.label_names)}; rename or drop "
                        f"those rows.")
    return texts, [index[str(x)] for x in labels], data_spec


def evaluate_run(run_dir: str | Path, data_spec: str | None = None, checkpoint: str = "best",
                 should_stop: Callable[[], bool] | None = None) -> dict:
    """All metrics of a run's checkpoint, plus misclassified examples (classification)."""
    from engine.data.pipeline import make_blocks
    from engine.inference import load_run
    from engine.training.evaluation import evaluate_split

    run = load_run(run_dir, checkpoint=checkpoint)
    cfg, tok = run.cfg, run.tokenizer
    texts, labels, where = _test_texts(run, data_spec)
    encoded = tok.encode_batch(texts)
    if cfg.task == "classification":
        ids = [x[: cfg.data.max_length] or [tok.unk_id] for x in encoded]
    else:
        ids = make_blocks(encoded, tok.eos_id, cfg.data.max_length + 1, "test", where)
    data = SimpleNamespace(ids={"test": ids}, labels={"test": labels or []}, texts={"test": texts},
                           label_names=run.label_names, tokenizer=tok)
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
    return result
