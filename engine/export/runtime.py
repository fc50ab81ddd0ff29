"""Use an export folder: ONNX Runtime (fp32 or int8), TorchScript, or the safetensors/hf weights.

    model = ExportedModel.load("runs/.../exports/v1")
    model.classify(["a fine film"])          # labels and probabilities, as `engine.inference.classify`
    model.generate_text("Once", on_text=print)  # streamed, stoppable, as `engine.inference.generate_text`
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch

from engine.errors import CheckpointError, ConfigError

CARD = "model_card.json"
BACKENDS = ("onnx", "int8", "torchscript", "torch")


def is_export_folder(path: str | Path) -> bool:
    return (Path(path) / CARD).is_file()


def read_card(folder: Path) -> dict:
    try:
        card = json.loads((folder / CARD).read_text(encoding="utf-8"))
        if not isinstance(card, dict) or "format" not in card or "task" not in card:
            raise ValueError("format/task missing")
        return card
    except FileNotFoundError:
        raise CheckpointError(f"'{folder}' is not an export folder: it has no {CARD}. Export a run with "
                              f"`hellotorch export RUN_DIR --format onnx` and pass the folder it prints.") from None
    except (OSError, ValueError) as exc:
        raise CheckpointError(f"The {CARD} of '{folder}' is damaged ({exc}). Export the run again.") from None


def check_export(folder: Path, card: dict) -> None:
    """Refuse, naming the file, an export this app cannot read as written: one from a newer app (a newer
    export format), a file missing or changed since the export was written (the card's manifest), or (after
    loading) a tokenizer of another vocabulary size than the model's."""
    from engine import __version__
    from engine.export.core import EXPORT_FORMAT, file_manifest

    fmt = int(card.get("export_format") or 1)
    if fmt > EXPORT_FORMAT:
        raise CheckpointError(f"'{folder / CARD}' was written by a newer Hello PyTorch ({card.get('app_version', '?')}"
                              f", export format {fmt}); this app ({__version__}) reads formats up to "
                              f"{EXPORT_FORMAT}. Update the app, or export the run again with this version.")
    manifest = card.get("manifest")
    if not manifest:
        return  # format 1 exports carry no manifest: nothing to compare
    found = file_manifest(folder)
    for name, want in manifest.items():
        have = found.get(name)
        if have is None:
            raise CheckpointError(f"Export file '{folder / name}' is missing: the export folder is incomplete. "
                                  f"Copy the whole folder again, or export the run again.")
        if have["bytes"] != want["bytes"] or (want.get("sha256") and have["sha256"] != want["sha256"]):
            raise CheckpointError(f"Export file '{folder / name}' was changed after the export was written "
                                  f"({have['bytes']:,} bytes, the export wrote {want['bytes']:,}"
                                  f"{'' if have['bytes'] != want['bytes'] else ' with other content'}). Restore "
                                  f"the original file or export the run again; an edited model or tokenizer "
                                  f"would not give the model's answers.")


def _check_vocabulary(folder: Path, card: dict, tok: Any) -> None:
    want = card.get("vocab_size")
    if want is not None and int(tok.vocab_size) != int(want):
        name = (card.get("tokenizer") or {}).get("file") or (card.get("tokenizer") or {}).get("engine_file") or \
            "the tokenizer files"
        raise CheckpointError(f"The tokenizer of export '{folder}' ({name}) has {int(tok.vocab_size):,} tokens but "
                              f"the model was trained with {int(want):,}: the tokenizer belongs to another model. "
                              f"Put back the export's own tokenizer, or export the run again.")


def _load_tokenizer(folder: Path, card: dict) -> Any:
    info = card.get("tokenizer") or {}
    try:
        if info.get("kind") == "pretrained":
            from engine.models.pretrained import load_tokenizer

            return load_tokenizer(str(folder), card.get("pretrained") or str(folder))
        from engine.data.tokenize import TextTokenizer

        return TextTokenizer.load(folder / info.get("engine_file", "vocab.json"))
    except (OSError, ValueError, KeyError, ConfigError) as exc:
        raise CheckpointError(f"The tokenizer files of export '{folder}' are missing or damaged ({exc}). Export "
                              f"the run again.") from None


def pad_ids(seqs: list[list[int]], pad_id: int) -> np.ndarray:
    width = max(1, max(len(s) for s in seqs))
    out = np.full((len(seqs), width), pad_id, dtype=np.int64)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = s
    return out


def encode_for_classification(tok: Any, text: str, max_length: int) -> tuple[list[int], bool]:
    """The ids a classifier reads for one text (as in training) and whether the text was cut at max_length."""
    from engine.data.encoding import classify_one

    if not isinstance(text, str) or not text.strip():
        raise ConfigError("The text is empty: type a sentence to classify.")
    return classify_one(tok, text, max_length)


class ExportedModel:
    """One backend of an export folder behind `logits` (classification), `step` (cached decoding) and
    `full_logits` (decoding without a cache)."""

    def __init__(self, folder: Path, card: dict, tokenizer: Any, backend: str, impl: Any, cached: bool) -> None:
        self.folder, self.card, self.tokenizer, self.backend = folder, card, tokenizer, backend
        self._impl = impl
        self.cached = cached
        self.task = card["task"]
        self.label_names = list(card.get("labels") or [])
        self.max_length = int(card.get("max_length") or 128)
        self.requests = 0

    # ------------------------------------------------------------------------------------------ loading
    @classmethod
    def load(cls, folder: str | Path, backend: str | None = None) -> ExportedModel:
        """backend: None = the export's own format; "int8" = its quantised ONNX file; "torch" = eager
        PyTorch from the export's weights (safetensors/hf exports only)."""
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise CheckpointError(f"Export folder '{folder}' does not exist.")
        card = read_card(folder)
        check_export(folder, card)
        tok = _load_tokenizer(folder, card)
        _check_vocabulary(folder, card, tok)
        fmt = card["format"]
        backend = backend or {"onnx": "onnx", "torchscript": "torchscript"}.get(fmt, "torch")
        if backend not in BACKENDS:
            raise ConfigError(f"Unknown backend '{backend}'; choose one of {', '.join(BACKENDS)}.")
        if backend == "onnx" and fmt != "onnx" or backend == "torchscript" and fmt != "torchscript":
            raise ConfigError(f"Export '{folder}' is a {fmt} export and has no {backend} file. Leave out --backend "
                              f"to use its own format{' (or --backend torch)' if fmt in ('safetensors', 'hf') else ''}"
                              f", or export the run again with --format {backend}.")
        if backend == "int8" and fmt != "onnx":
            raise ConfigError(f"Export '{folder}' is a {fmt} export; an int8 file comes with ONNX exports. Export the "
                              f"run again with --format onnx --quantize int8.")
        if backend in ("onnx", "int8"):
            name = card.get("int8_file") if backend == "int8" else card.get("model_file")
            if backend == "int8" and not name:
                raise ConfigError(f"Export '{folder}' has no int8 file; export with --format onnx --quantize int8.")
            return cls(folder, card, tok, backend, *_onnx_session(folder, name, card, tok))
        if backend == "torchscript":
            path = folder / card.get("model_file", "model.pt")
            try:
                module = torch.jit.load(str(path), map_location="cpu").eval()
            except (RuntimeError, OSError, ValueError) as exc:
                raise CheckpointError(f"The TorchScript file '{path}' is missing or damaged "
                                      f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}). Export "
                                      f"the run again.") from None
            return cls(folder, card, tok, backend, module, "cache" in card)
        if fmt not in ("safetensors", "hf"):
            raise ConfigError(f"Eager PyTorch needs an export with weights (safetensors or hf); '{folder}' is "
                              f"{fmt}.")
        return cls(folder, card, tok, "torch", _eager_model(folder, card, tok), card["task"] == "generation")

    # ------------------------------------------------------------------------------------------ compute
    def logits(self, ids: np.ndarray) -> np.ndarray:
        """input_ids [B, T] -> classification logits [B, C] (or LM logits [B, T, V] without a cache)."""
        if self.backend in ("onnx", "int8"):
            return self._impl.run(["logits"], {"input_ids": ids})[0]
        with torch.no_grad():
            out = self._impl(torch.from_numpy(np.ascontiguousarray(ids)))
        return out.float().numpy() if isinstance(out, torch.Tensor) else out[0].float().numpy()

    def step(self, ids: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cached decoding: logits of the new ids and the grown cache."""
        if self.backend in ("onnx", "int8"):
            return tuple(self._impl.run(None, {"input_ids": ids, "cache_a": a, "cache_b": b}))
        from engine.export.decoders import torch_step

        return torch_step(self._impl)(ids, a, b)

    def cache_spec(self) -> dict:
        if self.cached:
            return self.card["cache"]
        return {"kind": "none", "shape": [1], "grow_axis": None, "context": None}

    # ------------------------------------------------------------------------------------------ use
    def encode(self, text: str) -> tuple[list[int], bool]:
        return encode_for_classification(self.tokenizer, text, self.max_length)

    def classify(self, texts: list[str], batch_size: int = 32) -> list[dict]:
        if self.task != "classification":
            raise ConfigError(f"Export '{self.folder}' is a generation model; give it a prompt to continue.")
        out = []
        for start in range(0, len(texts), batch_size):
            chunk = texts[start:start + batch_size]
            encoded = [self.encode(t) for t in chunk]
            logits = self.logits(pad_ids([ids for ids, _ in encoded], self.tokenizer.pad_id)).astype(np.float64)
            probs = np.exp(logits - logits.max(axis=1, keepdims=True))
            probs /= probs.sum(axis=1, keepdims=True)
            for text, (ids, cut), p in zip(chunk, encoded, probs):
                k = int(p.argmax())
                out.append({"text": text, "label": self.label_names[k], "confidence": float(p[k]),
                            "probabilities": {n: float(v) for n, v in zip(self.label_names, p.tolist())},
                            "tokens": len(ids), "truncated": cut})
        self.requests += len(texts)
        return out

    @property
    def instruction(self) -> bool:
        """An instruction-tuned model: it answers a prompt rather than continuing it."""
        return bool(self.card.get("instruction_format"))

    def prompt_ids(self, prompt: str) -> list[int]:
        from engine.data.encoding import encode_prompt

        return encode_prompt(self.tokenizer, prompt, self.instruction)

    def generate_ids(self, ids: list[int], *, max_new_tokens: int, temperature: float = 0.0, top_k: int = 0,
                     top_p: float = 1.0, repetition_penalty: float = 1.0, seed: int | None = None,
                     on_token: Callable[[int], Any] | None = None) -> list[int]:
        from engine.export.decoders import decode_loop

        pick = make_picker(temperature, top_k, top_p, repetition_penalty, seed)
        if self.cached:
            step = self.step
        else:
            history: list[int] = []
            context = (self.card.get("cache") or {}).get("context") or self.max_length

            def step(feed, a, b):  # no cache: run the whole (cropped) context each time
                history.extend(int(t) for t in feed[0])
                window = np.asarray([history[-context:]], dtype=np.int64)
                return self.logits(window)[:, -feed.shape[1]:], a, b
        new = decode_loop(step, self.cache_spec(), ids, max_new_tokens=max_new_tokens, pick=pick,
                          eos_id=self.tokenizer.eos_id, on_token=on_token)
        self.requests += 1
        return new

    def generate_text(self, prompt: str, *, max_new_tokens: int = 50, temperature: float = 0.8, top_k: int = 40,
                      top_p: float = 1.0, seed: int | None = None, on_text: Callable[[str], Any] | None = None,
                      repetition_penalty: float = 1.0, stop: list[str] | tuple[str, ...] = ()) -> str:
        from engine.inference import stream_text

        if self.task != "generation":
            raise ConfigError(f"Export '{self.folder}' is a classification model; give it text to classify.")
        ids = self.prompt_ids(prompt)

        def produce(on_token):
            self.generate_ids(ids, max_new_tokens=max_new_tokens, temperature=temperature, top_k=top_k,
                              top_p=top_p, repetition_penalty=repetition_penalty, seed=seed, on_token=on_token)

        sft = bool(self.card.get("instruction_format"))
        return stream_text(self.tokenizer, produce, on_text, stop, prefix=None if sft else ids)


def make_picker(temperature: float, top_k: int, top_p: float, repetition_penalty: float, seed: int | None):
    """next-token choice from one row of logits: greedy at temperature <= 0, else seeded sampling."""
    from engine.models.sampling import filter_logits, penalize_repeats

    gen = torch.Generator().manual_seed(seed) if seed is not None else None

    def pick(row: np.ndarray, ids: list[int]) -> int:
        logits = torch.from_numpy(np.asarray(row, dtype=np.float32)).unsqueeze(0)
        if repetition_penalty != 1.0 and ids:
            logits = penalize_repeats(logits, torch.tensor([ids]), repetition_penalty)
        if temperature <= 0:
            return int(logits.argmax())
        probs = filter_logits(logits / temperature, top_k, top_p).softmax(dim=-1)
        return int(torch.multinomial(probs, 1, generator=gen))

    return pick


def _onnx_session(folder: Path, name: str, card: dict, tok: Any) -> tuple[Any, bool]:
    import onnxruntime as ort

    path = folder / name
    if not path.is_file():
        raise CheckpointError(f"Export '{folder}' is missing its model file {name}. Export the run again.")
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    try:
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
        raise CheckpointError(f"ONNX Runtime cannot read '{path}' ({str(exc).splitlines()[0][:200]}); the file "
                              f"is damaged or not an ONNX model. Export the run again.") from None
    names = [i.name for i in session.get_inputs()]
    wanted = ["input_ids"] if card["task"] == "classification" else ["input_ids", "cache_a", "cache_b"]
    if names != wanted:
        raise CheckpointError(f"The ONNX file '{path}' takes inputs {names}, but a {card['task']} export of this "
                              f"app takes {wanted}; it does not belong to this tokenizer/model card. Export the run "
                              f"again.")
    vocab_dim = session.get_outputs()[0].shape[-1]
    if card["task"] == "generation" and isinstance(vocab_dim, int) and vocab_dim < tok.vocab_size:
        raise CheckpointError(f"The ONNX file '{path}' predicts {vocab_dim} tokens but the tokenizer has "
                              f"{tok.vocab_size}; they come from different models. Export the run again.")
    return session, card["task"] == "generation"


def _eager_model(folder: Path, card: dict, tok: Any) -> torch.nn.Module:
    from engine import config as cfgmod
    from engine.models import build_model

    try:
        cfg = cfgmod.from_dict(cfgmod.load_yaml(folder / "config.yaml"))
    except Exception as exc:  # noqa: BLE001 - any damage is reported the same way
        raise CheckpointError(f"The config.yaml of export '{folder}' is missing or damaged ({exc}).") from None
    labels = max(1, len(card.get("labels") or []))
    if cfg.model.arch == "pretrained":
        cfg.model.pretrained = str(folder)
        cfg.model.finetune = "full"
        model = build_model(cfg, tok.vocab_size, labels, tok.pad_id)
    else:
        from safetensors import SafetensorError

        from engine.training.checkpoint import load_weights_file

        model = build_model(cfg, tok.vocab_size, labels, tok.pad_id)
        try:
            missing, unexpected = load_weights_file(model, folder / "model.safetensors")
            problem = f"missing {sorted(missing)[:5]}, unexpected {sorted(unexpected)[:5]}" \
                if missing or unexpected else ""
        except (SafetensorError, OSError, RuntimeError) as exc:
            problem = str(exc).splitlines()[0][:200]
        if problem:
            raise CheckpointError(f"The weights of export '{folder}' (model.safetensors) are missing, damaged or "
                                  f"from another model ({problem}). Export the run again.")
    model.eval()
    if card["task"] == "generation":
        from engine.export.decoders import CachedDecoder, cache_spec

        card["cache"] = cache_spec(model)
        wrapper = CachedDecoder(model).eval()
        wrapper.plain = model
        return _EagerDecoder(wrapper)
    return model


class _EagerDecoder(torch.nn.Module):
    """Eager generation model with the same (ids, a, b) call as a traced cached decoder."""

    def __init__(self, wrapper: torch.nn.Module) -> None:
        super().__init__()
        self.wrapper = wrapper

    def forward(self, ids, a=None, b=None):
        if a is None:
            return self.wrapper.plain(ids)
        return self.wrapper(ids, a, b)


class RunPredictor:
    """A trained run (PyTorch) behind the same interface as ExportedModel, for the Playground and the CLI."""

    backend = "pytorch"
    cached = False

    def __init__(self, run) -> None:
        self.run = run
        self.task = run.task
        self.label_names = list(run.label_names)
        self.max_length = int(run.cfg.data.max_length)
        self.tokenizer = run.tokenizer
        self.folder = run.run_dir
        self.requests = 0

    def encode(self, text: str) -> tuple[list[int], bool]:
        return encode_for_classification(self.tokenizer, text, self.max_length)

    def classify(self, texts: list[str]) -> list[dict]:
        from engine.inference import classify

        if self.task != "classification":
            raise ConfigError(f"Run '{self.folder}' is a generation model; give it a prompt to continue.")
        for t in texts:
            self.encode(t)  # empty texts are refused the same way as by an export
        out = classify(self.run, texts)
        for r in out:
            r["truncated"] = self.encode(r["text"])[1]
        self.requests += len(texts)
        return out

    @property
    def instruction(self) -> bool:
        """An instruction-tuned model: it answers a prompt rather than continuing it."""
        return bool(self.run.cfg.data.prompt_column)

    def prompt_ids(self, prompt: str) -> list[int]:
        from engine.data.encoding import encode_prompt

        return encode_prompt(self.tokenizer, prompt, self.instruction)

    def generate_ids(self, ids: list[int], **kwargs) -> list[int]:
        from engine.inference import generate_ids

        return generate_ids(self.run, ids, **kwargs)

    def generate_text(self, prompt: str, **kwargs) -> str:
        from engine.inference import generate_text

        if self.task != "generation":
            raise ConfigError(f"Run '{self.folder}' is a classification model; give it text to classify.")
        self.requests += 1
        return generate_text(self.run, prompt, **kwargs)


def load_predictor(path: str | Path, backend: str | None = None, checkpoint: str = "best"):
    """An export folder (ExportedModel) or a run folder (RunPredictor on its checkpoint)."""
    if is_export_folder(path):
        return ExportedModel.load(path, backend)
    if backend not in (None, "pytorch"):
        raise ConfigError("A backend applies to export folders; a run folder runs in PyTorch.")
    from engine.inference import load_run

    return RunPredictor(load_run(path, checkpoint))


def source_run(predictor) -> Path | None:
    """The run an export came from, when that folder still exists (for side-by-side comparison)."""
    if isinstance(predictor, RunPredictor):
        return Path(predictor.folder)
    return export_source(Path(predictor.folder), predictor.card)


def export_source(folder: Path, card: dict) -> Path | None:
    """The run folder an export was made from, when it still exists and has the recorded name. Exports record
    it absolute; older ones recorded the path as typed, which is read beside the export (run/exports/vN), not
    from wherever the app runs now (another run of that relative name would be timed in its place)."""
    info = card.get("source") or {}
    recorded = Path(str(info.get("run_dir") or ""))
    if not str(info.get("run_dir") or ""):
        return None
    candidates = [recorded] if recorded.is_absolute() else []
    folder = Path(folder).expanduser().resolve()
    if folder.parent.name == "exports":
        candidates.append(folder.parent.parent)
    name = info.get("run_name") or recorded.name
    for src in candidates:
        if (src / "config.yaml").is_file() and src.name == name:
            return src
    return None
