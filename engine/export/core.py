"""Export a trained run: safetensors, a Hugging Face folder, TorchScript, ONNX (+ int8), each checked.

Every export is a self-contained folder (model file, tokenizer, labels, model_card.json) and a numbered
version of its run (run_dir/exports/v1, v2, ... listed in run_dir/exports/versions.json). After writing,
the same test examples go through PyTorch and the export: the largest logit difference and the label
agreement are measured, and an fp32 export that differs by more than FP32_TOLERANCE fails.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch
from torch import nn

from engine.errors import ConfigError, HelloTorchError
from engine.export.runtime import pad_ids
from engine.export.versions import VERSIONS, list_versions
from engine.runs import run_columns

FORMATS = ("safetensors", "hf", "torchscript", "onnx")
QUANTIZE = ("int8",)
OPSET = 17
FP32_TOLERANCE = 1e-4      # max |logit difference|, relative to the largest |logit| when that is above 1
INT8_MIN_AGREEMENT = 0.99  # share of labels an int8 export must keep
PARITY_EXAMPLES = 64
CARD = "model_card.json"


class ExportError(HelloTorchError):
    """An export cannot be written or does not reproduce the model."""


@dataclass
class ExportResult:
    folder: str
    version: str
    format: str
    quantize: str | None
    files: dict[str, int]
    parity: dict
    speed: dict
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _say(progress: Callable[[str, float], None] | None, message: str, fraction: float) -> None:
    if progress is not None:
        progress(message, fraction)


def _check_cancel(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise ExportError("The export was cancelled; nothing was kept.")


def next_version(run_dir: Path) -> str:
    root = run_dir / "exports"
    taken = {int(p.name[1:]) for p in root.glob("v*") if p.name[1:].isdigit()} if root.is_dir() else set()
    for entry in list_versions(run_dir):
        if str(entry.get("version", "")).lstrip("v").isdigit():
            taken.add(int(str(entry["version"]).lstrip("v")))
    return f"v{max(taken, default=0) + 1}"


EXPORT_FORMAT = 2  # 2: manifest, tokenizer truncation/decoder, prompt/context entries; 1: before
HASHED_BYTES = 16 << 20  # files up to this size are hashed in the manifest; bigger ones are checked by size


def file_manifest(folder: Path) -> dict:
    """{relative name: {"bytes": n, "sha256": hex or None}} of every file but the model card."""
    import hashlib

    out = {}
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.name == CARD:
            continue
        size = path.stat().st_size
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if size <= HASHED_BYTES else None
        out[path.relative_to(folder).as_posix()] = {"bytes": size, "sha256": digest}
    return out


def package_versions() -> dict:
    import importlib.metadata as md

    out = {}
    for name in ("torch", "transformers", "tokenizers", "onnx", "onnxruntime", "safetensors", "peft"):
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    return out


# ------------------------------------------------------------------------------------------- writing
def _write_tokenizer(run, folder: Path, notes: list[str]) -> dict:
    """tokenizer.json (Hugging Face tokenizers) whenever it can express the tokenizer, plus the engine's own
    description (vocab.json) for from-scratch runs; returns the card's tokenizer entry."""
    tok = run.tokenizer
    info: dict[str, Any] = {"kind": getattr(tok, "kind", "pretrained"), "pad_id": int(tok.pad_id),
                            "eos_id": int(tok.eos_id), "bos_id": int(tok.bos_id), "unk_id": int(tok.unk_id)}
    max_length = int(run.cfg.data.max_length)
    truncate_at = max_length if run.task == "classification" else None
    info["truncation"] = truncate_at
    if info["kind"] == "pretrained":
        tok.save_files(folder)
        _trained_length(folder, max_length, truncate_at)
        info.update(file="tokenizer.json", special_tokens=True)
        return info
    (folder / "vocab.json").write_text(json.dumps(tok.to_dict(), ensure_ascii=False), encoding="utf-8")
    info.update(engine_file="vocab.json", special_tokens=False, lowercase=tok.lowercase, language=tok.language)
    hf = tok.export_tokenizer(truncate_at)
    if hf is None:
        notes.append("The tokenizer is jieba word segmentation, which tokenizer.json cannot express: outside "
                     "this app, segment with jieba.lcut and map the words through vocab.json.")
    else:
        hf.save(str(folder / "tokenizer.json"))
        info["file"] = "tokenizer.json"
    return info


def _tokenizer_json_warnings(parity: dict, run) -> list[str]:
    """Where tokenizer.json alone does not encode (or decode) the test texts as the app does, say so: a user of
    `tokenizers` or onnxruntime outside the app would get other ids, hence other answers."""
    out = []
    for key, verb in (("tokenizer_json_agreement", "encodes"), ("tokenizer_json_decode_agreement", "decodes")):
        share = parity.get(key)
        if share is not None and share < 1.0:
            out.append(f"tokenizer.json {verb} only {share:.1%} of the test texts as the app does"
                       + (" (this run's tokenizer was saved before the app split words with the `tokenizers` "
                          "library's own rules; train it again for an exact tokenizer.json)"
                          if getattr(run.tokenizer, "split", 2) < 2 else "")
                       + ": outside the app, encode with the app's tokenizer (vocab.json through "
                       "ExportedModel) rather than tokenizer.json.")
    return out


def _trained_length(folder: Path, max_length: int, truncate_at: int | None) -> None:
    """A pretrained tokenizer's files say the length the model was trained with: model_max_length in
    tokenizer_config.json (so `truncation=True` cuts there; save_pretrained wrote the base model's 512 and
    a leftover max_length), and tokenizer.json truncates a classifier's input there, as the app does."""
    cfg_path, tok_path = folder / "tokenizer_config.json", folder / "tokenizer.json"
    if cfg_path.is_file():
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["model_max_length"] = max_length
        for stray in ("max_length", "truncation", "stride", "truncation_strategy"):
            cfg.pop(stray, None)
        cfg_path.write_text(json.dumps(cfg, ensure_ascii=False, indent=2), encoding="utf-8")
    if tok_path.is_file():
        data = json.loads(tok_path.read_text(encoding="utf-8"))
        data["padding"] = None
        data["truncation"] = None if truncate_at is None else {
            "direction": "Right", "max_length": truncate_at, "strategy": "LongestFirst", "stride": 0}
        tok_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _example_batch(run, data, n: int) -> list[list[int]]:
    """Up to n token-id sequences from the run's own test split (else validation/training, else random)."""
    if data is not None:
        for split in ("test", "val", "train"):
            ids = data.ids.get(split) or []
            if ids:
                return [list(x) for x in ids[:n]]
    g = torch.Generator().manual_seed(0)
    vocab = run.tokenizer.vocab_size
    return [torch.randint(4, max(5, vocab), (int(k),), generator=g).tolist() for k in (5, 9, 13, 17)]


class _Traceable(nn.Module):
    """A classifier's export-friendly forward (RNNs: no packed sequences) as the module's forward."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.model.forward_unpacked(input_ids)


def traceable(model: nn.Module) -> nn.Module:
    return _Traceable(model).eval() if hasattr(model, "forward_unpacked") else model


def _onnx_export(module: nn.Module, args: tuple, path: Path, input_names: list[str], output_names: list[str],
                 dynamic_axes: dict) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, args, str(path), input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=OPSET, dynamo=False, do_constant_folding=True)


def _export_onnx(run, model: nn.Module, folder: Path, example: np.ndarray) -> dict:
    path = folder / "model.onnx"
    x = torch.from_numpy(example[:2, : max(2, min(example.shape[1], 16 if run.task == "classification" else 4))].copy())
    if run.task == "classification":
        _onnx_export(traceable(model), (x,), path, ["input_ids"], ["logits"],
                     {"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}})
        return {"inputs": {"input_ids": ["batch", "sequence"]}, "outputs": {"logits": ["batch", "num_labels"]}}
    from engine.export.decoders import INPUT_NAMES, OUTPUT_NAMES, CachedDecoder, cache_spec

    spec = cache_spec(model)
    wrapper = CachedDecoder(model).eval()
    shape = list(spec["shape"])
    shape[1] = x.shape[0]
    if spec["grow_axis"] is not None:
        shape[spec["grow_axis"]] = 3  # trace with a non-empty cache so the past axis stays symbolic
    a, b = torch.zeros(shape), torch.zeros(shape)
    cache_axes = {1: "batch", 3: "past"} if spec["grow_axis"] is not None else {1: "batch"}
    new_axes = {1: "batch", 3: "total"} if spec["grow_axis"] is not None else {1: "batch"}
    _onnx_export(wrapper, (x, a, b), path, INPUT_NAMES, OUTPUT_NAMES,
                 {"input_ids": {0: "batch", 1: "sequence"}, "cache_a": cache_axes, "cache_b": cache_axes,
                  "logits": {0: "batch", 1: "sequence"}, "new_cache_a": new_axes, "new_cache_b": new_axes})
    return _cached_card(spec)


def _cached_card(spec: dict) -> dict:
    """The card's inputs/outputs of a decoder called as model(ids, cache_a, cache_b) -> (logits, new caches): the
    ONNX file and the TorchScript module alike."""
    grown = ("the shape of cache_a with the past axis (3) grown by the sequence length"
             if spec["grow_axis"] is not None else "the shape of cache_a (an LSTM state: it does not grow)")
    return {"inputs": {"input_ids": ["batch", "sequence"], "cache_a": spec["shape"], "cache_b": spec["shape"]},
            "outputs": {"logits": ["batch", "sequence", "vocab"], "new_cache_a": grown, "new_cache_b": grown},
            "cache": spec}


def _quantize(folder: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel scales: on the fine-tuned MiniLM, per-tensor int8 lost 1.8 points of test accuracy and
    # per-channel none (bench/export_latency.py), at the same size and about the same speed.
    import logging

    class _Advice(logging.Filter):
        """onnxruntime's quantizer logs advice and per-tensor notes on the root logger ("Inference failed or
        unsupported type to quantize for tensor ...", with a protobuf dump): they reached the terminal, even
        with --quiet. Errors still pass; the export's own parity check says what int8 changed."""

        def filter(self, record: logging.LogRecord) -> bool:
            return record.levelno >= logging.ERROR

    root, advice = logging.getLogger(), _Advice()
    root.addFilter(advice)
    try:
        quantize_dynamic(str(folder / "model.onnx"), str(folder / "model.int8.onnx"), weight_type=QuantType.QInt8,
                         per_channel=True)
    finally:
        root.removeFilter(advice)


def _export_torchscript(run, model: nn.Module, folder: Path, example: np.ndarray) -> dict:
    import warnings

    x = torch.from_numpy(example[:2, : max(2, min(example.shape[1], 16 if run.task == "classification" else 4))].copy())
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        if run.task == "classification" or getattr(model, "hf", None) is not None:
            traced = torch.jit.trace(traceable(model), (x,), strict=False, check_trace=False)
            cached = False
        else:
            from engine.export.decoders import CachedDecoder, cache_spec

            spec = cache_spec(model)
            shape = list(spec["shape"])
            shape[1] = x.shape[0]
            if spec["grow_axis"] is not None:
                shape[spec["grow_axis"]] = 3
            traced = torch.jit.trace(CachedDecoder(model).eval(), (x, torch.zeros(shape), torch.zeros(shape)),
                                     strict=False, check_trace=False)
            cached = True
    torch.jit.save(traced, str(folder / "model.pt"))
    if run.task == "classification":
        return {"inputs": {"input_ids": ["batch", "sequence"]}, "outputs": {"logits": ["batch", "num_labels"]}}
    if cached:
        from engine.export.decoders import cache_spec

        return _cached_card(cache_spec(model))
    return {"inputs": {"input_ids": ["batch", "sequence"]}, "outputs": {"logits": ["batch", "sequence", "vocab"]}}


def _export_weights(run, model: nn.Module, folder: Path, fmt: str) -> dict:
    if getattr(model, "hf", None) is not None:
        if run.task == "classification" and run.label_names:
            model.hf.config.id2label = dict(enumerate(run.label_names))
            model.hf.config.label2id = {name: i for i, name in enumerate(run.label_names)}
        model.hf.save_pretrained(str(folder))
        if fmt == "hf":
            return {"loader": "transformers"}
        return {"loader": "engine"}
    if fmt == "hf":
        raise ConfigError(f"The hf format writes a save_pretrained folder and is for runs that fine-tune a "
                          f"pretrained model; '{run.run_dir.name}' trains a {run.cfg.model.arch} from scratch. "
                          f"Use --format safetensors, torchscript or onnx.")
    from engine.training.checkpoint import save_weights

    save_weights(folder / "model.safetensors", model.state_dict())
    return {"loader": "engine"}


def generation_usage(run, model: nn.Module) -> dict:
    """How to drive an exported language model outside the app: the prompt it expects, its context limit and
    what happens past it (the model card's "prompt" and "context" entries; README "Exports outside the app")."""
    from engine.export.decoders import cache_spec

    tok, cfg = run.tokenizer, run.cfg
    sft = bool(cfg.data.prompt_column and cfg.data.response_column)
    chat = sft and bool(getattr(getattr(tok, "hf", None), "chat_template", None))
    if chat:
        prompt = {"format": "chat", "prefix_ids": [], "suffix": "",
                  "how": "apply the tokenizer's chat template to [{role: user, content: PROMPT}] with "
                         "add_generation_prompt=True; the ids it returns are the prompt"}
    elif sft:
        prompt = {"format": "instruction", "prefix_ids": [int(tok.eos_id)], "suffix": "\n",
                  "how": "prefix_ids + the ids of PROMPT + '\\n' (no special tokens); the answer follows"}
    else:
        prompt = {"format": "plain", "prefix_ids": [int(tok.eos_id)], "suffix": "",
                  "how": "prefix_ids (<eos>: every training document followed one) + the ids of the text to "
                         "continue, encoded without special tokens"}
    spec = cache_spec(model)
    limit = spec.get("context")
    context = {"max_tokens": limit, "trained_block": int(cfg.data.max_length),
               "beyond": ("the model has no position limit (an LSTM state); quality fades past the trained block"
                          if limit is None else
                          f"at {limit} tokens of prompt + output, keep the last {max(1, limit // 2)} tokens, start "
                          f"an empty cache and go on (the app's sliding window)")}
    return {"prompt": prompt, "context": context}


def _card(run, fmt: str, quantize: str | None, version: str, tok_info: dict, io: dict, notes: list[str],
          model: nn.Module | None = None) -> dict:
    summary = {}
    try:
        summary = json.loads((run.run_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    files = {"safetensors": "model.safetensors", "hf": "model.safetensors", "torchscript": "model.pt",
             "onnx": "model.onnx"}
    cfg = run.cfg
    from engine import __version__

    return {"format": fmt, "quantize": quantize, "version": version, "task": cfg.task,
            "export_format": EXPORT_FORMAT, "app_version": __version__,
            "vocab_size": int(run.tokenizer.vocab_size),
            "model_file": files[fmt], "int8_file": "model.int8.onnx" if quantize == "int8" else None,
            "arch": cfg.model.arch, "pretrained": cfg.model.pretrained if cfg.model.arch == "pretrained" else None,
            "labels": list(run.label_names), "max_length": int(cfg.data.max_length),
            "instruction_format": bool(cfg.data.prompt_column and cfg.data.response_column),
            "tokenizer": tok_info, **io,
            "metrics": {"test": summary.get("test") or {}, "best_val": summary.get("best_metric"),
                        "monitor": summary.get("monitor")},
            "source": {"run_dir": str(run.run_dir), "checkpoint": str(run.checkpoint),
                       "run_name": run.run_dir.name, "columns": list(run_columns(run.run_dir))},
            "created": time.strftime("%Y-%m-%dT%H:%M:%S"), "packages": package_versions(), "notes": notes,
            **(generation_usage(run, model) if cfg.task == "generation" and model is not None else {})}


def export_run(run_dir: str | Path, fmt: str, *, quantize: str | None = None, checkpoint: str = "best",
               out: str | Path | None = None, progress: Callable[[str, float], None] | None = None,
               should_stop: Callable[[], bool] | None = None, parity_examples: int = PARITY_EXAMPLES,
               measure_speed: bool = True, record: bool = True) -> ExportResult:
    """Write one export of a run, check it against PyTorch, time it and record it as the run's next version."""
    from engine.inference import load_run
    from engine.io import apply_umask, atomic_write_json
    from engine.runs import check_run_dir

    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    if quantize is not None:
        quantize = quantize.strip().lower() or None
    if quantize is not None and quantize not in QUANTIZE:
        raise ConfigError(f"Unknown quantisation '{quantize}'. The only one is int8 (with --format onnx).")
    if quantize == "int8" and fmt != "onnx":
        raise ConfigError("int8 quantisation works on the ONNX file: use --format onnx --quantize int8.")
    run_dir = check_run_dir(run_dir).resolve()  # the card and versions.json record where it is, wherever read
    _say(progress, "Loading the run's model ...", 0.02)
    run = load_run(run_dir, checkpoint)
    model = run.model
    if fmt == "hf" and getattr(model, "hf", None) is None:
        _export_weights(run, model, run_dir, fmt)  # raises the explanation before anything is written
    if getattr(model, "hf", None) is not None:
        from engine.models.pretrained import merge_lora

        merge_lora(model)
    model.eval()
    _check_cancel(should_stop)
    version = next_version(run_dir) if record else "unrecorded"
    target = Path(out).expanduser().resolve() if out else run_dir / "exports" / version
    if target.exists() and any(target.iterdir()):
        raise ConfigError(f"The export folder '{target}' already exists and is not empty. Pick another --out.")
    tmp = target.with_name(f".{target.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    notes: list[str] = []
    warnings_: list[str] = []
    try:
        _say(progress, "Preparing test examples ...", 0.08)
        data = None
        try:
            from engine.data.pipeline import prepare_data

            data = prepare_data(run.cfg)
        except HelloTorchError as exc:
            notes.append(f"The run's data could not be loaded ({exc}); parity was checked on random token ids.")
        examples = _example_batch(run, data, parity_examples)
        if run.task == "generation":  # blocks hold max_length + 1 ids; the model reads max_length
            context = int(getattr(model, "context_length", None) or run.cfg.data.max_length)
            examples = [x[: min(context, run.cfg.data.max_length)] for x in examples]
        example = pad_ids(examples, run.tokenizer.pad_id)
        tok_info = _write_tokenizer(run, tmp, notes)
        (tmp / "labels.json").write_text(json.dumps(run.label_names, ensure_ascii=False), encoding="utf-8")
        shutil.copy2(run_dir / "config.yaml", tmp / "config.yaml")
        _check_cancel(should_stop)
        _say(progress, f"Writing {fmt} ...", 0.2)
        io: dict = {}
        if fmt in ("safetensors", "hf"):
            io = _export_weights(run, model, tmp, fmt)
        elif fmt == "torchscript":
            io = _export_torchscript(run, model, tmp, example)
        else:
            io = _export_onnx(run, model, tmp, example)
            if quantize == "int8":
                _check_cancel(should_stop)
                _say(progress, "Quantising to int8 ...", 0.45)
                _quantize(tmp)
        _check_cancel(should_stop)
        card = _card(run, fmt, quantize, version, tok_info, io, notes, model)
        atomic_write_json(tmp / CARD, card)
        _say(progress, "Checking the export against PyTorch ...", 0.55)
        from engine.export.parity import check_parity, measure_speed as speed_of

        parity = check_parity(run, tmp, examples, data)
        if parity["fp32"]["max_abs_diff"] > parity["fp32"]["tolerance"]:
            raise ExportError(
                f"The {fmt} export does not reproduce the model: the largest logit difference on "
                f"{parity['examples']} test examples is {parity['fp32']['max_abs_diff']:.2e}, above the "
                f"tolerance {parity['fp32']['tolerance']:.1e}. Nothing was kept. Report this with the run's "
                f"config; exporting another format may work meanwhile.")
        int8 = parity.get("int8")
        if int8 and int8["label_agreement"] is not None and int8["label_agreement"] < INT8_MIN_AGREEMENT:
            warnings_.append(f"int8 keeps only {int8['label_agreement']:.1%} of the fp32 labels on "
                             f"{parity['examples']} test examples (wanted >= {INT8_MIN_AGREEMENT:.0%}); "
                             f"prefer the fp32 file for this model.")
        warnings_ += _tokenizer_json_warnings(parity, run)
        _check_cancel(should_stop)
        speed: dict = {}
        if measure_speed:
            _say(progress, "Timing the export ...", 0.75)
            speed = speed_of(tmp, examples, run.tokenizer.pad_id)
        card["parity"], card["speed"], card["warnings"] = parity, speed, warnings_
        card["manifest"] = file_manifest(tmp)  # every other file's size and hash: a loader spots a changed one
        atomic_write_json(tmp / CARD, card)
        files = {p.relative_to(tmp).as_posix(): p.stat().st_size for p in sorted(tmp.rglob("*")) if p.is_file()}
        if target.exists():
            target.rmdir()
        target.parent.mkdir(parents=True, exist_ok=True)
        apply_umask(tmp)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    entry = {"version": version, "folder": str(target), "format": fmt, "quantize": quantize,
             "created": card["created"], "checkpoint": str(run.checkpoint), "metrics": card["metrics"],
             "parity": {k: v for k, v in parity.items() if k in ("fp32", "int8", "examples")},
             "size_bytes": sum(files.values()), "packages": card["packages"]}
    if record:
        atomic_write_json(run_dir / "exports" / VERSIONS, list_versions(run_dir) + [entry])
    _say(progress, f"Exported {version} to {target}", 1.0)
    return ExportResult(str(target), version, fmt, quantize, files, parity, speed, warnings_)
