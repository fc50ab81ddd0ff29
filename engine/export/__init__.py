"""Export trained runs and use the exported files (see core, runtime, decoders, parity, benchmark).

The names below load their module at first use (PEP 562): listing a run's versions (engine.export.versions)
must not import torch, which the window's first paint cannot wait for."""
from __future__ import annotations

import importlib

_WHERE = {"FORMATS": "core", "ExportError": "core", "ExportResult": "core", "export_run": "core",
          "list_versions": "versions", "ExportedModel": "runtime", "is_export_folder": "runtime"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(f"engine.export.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine.export' has no attribute {name!r}")
