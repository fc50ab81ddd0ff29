"""Per-user folders: platformdirs per system, today's Linux folders kept, the environment overrides honoured."""
from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from engine import paths


@pytest.fixture
def home(monkeypatch, tmp_path) -> Path:
    """A fresh home folder, no XDG or HELLOTORCH folder variables."""
    for var in ("HELLOTORCH_RUNS", "HELLOTORCH_CACHE", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_linux_folders_are_the_ones_used_before_platformdirs(monkeypatch, home) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", Unix)
    assert paths.default_runs_dir() == home / ".local" / "share" / "hellotorch" / "runs"
    assert paths.cache_dir() == home / ".cache" / "hellotorch"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # honoured before, honoured now
    assert paths.default_runs_dir() == home / "data" / "hellotorch" / "runs"


def test_macos_folders(monkeypatch, home) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", MacOS)
    assert paths.default_runs_dir() == home / "Library" / "Application Support" / "hellotorch" / "runs"
    assert paths.cache_dir() == home / "Library" / "Caches" / "hellotorch"


def test_windows_folders(monkeypatch, home) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
    # platformdirs' documented override of the Known Folder, so this runs without Windows' API.
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\ada\AppData\Local")
    assert PureWindowsPath(paths.default_runs_dir()) == PureWindowsPath(r"C:\Users\ada\AppData\Local\hellotorch\runs")
    assert PureWindowsPath(paths.cache_dir()) == PureWindowsPath(r"C:\Users\ada\AppData\Local\hellotorch\Cache")


def test_environment_overrides_win_everywhere(monkeypatch, home) -> None:
    for system in (Unix, MacOS, Windows):
        monkeypatch.setattr(platformdirs, "PlatformDirs", system)
        monkeypatch.setenv("HELLOTORCH_RUNS", "~/my-runs")
        monkeypatch.setenv("HELLOTORCH_CACHE", " ~/my-cache ")
        assert paths.default_runs_dir() == home / "my-runs"
        assert paths.cache_dir() == home / "my-cache"


def test_callers_use_the_one_helper_per_folder(monkeypatch, tmp_path) -> None:
    from engine import runs
    from engine.data import builtin, pretokenize
    from engine.models import pretrained

    monkeypatch.setenv("HELLOTORCH_RUNS", str(tmp_path / "runs"))
    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path / "cache"))
    assert runs.default_runs_dir is paths.default_runs_dir and builtin.cache_dir is paths.cache_dir
    assert runs.new_run_dir(None, "gpt").parent == tmp_path / "runs"
    assert builtin.movie_reviews_path().is_relative_to(tmp_path / "cache")
    assert pretrained.cache_root() == tmp_path / "cache" / "models"
    assert pretokenize.cache_folder() == tmp_path / "cache" / "tokenized"
