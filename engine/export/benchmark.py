"""`hellotorch bench EXPORT_DIR`: the same inputs through torch eager, TorchScript, ONNX Runtime fp32 and
int8, side by side. Formats the export folder lacks are built from its source run in a temporary folder."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

from engine.errors import CheckpointError
from engine.export.runtime import ExportedModel, export_source, read_card

ORDER = (("torch", "safetensors", None), ("torchscript", "torchscript", None), ("onnx", "onnx", None),
         ("int8", "onnx", "int8"))


def _examples(model: ExportedModel, source: Path | None) -> list[list[int]]:
    texts: list[str] = []
    if source is not None:
        try:
            from engine import config as cfgmod
            from engine.data.pipeline import prepare_data

            data = prepare_data(cfgmod.from_dict(cfgmod.load_yaml(source / "config.yaml")))
            if model.task == "classification":
                texts = (data.texts.get("test") or data.texts.get("train"))[:64]
            else:
                context = (model.card.get("cache") or {}).get("context") or model.max_length
                blocks = data.ids.get("test") or data.ids.get("train")
                return [b[: min(context, model.max_length)] for b in blocks[:32]]
        except Exception:  # noqa: BLE001 - fall back to fixed sentences
            texts = []
    texts = texts or ["A warm, funny and beautifully acted film.", "A dull mess with a plot that goes nowhere.",
                      "It was fine, nothing more.", "一部温暖又有趣的电影。"]
    if model.task == "classification":
        return [model.encode(t)[0] for t in texts]
    return [model.prompt_ids(t)[: model.max_length] for t in texts]


def bench_export(folder: str | Path, progress: Callable[[str], None] | None = None) -> dict:
    """Rows {backend, p50_ms, p95_ms, throughput_per_s, size_bytes[, decode_tokens_per_s]} and ratios to eager."""
    from engine.export.core import export_run
    from engine.export.parity import time_backend

    say = progress or (lambda _m: None)
    folder = Path(folder).expanduser()
    card = read_card(folder)
    source = export_source(folder, card)
    own = ExportedModel.load(folder)
    examples = _examples(own, source)
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="hellotorch-bench-") as tmp:
        for backend, fmt, quantize in ORDER:
            model = None
            where = folder
            try:
                if backend == "int8" and card.get("int8_file"):
                    model = ExportedModel.load(folder, "int8")
                elif backend != "int8" and (card["format"] == fmt or (backend == "torch" and card["format"] == "hf")):
                    model = own if own.backend == backend else ExportedModel.load(folder, backend)
                elif source is not None:
                    say(f"Building {backend} from the source run ...")
                    where = Path(tmp) / backend
                    export_run(source, fmt, quantize=quantize, checkpoint=card["source"].get("checkpoint", "best"),
                               out=where, measure_speed=False, record=False, parity_examples=8)
                    model = ExportedModel.load(where, backend if backend in ("int8", "torch") else None)
            except CheckpointError as exc:
                notes.append(f"{backend}: {exc}")
            if model is None:
                notes.append(f"{backend}: not in this folder and the source run is gone")
                continue
            say(f"Timing {backend} ...")
            row = time_backend(model, examples, model.tokenizer.pad_id)
            file = model.card.get("int8_file") if backend == "int8" else model.card.get("model_file")
            path = where / file if file else None
            row["size_bytes"] = path.stat().st_size if path is not None and path.is_file() else None
            rows.append(row)
    eager = next((r for r in rows if r["backend"] == "torch"), None)
    for r in rows:
        if eager:
            r["p50_vs_eager"] = r["p50_ms"] / eager["p50_ms"]
            if r.get("size_bytes") and eager.get("size_bytes"):
                r["size_vs_eager"] = r["size_bytes"] / eager["size_bytes"]
    return {"folder": str(folder), "task": card["task"], "examples": len(examples), "rows": rows, "notes": notes}


def format_table(result: dict) -> str:
    lines = [f"{'backend':<12} {'p50 ms':>8} {'p95 ms':>8} {'x eager':>8} {'batch32/s':>10} {'size MB':>8}"
             + ("  tokens/s" if result["task"] == "generation" else "")]
    for r in result["rows"]:
        size = f"{r['size_bytes'] / 1e6:.1f}" if r.get("size_bytes") else "-"
        ratio = f"{r['p50_vs_eager']:.2f}" if r.get("p50_vs_eager") is not None else "-"
        line = (f"{r['backend']:<12} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} {ratio:>8} "
                f"{r['throughput_per_s']:>10.1f} {size:>8}")
        if result["task"] == "generation":
            line += f"  {r.get('decode_tokens_per_s') or 0:>8.1f}"
        lines.append(line)
    lines += [f"note: {n}" for n in result["notes"]]
    return "\n".join(lines)
