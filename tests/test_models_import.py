"""engine.models, engine.training and their submodules imported for the first time from several threads at once (the window's tasks do
this when they start together): no import deadlock."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib, sys, threading
sys.path.insert(0, {root!r})
import engine
sys.setswitchinterval(1e-6)  # threads take turns every microsecond: the race shows in about half the tries
mods = ["engine.models.memory", "engine.models", "engine.training.optim", "engine.models.build",
        "engine.training", "engine.training.callbacks", "engine.training.loop"]
barrier = threading.Barrier(len(mods))
errors = []
def first_import(name):
    barrier.wait()
    try:
        importlib.import_module(name)
    except BaseException as exc:
        errors.append(f"{{name}}: {{type(exc).__name__}}: {{exc}}")
threads = [threading.Thread(target=first_import, args=(m,)) for m in mods]
for t in threads:
    t.start()
for t in threads:
    t.join()
from engine.models import build_model, estimate_training_memory, GPT
from engine.training import TrainerControl, train
print("errors:", errors)
"""


def test_first_imports_from_several_threads_at_once_never_deadlock():
    """With the package's eager __init__ this failed in 4 of 8 fresh interpreters (_DeadlockError on a submodule's
    lock); each try needs a fresh interpreter, hence eight of them."""
    for _ in range(8):
        out = subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(ROOT))], capture_output=True, text=True,
                             timeout=120, cwd=ROOT)
        assert out.returncode == 0, out.stderr[-2000:]
        assert "errors: []" in out.stdout, out.stdout + out.stderr[-2000:]


def test_every_package_name_is_what_it_names_whatever_was_imported_first():
    """A lazily loaded name must not share its name with a submodule: importing that submodule first would make
    the package's attribute the module (`from engine.models import generate` once returned engine/models/generate.py
    and the sample generations failed with "'module' object is not callable")."""
    script = """
import importlib, pkgutil, sys, types
sys.path.insert(0, {root!r})
for package in ("engine.models", "engine.training", "engine.data", "engine.export"):
    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{{package}}.{{info.name}}")  # every submodule first
    for name in pkg.__all__:
        value = getattr(pkg, name)
        assert not isinstance(value, types.ModuleType), (package, name)
from engine.models import generate
assert callable(generate) and not isinstance(generate, types.ModuleType)
print("checked")
"""
    out = subprocess.run([sys.executable, "-c", script.format(root=str(ROOT))], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert out.returncode == 0 and "checked" in out.stdout, out.stderr[-3000:]


META_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import torch
from engine.config import load_preset
from engine.models import build_model, build_on_meta, count_parameters
presets = ("default", "gpt-people-daily", "kim2014-cnn-rand", "lstm-lm-movie-reviews")
counts = {{}}
for preset in presets:
    model = build_on_meta(load_preset(preset), 5000, 3, 0)
    assert all(p.is_meta for p in model.parameters()), preset
    counts[preset] = count_parameters(model)
assert "torch._dynamo" not in sys.modules  # no random draw on meta went through torch._refs
for preset in presets:
    with torch.device("meta"):  # with its initialisers (this imports torch._dynamo)
        assert counts[preset] == count_parameters(build_model(load_preset(preset), 5000, 3, 0)), preset
print("ok")
"""


def test_sizing_a_model_on_meta_skips_its_random_init_and_the_imports_it_would_pull_in():
    """The window's size estimate (build_on_meta): the same parameters as build_model on meta, without the
    1.3 s import of torch._dynamo and sympy that nn.init.normal_ on a meta tensor triggers."""
    out = subprocess.run([sys.executable, "-c", META_SCRIPT.format(root=str(ROOT))], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-3000:]
