"""Export trained runs and use the exported files (see core, runtime, decoders, parity, benchmark)."""
from engine.export.core import FORMATS, ExportError, ExportResult, export_run, list_versions
from engine.export.runtime import ExportedModel, is_export_folder

__all__ = ["FORMATS", "ExportError", "ExportResult", "ExportedModel", "export_run", "is_export_folder",
           "list_versions"]
