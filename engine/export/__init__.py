"""Export trained runs and use the exported files (see core, runtime, decoders, parity, benchmark).

The names below load their module at first use (PEP 562): listing a run's versions (engine.export.versions)
must not import torch, which the window's first paint cannot wait for."""
from __future__ import annotations

from engine.lazy import lazy_attributes

_WHERE = {"FORMATS": "core", "ExportError": "core", "ExportResult": "core", "export_run": "core",
          "list_versions": "versions", "ExportedModel": "runtime", "is_export_folder": "runtime"}

__all__ = sorted(_WHERE)

__getattr__ = lazy_attributes(__name__, _WHERE)
