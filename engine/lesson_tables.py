"""The choices the Learn lessons offer (operations, functions, activations): plain data, so the window can list
them without importing torch (engine.lessons computes them)."""
from __future__ import annotations

TENSOR_OPS = ("add", "mul", "matmul", "unsqueeze", "reshape", "permute", "sum")
FUNCTIONS = {"x^2": "x ** 2", "sin x": "torch.sin(x)", "x^2 sin x + 3x": "x ** 2 * torch.sin(x) + 3 * x"}
ACTIVATIONS = {"sigmoid": "torch.sigmoid", "tanh": "torch.tanh", "relu": "torch.relu", "gelu": "F.gelu"}
