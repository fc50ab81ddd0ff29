"""Hyperparameter search: grid/random/TPE on tiny trials, resume after a kill, and bad search spaces."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from engine.cli import main as cli
from engine.errors import ConfigError
from engine.search import SearchCallback, run_search

ROOT = Path(__file__).resolve().parents[1]


def write_search(tmp_path, reviews_csv, space: dict, **train) -> Path:
    cfg = {"task": "classification", "data": {"source": str(reviews_csv), "max_length": 24},
           "model": {"arch": "textcnn", "embed_dim": 16, "num_filters": 8},
           "train": {"max_steps": 12, "batch_size": 16, "eval_every": 4, "log_every": 4, **train},
           "search": {"space": space}}
    path = tmp_path / "search.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return path


def test_grid_search_runs_every_combination(tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"choices": [0.001, 0.01]},
                                               "model.embed_dim": {"low": 8, "high": 16, "step": 8}})
    seen = []

    class Recorder(SearchCallback):
        def on_trial_end(self, trial):
            seen.append(trial)

    result = run_search(path, "grid", 99, out=tmp_path / "s", callback=Recorder())
    assert result["n_trials"] == 4 and len(result["trials"]) == 4 == len(seen)
    combos = {(t["params"]["train.lr"], t["params"]["model.embed_dim"]) for t in result["trials"]}
    assert combos == {(0.001, 8), (0.001, 16), (0.01, 8), (0.01, 16)}
    assert all(t["state"] == "complete" and Path(t["run_dir"]).is_dir() for t in result["trials"])
    best = result["best"]
    assert best["value"] == max(t["value"] for t in result["trials"])
    best_cfg = yaml.safe_load((tmp_path / "s" / "best_config.yaml").read_text())
    assert best_cfg["train"]["lr"] == best["params"]["train.lr"]
    assert json.loads((tmp_path / "s" / "summary.json").read_text())["best"] == best
    assert (tmp_path / "s" / "study.db").is_file()


@pytest.mark.parametrize("method", ["random", "tpe"])
def test_random_and_tpe_searches_complete(method, tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"low": 1e-4, "high": 3e-2, "log": True},
                                               "model.arch": ["textcnn", "gru"]})
    result = run_search(path, method, 5, out=tmp_path / method, seed=1)
    assert len(result["trials"]) == 5
    assert {t["state"] for t in result["trials"]} <= {"complete", "pruned"}
    for t in result["trials"]:
        assert 1e-4 <= t["params"]["train.lr"] <= 3e-2 and t["params"]["model.arch"] in ("textcnn", "gru")
        assert t["intermediate"], "validation metrics were reported for pruning"
    assert result["best"] is not None and result["direction"] == "maximize"


def test_a_killed_search_resumes_where_it_stopped(tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"low": 1e-3, "high": 1e-2, "log": True}},
                        max_steps=400, eval_every=100)
    out = tmp_path / "s"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "search", str(path), "--method", "random",
                             "--trials", "3", "--out", str(out)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:  # kill it while its first trial trains
            runs = list((out / "trials").glob("*/status.json")) if (out / "trials").is_dir() else []
            if runs and json.loads(runs[0].read_text()).get("status") == "running":
                break
            time.sleep(0.2)
        else:
            pytest.fail("the search never started a trial")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    with pytest.raises(ConfigError, match="another config"):
        run_search(path, "tpe", 3, out=out)
    result = run_search(path, "random", 3, out=out, overrides=None)
    states = [t["state"] for t in result["trials"]]
    assert states[0] == "fail" and states.count("complete") + states.count("pruned") == 3
    assert result["best"] is not None
    killed = Path(result["trials"][0]["run_dir"])  # the killed trial's folder: linked, and no longer 'running'
    assert json.loads((killed / "status.json").read_text())["status"] == "failed"
    lrs = [t["params"]["train.lr"] for t in result["trials"]]
    assert len(set(lrs)) == len(lrs), lrs  # the resumed sampler proposes new settings, not the first ones again


@pytest.mark.parametrize("method", ["random", "tpe"])
def test_a_continued_search_proposes_new_settings(method, tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"low": 1e-4, "high": 3e-2, "log": True}}, max_steps=4)
    run_search(path, method, 2, out=tmp_path / "s", seed=3)
    result = run_search(path, method, 4, out=tmp_path / "s", seed=3)
    lrs = [t["params"]["train.lr"] for t in result["trials"]]
    assert len(lrs) == 4 and len(set(lrs)) == 4, lrs


def test_cli_search_json_and_bad_spaces(tmp_path, reviews_csv, capsys):
    path = write_search(tmp_path, reviews_csv, {"train.lr": [0.001, 0.003]})
    assert cli(["search", str(path), "--method", "grid", "--json", "--out", str(tmp_path / "s")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["trials"]) == 2 and result["best"]["params"]["train.lr"] in (0.001, 0.003)
    bad = {
        "empty": ({}, "empty"),
        "unknown key": ({"train.lrr": [0.1]}, "Did you mean 'train.lr'"),
        "range on text": ({"model.arch": {"low": 1, "high": 2}}, "not numeric"),
        "low above high": ({"train.lr": {"low": 0.1, "high": 0.01}}, "must be below"),
        "bad choice": ({"model.arch": ["textcnn", "resnet"]}, "resnet"),
        "log of zero": ({"train.weight_decay": {"low": 0, "high": 0.1, "log": True}}, "log-scale"),
        "not a mapping": ({"train.lr": "fast"}, "must be"),
        "out of bounds": ({"train.batch_size": {"low": -4, "high": 8}}, "does not allow"),
        "step wider than the range": ({"model.embed_dim": {"low": 8, "high": 16, "step": 32}}, "wider than the range"),
        "unknown range field": ({"train.lr": {"distribution": "gaussian", "low": 1, "high": 2}},
                                "does not know: distribution. It takes `low`, `high`, `log`, `step`"),
        "field beside choices": ({"train.lr": {"choices": [0.1, 0.2], "log": True}}, "`choices` alone"),
    }
    for name, (space, needle) in bad.items():
        p = write_search(tmp_path, reviews_csv, space)
        assert cli(["search", str(p), "--trials", "1", "--out", str(tmp_path / f"bad-{len(name)}")]) == 2, name
        err = capsys.readouterr().err
        assert needle in err and "Traceback" not in err, (name, err)
    p = write_search(tmp_path, reviews_csv, {"train.lr": {"low": 1e-3, "high": 1e-2}})
    assert cli(["search", str(p), "--method", "grid", "--out", str(tmp_path / "g")]) == 2
    assert "Grid search needs a finite list" in capsys.readouterr().err
    no_section = tmp_path / "plain.yaml"
    no_section.write_text("task: classification\n", encoding="utf-8")
    assert cli(["search", str(no_section)]) == 2
    assert "no `search:` section" in capsys.readouterr().err
    assert cli(["search", "default"]) == 2  # a preset name: presets have no search space
    assert "is a preset" in capsys.readouterr().err
    capsys.readouterr()
    gone = write_search(tmp_path, tmp_path / "no-such.csv", {"train.lr": [0.001, 0.003]})
    assert cli(["search", str(gone), "--method", "grid", "--out", str(tmp_path / "f"), "--json"]) == 2
    err = json.loads(capsys.readouterr().out)  # every trial failed: an error like any other, with the reason
    assert err["ok"] is False and "No trial of the search finished (2 failed)" in err["error"]
    assert "does not exist" in err["error"] and f"--out {tmp_path / 'f'}" in err["error"]
    fixed = write_search(tmp_path, reviews_csv, {"train.lr": [0.001, 0.003]})  # data.source fixed in the config
    assert cli(["search", str(fixed), "--method", "grid", "--out", str(tmp_path / "f"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)  # no trial had finished: the search starts over there
    assert [t["state"] for t in result["trials"]] == ["complete", "complete"]
    changed = write_search(tmp_path, reviews_csv, {"train.lr": [0.002]})  # now it holds results: never mixed
    assert cli(["search", str(changed), "--method", "grid", "--out", str(tmp_path / "f")]) == 2
    assert "holds a search with another config" in capsys.readouterr().err
    one = write_search(tmp_path, reviews_csv, {"train.lr": [0.002], "model.embed_dim": {"choices": [16]}})
    assert cli(["search", str(one), "--method", "random", "--trials", "3", "--out", str(tmp_path / "one"),
                "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["trials"]) == 1  # one combination: one trial, not 3 alike


def test_the_searched_metric_is_the_one_optimised(tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"choices": [0.001, 0.01]}})
    raw = yaml.safe_load(path.read_text())
    raw["search"]["metric"] = "loss"
    path.write_text(yaml.safe_dump(raw))
    result = run_search(path, "grid", 2, out=tmp_path / "s")
    assert result["metric"] == "loss" and result["direction"] == "minimize"
    for t in result["trials"]:  # the value is the best validation loss, not the accuracy
        assert t["value"] == pytest.approx(min(t["intermediate"].values()))
    assert result["best"]["value"] == min(t["value"] for t in result["trials"])
    raw["search"]["metric"] = "perplexity"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ConfigError, match="perplexity.*does not exist for classification"):
        run_search(path, "grid", 1, out=tmp_path / "p")


def test_the_searched_metric_can_be_set_on_the_command_line(tmp_path, reviews_csv, capsys):
    path = write_search(tmp_path, reviews_csv, {"train.lr": [0.003]})
    assert cli(["search", str(path), "--set", "search.metric=loss", "--set", "train.max_steps=8", "--json",
                "--out", str(tmp_path / "s")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["metric"] == "loss" and len(result["trials"]) == 1
    assert cli(["search", str(path), "--set", "search.space.train.lr=0.1", "--out", str(tmp_path / "t")]) == 2
    assert "only search.metric can be set" in capsys.readouterr().err


def test_an_integer_range_needs_an_integer_step(tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"model.embed_dim": {"low": 16, "high": 18, "step": 0.5}})
    with pytest.raises(ConfigError, match="integer"):
        run_search(path, "grid", 1, out=tmp_path / "s")


def test_damaged_search_folder_files_are_named(tmp_path, reviews_csv):
    path = write_search(tmp_path, reviews_csv, {"train.lr": {"choices": [0.001]}})
    out = tmp_path / "s"
    out.mkdir()
    (out / "study.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="study.db.*cannot be opened"):
        run_search(path, "grid", 1, out=out)
    (out / "search.yaml").write_text("config: [unclosed\n")
    with pytest.raises(ConfigError, match="search.yaml' is damaged"):
        run_search(path, "grid", 1, out=out)


def test_a_search_on_imbalanced_classes_optimises_macro_f1_throughout(tmp_path, reviews_csv):
    """metric auto on 200:30 data: the search, each trial's best checkpoint and its pruning all use macro F1 (a
    trial must not be pruned on accuracy and scored on macro F1); balanced data keeps accuracy."""
    from test_baseline import _imbalanced_csv

    skewed = _imbalanced_csv(tmp_path / "skewed.csv")
    path = write_search(tmp_path, skewed, {"train.lr": {"choices": [0.001, 0.01]}})
    result = run_search(path, "grid", 2, out=tmp_path / "s")
    assert result["metric"] == "f1_macro" and result["direction"] == "maximize"
    for t in result["trials"]:
        summary = json.loads((Path(t["run_dir"]) / "summary.json").read_text())
        assert summary["monitor"] == "f1_macro" and t["value"] == pytest.approx(summary["best_metric"])
    balanced = write_search(tmp_path, reviews_csv, {"train.lr": {"choices": [0.001]}})
    assert run_search(balanced, "grid", 1, out=tmp_path / "b")["metric"] == "accuracy"
