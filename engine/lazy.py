"""Package attributes loaded at first use (PEP 562), so importing a light submodule never pulls in torch."""
from __future__ import annotations

import functools
import importlib
import threading
from typing import Any, Callable

# transformers resolves its names lazily (a _LazyModule); two threads importing through it at once can see it half
# loaded ("module 'transformers' has no attribute 'PreTrainedTokenizerBase'": the window's statistics and size
# estimate both load a pretrained tokenizer when the architecture switches). Everything that imports or loads
# through transformers holds this lock; re-entrant, as loading a model resolves (and may convert) it first.
TRANSFORMERS_LOCK = threading.RLock()


def transformers_serialised(fn: Callable) -> Callable:
    """Run `fn` holding TRANSFORMERS_LOCK."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with TRANSFORMERS_LOCK:
            return fn(*args, **kwargs)

    return wrapper


def lazy_attributes(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: name -> the submodule that defines it, imported when first read."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
