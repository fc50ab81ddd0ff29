"""The one config schema: dataclasses whose field metadata drives YAML, CLI overrides and GUI forms."""
from __future__ import annotations

import copy
import dataclasses
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import ConfigError

CLASSIFICATION_ARCHS = ("textcnn", "rnn", "lstm", "gru", "transformer", "pretrained")
GENERATION_ARCHS = ("gpt", "lstm_lm", "pretrained")
ALL_ARCHS = tuple(dict.fromkeys(CLASSIFICATION_ARCHS + GENERATION_ARCHS))
SCRATCH_ARCHS = tuple(a for a in ALL_ARCHS if a != "pretrained")
# The tasks each built-in pretrained model can do (engine.models.pretrained.BUILTIN describes them fully).
PRETRAINED_TASKS = {"minilm-l6": ("classification",), "smollm2-135m": ("generation", "classification")}
RNN_ARCHS = ("rnn", "lstm", "gru")
# model.ensemble auto: members = ENSEMBLE_TEXT_BUDGET // training texts, at most ENSEMBLE_MAX_AUTO; fewer than
# ENSEMBLE_MIN_AUTO means one model. Each member costs a whole model's training time, so the budget keeps a default
# run near one model on 16,000 texts (under a minute on 2 CPU cores). Measured (bench/unseen_data.py, default
# preset): five copies added about a point over one on English sets of 3.6k-4.9k rows and on 2,000 Chinese rows;
# two copies added nothing on 10,000 Chinese rows at twice the time, hence no ensembles of two.
ENSEMBLE_TEXT_BUDGET = 16_000
ENSEMBLE_MAX_AUTO = 5
ENSEMBLE_MIN_AUTO = 3
# ... and no more copies than fit ENSEMBLE_SECONDS of training at the speed one copy trains at on this machine, measured
# before the run (engine.training.tuning.seconds_per_copy): the text rule was set on an Intel Xeon where five copies
# of the default train on 3,000 texts in 36 s; on an AMD EPYC they took 69 s (books.csv), past the one-minute runs the
# defaults promise. 40 s of training leaves room for loading, the baseline and the test within a minute.
ENSEMBLE_SECONDS = 40.0
# train.epochs auto: as many passes as see about EPOCHS_TEXT_BUDGET training texts, at most EPOCHS_MAX_AUTO and at
# least one: 6 passes up to 9,333 texts (movie-reviews' 8,531 get 6), 4 over chinese-reviews' 13,891 and 16,000 texts,
# 3 over 20,000. Measured (default preset, AMD EPYC, seeds 42-43): 4 passes instead of 6 over 13.9k-16k texts scored
# within 0.3 points either way (chinese-reviews -0.23, 16,000 English texts in 4 classes +0.05) in two thirds of the
# time (train 25-34 s instead of 33-53 s), which keeps 20,000-row data sets inside a minute on 2 CPU cores.
EPOCHS_TEXT_BUDGET = 56_000
EPOCHS_MAX_AUTO = 6
# model.ngram_table auto compares its two starts only on training splits up to this size (engine/models/wide.py)
NGRAM_AUTO_MAX_TEXTS = 4_000
# model.ngram_buckets is a most: the bag's table holds buckets x classes scores, and with many classes (150 intents)
# 2^20 buckets made a 157-million-parameter model, a 1.8 GB run folder and ~1 s steps. Past this many cells the
# run takes the largest power of two of buckets that fits (ngram_buckets_for; config.yaml records it): 2^20
# buckets up to 8 classes, 2^19 up to 16, 32,768 for 150.
NGRAM_MAX_CELLS = 1 << 23
AUTO = 0  # the stored value of a field whose metadata has `auto` (YAML and --set write the word "auto")


def _f(default: Any, label: str, help: str, **meta: Any) -> Any:
    """A dataclass field carrying its label, help text, bounds and choices as metadata."""
    meta.update(label=label, help=help)
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: copy.deepcopy(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class DataConfig:
    """Where the text comes from and how it becomes token ids."""

    source: str = _f("movie-reviews", "Dataset", "A built-in dataset name (see `hellotorch data list`), a file "
                     "(CSV, TSV, JSON, JSONL, Parquet, TXT), a folder of class sub-folders, a "
                     "`save_to_disk` folder, or a Hugging Face hub id when online.")
    text_column: str = _f("", "Text column", "Column holding the text; empty = detect automatically.")
    label_column: str = _f("", "Label column", "Column holding the class label (classification); empty = detect "
                           "automatically.")
    prompt_column: str = _f("", "Prompt column", "Generation on instruction data: the column with the prompt (set "
                            "the response column too). A pretrained tokenizer's chat template formats it; the loss "
                            "counts response tokens only. Empty = train on plain text.")
    response_column: str = _f("", "Response column", "Generation on instruction data: the column with the answer "
                              "the model should learn to give.")
    max_length: int = _f(128, "Max length", "Longest token sequence fed to the model; longer texts are truncated.",
                         min=4, max=8192)
    val_fraction: float = _f(0.1, "Validation fraction", "Share of rows held out for validation.", min=0.0, max=0.9)
    test_fraction: float = _f(0.1, "Test fraction", "Share of rows held out for the final test.", min=0.0, max=0.9)
    tokenizer: str = _f("word", "Tokenizer", "auto: characters for Chinese, words otherwise; char: one token per "
                        "character; word: whitespace words (jieba for Chinese); bpe / wordpiece: a subword "
                        "vocabulary trained on the training split.",
                        choices=["auto", "char", "word", "bpe", "wordpiece"])
    vocab_size: int = _f(20000, "Vocabulary size", "Largest vocabulary built from the training split.",
                         min=50, max=500000)
    min_freq: int = _f(1, "Min token frequency", "Tokens seen fewer times in the training split become <unk>.",
                       min=1, max=1000)
    lowercase: bool = _f(True, "Lowercase", "Lowercase text before tokenizing (no effect on Chinese).")
    language: str = _f("auto", "Language", "Text language; auto = detect from the data (Chinese if most "
                       "characters are CJK).", choices=["auto", "en", "zh"])
    drop_duplicates: bool = _f(True, "Drop duplicates", "Remove repeated texts (keeps the first).")
    drop_conflicting: bool = _f(True, "Drop conflicting labels", "Remove texts that appear with more than one label.")
    aug_delete_prob: float = _f(0.0, "Augment: random delete", "Training only: chance of deleting each token "
                                "(随机删除).", min=0.0, max=0.5)
    aug_swap_prob: float = _f(0.0, "Augment: random swap", "Training only: chance of swapping each token with its "
                              "neighbour.", min=0.0, max=0.5)
    aug_mask_prob: float = _f(0.0, "Augment: random mask", "Training only: chance of replacing each token with "
                              "<unk> (随机遮蔽).", min=0.0, max=0.5)
    limit_rows: int = _f(0, "Row limit", "Use a seeded random sample of N rows after cleaning (0 = all); handy for "
                         "quick experiments.", min=0, max=100_000_000)


@dataclass
class ModelConfig:
    """Which network to build from scratch and its size."""

    arch: str = _f("textcnn", "Architecture", "textcnn, rnn, lstm, gru, transformer classify text; gpt and lstm_lm "
                   "generate it; pretrained fine-tunes a Hugging Face model (either task).", choices=list(ALL_ARCHS))
    pretrained: str = _f("minilm-l6", "Pretrained model", "A built-in model (minilm-l6: English BERT encoder for "
                         "classification; smollm2-135m: small Llama chat model for both tasks), a local Hugging Face "
                         "folder, or a hub id (online only). Its own tokenizer replaces data.tokenizer.",
                         archs=["pretrained"], suggestions=list(PRETRAINED_TASKS))
    finetune: str = _f("full", "Fine-tuning method", "full: train every weight; frozen: keep some pretrained "
                       "weights fixed (see Freeze); lora: train small low-rank adapters only (peft).",
                       choices=["full", "frozen", "lora"], archs=["pretrained"])
    freeze: str = _f("all_but_head", "Freeze", "With frozen fine-tuning: embeddings, the embeddings and the first N "
                     "layers (layers), or everything except the new task head (all_but_head).",
                     choices=["embeddings", "layers", "all_but_head"], archs=["pretrained"],
                     when={"model.finetune": ["frozen"]})
    freeze_layers: int = _f(2, "Frozen layers", "How many of the first transformer layers stay fixed when Freeze "
                            "is 'layers'.", min=0, max=200, archs=["pretrained"],
                            when={"model.finetune": ["frozen"], "model.freeze": ["layers"]})
    lora_r: int = _f(8, "LoRA rank", "Rank r of each low-rank adapter (more = more capacity, more weights).",
                     min=1, max=1024, archs=["pretrained"], when={"model.finetune": ["lora"]})
    lora_alpha: float = _f(16.0, "LoRA alpha", "Scale of the adapters' output (effective scale alpha / r).",
                           min=0.0, max=4096.0, archs=["pretrained"], when={"model.finetune": ["lora"]})
    lora_dropout: float = _f(0.05, "LoRA dropout", "Dropout on the adapters' input.", min=0.0, max=0.9,
                             archs=["pretrained"], when={"model.finetune": ["lora"]})
    lora_targets: str = _f("", "LoRA target modules", "Comma-separated module names to adapt (e.g. q_proj,v_proj); "
                           "empty = the usual choice for the model family.", archs=["pretrained"],
                           when={"model.finetune": ["lora"]})
    trust_remote_code: bool = _f(False, "Trust remote code", "Let a model folder or hub repo run its own Python "
                                 "code. Only tick this for sources you trust.", archs=["pretrained"])
    embed_dim: int = _f(128, "Embedding size", "Width of the token embeddings (d_model for Transformers).",
                        min=4, max=8192, archs=list(SCRATCH_ARCHS))
    hidden_dim: int = _f(128, "Hidden size", "Recurrent hidden state size.", min=4, max=8192,
                         archs=list(RNN_ARCHS) + ["lstm_lm"])
    num_layers: int = _f(2, "Layers", "Number of stacked recurrent or Transformer layers.", min=1, max=64,
                         archs=list(RNN_ARCHS) + ["transformer", "gpt", "lstm_lm"])
    num_heads: int = _f(4, "Attention heads", "Heads per attention layer; must divide the embedding size.",
                        min=1, max=128, archs=["transformer", "gpt"])
    ffn_dim: int = _f(256, "Feed-forward size", "Inner width of each Transformer feed-forward block.",
                      min=4, max=32768, archs=["transformer", "gpt"])
    bidirectional: bool = _f(True, "Bidirectional", "Read the text both ways (classification RNNs).",
                             archs=list(RNN_ARCHS))
    kernel_sizes: str = _f("3,4,5", "Kernel sizes", "Comma-separated convolution widths (TextCNN).",
                           archs=["textcnn"])
    num_filters: int = _f(100, "Filters per size", "Feature maps per kernel size (TextCNN).", min=1, max=4096,
                          archs=["textcnn"])
    pooling: str = _f("mean", "Pooling", "How token states become one vector (Transformer classifier).",
                      choices=["mean", "max", "cls"], archs=["transformer"])
    rnn_pooling: str = _f("last", "Pooling", "How the recurrent states become one vector: the final hidden state "
                          "of each direction (last), or the maximum / mean over every position (max often "
                          "works better on long texts).", choices=["last", "max", "mean"], archs=list(RNN_ARCHS))
    embed_init: str = _f("normal", "Embedding init", "Starting values of the word vectors: normal (PyTorch's "
                         "N(0, 1)); uniform (U(-0.25, 0.25), as Kim 2014: small vectors that optimizers with "
                         "small steps, such as Adadelta, can still move); minilm (each word starts at the mean "
                         "of the built-in MiniLM's vectors for its word pieces, reduced to the embedding size by "
                         "PCA: pretrained knowledge of English words for a model trained from scratch; words "
                         "MiniLM cannot spell, such as most Chinese characters, start normal).",
                         choices=["normal", "uniform", "minilm"],
                         archs=["textcnn", "rnn", "lstm", "gru", "transformer"])
    ngram_buckets: int = _f(0, "N-gram buckets", "Wide & deep: also map a hashed bag of the text's token 1-, 2- "
                            "and 3-grams straight to the class scores (a fastText-style linear path trained with "
                            "the network, at 5x the learning rate and without weight decay; each n-gram weighted "
                            "by TF-IDF x its naive-Bayes class ratio from the training split; strong on short "
                            "texts). The number of hash buckets; 0 = off, 1048576 (2^20) is a good size. With "
                            "many classes a run takes fewer, so that buckets x classes stays within "
                            f"{NGRAM_MAX_CELLS:,} (2^20 up to 8 classes, 32,768 for 150; the run's config.yaml "
                            "records it).",
                            min=0, max=1 << 24, step=1 << 18, archs=["textcnn", *RNN_ARCHS, "transformer"])
    ngram_table: str = _f("auto", "N-gram table", "How the n-gram bag starts (wide & deep). learned: each n-gram "
                          "weighted by TF-IDF x its naive-Bayes class ratio, the bag's class scores learned with "
                          "the network from zero (best on short texts). logistic: TF-IDF weights alone, the "
                          "scores set by logistic regression on the training split (C chosen on validation) and "
                          "kept fixed, so the network learns only what the linear model misses (best on long, "
                          "noisy texts). auto: fits logistic regression on both weightings and takes logistic "
                          "when TF-IDF alone is right on clearly more validation texts (up to "
                          f"{NGRAM_AUTO_MAX_TEXTS:,} training texts; a few seconds; the run's config.yaml records the choice).", choices=["auto", "learned", "logistic"],
                          archs=["textcnn", *RNN_ARCHS, "transformer"])
    deep_max_length: int = _f(0, "Network reads (tokens)", "Wide & deep with long texts: the network reads only "
                              "the first N tokens of each text while the n-gram bag reads all data.max_length "
                              "of them (most of the signal of a long review is in its words, not their order; "
                              "the network's cost grows with every token, the bag's barely). 0 = the network "
                              "reads everything.", min=0, max=1_000_000, archs=["textcnn", *RNN_ARCHS])
    ensemble: int = _f(1, "Ensemble members", "Train this many copies of the classifier side by side, each "
                       "started from its own random weights and trained on its own loss over the same batches; "
                       "the prediction averages their class probabilities (one model file, one forward). Copies "
                       "disagree most on small data sets, where averaging them helps most; each one costs the "
                       "time of a whole model. auto picks by the training split's size: "
                       f"{ENSEMBLE_TEXT_BUDGET:,} / training texts copies, at most {ENSEMBLE_MAX_AUTO}, and no more "
                       f"than can train in {ENSEMBLE_SECONDS:.0f} s at the speed one copy trains at on this machine "
                       f"(timed just before the run); one model when that is fewer than {ENSEMBLE_MIN_AUTO} (the "
                       f"run's config.yaml records the number).",
                       min=1, max=16, auto=AUTO, archs=["textcnn", *RNN_ARCHS, "transformer"])
    dropout: float = _f(0.5, "Dropout", "Dropout probability.", min=0.0, max=0.95, archs=list(SCRATCH_ARCHS))
    tie_weights: bool = _f(True, "Tie embeddings", "Share input and output embeddings (language models).",
                           archs=["gpt", "lstm_lm"])


@dataclass
class TrainConfig:
    """How the optimizer walks: optimizer, schedule, precision, evaluation and checkpoints."""

    epochs: int = _f(5, "Epochs", "Passes over the training split (ignored when max steps > 0). auto (stored as 0): "
                     "6 passes over up to 9,333 training texts and fewer over more, as many as see about 56,000 "
                     "texts (at least one); the run's config.yaml records the number.", min=1, max=100000,
                     auto=AUTO)
    max_steps: int = _f(0, "Max steps", "Stop after this many optimizer steps; 0 = train for the epochs.",
                        min=0, max=100_000_000)
    batch_size: int = _f(64, "Batch size", "Examples per forward pass. auto (stored as 0) finds it before training: "
                         "the largest batch that fits the GPU's free memory, or on a CPU the batch beyond which "
                         "samples/s stops improving; the run's config.yaml records the number found.",
                         min=1, max=65536, auto=AUTO)
    lr: float = _f(1e-3, "Learning rate", "Peak learning rate.", min=1e-9, max=10.0, exclusive_min=0.0)
    optimizer: str = _f("adamw", "Optimizer", "sgd (with momentum/Nesterov), adam, adamw or adadelta (Zeiler 2012: "
                        "per-weight step sizes, rho 0.95; use lr 1.0, as Kim 2014 did).",
                        choices=["sgd", "adam", "adamw", "adadelta"])
    momentum: float = _f(0.9, "Momentum", "SGD momentum.", min=0.0, max=0.999)
    nesterov: bool = _f(False, "Nesterov", "Nesterov momentum (SGD).")
    weight_decay: float = _f(0.01, "Weight decay", "L2 penalty (decoupled for AdamW).", min=0.0, max=10.0)
    l1_lambda: float = _f(0.0, "L1 penalty", "Adds λ·Σ|w| over weight matrices to the loss (0 = off).",
                          min=0.0, max=10.0)
    scheduler: str = _f("linear", "LR schedule", "constant, linear (warmup then linear decay), cosine (warmup "
                        "then cosine decay), step, exponential.",
                        choices=["constant", "linear", "cosine", "step", "exponential"])
    warmup_steps: int = _f(0, "Warmup steps", "Steps of linear warmup from 0 (linear and cosine).",
                           min=0, max=10_000_000)
    step_size: int = _f(1000, "Step size", "Step schedule: multiply the LR by gamma every N steps.",
                        min=1, max=10_000_000)
    gamma: float = _f(0.5, "Gamma", "Decay factor for the step (per step_size) and exponential (per step) "
                      "schedules.", min=1e-6, max=1.0)
    group_by_length: bool = _f(False, "Group by length", "Put examples of similar length in the same batch "
                               "(less padding, faster with long varied texts); the batch order stays shuffled "
                               "and seeded.")
    label_smoothing: float = _f(0.0, "Label smoothing", "Training loss only: move this share of each target's "
                                "probability onto the other classes/tokens, so the model is not pushed to full "
                                "confidence (helps with noisy labels). Validation and test losses stay plain "
                                "cross-entropy.", min=0.0, max=0.5)
    max_norm: float = _f(0.0, "Max-norm of output weights", "After every step, rescale each class's row of the "
                         "classifier's output weights to this L2 norm when it is larger (a constraint from Hinton "
                         "et al. 2012 that Kim 2014 uses with 3; 0 = off).", min=0.0, max=1e6)
    grad_clip: float = _f(1.0, "Gradient clipping", "Clip the gradient norm to this value (0 = off).",
                          min=0.0, max=1e6)
    grad_accum: int = _f(1, "Gradient accumulation", "Batches whose gradients are summed before a step.",
                         min=1, max=4096)
    precision: str = _f("fp32", "Precision", "fp32, or bf16/fp16 mixed precision via torch.autocast (fp16 needs "
                        "CUDA).", choices=["fp32", "bf16", "fp16"])
    compile: bool = _f(False, "torch.compile", "Compile the model with torch.compile (slow first steps).")
    device: str = _f("auto", "Device", "auto (cuda > mps > cpu), cpu, cuda, cuda:N or mps.")
    seed: int = _f(42, "Seed", "One seed fixes data split, shuffling, augmentation and initialisation.",
                   min=0, max=2**31 - 1)
    eval_every: int = _f(0, "Evaluate every", "Evaluate on validation every N steps; 0 = at each epoch end.",
                         min=0, max=10_000_000)
    log_every: int = _f(10, "Log every", "Record the training loss every N steps.", min=1, max=100000)
    monitor: str = _f("auto", "Monitored metric", "Validation metric for the best checkpoint and early stopping; "
                      "auto = accuracy (classification; macro F1 when the largest class holds 4x the texts of the "
                      "smallest) or loss (generation).",
                      choices=["auto", "loss", "accuracy", "f1_macro", "perplexity"])
    early_stopping: int = _f(0, "Early-stopping patience", "Stop after this many evaluations without improvement "
                             "(0 = off).", min=0, max=10000)
    num_threads: int = _f(0, "CPU threads", "torch.set_num_threads (0 = leave the default).", min=0, max=1024)
    baseline: bool = _f(True, "Baseline", "After training, also fit a classic model on the same split and report "
                        "it beside yours: TF-IDF + logistic regression (classification) or a Kneser-Ney trigram "
                        "model (generation). If your network does not beat it, a simpler model would do.")
    tensorboard: bool = _f(True, "TensorBoard", "Also write TensorBoard event files into the run folder (when "
                           "tensorboard is installed; the Runs panel opens them).")
    sample_prompts: str = _f("", "Sample prompts", "Generation: '|'-separated prompts continued at each "
                             "evaluation; empty = the first words of a few validation texts.")
    sample_max_new_tokens: int = _f(30, "Sample length", "Generation: tokens generated per sample.",
                                    min=1, max=4096)


@dataclass
class Config:
    """A whole run: the task plus data, model and training sections."""

    task: str = _f("classification", "Task", "classification or generation.",
                   choices=["classification", "generation"])
    name: str = _f("", "Run name", "Optional label for the run folder.")
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)


SECTIONS = {"data": DataConfig, "model": ModelConfig, "train": TrainConfig}


def field_specs() -> dict[str, dataclasses.Field]:
    """Every dotted key (``train.lr``) mapped to its dataclass field."""
    specs = {f.name: f for f in dataclasses.fields(Config) if f.name not in SECTIONS}
    for section, cls in SECTIONS.items():
        for f in dataclasses.fields(cls):
            specs[f"{section}.{f.name}"] = f
    return specs


# Names other trainers use (transformers' TrainingArguments, Keras, Lightning) for keys this app spells otherwise
_KNOWN_AS = {"learning_rate": "lr", "num_train_epochs": "epochs", "num_epochs": "epochs", "max_epochs": "epochs",
             "per_device_train_batch_size": "batch_size", "train_batch_size": "batch_size", "bs": "batch_size",
             "lr_scheduler_type": "scheduler", "lr_scheduler": "scheduler", "lr_schedule": "scheduler",
             "gradient_accumulation_steps": "grad_accum", "max_grad_norm": "grad_clip", "warmup": "warmup_steps",
             "optim": "optimizer", "hidden_size": "hidden_dim", "embedding_dim": "embed_dim",
             "num_hidden_layers": "num_layers", "num_attention_heads": "num_heads", "max_seq_length": "max_length",
             "max_len": "max_length", "seq_len": "max_length", "dropout_rate": "dropout"}


def _suggest(key: str, options: list[str]) -> str:
    same = [o for o in options if o.lower() == key.strip().lower()]
    if same:
        return f" Did you mean '{same[0]}'? Keys are lower-case."
    head, _, tail = key.strip().lower().rpartition(".")
    alias = _KNOWN_AS.get(tail)
    if alias:
        named = [o for o in options if o == f"{head}.{alias}"] or [o for o in options if o.endswith("." + alias)]
        if named:
            return f" Did you mean '{named[0]}'?"
    moved = [o for o in options if o.split(".")[-1] == key.strip().split(".")[-1]]
    if moved:  # the right name in another section: train.dropout is model.dropout, not the closer-spelt train.lr
        return f" Did you mean '{moved[0]}'?"
    close = difflib.get_close_matches(key, options, n=1, cutoff=0.5) or difflib.get_close_matches(
        key.split(".")[-1], options, n=1, cutoff=0.5)
    return f" Did you mean '{close[0]}'?" if close else ""


_LIST_KEYS = {"model.kernel_sizes": ",", "model.lora_targets": ",", "train.sample_prompts": "|"}  # YAML lists welcome


def _coerce(key: str, f: dataclasses.Field, value: Any) -> Any:
    """Convert a YAML/CLI value to the field's type, with a clear message when it cannot be."""
    typ = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if typ == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
                return value.lower() in ("true", "yes", "on", "1")
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            raise ValueError
        if typ == "int":
            if "auto" in f.metadata and isinstance(value, str) and value.strip().lower() == "auto":
                return f.metadata["auto"]
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(float(value)) if isinstance(value, str) else int(value)
        if typ == "float":
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ConfigError(f"Config key '{key}' must be a finite number (got {value!r}). Fix the value in "
                                  f"the YAML file or the --set override.")
            return number
        if typ == "str":
            if value is None:
                return ""
            if isinstance(value, (list, tuple)):
                joiner = _LIST_KEYS.get(key)
                if joiner is None:
                    raise ConfigError(f"Config key '{key}' takes one value, not a list (got {value!r}). Fix the value "
                                      f"in the YAML file or the --set override.")
                return joiner.join(str(v) for v in value)
            if isinstance(value, dict):
                raise ValueError
            choices = f.metadata.get("choices")
            if choices and str(value) not in choices:  # "BPE" or " Adam " mean the choice anyway
                same = [c for c in choices if str(c).lower() == str(value).strip().lower()]
                if same:
                    return str(same[0])
            return str(value)
    except (TypeError, ValueError, OverflowError):
        pass
    else:
        return value
    kind = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "text"}.get(typ, typ)
    kind += " or auto" if "auto" in f.metadata else ""
    raise ConfigError(f"Config key '{key}' must be {kind} (got {value!r}). Fix the value in the YAML file "
                      f"or the --set override.")


def from_dict(raw: dict | None, base: Config | None = None) -> Config:
    """Build a Config from a nested dict, rejecting unknown keys with a suggestion."""
    cfg = copy.deepcopy(base) if base is not None else Config()
    if raw is None:
        return cfg
    if not isinstance(raw, dict):
        raise ConfigError(f"A config must be a mapping of keys to values, got {type(raw).__name__}. Start from a "
                          f"preset in resources/presets/.")
    specs = field_specs()
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if key in SECTIONS:
            if value is None:
                continue
            if not isinstance(value, dict):
                raise ConfigError(f"Config section '{key}' must be a mapping (e.g. '{key}:' followed by indented "
                                  f"keys), got {value!r}.")
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        elif key == "search":  # reserved for hyperparameter search spaces
            continue
        elif isinstance(value, dict):  # a section of keys under a misspelt name ("trian:")
            raise ConfigError(f"Unknown config section '{key}'.{_suggest(str(key), list(SECTIONS))} The sections "
                              f"are {', '.join(SECTIONS)} (and search for hyperparameter search).")
        else:
            flat[str(key)] = value
    for key, value in flat.items():
        set_value(cfg, key, value, specs)
    return cfg


def set_value(cfg: Config, key: str, value: Any, specs: dict | None = None) -> None:
    """Set one dotted key, coercing the value to the field type."""
    specs = specs or field_specs()
    if key not in specs:
        raise ConfigError(f"Unknown config key '{key}'.{_suggest(key, list(specs))} Run `hellotorch train --help` "
                          f"or look at resources/presets/default.yaml for the valid keys.")
    value = _coerce(key, specs[key], value)
    target: Any = cfg
    parts = key.split(".")
    for p in parts[:-1]:
        target = getattr(target, p)
    setattr(target, parts[-1], value)


def apply_overrides(cfg: Config, overrides: list[str] | None) -> Config:
    """Apply ``key=value`` strings (CLI ``--set``); values are parsed as YAML scalars."""
    cfg = copy.deepcopy(cfg)
    specs = field_specs()
    for item in overrides or []:
        if "=" not in item:
            raise ConfigError(f"--set expects key=value, got '{item}' (for example --set train.lr=3e-4).")
        key, text = item.split("=", 1)
        key = key.strip()
        try:
            value = yaml.safe_load(text) if text.strip() else ""
        except yaml.YAMLError:
            value = text
        if key in specs and specs[key].type in ("str", str) and value is not None:
            value = text  # keep strings verbatim ("3,4,5", "0.10")
        set_value(cfg, key, value, specs)
    return cfg


def get_value(cfg: Config, key: str) -> Any:
    target: Any = cfg
    for p in key.split("."):
        target = getattr(target, p)
    return target


def validate(cfg: Config) -> list[tuple[str, str]]:
    """Return (key, reason) for every invalid value; empty when the config can run."""
    problems: list[tuple[str, str]] = []
    for key, f in field_specs().items():
        value = get_value(cfg, key)
        meta = f.metadata
        if "choices" in meta and value not in meta["choices"]:
            problems.append((key, f"must be one of {', '.join(meta['choices'])} (got {value!r}){_suggest_choice(value, meta['choices'])}"))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value != meta.get("auto"):
            if "exclusive_min" in meta and value <= meta["exclusive_min"]:
                problems.append((key, f"must be greater than {meta['exclusive_min']} (got {value})"))
            elif "min" in meta and value < meta["min"]:
                problems.append((key, f"must be at least {meta['min']} (got {value})"))
            if "max" in meta and value > meta["max"]:
                problems.append((key, f"must be at most {meta['max']} (got {value})"))
    d, m, t = cfg.data, cfg.model, cfg.train
    if d.val_fraction + d.test_fraction >= 1.0:  # the pair is wrong: each field says so (the window shows both)
        total = f"{d.val_fraction} + {d.test_fraction} = {d.val_fraction + d.test_fraction:g}"
        problems.append(("data.val_fraction", f"plus data.test_fraction must be below 1 (got {total}); nothing "
                         f"would be left to train on"))
        problems.append(("data.test_fraction", f"plus data.val_fraction must be below 1 (got {total})"))
    if not str(d.source).strip():
        problems.append(("data.source", "is empty; name a built-in dataset or a file"))
    if m.arch in ALL_ARCHS:
        if cfg.task == "classification" and m.arch not in CLASSIFICATION_ARCHS:
            problems.append(("model.arch", f"'{m.arch}' is a generation model; for classification use one of "
                             f"{', '.join(CLASSIFICATION_ARCHS)} (or set task: generation)"))
        if cfg.task == "generation" and m.arch not in GENERATION_ARCHS:
            problems.append(("model.arch", f"'{m.arch}' is a classification model; for generation use one of "
                             f"{', '.join(GENERATION_ARCHS)} (or set task: classification)"))
    if m.arch == "pretrained" and m.pretrained in PRETRAINED_TASKS and cfg.task not in PRETRAINED_TASKS[m.pretrained]:
        problems.append(("model.pretrained", f"'{m.pretrained}' is an encoder and cannot do {cfg.task}; use "
                         f"smollm2-135m for generation (or set task: classification)"))
    if m.arch in ("transformer", "gpt") and m.num_heads > 0 and m.embed_dim % m.num_heads:
        problems.append(("model.num_heads", f"must divide model.embed_dim ({m.embed_dim} is not divisible by "
                         f"{m.num_heads})"))
    if m.arch == "textcnn":
        try:
            sizes = parse_int_list(m.kernel_sizes)
            if not sizes or min(sizes) < 1:
                raise ValueError
        except ValueError:
            problems.append(("model.kernel_sizes", f"must be comma-separated positive integers like 3,4,5 "
                             f"(got {m.kernel_sizes!r})"))
    dev = t.device.strip().lower()
    if not (dev in ("auto", "cpu", "cuda", "mps") or (dev.startswith("cuda:") and dev[5:].isdigit())):
        problems.append(("train.device", f"must be auto, cpu, cuda, cuda:N or mps (got {t.device!r})"))
    if cfg.task == "generation" and t.monitor in ("accuracy", "f1_macro"):
        problems.append(("train.monitor", "accuracy/f1_macro exist only for classification; use loss or "
                         "perplexity for generation"))
    if cfg.task == "classification" and t.monitor == "perplexity":
        problems.append(("train.monitor", "perplexity exists only for generation; use accuracy, f1_macro or loss"))
    return problems


def _suggest_choice(value: Any, choices: list[str]) -> str:
    same = [c for c in choices if c.lower() == str(value).strip().lower()]
    if same:
        return f"; did you mean '{same[0]}'? Values are case-sensitive"
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def check(cfg: Config) -> Config:
    """Raise ConfigError listing every problem, or return the config unchanged."""
    problems = validate(cfg)
    if problems:
        lines = "; ".join(f"{k} {why}" for k, why in problems)
        end = "" if lines.endswith(("?", ".")) else "."  # a suggestion ends with its own question mark
        raise ConfigError(f"Invalid config: {lines}{end} Fix these values in the YAML file or with --set.")
    return cfg


def parse_int_list(text: str) -> list[int]:
    return [int(x) for x in str(text).replace(" ", "").split(",") if x]


def monitor_metric(cfg: Config, imbalanced: bool = False) -> tuple[str, str]:
    """The validation metric that picks the best checkpoint, and 'max' or 'min'. auto: loss for generation;
    for classification accuracy, or macro F1 when the data's classes are `imbalanced` (PreparedData.imbalanced)."""
    name = cfg.train.monitor
    if name == "auto":
        name = ("f1_macro" if imbalanced else "accuracy") if cfg.task == "classification" else "loss"
    return name, ("max" if name in ("accuracy", "f1_macro") else "min")


def to_dict(cfg: Config) -> dict:
    return dataclasses.asdict(cfg)


def to_yaml(cfg: Config) -> str:
    """The config as YAML; fields left on auto are written as the word `auto`."""
    raw = to_dict(cfg)
    for key in field_specs():
        if is_auto(cfg, key):
            *path, name = key.split(".")
            target = raw
            for p in path:
                target = target[p]
            target[name] = "auto"
    return yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)


def is_auto(cfg: Config, key: str) -> bool:
    """Whether a field that accepts `auto` is left on it (e.g. train.batch_size: auto)."""
    f = field_specs()[key]
    return "auto" in f.metadata and get_value(cfg, key) == f.metadata["auto"]


def ensemble_members(cfg: Config, train_texts: int | None = None, seconds_per_copy: float | None = None) -> int:
    """How many copies model.ensemble asks for: the number set, or on auto ENSEMBLE_TEXT_BUDGET // train_texts
    up to ENSEMBLE_MAX_AUTO and, when the training time of one copy here is known (`seconds_per_copy`), no more
    than ENSEMBLE_SECONDS hold; 1 below ENSEMBLE_MIN_AUTO or when the size is not known yet. Architectures without
    the field (language models, pretrained) have one."""
    arch_ok = cfg.task == "classification" and cfg.model.arch in field_specs()["model.ensemble"].metadata["archs"]
    if not arch_ok:
        return 1
    if not is_auto(cfg, "model.ensemble"):
        return max(1, int(cfg.model.ensemble))
    if not train_texts:
        return 1
    copies = min(ENSEMBLE_MAX_AUTO, ENSEMBLE_TEXT_BUDGET // int(train_texts))
    if seconds_per_copy is not None and seconds_per_copy > 0:
        copies = min(copies, int(ENSEMBLE_SECONDS / seconds_per_copy + 1e-9))
    return copies if copies >= ENSEMBLE_MIN_AUTO else 1


def ngram_buckets_for(buckets: int, num_classes: int) -> int:
    """The n-gram buckets a model of `num_classes` gets for model.ngram_buckets = `buckets`: the number set while
    buckets x classes stays within NGRAM_MAX_CELLS, else the largest power of two that keeps it there."""
    buckets, classes = int(buckets), max(1, int(num_classes))
    if buckets <= 0 or buckets * classes <= NGRAM_MAX_CELLS:
        return buckets
    return 1 << ((NGRAM_MAX_CELLS // classes).bit_length() - 1) if NGRAM_MAX_CELLS >= classes else 1


def resolve_ngram_buckets(cfg: Config, num_classes: int) -> str:
    """Lower cfg.model.ngram_buckets to ngram_buckets_for a classifier of `num_classes` (from-scratch
    architectures with the bag); returns a line for the log, or "" when the number stands."""
    m = cfg.model
    if cfg.task != "classification" or m.arch not in field_specs()["model.ngram_buckets"].metadata["archs"]:
        return ""
    fitted = ngram_buckets_for(m.ngram_buckets, num_classes)
    if fitted == m.ngram_buckets:
        return ""
    line = (f"N-gram buckets: {fitted:,} instead of {m.ngram_buckets:,}: with {num_classes:,} classes the bag's "
            f"table would hold {m.ngram_buckets * num_classes:,} scores; it keeps at most {NGRAM_MAX_CELLS:,} "
            f"(model.ngram_buckets is a most; config.yaml records the number).")
    m.ngram_buckets = fitted
    return line


def planned_epochs(cfg: Config, train_texts: int | None = None) -> int:
    """train.epochs, or on auto the passes over this many training texts: EPOCHS_TEXT_BUDGET / train_texts rounded
    half up, between 1 and EPOCHS_MAX_AUTO (EPOCHS_MAX_AUTO while the size is not known yet)."""
    if not is_auto(cfg, "train.epochs"):
        return int(cfg.train.epochs)
    if not train_texts:
        return EPOCHS_MAX_AUTO
    return max(1, min(EPOCHS_MAX_AUTO, int(EPOCHS_TEXT_BUDGET / int(train_texts) + 0.5)))  # 2.5 -> 3


def planned_batch_size(cfg: Config) -> int:
    """train.batch_size for estimates made before training (memory, steps per epoch, scripts): on auto the
    finder has not run yet, so the schema's default stands in for it."""
    return cfg.train.batch_size if not is_auto(cfg, "train.batch_size") else TrainConfig.batch_size


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key given twice in one mapping (PyYAML keeps the last silently: a second
    `train:` section would throw the first away)."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        seen: dict = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: SafeLoader's own error says so
                break
            if first != key_node.start_mark.line + 1:
                raise _DuplicateKey(key, first, key_node.start_mark.line + 1)
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(Exception):
    def __init__(self, key, first: int, again: int) -> None:  # noqa: ANN001
        super().__init__(key, first, again)
        self.key, self.first, self.again = key, first, again


def safe_load_unique(text: str):  # noqa: ANN201
    """yaml.safe_load, except that a key repeated in one mapping raises _DuplicateKey."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass: no Python objects


def load_yaml(path: str | os.PathLike) -> dict:
    """Read a YAML mapping with safe_load (a key given twice refused); errors name the file and line."""
    p = Path(path)
    if p.is_dir():
        if (p / "config.yaml").is_file():
            raise ConfigError(f"'{p}' is a folder (a run folder), not a config file. Continue the run with "
                              f"`hellotorch train --resume {p}`, or start anew from its settings with "
                              f"'{p / 'config.yaml'}'.")
        raise ConfigError(f"'{p}' is a folder, not a config file. Pass a YAML file or a preset name "
                          f"({', '.join(list_presets())}).")
    if not p.is_file():
        raise ConfigError(f"Config file '{p}' does not exist. Pass a YAML file, e.g. resources/presets/default.yaml.")
    try:
        raw = safe_load_unique(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"Config file '{p}' is not UTF-8 text. Save it as UTF-8 YAML.") from None
    except _DuplicateKey as dup:
        raise ConfigError(f"Config file '{p}' gives '{dup.key}' twice (lines {dup.first} and {dup.again}); YAML "
                          f"would silently keep only the second. Merge the two into one.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"Config file '{p}' is not valid YAML{where}: {getattr(exc, 'problem', exc)}. "
                          f"Check the indentation and colons there.") from None
    if raw is None:
        raise ConfigError(f"Config file '{p}' is empty: it holds no settings, and training it would mean the "
                          f"schema's bare defaults on movie-reviews, not a preset. Start from a preset instead "
                          f"(`hellotorch train default`, or copy {presets_dir() / 'default.yaml'}).")
    if not isinstance(raw, dict):
        raise ConfigError(f"Config file '{p}' must hold a mapping of keys (task:, data:, model:, train:), "
                          f"not a {type(raw).__name__}.")
    return raw


def from_file(path: str | os.PathLike, raw: dict | None = None) -> Config:
    """The Config of a YAML file (unchecked). A relative data.source that is not there from the current folder
    but is beside the file (`source: ../data/x.csv` in configs/my.yaml) is taken from beside the file, as the
    file's author meant it; one found from the current folder stays as it is."""
    cfg = from_dict(load_yaml(path) if raw is None else raw)
    source = str(cfg.data.source or "").strip()
    if source and not Path(source).expanduser().is_absolute() and not Path(source).expanduser().exists():
        beside = Path(path).expanduser().resolve().parent / source
        if beside.exists():
            cfg.data.source = str(beside.resolve())
    return cfg


def load_config(path: str | os.PathLike, overrides: list[str] | None = None) -> Config:
    """YAML file + ``--set`` overrides -> a checked Config."""
    return check(apply_overrides(from_file(path), overrides))


def save_config(cfg: Config, path: str | os.PathLike) -> None:
    from engine.io import atomic_write_text

    atomic_write_text(path, to_yaml(cfg))


def presets_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "presets"


def list_presets() -> dict[str, Path]:
    return {p.stem: p for p in sorted(presets_dir().glob("*.yaml"))}


def load_preset(name: str = "default", overrides: list[str] | None = None) -> Config:
    presets = list_presets()
    if name not in presets:
        raise ConfigError(f"Unknown preset '{name}'. Available: {', '.join(presets) or 'none'}.")
    return load_config(presets[name], overrides)
