"""The Learn panel's exercises as pure functions, each with the minimal plain-PyTorch code that computes the
same numbers (`*_code(...)` returns a runnable script that prints them). GUI-free and cheap unless noted."""
from __future__ import annotations

import math
from typing import Any

import torch
import torch.nn.functional as F

# ------------------------------------------------------------------------------------------------ 1. tensors
TENSOR_OPS = ("add", "mul", "matmul", "unsqueeze", "reshape", "permute", "sum")


def _arange(shape: list[int]) -> torch.Tensor:
    n = math.prod(shape) if shape else 1
    return torch.arange(n, dtype=torch.float32).reshape(shape)


def tensors(op: str, shape_a: list[int], shape_b: list[int] | None = None, arg: list[int] | None = None) -> dict:
    """Apply an operation to arange tensors of the given shapes; a shape error comes back explained."""
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
            "out": out.tolist(), "error": ""}


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
FUNCTIONS = {"x^2": "x ** 2", "sin x": "torch.sin(x)", "x^2 sin x + 3x": "x ** 2 * torch.sin(x) + 3 * x"}


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
            "tangent": [float(y) + slope * (t - x0) for t in xs.tolist()]}


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
ACTIVATIONS = {"sigmoid": "torch.sigmoid", "tanh": "torch.tanh", "relu": "torch.relu", "gelu": "F.gelu"}


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
