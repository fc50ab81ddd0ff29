"""Per-user folders, placed by platformdirs: runs in the user data folder, downloads and conversions in the cache.

Linux: ~/.local/share/hellotorch/runs ($XDG_DATA_HOME) and ~/.cache/hellotorch ($XDG_CACHE_HOME);
macOS: ~/Library/Application Support/hellotorch/runs and ~/Library/Caches/hellotorch;
Windows: %LOCALAPPDATA%\\hellotorch\\runs and %LOCALAPPDATA%\\hellotorch\\Cache.
$HELLOTORCH_RUNS and $HELLOTORCH_CACHE override them on every system.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "hellotorch"


def default_runs_dir() -> Path:
    """$HELLOTORCH_RUNS, else runs/ in the per-user data folder."""
    env = os.environ.get("HELLOTORCH_RUNS")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP, appauthor=False) / "runs"


def cache_dir() -> Path:
    """$HELLOTORCH_CACHE, else the per-user cache folder (built-in data, converted models, tokenized text)."""
    env = os.environ.get("HELLOTORCH_CACHE", "").strip()
    return Path(env).expanduser() if env else platformdirs.user_cache_path(APP, appauthor=False)
