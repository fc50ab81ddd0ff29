"""Files the app writes follow the user's umask (0644 under 022), though written atomically (issue 16)."""
from __future__ import annotations

import os
import stat

import pytest
from conftest import tiny_config


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_writes_follow_the_umask(tmp_path, umask, mask, mode):
    from engine.io import atomic_write_json, atomic_write_text, atomic_write_with

    umask(mask)
    atomic_write_text(tmp_path / "a.txt", "x")
    atomic_write_json(tmp_path / "b.json", {"x": 1})
    atomic_write_with(tmp_path / "c.bin", lambda p: open(p, "wb").write(b"x"))
    for name in ("a.txt", "b.json", "c.bin"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_a_run_and_its_exports_are_readable_by_others_under_umask_022(reviews_csv, tmp_path, umask):
    from engine.export import export_run
    from engine.training import train

    umask(0o022)
    run = train(tiny_config(reviews_csv, max_steps=4, eval_every=2), runs_dir=tmp_path / "runs")
    export_run(run.run_dir, "onnx", measure_speed=False)
    export_run(run.run_dir, "safetensors", measure_speed=False)
    files = [p for p in (tmp_path / "runs").rglob("*") if p.is_file()]
    assert len(files) > 15
    private = [str(p.relative_to(tmp_path)) for p in files if not stat.S_IMODE(p.stat().st_mode) & stat.S_IROTH]
    assert private == []
