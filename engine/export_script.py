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
from pathlib import Path

from engine import config as cfgmod
from engine.errors import ConfigError

SUPPORTED_ARCHS = ("textcnn", "rnn", "lstm", "gru", "transformer")
GENERATION_ARCHS = ("gpt", "lstm_lm")

PRETRAINED_TOKENIZER = '''# 3. Tokenizer: the pretrained model's own (fast) tokenizer.
# ----------------------------------------------------------------------------------------------------------
from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

MODEL = {model_path!r}  # {model_note}
tokenizer = AutoTokenizer.from_pretrained(MODEL)
if tokenizer.pad_token_id is None:  # Llama-style models have no padding token: pad with end-of-sequence
    tokenizer.pad_token = tokenizer.eos_token if tokenizer.eos_token is not None else tokenizer.unk_token
PAD = tokenizer.pad_token_id
EOS_ID = tokenizer.eos_token_id if tokenizer.eos_token_id is not None else (tokenizer.sep_token_id or PAD)
vocab = list(range(len(tokenizer)))
{encode}
print("vocabulary:", len(vocab), "tokens")'''

PRETRAINED_MODEL = '''class Pretrained(nn.Module):
    """The Hugging Face model behind a plain forward(input_ids) -> logits."""

    def __init__(self, hf):
        super().__init__()
        self.hf = hf

    def forward(self, input_ids):
        {forward}


hf = {auto}.from_pretrained(MODEL, {num_labels}dtype=torch.float32)
hf.config.pad_token_id = PAD
{finetune}
model = Pretrained(hf)
print("trainable parameters:", sum(p.numel() for p in model.parameters() if p.requires_grad), "of",
      sum(p.numel() for p in model.parameters()))'''



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
    if cfg.task == "classification" and t.monitor not in ("auto", "accuracy", "loss"):
        problems.append(f"train.monitor {t.monitor} (supported: auto, accuracy, loss)")
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


def _model_source(arch: str) -> str:
    from engine.models import classifiers, language_models, layers

    if arch == "gpt":
        return "\n\n".join(inspect.getsource(obj) for obj in (
            layers.SelfAttention, layers.Block, layers.run_blocks_cached, layers.run_blocks, layers.init_gpt2_,
            language_models.GPT))
    if arch == "lstm_lm":
        return "UNLIMITED_CONTEXT = 10**9\n\n\n" + inspect.getsource(language_models.LSTMLanguageModel)
    parts = [inspect.getsource(layers.token_mask), inspect.getsource(layers.NgramBag),
             inspect.getsource(classifiers._Wide)]
    if arch == "transformer":
        parts += [inspect.getsource(obj) for obj in (layers.SelfAttention, layers.Block, layers.run_blocks,
                                                      layers.init_gpt2_, classifiers.TransformerClassifier)]
    elif arch == "textcnn":
        parts.append(inspect.getsource(classifiers.TextCNN))
    else:
        parts.append(inspect.getsource(classifiers.RNNClassifier))
    return "\n\n".join(parts)


def _model_call(cfg: cfgmod.Config) -> str:
    m, d = cfg.model, cfg.data
    if m.arch == "gpt":
        return (f"GPT(len(vocab), embed_dim={m.embed_dim}, num_heads={m.num_heads}, ffn_dim={m.ffn_dim}, "
                f"num_layers={m.num_layers}, max_context={d.max_length}, dropout={m.dropout}, "
                f"tie_weights={m.tie_weights}, pad_id=PAD)")
    if m.arch == "lstm_lm":
        return (f"LSTMLanguageModel(len(vocab), embed_dim={m.embed_dim}, hidden_dim={m.hidden_dim}, "
                f"num_layers={m.num_layers}, dropout={m.dropout}, tie_weights={m.tie_weights}, "
                f"context_length={d.max_length}, pad_id=PAD)")
    if m.arch == "textcnn":
        sizes = [int(x) for x in str(m.kernel_sizes).split(",") if x.strip()]
        return (f"TextCNN(len(vocab), len(LABELS), embed_dim={m.embed_dim}, kernel_sizes={sizes}, "
                f"num_filters={m.num_filters}, dropout={m.dropout}, pad_id=PAD, ngram_buckets={m.ngram_buckets})")
    if m.arch == "transformer":
        return (f"TransformerClassifier(len(vocab), len(LABELS), embed_dim={m.embed_dim}, num_heads={m.num_heads}, "
                f"ffn_dim={m.ffn_dim}, num_layers={m.num_layers}, max_length={d.max_length}, "
                f"pooling={m.pooling!r}, dropout={m.dropout}, pad_id=PAD, ngram_buckets={m.ngram_buckets})")
    return (f"RNNClassifier({m.arch!r}, len(vocab), len(LABELS), embed_dim={m.embed_dim}, hidden_dim={m.hidden_dim}, "
            f"num_layers={m.num_layers}, bidirectional={m.bidirectional}, dropout={m.dropout}, pad_id=PAD, "
            f"pooling={m.rnn_pooling!r}, ngram_buckets={m.ngram_buckets})")


TEMPLATE = '''"""{title}

Generated by Hello PyTorch (`hellotorch export-script`) from {origin}. It needs only torch{extra_req};
it does not import Hello PyTorch. Run it with:   python {script_name}

It reproduces the app's run: the same train/validation/test rows ({data_dir}/*.csv), the same vocabulary,
model, optimizer, learning-rate schedule and seed, so the test accuracy it prints matches the app's.
"""
import csv
import math
import os
import random
import re
from collections import Counter

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

# ----------------------------------------------------------------------------------------------------------
# 1. Settings: the values of the run's config that this script uses.
# ----------------------------------------------------------------------------------------------------------
SEED = {seed}
LABELS = {labels}            # class names; a row's label is its index here
MAX_LENGTH = {max_length}    # longer texts are cut to this many tokens
TOKENIZER = {tokenizer!r}    # "char": one token per character; "word": words (jieba for Chinese)
LANGUAGE = {language!r}
LOWERCASE = {lowercase}
VOCAB_SIZE = {vocab_size}    # largest vocabulary, the 4 special tokens included
MIN_FREQ = {min_freq}        # rarer tokens become <unk>
BATCH_SIZE = {batch_size}
EPOCHS = {epochs}
MAX_STEPS = {max_steps}      # 0 = train for EPOCHS
LR = {lr}
OPTIMIZER = {optimizer!r}
MOMENTUM, NESTEROV = {momentum}, {nesterov}
WEIGHT_DECAY = {weight_decay}
SCHEDULER = {scheduler!r}    # constant, linear or cosine, after WARMUP_STEPS of linear warm-up
WARMUP_STEPS = {warmup_steps}
GRAD_CLIP = {grad_clip}      # clip the gradient norm (0 = off)
GRAD_ACCUM = {grad_accum}    # batches whose gradients are summed before one optimizer step
L1 = {l1}                    # weight of the L1 penalty Σ|w| over weight matrices (0 = off)
LABEL_SMOOTHING = {label_smoothing}  # training loss only: share of each target spread over the other classes
NGRAM_LR_SCALE = {ngram_lr_scale}    # the n-gram bag (when the model has one) learns this much faster, undecayed
STEP_SIZE, GAMMA = {step_size}, {gamma}  # the step and exponential schedules
AUGMENT = ({aug_delete}, {aug_swap}, {aug_mask})  # training-only random delete / swap / mask probabilities
GROUP_BY_LENGTH = {group_by_length}  # batches of similar lengths (less padding)
BF16 = {bf16}                # bfloat16 autocast (mixed precision)
MONITOR = {monitor!r}        # the validation metric that picks the best weights
EARLY_STOPPING = {early_stopping}  # stop after this many evaluations without improvement (0 = off)
EVAL_EVERY = {eval_every}    # evaluate every N steps; 0 = at the end of each epoch
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), {data_dir!r})
SPECIALS = ["<pad>", "<unk>", "<bos>", "<eos>"]
PAD, UNK = 0, 1

# One seed fixes the initial weights, the batch order and dropout: a CPU run is exactly reproducible.
torch.manual_seed(SEED)
random.seed(SEED)


# ----------------------------------------------------------------------------------------------------------
# 2. Data: the app's own split of the cleaned rows (text, label) in three CSV files.
# ----------------------------------------------------------------------------------------------------------
def read_split(name):
    with open(os.path.join(DATA_DIR, name + ".csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [LABELS.index(r["label"]) for r in rows]


texts, labels = {{}}, {{}}
for split in ("train", "val", "test"):
    texts[split], labels[split] = read_split(split)
print({{k: len(v) for k, v in texts.items()}}, "rows")


# ----------------------------------------------------------------------------------------------------------
# 3. Tokenizer: split texts into tokens and map tokens to ids. The vocabulary comes from the TRAINING
#    texts only (looking at validation/test texts would leak information about them).
# ----------------------------------------------------------------------------------------------------------
WORD = re.compile(r"\\w+(?:['’]\\w+)*|[^\\w\\s]")


def split_tokens(text):
    if LOWERCASE:
        text = text.lower()
    if TOKENIZER == "char":
        return list(text)
    if LANGUAGE == "zh":
        import jieba  # Chinese has no spaces between words: jieba segments it

        jieba.setLogLevel(60)
        return [w for w in jieba.lcut(text) if not w.isspace()]
    return WORD.findall(text)


if TOKENIZER in ("bpe", "wordpiece"):
    # A subword vocabulary the app learned on the training split (Hugging Face `tokenizers` format)
    from tokenizers import Tokenizer

    subword = Tokenizer.from_file(os.path.join(DATA_DIR, "tokenizer.json"))
    vocab = [subword.id_to_token(i) for i in range(subword.get_vocab_size())]
    ids = {{split: [e.ids[:MAX_LENGTH] or [UNK] for e in subword.encode_batch(texts[split], add_special_tokens=False)]
           for split in texts}}
else:
    pieces = {{split: [split_tokens(t) for t in texts[split]] for split in texts}}
    counts = Counter(tok for toks in pieces["train"] for tok in toks)
    kept = sorted((t for t, c in counts.items() if c >= MIN_FREQ and t not in SPECIALS),
                  key=lambda t: (-counts[t], t))
    vocab = SPECIALS + kept[: VOCAB_SIZE - len(SPECIALS)]
    index = {{tok: i for i, tok in enumerate(vocab)}}
    ids = {{split: [[index.get(t, UNK) for t in toks][:MAX_LENGTH] or [UNK] for toks in pieces[split]]
           for split in pieces}}
print("vocabulary:", len(vocab), "tokens")


def pad_batch(seqs):
    """Right-pad token id lists to the longest one: a [batch, length] tensor."""
    out = torch.full((len(seqs), max(1, max(len(s) for s in seqs))), PAD, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, : len(s)] = torch.tensor(s, dtype=torch.long)
    return out


# ----------------------------------------------------------------------------------------------------------
# 4. Model: the same class the app builds (copied from Hello PyTorch's engine/models).
# ----------------------------------------------------------------------------------------------------------
{model_source}


model = {model_call}
if getattr(model, "ngram", None) is not None:  # the n-gram bag's TF-IDF x naive-Bayes weights (training split)
    model.ngram.fit_weights(ids["train"], labels["train"])
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))


# ----------------------------------------------------------------------------------------------------------
# 5. Optimizer and learning-rate schedule. Weight decay applies to weight matrices only (not to biases,
#    norms or other 1-D parameters).
# ----------------------------------------------------------------------------------------------------------
named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
decay = [p for n, p in named if p.dim() > 1 and not n.startswith("ngram.")]
no_decay = [p for n, p in named if p.dim() <= 1 and not n.startswith("ngram.")]
groups = [{{"params": decay, "weight_decay": WEIGHT_DECAY}}, {{"params": no_decay, "weight_decay": 0.0}}]
wide = [p for n, p in named if n.startswith("ngram.")]
if wide:  # the n-gram bag: its own learning rate, no weight decay
    groups.append({{"params": wide, "weight_decay": 0.0, "lr": LR * NGRAM_LR_SCALE}})
if OPTIMIZER == "sgd":
    optimizer = torch.optim.SGD(groups, lr=LR, momentum=MOMENTUM, nesterov=NESTEROV and MOMENTUM > 0)
elif OPTIMIZER == "adam":
    optimizer = torch.optim.Adam(groups, lr=LR, fused=True)
else:
    optimizer = torch.optim.AdamW(groups, lr=LR, fused=True)

batches_per_epoch = math.ceil(len(ids["train"]) / BATCH_SIZE)
steps_per_epoch = math.ceil(batches_per_epoch / GRAD_ACCUM)
total_steps = MAX_STEPS if MAX_STEPS > 0 else EPOCHS * steps_per_epoch


def lr_factor(step):
    """Multiplier of LR at an optimizer step: linear warm-up, then constant, linear or cosine decay (or the
    step and exponential schedules)."""
    if SCHEDULER == "step":
        return GAMMA ** (step // STEP_SIZE)
    if SCHEDULER == "exponential":
        return GAMMA ** step
    if WARMUP_STEPS > 0 and step < WARMUP_STEPS:
        return (step + 1) / WARMUP_STEPS
    span = max(1, total_steps - WARMUP_STEPS)
    if SCHEDULER == "linear":
        return max(0.0, 1.0 - (step - WARMUP_STEPS) / span)
    if SCHEDULER == "cosine":
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, (step - WARMUP_STEPS) / span)))
    return 1.0


scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)


# ----------------------------------------------------------------------------------------------------------
# 6. Evaluation: accuracy and mean loss of a split (no gradients, dropout off).
# ----------------------------------------------------------------------------------------------------------
@torch.no_grad()
def evaluate(split):
    model.eval()
    order = sorted(range(len(ids[split])), key=lambda i: len(ids[split][i]))  # similar lengths: less padding
    correct, loss_sum = 0, 0.0
    for start in range(0, len(order), max(BATCH_SIZE, 64)):
        idx = order[start:start + max(BATCH_SIZE, 64)]
        logits = model(pad_batch([ids[split][i] for i in idx]))
        y = torch.tensor([labels[split][i] for i in idx])
        loss_sum += float(F.cross_entropy(logits.float(), y, reduction="sum"))
        correct += int((logits.argmax(dim=1) == y).sum())
    model.train()
    return correct / max(1, len(order)), loss_sum / max(1, len(order))


# ----------------------------------------------------------------------------------------------------------
# 7. Training loop: shuffle, forward, loss, backward, clip, step; evaluate and keep the best weights.
# ----------------------------------------------------------------------------------------------------------
{helpers}

def batches_of(epoch):
    """The example indices of each batch of an epoch: the same seeded order as the app, a function of
    (seed, epoch) only."""
    order = torch.randperm(len(ids["train"]), generator=torch.Generator().manual_seed(SEED * 100_003 + epoch))
    order = order.tolist()
    if not GROUP_BY_LENGTH:
        return [order[i:i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]
    return group_by_length(order, epoch)


def better(value, best):
    return best is None or (value > best if MONITOR == "accuracy" else value < best)


model.train()
step, epoch, best, best_state, bad_evals, stop = 0, 0, None, None, 0, False
while step < total_steps and not stop:
    batches = batches_of(epoch)
    micro = 0
    for b, idx in enumerate(batches):
        seqs = [ids["train"][i] for i in idx]
        if any(AUGMENT):  # training-only noise: the same random choices as the app (seeded per batch)
            rng = random.Random(f"{{SEED}}:{{epoch}}:{{b}}")
            seqs = [augment_ids(q, rng, *AUGMENT, UNK) for q in seqs]
        x = pad_batch(seqs)
        y = torch.tensor([labels["train"][i] for i in idx])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=BF16):
            loss = F.cross_entropy(model(x).float(), y, label_smoothing=LABEL_SMOOTHING)  # forward + loss
            if L1 > 0:
                loss = loss + L1 * torch.stack([p.abs().sum() for p in model.parameters() if p.dim() > 1]).sum()
        (loss / GRAD_ACCUM).backward()                   # gradients of the loss w.r.t. every weight
        micro += 1
        if micro % GRAD_ACCUM and b != len(batches) - 1:
            continue                                     # accumulate more batches before stepping
        if GRAD_CLIP > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
        optimizer.step()                                 # move the weights against the gradient
        optimizer.zero_grad(set_to_none=True)
        scheduler.step()                                 # next learning rate
        step += 1
        end_of_epoch = b == len(batches) - 1
        if (EVAL_EVERY > 0 and step % EVAL_EVERY == 0) or (EVAL_EVERY == 0 and end_of_epoch) or step == total_steps:
            acc, val_loss = evaluate("val")
            value = acc if MONITOR == "accuracy" else val_loss
            print(f"step {{step}}  train loss {{loss.item():.4f}}  val loss {{val_loss:.4f}}  val accuracy {{acc:.4f}}")
            if better(value, best):  # keep the weights of the best validation metric
                best, best_state, bad_evals = value, {{k: v.detach().clone() for k, v in model.state_dict().items()}}, 0
            else:
                bad_evals += 1
                stop = EARLY_STOPPING > 0 and bad_evals >= EARLY_STOPPING  # early stopping
        if step >= total_steps or stop:
            break
    epoch += 1

# ----------------------------------------------------------------------------------------------------------
# 8. Test: the best weights on rows the model never saw.
# ----------------------------------------------------------------------------------------------------------
model.load_state_dict(best_state)
test_acc, test_loss = evaluate("test")
print(f"best validation {{MONITOR}} {{best:.4f}}")
print(f"test accuracy {{test_acc:.4f}}")
print(f"test loss {{test_loss:.4f}}")
'''


GROUP_SOURCE = '''def group_by_length(order, epoch):
    """Batches of similar lengths: chunks of 50 batches sorted by length, then the batches shuffled."""
    lengths = [len(x) for x in ids["train"]]
    chunk = BATCH_SIZE * 50
    batches = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c:c + chunk], key=lambda i: -lengths[i])
        batches.extend(part[i:i + BATCH_SIZE] for i in range(0, len(part), BATCH_SIZE))
    g = torch.Generator().manual_seed(SEED * 100_003 + epoch + 7_919)
    return [batches[i] for i in torch.randperm(len(batches), generator=g).tolist()]
'''


def _helpers(cfg: cfgmod.Config) -> str:
    from engine.data.augment import augment_ids

    d, parts = cfg.data, []
    if d.aug_delete_prob or d.aug_swap_prob or d.aug_mask_prob:
        parts.append(inspect.getsource(augment_ids))
    if cfg.train.group_by_length:
        parts.append(GROUP_SOURCE)
    return "\n\n".join(parts)


def _generation_template() -> str:
    """TEMPLATE turned into a language-model script: documents -> blocks, next-token loss, perplexity."""
    t = TEMPLATE
    swaps = [
        ("It reproduces the app's run: the same train/validation/test rows ({data_dir}/*.csv), the same vocabulary,\n"
         "model, optimizer, learning-rate schedule and seed, so the test accuracy it prints matches the app's.",
         "It reproduces the app's run: the same train/validation/test documents ({data_dir}/*.csv), the same\n"
         "vocabulary, model, optimizer, learning-rate schedule and seed, so the test perplexity it prints matches "
         "the app's."),
        ("""def read_split(name):
    with open(os.path.join(DATA_DIR, name + ".csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [LABELS.index(r["label"]) for r in rows]


texts, labels = {{}}, {{}}
for split in ("train", "val", "test"):
    texts[split], labels[split] = read_split(split)""",
         """def read_split(name):
    with open(os.path.join(DATA_DIR, name + ".csv"), newline="", encoding="utf-8") as fh:
        return [r["text"] for r in csv.DictReader(fh)]


texts = {{split: read_split(split) for split in ("train", "val", "test")}}"""),
        ("""    ids = {{split: [e.ids[:MAX_LENGTH] or [UNK] for e in subword.encode_batch(texts[split], add_special_tokens=False)]
           for split in texts}}""",
         """    ids = {{split: [e.ids for e in subword.encode_batch(texts[split], add_special_tokens=False)] for split in texts}}"""),
        ("""    ids = {{split: [[index.get(t, UNK) for t in toks][:MAX_LENGTH] or [UNK] for toks in pieces[split]]
           for split in pieces}}
print("vocabulary:", len(vocab), "tokens")""",
         """    ids = {{split: [[index.get(t, UNK) for t in toks] for toks in pieces[split]] for split in pieces}}
print("vocabulary:", len(vocab), "tokens")
EOS = 3


def make_blocks(docs, split):
    \"\"\"Documents joined with <eos> and cut into blocks of MAX_LENGTH + 1 ids: the model reads MAX_LENGTH
    tokens and predicts each next one.\"\"\"
    stream = [t for doc in docs for t in doc + [EOS]]
    n = len(stream) // (MAX_LENGTH + 1)
    if n == 0:
        return [stream] if len(stream) >= 2 and split != "train" else []
    return [stream[i * (MAX_LENGTH + 1):(i + 1) * (MAX_LENGTH + 1)] for i in range(n)]


ids = {{split: make_blocks(docs, split) for split, docs in ids.items()}}
print({{k: len(v) for k, v in ids.items()}}, "blocks")


def inputs_and_targets(blocks, prompt_lens=None):
    \"\"\"Inputs are a block without its last token, targets the block shifted by one; padding is ignored
    (and, for prompt/response pairs, the prompt's own tokens: the loss counts the response only).\"\"\"
    x = pad_batch(blocks)
    targets = x[:, 1:].clone()
    lengths = torch.tensor([len(b) for b in blocks])
    positions = torch.arange(targets.shape[1])[None, :]
    targets[positions >= (lengths - 1)[:, None]] = -100
    if prompt_lens is not None:
        targets[positions < (torch.tensor(prompt_lens) - 1)[:, None]] = -100
    return x[:, :-1], targets


PLENS = None  # prompt lengths of instruction data (None for plain text)"""),
        ("""@torch.no_grad()
def evaluate(split):
    model.eval()
    order = sorted(range(len(ids[split])), key=lambda i: len(ids[split][i]))  # similar lengths: less padding
    correct, loss_sum = 0, 0.0
    for start in range(0, len(order), max(BATCH_SIZE, 64)):
        idx = order[start:start + max(BATCH_SIZE, 64)]
        logits = model(pad_batch([ids[split][i] for i in idx]))
        y = torch.tensor([labels[split][i] for i in idx])
        loss_sum += float(F.cross_entropy(logits.float(), y, reduction="sum"))
        correct += int((logits.argmax(dim=1) == y).sum())
    model.train()
    return correct / max(1, len(order)), loss_sum / max(1, len(order))""",
         """@torch.no_grad()
def evaluate(split):
    \"\"\"Mean next-token loss over every predicted token of the split, and its perplexity exp(loss).\"\"\"
    model.eval()
    order = sorted(range(len(ids[split])), key=lambda i: len(ids[split][i]))
    loss_sum, count = 0.0, 0
    for start in range(0, len(order), max(BATCH_SIZE, 64)):
        chunk = order[start:start + max(BATCH_SIZE, 64)]
        x, y = inputs_and_targets([ids[split][i] for i in chunk], [PLENS[split][i] for i in chunk] if PLENS else None)
        logits = model(x).float()
        loss_sum += float(F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-100,
                                          reduction="sum"))
        count += int((y != -100).sum())
    model.train()
    loss = loss_sum / max(1, count)
    return math.exp(min(loss, 700.0)), loss"""),
        ("""        x = pad_batch(seqs)
        y = torch.tensor([labels["train"][i] for i in idx])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=BF16):
            loss = F.cross_entropy(model(x).float(), y, label_smoothing=LABEL_SMOOTHING)  # forward + loss""",
         """        x, y = inputs_and_targets(seqs, [PLENS["train"][i] for i in idx] if PLENS else None)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=BF16):
            logits = model(x).float()                    # forward: next-token scores at every position
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=-100,
                                   label_smoothing=LABEL_SMOOTHING)"""),
        ("""        if any(AUGMENT):  # training-only noise: the same random choices as the app (seeded per batch)""",
         """        if False:  # (augmentation applies to classification only)"""),
        ("""            acc, val_loss = evaluate("val")
            value = acc if MONITOR == "accuracy" else val_loss
            print(f"step {{step}}  train loss {{loss.item():.4f}}  val loss {{val_loss:.4f}}  val accuracy {{acc:.4f}}")""",
         """            ppl, val_loss = evaluate("val")
            value = val_loss
            print(f"step {{step}}  train loss {{loss.item():.4f}}  val loss {{val_loss:.4f}}  val perplexity {{ppl:.2f}}")"""),
        ("""test_acc, test_loss = evaluate("test")""", """test_ppl, test_loss = evaluate("test")"""),
        ("""print(f"test accuracy {{test_acc:.4f}}")
print(f"test loss {{test_loss:.4f}}")""", """print(f"test loss {{test_loss:.4f}}")
print(f"test perplexity {{test_ppl:.4f}}")"""),
    ]
    for old, new in swaps:
        if old not in t:
            raise AssertionError(f"template piece not found: {old[:60]}")
        t = t.replace(old, new)
    return t


def _finetune_code(cfg: cfgmod.Config) -> str:
    """The engine's apply_finetune for this config, as plain code."""
    m = cfg.model
    if m.finetune == "full":
        return "# full fine-tuning: every weight trains"
    if m.finetune == "frozen":
        if m.freeze == "all_but_head":
            return ("# frozen: only the new classification head trains\nfor p in hf.parameters():\n"
                    "    p.requires_grad_(False)\nfor name in ('classifier', 'score'):\n"
                    "    if isinstance(getattr(hf, name, None), nn.Module):\n"
                    "        for p in getattr(hf, name).parameters():\n            p.requires_grad_(True)")
        code = ("# frozen: the input embeddings do not train\n"
                "for p in hf.get_input_embeddings().parameters():\n    p.requires_grad_(False)")
        if m.freeze == "layers":
            code += (f"\n# ... nor the first {m.freeze_layers} layers\n"
                     "layers = next(obj for obj in (getattr(getattr(hf, 'bert', hf), 'encoder', None), "
                     "getattr(hf, 'model', None), getattr(hf, 'encoder', None)) if obj is not None)\n"
                     "layers = getattr(layers, 'layer', None) or getattr(layers, 'layers')\n"
                     f"for layer in list(layers)[:{m.freeze_layers}]:\n    for p in layer.parameters():\n"
                     "        p.requires_grad_(False)")
        return code
    from engine.models.pretrained import LORA_DEFAULTS, resolve

    from transformers import AutoConfig

    model_type = AutoConfig.from_pretrained(resolve(m.pretrained)).model_type
    targets = [t.strip() for t in str(m.lora_targets).split(",") if t.strip()] or LORA_DEFAULTS.get(model_type, [])
    heads = "('classifier', 'score')" if cfg.task == "classification" else "()"
    return ("# LoRA: small low-rank adapters next to the attention weights; only they (and a new head) train\n"
            "from peft import LoraConfig, inject_adapter_in_model\n\n"
            f"inject_adapter_in_model(LoraConfig(r={m.lora_r}, lora_alpha={m.lora_alpha}, "
            f"lora_dropout={m.lora_dropout}, target_modules={targets!r}, bias='none'), hf)\n"
            "for name, p in hf.named_parameters():\n"
            f"    p.requires_grad_('lora_' in name or any(name.startswith(h + '.') for h in {heads}))")


SFT_DATA = '''def read_split(name):
    with open(os.path.join(DATA_DIR, name + ".csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["prompt"] for r in rows], [r["response"] for r in rows]


prompts, responses = {{}}, {{}}
for split in ("train", "val", "test"):
    prompts[split], responses[split] = read_split(split)
texts = {{"train": prompts["train"] + responses["train"], "val": [], "test": []}}  # the vocabulary's text'''

SFT_ENCODE = '''EOS = {eos}


def encode_text(text):
    {encode_text}


def prompt_head(prompt):
    """How a prompt starts a sequence: {head_doc}"""
    {head}


ids, PLENS = {{}}, {{}}
for split in prompts:
    ids[split], PLENS[split] = [], []
    for p, r in zip(prompts[split], responses[split]):
        head = prompt_head(p)
        seq = (head + encode_text(r) + [EOS])[: MAX_LENGTH + 1]  # prompt, response, end of sequence
        if len(head) >= len(seq):  # the prompt alone fills MAX_LENGTH: nothing to learn from
            continue
        ids[split].append(seq)
        PLENS[split].append(len(head))
print({{k: len(v) for k, v in ids.items()}}, "prompt/response pairs")'''


def _sft_template(cfg: cfgmod.Config, base: str) -> str:
    """The language-model template for prompt/response pairs: the loss counts response tokens only."""
    start = base.index("def read_split(name):")
    end = base.index('texts = {{split: read_split(split) for split in ("train", "val", "test")}}')
    end += len('texts = {{split: read_split(split) for split in ("train", "val", "test")}}')
    base = base[:start] + SFT_DATA + base[end:]
    pretrained = cfg.model.arch == "pretrained"
    if pretrained:
        encode_text = "return tokenizer(text, add_special_tokens=False)[\'input_ids\']"
        head = ("if tokenizer.chat_template:  # the model\'s own chat format\n"
                "        out = tokenizer.apply_chat_template([{{\'role\': \'user\', \'content\': prompt}}], "
                "add_generation_prompt=True, tokenize=True)\n"
                "        return list(out[\'input_ids\'] if hasattr(out, \'keys\') else out)\n"
                "    return [EOS] + encode_text(prompt + \'\\n\')")
        head_doc = "the chat template when the tokenizer has one, else <eos> + prompt + newline."
        eos = "EOS_ID"
    else:
        encode_text = ("if TOKENIZER in (\'bpe\', \'wordpiece\'):\n"
                       "        return subword.encode(text, add_special_tokens=False).ids\n"
                       "    return [index.get(t, UNK) for t in split_tokens(text)]")
        head = "return [EOS] + encode_text(prompt + \'\\n\')"
        head_doc = "<eos> + prompt + newline."
        eos = "3"
    encode = SFT_ENCODE.replace("{eos}", eos).replace("{encode_text}", encode_text).replace("{head}", head) \
        .replace("{head_doc}", head_doc)
    start = base.index("EOS = ")
    end = base.index('print({{k: len(v) for k, v in ids.items()}}, "blocks")') + \
        len('print({{k: len(v) for k, v in ids.items()}}, "blocks")')
    base = base[:start] + encode + base[end:]
    marker = "PLENS = None  # prompt lengths of instruction data (None for plain text)"
    if marker not in base:
        raise AssertionError("template piece not found: PLENS")
    return base.replace(marker, "# PLENS: each sequence's prompt length, computed with the data above")


def _pretrained_template(cfg: cfgmod.Config, base: str) -> str:
    """The classification or language-model template with the pretrained tokenizer and model swapped in."""
    from engine.models.pretrained import BUILTIN, resolve

    m = cfg.model
    path = resolve(m.pretrained)
    note = (f"the built-in '{m.pretrained}' as installed on the machine that wrote this script"
            if m.pretrained in BUILTIN else "as given in model.pretrained")
    if cfg.task == "classification":
        encode = ("ids = {split: [list(x) for x in tokenizer(texts[split], add_special_tokens=True, truncation=True,\n"
                  "                                          max_length=MAX_LENGTH)['input_ids']] for split in texts}")
        forward = ("mask = (input_ids != PAD).long()\n        mask[:, 0] = 1  # a row is never fully masked\n"
                   "        return self.hf(input_ids=input_ids, attention_mask=mask).logits")
        auto, num_labels = "AutoModelForSequenceClassification", "num_labels=len(LABELS), "
    else:
        encode = ("ids = {split: [list(x) for x in tokenizer(texts[split], add_special_tokens=False)['input_ids']]\n"
                  "       if texts[split] else [] for split in texts}")
        forward = "return self.hf(input_ids=input_ids, use_cache=False).logits"
        auto, num_labels = "AutoModelForCausalLM", ""
    start = base.index("# 3. Tokenizer:")
    end = base.index('print("vocabulary:", len(vocab), "tokens")') + len('print("vocabulary:", len(vocab), "tokens")')
    tok = PRETRAINED_TOKENIZER.replace("{model_path!r}", repr(path)).replace("{model_note}", note) \
        .replace("{encode}", encode.replace("{", "{{").replace("}", "}}"))
    base = base[:start] + tok + base[end:]
    model = PRETRAINED_MODEL.replace("{forward}", forward).replace("{auto}", auto) \
        .replace("{num_labels}", num_labels).replace("{finetune}", _finetune_code(cfg).replace("{", "{{")
                                                                                   .replace("}", "}}"))
    start = base.index("{model_source}")
    end = base.index("model = {model_call}") + len("model = {model_call}")
    base = base[:start] + model + base[end:]
    return base.replace("EOS = 3\n", "EOS = EOS_ID\n").replace("print(model)\n", "")


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
        others = sorted(p.name for p in data_dir.iterdir() if p.name not in ("train.csv", "val.csv", "test.csv",
                                                                               "tokenizer.json"))
        if others:
            raise ConfigError(f"'{data_dir}' already holds other files ({', '.join(others[:5])}); the script's data "
                              f"folder must be new or an earlier export's. Choose another script name.")


def export_script(spec: str, output: str | Path, overrides: list[str] | None = None,
                  progress=None) -> dict:
    """Write FILE.py and its data folder FILE_data/ (train/val/test CSV); returns what was written."""
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
    if d_kind_subword := (cfg.data.tokenizer in ("bpe", "wordpiece") and cfg.model.arch != "pretrained"):
        atomic_write_text(data_dir / "tokenizer.json", data.tokenizer.hf_tokenizer().to_str())
    t, d, m = cfg.train, cfg.data, cfg.model
    monitor = ("loss" if generation else "accuracy") if t.monitor == "auto" else t.monitor
    what = (f"a {m.arch} language model" if generation else f"a {m.arch} text classifier")
    if m.arch == "pretrained":
        what = f"{m.pretrained} ({m.finetune} fine-tuning) for {'generation' if generation else 'classification'}"
    base = _generation_template() if generation else TEMPLATE
    if m.arch == "pretrained":
        base = _pretrained_template(cfg, base)
    if data.sft:
        base = _sft_template(cfg, base)
    from engine.training.optim import NGRAM_LR_SCALE

    code = base.format(
        title=f"Train {what} on {d.source} with plain PyTorch.", origin=origin,
        extra_req=(" and transformers" + (" and peft" if m.finetune == "lora" else "") if m.arch == "pretrained"
                   else " (and jieba)" if d.tokenizer == "word" and data.language == "zh" else
                   " (and tokenizers)" if d_kind_subword else ""),
        script_name=out.name, data_dir=data_dir.name, seed=t.seed,
        labels=json.dumps([] if generation else data.label_names, ensure_ascii=False),
        max_length=d.max_length, tokenizer=d.tokenizer, language=data.language, lowercase=d.lowercase,
        vocab_size=d.vocab_size, min_freq=d.min_freq, batch_size=_batch_size_text(cfg), epochs=t.epochs,
        max_steps=t.max_steps, lr=t.lr, optimizer=t.optimizer, momentum=t.momentum, nesterov=t.nesterov,
        weight_decay=t.weight_decay, scheduler=t.scheduler, warmup_steps=t.warmup_steps, grad_clip=t.grad_clip,
        eval_every=t.eval_every,
        model_source="" if m.arch == "pretrained" else _model_source(m.arch),
        model_call="" if m.arch == "pretrained" else _model_call(cfg),
        grad_accum=t.grad_accum, l1=t.l1_lambda, label_smoothing=t.label_smoothing, ngram_lr_scale=NGRAM_LR_SCALE, step_size=t.step_size, gamma=t.gamma, aug_delete=d.aug_delete_prob,
        aug_swap=d.aug_swap_prob, aug_mask=d.aug_mask_prob, group_by_length=t.group_by_length,
        bf16=t.precision == "bf16", monitor=monitor, early_stopping=t.early_stopping, helpers=_helpers(cfg))
    atomic_write_text(out, code)
    return {"script": str(out), "data": str(data_dir), "rows": {k: len(v) for k, v in data.texts.items()},
            "origin": origin}


def _batch_size_text(cfg) -> str:
    """BATCH_SIZE's value; a config on `batch_size: auto` gets the default and says where the app's number is."""
    if not cfgmod.is_auto(cfg, "train.batch_size"):
        return str(cfg.train.batch_size)
    return (f"{cfgmod.planned_batch_size(cfg)}  # the config says auto: the app finds the size before training "
            f"(a run's config.yaml records it)")
