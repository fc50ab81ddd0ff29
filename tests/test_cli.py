"""The `hellotorch` command line contract: JSON output, exit codes, clear messages without tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import make_reviews

from engine.cli import main
from engine.export import export_run
from engine.io import read_jsonl

ROOT = Path(__file__).resolve().parent.parent


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_config(tmp_path, source, **sections) -> Path:
    cfg = {"task": "classification",
           "data": {"source": str(source), "max_length": 24},
           "model": {"arch": "textcnn", "embed_dim": 32, "num_filters": 16},
           "train": {"epochs": 1, "batch_size": 16, "lr": 0.003, "log_every": 2}}
    for section, values in sections.items():
        if isinstance(values, dict):
            cfg.setdefault(section, {}).update(values)
        else:
            cfg[section] = values
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return path


@pytest.fixture
def trained_run(reviews_csv, tmp_path, capsys):
    cfg = write_config(tmp_path, reviews_csv, train={"epochs": 3})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    assert code == 0
    return json.loads(out)


def test_train_json_prints_one_object(trained_run):
    assert trained_run["status"] == "finished"
    assert Path(trained_run["run_dir"]).is_dir()
    assert trained_run["test"]["accuracy"] > 0.5


def test_predict_json(trained_run, capsys):
    code, out, _ = run_cli(capsys, "predict", trained_run["run_dir"], "a wonderful superb film",
                           "an awful boring mess", "--json")
    assert code == 0
    preds = json.loads(out)["predictions"]
    assert [p["label"] for p in preds] == ["pos", "neg"]
    assert abs(sum(preds[0]["probabilities"].values()) - 1) < 1e-5


def test_predict_without_texts_says_where_they_go(trained_run, capsys):
    """`--text "..."` is argparse's abbreviation of --text-column: the message says so instead of only asking for
    a TEXT, and shows the call that works."""
    code, _, err = run_cli(capsys, "predict", trained_run["run_dir"], "--text", "a wonderful film")
    assert code == 2 and "Traceback" not in err
    assert "--text-column 'a wonderful film' was given" in err and "only with --file" in err
    assert f'hellotorch predict {trained_run["run_dir"]} "a great film"' in err


def test_eval_json_on_test_split_and_on_another_file(trained_run, reviews_csv, capsys):
    code, out, _ = run_cli(capsys, "eval", trained_run["run_dir"], "--json")
    assert code == 0
    res = json.loads(out)
    assert res["accuracy"] == pytest.approx(trained_run["test"]["accuracy"])
    assert len(res["confusion_matrix"]) == 2 and "misclassified" in res
    code, out, _ = run_cli(capsys, "eval", trained_run["run_dir"], "--data", reviews_csv, "--json")
    assert code == 0 and json.loads(out)["n"] == 240


def test_eval_on_a_file_scores_every_labelled_row_as_predict_file_does(trained_run, tmp_path, capsys):
    """Duplicates and a text labelled twice are scored (training-data hygiene is not for a held-out score); rows
    without a text or a label are counted and said."""
    held = tmp_path / "held.csv"
    held.write_text("text,label\n" + "a wonderful film,pos\n" * 3 + "a wonderful film,neg\nboring and dull,neg\n"
                    ",pos\nno label here,\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "eval", trained_run["run_dir"], "--data", held, "--json")
    res = json.loads(out)
    assert code == 0 and res["n"] == 5 and res["skipped"] == {"empty_text": 1, "missing_label": 1}
    assert res["encoding"] in ("utf-8", "ascii")  # the encoding it read the file in, as data stats reports it
    code, out, _ = run_cli(capsys, "predict", trained_run["run_dir"], "--file", held, "--output",
                           tmp_path / "p.csv", "--json")
    pred = json.loads(out)
    assert pred["labelled_rows"] == 5 and pred["accuracy"] == pytest.approx(res["accuracy"])
    code, out, _ = run_cli(capsys, "eval", trained_run["run_dir"], "--data", held)
    assert "not scored: 1 empty texts, 1 missing labels" in out


def test_resume_via_cli(reviews_csv, tmp_path, capsys):
    cfg = write_config(tmp_path, reviews_csv, train={"max_steps": 4})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    run_dir = json.loads(out)["run_dir"]
    code, out, _ = run_cli(capsys, "train", "--resume", run_dir, "--set", "train.max_steps=6", "--json", "--quiet")
    assert code == 0 and json.loads(out)["steps"] == 6
    code, out, err = run_cli(capsys, "train", "--resume", run_dir, "--set", "train.max_steps=6")  # finished already
    assert code == 0 and "nothing is left to train" in out + err
    tests = [r for r in read_jsonl(Path(run_dir) / "metrics.jsonl") if r["split"] == "test"]
    assert len(tests) == 1 and tests[0]["step"] == 6  # one run, one test row, however often it is resumed


@pytest.mark.parametrize("change", ["rows added", "class renamed", "word edited"])
def test_a_resume_on_changed_data_is_refused_and_leaves_the_run_as_it_was(change, reviews_csv, tmp_path, capsys):
    """The checkpoint's vocabulary and class order come from the data as the run began; a resume that rewrote
    tokenizer.json and labels.json from the file as it is now broke the run (size mismatch) or, with a class renamed
    so the classes sort otherwise, silently flipped its predictions."""
    cfg = write_config(tmp_path, reviews_csv, train={"max_steps": 4})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    run = Path(json.loads(out)["run_dir"])
    files = ("tokenizer.json", "labels.json", "data_report.json", "config.yaml", "status.json")
    before = {name: (run / name).read_bytes() for name in files}
    code, out, _ = run_cli(capsys, "predict", run, "a wonderful and brilliant film", "--json")
    said = json.loads(out)["predictions"][0]
    text = reviews_csv.read_text(encoding="utf-8")
    if change == "rows added":
        text += "a new wonderful row,pos\nanother dreadful row,neg\n"
    elif change == "class renamed":
        text = text.replace(",pos\n", ",very good\n")  # the classes sort the other way round: neg, very good
    else:
        word = make_reviews()[0][0].split()[0]
        text = text.replace(word, "zzzz", 1)
    reviews_csv.write_text(text, encoding="utf-8")
    code, out, err = run_cli(capsys, "train", "--resume", run, "--set", "train.max_steps=8")
    assert code == 2 and "Traceback" not in out + err
    message = " ".join((out + err).split())
    assert "has changed since the run began" in message and str(reviews_csv) in message
    assert {"rows added": "usable rows then", "class renamed": "its classes were neg, pos",
            "word edited": "rows were edited or reordered"}[change] in message
    assert {name: (run / name).read_bytes() for name in files} == before  # nothing was rewritten
    code, out, _ = run_cli(capsys, "predict", run, "a wonderful and brilliant film", "--json")
    assert code == 0 and json.loads(out)["predictions"][0] == said  # the run still answers as it did


def _train_gpt(corpus_txt, tmp_path, capsys, steps: int, eval_every: int) -> str:
    """A tiny GPT run trained through the CLI; its folder."""
    cfg = write_config(tmp_path, corpus_txt, task="generation", model={"arch": "gpt", "num_heads": 2},
                       train={"max_steps": steps, "eval_every": eval_every})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    assert code == 0, out
    return json.loads(out)["run_dir"]


def test_generation_predict_streams(corpus_txt, tmp_path, capsys):
    run_dir = _train_gpt(corpus_txt, tmp_path, capsys, 10, 5)
    code, out, _ = run_cli(capsys, "predict", run_dir, "the film", "--max-new-tokens", "5", "--seed", "1",
                           "--json")
    assert code == 0
    gen = json.loads(out)["generations"][0]
    assert gen["prompt"] == "the film" and isinstance(gen["completion"], str)


def test_env_json(capsys):
    code, out, _ = run_cli(capsys, "env", "--json")
    report = json.loads(out)
    assert code == 0 and report["self_check"]["ok"]
    assert report["packages"]["torch"]


def test_data_list_and_preview(capsys, reviews_csv):
    code, out, _ = run_cli(capsys, "data", "list", "--json")
    names = {d["name"] for d in json.loads(out)["datasets"]}
    assert {"movie-reviews", "chinese-reviews", "people-daily"} <= names
    code, out, _ = run_cli(capsys, "data", "preview", reviews_csv, "--rows", "3", "--json")
    prev = json.loads(out)
    assert code == 0 and len(prev["rows"]) == 3 and prev["columns"] == ["text", "label"]
    code, out, _ = run_cli(capsys, "data", "stats", reviews_csv, "--json")
    stats = json.loads(out)
    assert code == 0 and stats["stats"]["label_counts"] == {"neg": 120, "pos": 120}


# ----------------------------------------------------------------------------- bad input: exit 2, no traceback
def _bad(tmp_path, name: str, content: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content)
    return p


BAD_DATA = {
    "malformed.csv": (b'text,label\n"unclosed quote,pos\nfine,neg\n', r"malformed\.csv"),
    "empty.csv": (b"", r"empty\.csv"),
    "binary.txt": (bytes(range(128, 256)) * 8, r"binary\.txt"),
    "oneclass.csv": (b"text,label\n" + b"".join(f"row {i},pos\n".encode() for i in range(30)), r"one class|only"),
    "nanlabels.csv": (b"text,label\n" + b"".join(f"row {i},\n".encode() for i in range(30)), r"label"),
    "fewrows.csv": (b"text,label\na,pos\nb,neg\n", r"rows"),
    "emptytexts.csv": (b"text,label\n" + b"".join(f" ,{'pos' if i % 2 else 'neg'}\n".encode() for i in range(30)),
                       r"empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_DATA))
def test_bad_datasets_give_clear_errors(name, tmp_path, capsys):
    content, pattern = BAD_DATA[name]
    path = _bad(tmp_path, name, content)
    cfg = write_config(tmp_path, path)
    code, out, err = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--quiet")
    assert code == 2, err
    assert err.startswith("error: ") and "Traceback" not in err
    import re

    assert re.search(pattern, err, re.I), err


@pytest.mark.parametrize("override,pattern", [
    ("train.lrr=0.1", "Did you mean 'train.lr'"),
    ("train.lr=0", "train.lr must be greater than 0"),
    ("train.batch_size=-1", "train.batch_size must be at least 1"),
    ("data.val_fraction=0.6", "below 1"),
    ("model.arch=resnet", "model.arch must be one of"),
    ("data.text_column=body", "body"),
])
def test_bad_config_values(override, pattern, reviews_csv, tmp_path, capsys):
    if override.startswith("data.val_fraction"):
        override_list = [override, "data.test_fraction=0.5"]
    else:
        override_list = [override]
    cfg = write_config(tmp_path, reviews_csv)
    args = ["train", cfg, "--quiet", "--out", tmp_path / "runs"]
    for o in override_list:
        args += ["--set", o]
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and pattern in err and "Traceback" not in err, err


def test_unknown_key_in_yaml(tmp_path, reviews_csv, capsys):
    cfg = write_config(tmp_path, reviews_csv, train={"epochz": 3})
    code, _, err = run_cli(capsys, "train", cfg)
    assert code == 2 and "train.epochs" in err


def test_bad_run_folders(tmp_path, capsys, trained_run):
    code, _, err = run_cli(capsys, "predict", tmp_path / "nope", "hello")
    assert code == 2 and "does not exist" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(capsys, "eval", tmp_path / "empty")
    assert code == 2 and "not a Hello PyTorch run folder" in err
    weights = Path(trained_run["run_dir"]) / "checkpoints" / "best" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:64])
    code, _, err = run_cli(capsys, "predict", trained_run["run_dir"], "hello")
    assert code == 2 and "truncated" in err


def test_nothing_written_outside_the_run_folder_on_bad_input(tmp_path, capsys):
    path = _bad(tmp_path, "empty.csv", b"")
    cfg = write_config(tmp_path, path)
    before = set(os.listdir(tmp_path))
    run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--quiet")
    assert set(os.listdir(tmp_path)) - before <= {"runs"}


def test_subprocess_error_has_no_traceback_and_debug_shows_it(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, str(ROOT / "main.py"), "train", str(tmp_path / "missing.yaml")]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(cmd[:2] + ["--debug"] + cmd[2:], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "Traceback" in proc.stderr


def test_engine_imports_without_qt():
    code = "import sys, engine, engine.cli, engine.training, engine.data.pipeline, engine.models, engine.evaluate;" \
           "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'hellotorch_gui'))];" \
           "print(bad); sys.exit(1 if bad else 0)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_app_without_display_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "make demo" in lines[0] and "Traceback" not in proc.stderr


def test_a_relative_data_path_is_recorded_absolute_so_eval_and_resume_work_from_elsewhere(
        reviews_csv, tmp_path, capsys, monkeypatch):
    import shutil

    (tmp_path / "project" / "data").mkdir(parents=True)
    shutil.copy(reviews_csv, tmp_path / "project" / "data" / "reviews.csv")
    (tmp_path / "elsewhere" / "data").mkdir(parents=True)  # a file of the same name holding other rows
    shutil.copy(reviews_csv, tmp_path / "elsewhere" / "data" / "reviews.csv")
    with open(tmp_path / "elsewhere" / "data" / "reviews.csv", "a", encoding="utf-8") as fh:
        fh.write("".join(f"another text {i},neg\n" for i in range(50)))
    monkeypatch.chdir(tmp_path / "project")
    cfg = write_config(tmp_path, "data/reviews.csv", train={"max_steps": 4})
    code, out, err = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    assert code == 0, err
    run_dir = json.loads(out)["run_dir"]
    recorded = yaml.safe_load((Path(run_dir) / "config.yaml").read_text(encoding="utf-8"))["data"]["source"]
    assert recorded == str(tmp_path / "project" / "data" / "reviews.csv")
    code, out, err = run_cli(capsys, "eval", run_dir, "--json")
    assert code == 0, err
    here = json.loads(out)
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, out, err = run_cli(capsys, "eval", run_dir, "--json")
    assert code == 0, err
    assert json.loads(out)["accuracy"] == here["accuracy"] and json.loads(out)["n"] == here["n"]  # the same split
    code, out, err = run_cli(capsys, "train", "--resume", run_dir, "--set", "train.max_steps=6", "--json", "--quiet")
    assert code == 0 and json.loads(out)["steps"] == 6, err
    monkeypatch.chdir(tmp_path / "project")  # resuming with the config that names it relatively is the same data
    code, out, err = run_cli(capsys, "train", cfg, "--resume", run_dir, "--set", "train.max_steps=8", "--json",
                             "--quiet")
    assert code == 0 and json.loads(out)["steps"] == 8, err


def test_generation_eval_on_unknown_words_warns_and_generated_unk_matches_nothing(corpus_txt, tmp_path, capsys):
    run_dir = _train_gpt(corpus_txt, tmp_path, capsys, 6, 6)
    oov = tmp_path / "oov.txt"
    oov.write_text("\n".join(f"zebra{i} quantum{i} violin{i} glacier{i} nebula{i} xylophone{i}" for i in range(60)),
                   encoding="utf-8")
    code, out, err = run_cli(capsys, "eval", run_dir, "--data", oov)
    assert code == 0, err
    assert "are not in the run's vocabulary and read as <unk>" in err
    code, out, _ = run_cli(capsys, "eval", run_dir, "--data", oov, "--json")
    res = json.loads(out)
    assert res["unknown_token_share"] > 0.5 and "warning" in res
    assert res.get("rouge_l", 0) < 0.5  # a model answering <unk> to <unk> is not 0.8 similar
    code, out, _ = run_cli(capsys, "eval", run_dir, "--json")  # its own test split: no warning
    assert "warning" not in json.loads(out)


def test_eval_says_when_the_data_changed_since_training(reviews_csv, tmp_path, capsys):
    import shutil

    data = tmp_path / "mine.csv"
    shutil.copy(reviews_csv, data)
    cfg = write_config(tmp_path, data, train={"max_steps": 4})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    run_dir = json.loads(out)["run_dir"]
    code, out, _ = run_cli(capsys, "eval", run_dir, "--json")
    assert code == 0 and "warning" not in json.loads(out)
    with open(data, "a", encoding="utf-8") as fh:
        fh.write("".join(f"one more review number {i},pos\n" for i in range(100)))
    code, out, err = run_cli(capsys, "eval", run_dir)
    assert code == 0 and "has changed since the run was trained" in err and "may hold texts the model trained" in err
    res = json.loads(run_cli(capsys, "eval", run_dir, "--json")[1])
    assert res["data_changed"]["now"] == res["data_changed"]["then"] + 100
    # as many rows, in another order: the same split sizes, other test texts
    shutil.copy(reviews_csv, data)
    lines = data.read_text(encoding="utf-8").splitlines()
    data.write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n", encoding="utf-8")
    res = json.loads(run_cli(capsys, "eval", run_dir, "--json")[1])
    assert res["data_changed"]["same_test_texts"] is False and "reordered or edited" in res["warning"]
    shutil.copy(reviews_csv, data)
    assert "warning" not in json.loads(run_cli(capsys, "eval", run_dir, "--json")[1])


def test_generation_cli_says_what_it_ignored_before(corpus_txt, tmp_path, capsys):
    """Options that do not apply are refused rather than ignored; a batch file on a language model names the
    ways forward; an instruction-tuned answer starts its own line; too-short test texts say why ROUGE-L is
    missing; an error found before any work draws no progress bar."""
    run_dir = _train_gpt(corpus_txt, tmp_path, capsys, 6, 3)
    code, _, err = run_cli(capsys, "predict", run_dir, "--file", corpus_txt, "--output", tmp_path / "o.csv")
    assert code == 2 and "hellotorch eval RUN --data FILE" in err and "Predicting" not in err
    code, _, err = run_cli(capsys, "eval", run_dir, "--data", corpus_txt, "--label-column", "x")
    assert code == 2 and "no label column to name" in err
    res = export_run(run_dir, "safetensors", measure_speed=False)
    for which in ("last", "best"):  # best too: given, it is not silently ignored
        code, _, err = run_cli(capsys, "predict", res.folder, "the film", "--checkpoint", which)
        assert code == 2 and "--checkpoint applies to run folders" in err
    qa = tmp_path / "qa.csv"
    qa.write_text("question,answer\n" + "".join(f"is it {w} {i}?,it is {w}.\n"
                                                 for i, w in enumerate(["good", "bad"] * 40)), encoding="utf-8")
    cfg = write_config(tmp_path, qa, task="generation", model={"arch": "gpt", "num_heads": 2},
                       data={"source": str(qa), "prompt_column": "question", "response_column": "question"},
                       train={"max_steps": 4})
    code, _, err = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--quiet")
    assert code == 2 and "would learn to repeat the prompt" in err
    cfg = write_config(tmp_path, qa, task="generation", model={"arch": "gpt", "num_heads": 2},
                       data={"source": str(qa), "prompt_column": "question", "response_column": "answer",
                             "tokenizer": "char"}, train={"max_steps": 4})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs", "--json", "--quiet")
    sft = json.loads(out)["run_dir"]
    code, out, _ = run_cli(capsys, "predict", sft, "is it good?", "--max-new-tokens", "3")
    assert code == 0 and out.startswith("is it good?\n")
    short = tmp_path / "short.txt"
    short.write_text("".join(f"a b {i}\n" for i in range(200)), encoding="utf-8")
    cfg = write_config(tmp_path, short, task="generation", model={"arch": "gpt", "num_heads": 2},
                       data={"source": str(short), "max_length": 8}, train={"max_steps": 4})
    code, out, _ = run_cli(capsys, "train", cfg, "--out", tmp_path / "runs")
    assert code == 0 and "ROUGE-L and chrF were not computed" in out


def test_a_preset_name_and_a_file_of_the_same_name_are_told_apart(capsys, tmp_path, monkeypatch):
    """`train quick` beside ./quick.yaml trains the preset and says the file is not used; `train quick.yaml` with
    no such file points to the preset (both went unmentioned)."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "train", "quick.yaml")
    assert code == 2 and "Did you mean the preset 'quick'" in err and "Traceback" not in err
    (tmp_path / "quick.yaml").write_text("task: classification\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "train", "quick", "--set", "train.max_steps=1", "--set", "train.baseline=false",
                           "--set", "data.limit_rows=200", "--out", tmp_path / "runs", "--quiet")
    assert code == 0, err
    assert "'quick' is the built-in preset; your file 'quick.yaml' is not used" in err
