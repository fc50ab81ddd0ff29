"""engine.data.checks.header_problems: a header row that reads like a text, or names a column twice -- in the
checks, in `data stats` and in a run's notes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from engine.data.checks import header_problem_text, header_problems

ROOT = Path(__file__).resolve().parent.parent


def test_a_header_that_reads_like_a_text_or_names_a_column_twice():
    assert [p.kind for p in header_problems("the cat sat on the mat", ["the cat sat on the mat"])] == ["headless_text"]
    assert [p.kind for p in header_problems("这家酒店的房间很干净服务也很好", ["这家酒店的房间很干净服务也很好"])] == \
        ["headless_text"]
    twice = header_problems("text", ["text", "text.1"])
    assert [(p.kind, p.values) for p in twice] == [("duplicate_column", {"column": "text", "renamed": "text.1"})]
    assert "'text' twice" in header_problem_text(twice[0])
    for fine in (("text", ["text", "label"]), ("review text", ["review text", "stars"]), ("点评内容", ["点评内容", "倾向"]),
                 ("v1.1", ["v1.1", "label"]), ("snippet", ["snippet", "tone"])):
        assert header_problems(*fine) == [], fine


def test_data_stats_and_a_runs_notes_point_them_out(tmp_path):
    lines = tmp_path / "lines.txt.csv"
    lines.write_text("".join(f"the cat sat on the mat number {i}\n" for i in range(80)), encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "data", "stats", str(lines), "--task", "generation"],
                         capture_output=True, text=True, timeout=300, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin"})
    assert out.returncode == 0, out.stderr
    assert "note: The text column's name, 'the cat sat on the mat number 0', reads like a text" in out.stdout

    from engine.config import Config
    from engine.data.pipeline import prepare_data

    cfg = Config()
    cfg.task, cfg.data.source, cfg.model.arch = "generation", str(lines), "gpt"
    assert any("reads like a text" in n for n in prepare_data(cfg).notes)


def test_a_headless_text_already_said_by_the_class_note_is_said_once():
    assert header_problems("the cat sat on the mat", ["the cat sat on the mat", "pos"], headless_said=True) == []
