"""A run's export versions (exports/versions.json): read without torch, so the window can list them at once."""
from __future__ import annotations

import json
from pathlib import Path

VERSIONS = "versions.json"


def list_versions(run_dir: str | Path) -> list[dict]:
    """The run's export versions, oldest first ([] when it has none)."""
    path = Path(run_dir) / "exports" / VERSIONS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return data if isinstance(data, list) else []
