"""Load a trained run and use it: classify texts or continue a prompt (streamed, stoppable)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from engine import config as cfgmod
from engine.config import Config
from engine.errors import CheckpointError
from engine.runs import check_run_dir


@dataclass
class LoadedRun:
    """A run's model in eval mode with its tokenizer and label names."""

    run_dir: Path
    cfg: Config
    model: nn.Module
    tokenizer: object
    label_names: list[str]
    device: torch.device
    checkpoint: Path

    @property
    def task(self) -> str:
        return self.cfg.task


def checkpoint_folder(run_dir: Path, checkpoint: str = "best") -> Path:
    if checkpoint in ("best", "last"):
        folder = run_dir / "checkpoints" / checkpoint
        if checkpoint == "best" and not folder.is_dir():
            folder = run_dir / "checkpoints" / "last"
        if not folder.is_dir():
            raise CheckpointError(f"Run '{run_dir}' has no checkpoint '{checkpoint}' yet (looked in {folder}). "
                                  f"Train it first or wait for the first evaluation.")
        return folder
    from engine.training.checkpoint import META

    folder = Path(checkpoint)
    if folder.is_file() and (folder.parent / META).is_file():  # a file inside a checkpoint: use its folder
        return folder.parent
    if folder.is_file():
        raise CheckpointError(f"--checkpoint '{checkpoint}' is a file; it takes best, last or a checkpoint folder "
                              f"(one holding {META} and model.safetensors, e.g. {run_dir / 'checkpoints' / 'best'}).")
    if not folder.is_dir():
        raise CheckpointError(f"There is no checkpoint folder '{checkpoint}'. Pass best, last or an existing "
                              f"checkpoint folder, e.g. {run_dir / 'checkpoints' / 'best'}.")
    return folder


def load_run(run_dir: str | Path, checkpoint: str = "best", device: str = "cpu") -> LoadedRun:
    """Rebuild the model from the run's config and load its safetensors weights."""
    from engine.data.tokenize import TextTokenizer
    from engine.envinfo import resolve_device
    from engine.models import build_model
    from engine.training.checkpoint import load_weights

    run_dir = check_run_dir(run_dir)
    cfg = cfgmod.from_dict(cfgmod.load_yaml(run_dir / "config.yaml"))
    try:
        desc = json.loads((run_dir / "tokenizer.json").read_text(encoding="utf-8"))
        if isinstance(desc, dict) and desc.get("kind") == "pretrained":
            from engine.models.pretrained import load_tokenizer

            tok = load_tokenizer(str(run_dir / "hf_tokenizer"), desc["source"], bool(cfg.model.trust_remote_code),
                                 desc.get("language", "en"))
        else:
            tok = TextTokenizer.from_dict(desc)
        labels = json.loads((run_dir / "labels.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, KeyError, ValueError) as exc:
        raise CheckpointError(f"Run '{run_dir}' is missing or has a damaged tokenizer.json/labels.json ({exc}); "
                              f"it did not finish preparing its data. Train it again.") from None
    dev = resolve_device(device)
    # The random start the checkpoint then replaces is seeded, and the caller's random state is left as it was:
    # unseeded sampling draws from it, as it does from an export (seeding here made it repeat the same text).
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = build_model(cfg, tok.vocab_size, max(1, len(labels)), tok.pad_id)
    folder = checkpoint_folder(run_dir, checkpoint)
    load_weights(folder, model)
    model.to(dev).eval()
    return LoadedRun(run_dir, cfg, model, tok, labels, dev, folder)


@torch.no_grad()
def classify(run: LoadedRun, texts: list[str]) -> list[dict]:
    """Label and class probabilities for each text."""
    from engine.data.encoding import classification_ids

    if run.task != "classification":
        raise CheckpointError(f"Run '{run.run_dir}' is a {run.task} model; use it to generate text, not to "
                              f"classify.")
    out = []
    for start in range(0, len(texts), 64):
        chunk = texts[start:start + 64]
        ids = classification_ids(run.tokenizer, chunk, run.cfg.data.max_length)  # exactly as in training
        x = ids.pad(torch.arange(len(chunk)), run.tokenizer.pad_id)
        probs = torch.softmax(run.model(x.to(run.device)).float(), -1).cpu()
        for text, p in zip(chunk, probs):
            k = int(p.argmax())
            out.append({"text": text, "label": run.label_names[k], "confidence": float(p[k]),
                        "probabilities": {n: float(v) for n, v in zip(run.label_names, p.tolist())}})
    return out


def stream_text(tok, produce: Callable[[Callable[[int], bool | None]], None],
                on_text: Callable[[str], bool | None] | None = None,
                stop: list[str] | tuple[str, ...] = (), prefix: list[int] | None = None) -> str:
    """Run `produce(on_token)` (any decoder that calls on_token with each new token id and stops when it
    returns False) and turn the tokens into text: pieces go to `on_text` as they become final, generation
    ends at the first stop string (not included), and the whole new text is returned.

    With `prefix` (the prompt's ids) the new text is decoded after the prompt, so that it carries the space a
    word or BPE tokenizer puts between the prompt's last word and the first new one ("the film" + " was")."""
    generated: list[int] = []
    shown = ""
    stops = [x for x in stop if x]
    hold = max((len(x) for x in stops), default=1) - 1  # text that may be the start of a stop string waits
    head = tok.decode(prefix) if prefix else ""

    def decode(ids: list[int]) -> str:
        if prefix:
            whole = tok.decode(list(prefix) + ids)
            if whole.startswith(head):
                return whole[len(head):]
        return tok.decode(ids)

    def on_token(token: int) -> bool | None:
        nonlocal shown
        generated.append(token)
        text = decode(generated)
        cut = min((i for i in (text.find(x) for x in stops) if i >= 0), default=-1)
        if cut >= 0:
            if on_text is not None and text[len(shown):cut]:
                on_text(text[len(shown):cut])
            shown = text[:cut]
            return False
        ready = len(text) - hold if stops else len(text)
        piece = text[len(shown):ready]
        if piece:
            shown += piece
            if on_text is not None:
                return on_text(piece)
        return None

    produce(on_token)
    text = decode(generated)
    cut = min((i for i in (text.find(x) for x in stops) if i >= 0), default=-1)
    if cut >= 0:
        return text[:cut]
    tail = text[len(shown):]
    if on_text is not None and tail and text.startswith(shown):
        on_text(tail)  # the part held back while it might have begun a stop string
    return text


@torch.no_grad()
def generate_text(run: LoadedRun, prompt: str, *, max_new_tokens: int = 50, temperature: float = 0.8,
                  top_k: int = 40, top_p: float = 1.0, seed: int | None = None,
                  on_text: Callable[[str], bool | None] | None = None, repetition_penalty: float = 1.0,
                  stop: list[str] | tuple[str, ...] = ()) -> str:
    """Continue `prompt`; `on_text` receives each new piece as it comes and may return False to stop.

    Generation also ends at the first of the `stop` strings (which is not included in the result).
    """
    from engine.data.encoding import encode_prompt

    if run.task != "generation":
        raise CheckpointError(f"Run '{run.run_dir}' is a classification model; use it to classify, not to "
                              f"generate.")
    tok = run.tokenizer
    sft = bool(run.cfg.data.prompt_column and run.cfg.data.response_column)
    ids = encode_prompt(tok, prompt, sft)

    def produce(on_token):
        generate_ids(run, ids, max_new_tokens=max_new_tokens, temperature=temperature, top_k=top_k, top_p=top_p,
                     repetition_penalty=repetition_penalty, seed=seed, on_token=on_token)

    return stream_text(tok, produce, on_text, stop, prefix=None if sft else ids)


@torch.no_grad()
def generate_ids(run: LoadedRun, ids: list[int], *, max_new_tokens: int, temperature: float = 0.0, top_k: int = 0,
                 top_p: float = 1.0, repetition_penalty: float = 1.0, seed: int | None = None,
                 on_token: Callable[[int], bool | None] | None = None) -> list[int]:
    """New token ids after the prompt `ids`, through the same cached decoding, sliding window (restart from
    the last half-context when the context is full) and token picker as every export: one model, one answer."""
    from engine.export.decoders import CachedDecoder, cache_spec, decode_loop, torch_step
    from engine.export.runtime import make_picker

    step = torch_step(CachedDecoder(run.model).eval(), run.device)
    pick = make_picker(temperature, top_k, top_p, repetition_penalty, seed)
    return decode_loop(step, cache_spec(run.model), ids, max_new_tokens=max_new_tokens, pick=pick,
                       eos_id=run.tokenizer.eos_id, on_token=on_token)
