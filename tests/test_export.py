"""Export: every format for from-scratch and tiny pretrained models, parity, KV-cache decoding through ONNX
Runtime, int8, versions, the README snippet, the CLI and bad export folders."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import tiny_config
from hf_tiny import make_bert, make_llama

from engine.cli import main as cli
from engine.errors import CheckpointError, ConfigError
from engine.export import ExportedModel, export_run, list_versions
from engine.training import train

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One trained run per model kind, shared by the tests of this module."""
    from conftest import make_reviews

    base = tmp_path_factory.mktemp("export")
    reviews = base / "reviews.csv"
    reviews.write_text("text,label\n" + "\n".join(f"{t},{y}" for t, y in make_reviews()) + "\n", encoding="utf-8")
    corpus = base / "corpus.txt"
    corpus.write_text("\n".join(t for t, _ in make_reviews(300, seed=3)) + "\n", encoding="utf-8")
    out = {}
    for name, source, task, arch in [("textcnn", reviews, "classification", "textcnn"),
                                     ("gru", reviews, "classification", "gru"),
                                     ("transformer", reviews, "classification", "transformer"),
                                     ("gru-ngram", reviews, "classification", "gru"),
                                     ("gpt", corpus, "generation", "gpt"),
                                     ("lstm_lm", corpus, "generation", "lstm_lm")]:
        cfg = tiny_config(source, task=task, arch=arch, max_steps=12)
        if name == "gru":
            cfg.model.bidirectional = True
            cfg.model.rnn_pooling = "last"
        if name == "gru-ngram":  # wide & deep: the hashed n-gram bag must survive every format
            cfg.model.ngram_buckets, cfg.model.rnn_pooling = 4096, "max"
            cfg.model.deep_max_length = 8  # the GRU reads the first 8 tokens, the bag all of them
        out[name] = train(cfg, runs_dir=base / "runs").run_dir
    from test_pretrained import pretrained_config

    bert, llama = make_bert(base / "bert"), make_llama(base / "llama")
    out["bert-lora"] = train(pretrained_config(reviews, bert, finetune="lora"), runs_dir=base / "runs").run_dir
    out["llama-gen"] = train(pretrained_config(corpus, llama, "generation", "lora"), runs_dir=base / "runs").run_dir
    out["reviews"] = reviews
    return out


SCRATCH = ["textcnn", "gru", "gru-ngram", "transformer", "gpt", "lstm_lm"]


@pytest.mark.parametrize("name", SCRATCH + ["bert-lora", "llama-gen"])
@pytest.mark.parametrize("fmt", ["safetensors", "torchscript", "onnx"])
def test_every_format_reloads_and_matches_pytorch(runs, name, fmt, tmp_path):
    res = export_run(runs[name], fmt, quantize="int8" if fmt == "onnx" else None, out=tmp_path / "x",
                     parity_examples=16, measure_speed=False)
    fp = res.parity["fp32"]
    assert fp["max_abs_diff"] <= fp["tolerance"] <= 1e-3
    card = json.loads((Path(res.folder) / "model_card.json").read_text())
    assert card["format"] == fmt and card["source"]["run_dir"] == str(runs[name])
    assert {"labels.json", "model_card.json", "config.yaml", "tokenizer.json"} <= set(res.files)
    model = ExportedModel.load(res.folder)
    if model.task == "classification":
        assert fp["label_agreement"] == 1.0
        pred = model.classify(["a wonderful film", "boring and dull"])
        assert set(pred[0]["probabilities"]) == set(card["labels"])
        assert abs(sum(pred[0]["probabilities"].values()) - 1) < 1e-5
    else:
        assert fp["greedy_tokens_match"], fp  # decoding through the export = torch greedy decoding
        pieces: list[str] = []
        text = model.generate_text("the film", max_new_tokens=6, temperature=0.0, on_text=pieces.append)
        assert text == "".join(pieces)
    if fmt == "onnx":
        int8 = res.parity["int8"]
        if model.task == "classification":
            assert int8["label_agreement"] >= 0.9  # tiny random-ish models; the real MiniLM is held to 99%
        assert (Path(res.folder) / "model.int8.onnx").stat().st_size < (Path(res.folder) / "model.onnx").stat().st_size * 1.01


def test_onnx_kv_cache_decoding_is_incremental_and_matches_generate(runs, tmp_path):
    import torch

    from engine.export.decoders import empty_cache
    from engine.inference import load_run
    from engine.models import generate

    for name in ("gpt", "llama-gen"):
        res = export_run(runs[name], "onnx", out=tmp_path / name, parity_examples=4, measure_speed=False)
        model = ExportedModel.load(res.folder)
        assert model.cached
        prompt = model.prompt_ids("the story was")
        a, b = empty_cache(model.cache_spec())
        _, a, b = model.step(np.asarray([prompt], dtype=np.int64), a, b)
        assert a.shape[3] == len(prompt)  # the cache grows with the context ...
        _, a2, _ = model.step(np.asarray([[prompt[-1]]], dtype=np.int64), a, b)
        assert a2.shape[3] == len(prompt) + 1  # ... by one position per new token
        run = load_run(runs[name])
        ref = generate(run.model, torch.tensor([prompt]), max_new_tokens=10, greedy=True,
                       eos_id=run.tokenizer.eos_id)[0, len(prompt):].tolist()
        ref = [t for t in ref if t != run.tokenizer.eos_id]
        assert model.generate_ids(prompt, max_new_tokens=10, temperature=0.0)[:len(ref)] == ref


def test_a_language_models_greedy_parity_and_decoding_speed_count_every_prompt(runs, tmp_path):
    """A plain-text LM often ends a line at once: the greedy check compares up to 4 prompts with the stop counted
    as a token (it once compared 0 tokens and printed 'agreement 0.0%'), and the decoding speed counts that step
    (it printed 0.0 tokens/s)."""
    from engine.export.benchmark import bench_export

    for name in ("gpt", "lstm_lm"):
        res = export_run(runs[name], "onnx", quantize="int8", out=tmp_path / name, parity_examples=4,
                         measure_speed=False)
        fp, q = res.parity["fp32"], res.parity["int8"]
        assert fp["greedy_compared"] >= 4 and fp["greedy_tokens_match"] and fp["greedy_agreement"] == 1.0, fp
        assert q["greedy_compared"] >= 4 and 0.0 <= q["greedy_agreement"] <= 1.0
    rows = bench_export(res.folder)["rows"]
    assert rows and all(r["decode_tokens_per_s"] > 0 for r in rows), rows


def test_a_torchscript_language_model_is_driven_as_its_card_says(runs, tmp_path):
    """README: model(ids, cache_a, cache_b) -> (logits, new caches), zeros of card['cache']['shape'] to start; the
    card's inputs name the caches (they listed input_ids alone, and model(ids) failed)."""
    import torch

    for name in ("gpt", "lstm_lm"):
        res = export_run(runs[name], "torchscript", out=tmp_path / name, parity_examples=2, measure_speed=False)
        card = json.loads((Path(res.folder) / "model_card.json").read_text())
        assert set(card["inputs"]) == {"input_ids", "cache_a", "cache_b"}
        model = torch.jit.load(str(Path(res.folder) / "model.pt"))
        a = b = torch.zeros(card["cache"]["shape"])
        ids = torch.tensor([card["prompt"]["prefix_ids"] + [5, 6]])
        logits, a2, b2 = model(ids, a, b)
        assert logits.shape[:2] == ids.shape and a2.shape[1] == 1
        step, _, _ = model(torch.tensor([[7]]), a2, b2)  # the next token with the cache: as the whole sequence
        whole, _, _ = model(torch.cat([ids, torch.tensor([[7]])], 1), a, b)
        assert torch.allclose(step[0, -1], whole[0, -1], atol=1e-4)


def test_hf_export_loads_in_a_transformers_pipeline_without_the_app(runs, tmp_path):
    res = export_run(runs["bert-lora"], "hf", out=tmp_path / "hf", parity_examples=8, measure_speed=False)
    code = ("import sys, json\nfrom transformers import pipeline\n"
            "clf = pipeline('text-classification', model=sys.argv[1])\n"
            "print(json.dumps(clf(['a wonderful film'])))\n"
            "assert 'engine' not in sys.modules and 'hellotorch_gui' not in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", code, res.folder], capture_output=True, text=True, timeout=300,
                         cwd=tmp_path, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    labels = json.loads((Path(res.folder) / "labels.json").read_text())
    assert json.loads(out.stdout.strip().splitlines()[-1])[0]["label"] in labels
    with pytest.raises(ConfigError, match="pretrained"):
        export_run(runs["textcnn"], "hf", out=tmp_path / "nope")


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- snippet:onnx -->\s*```python\n(.*?)```", text, re.S)
    assert m, "README lost its ONNX snippet"
    return m.group(1)


@pytest.mark.parametrize("name", ["gru", "bert-lora"])
def test_readme_snippet_runs_with_onnxruntime_and_tokenizers_only(runs, name, tmp_path):
    res = export_run(runs[name], "onnx", out=tmp_path / "x", parity_examples=8, measure_speed=False)
    script = tmp_path / "snippet.py"
    script.write_text(readme_snippet(), encoding="utf-8")
    texts = ["a wonderful film", "boring and dull " * 40]
    out = subprocess.run([sys.executable, str(script), res.folder, *texts], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    expected = ExportedModel.load(res.folder).classify(texts)
    assert [line.split()[0] for line in lines] == [p["label"] for p in expected]
    for line, p in zip(lines, expected):
        assert float(line.split()[1]) == pytest.approx(p["confidence"], abs=1e-3)


def test_versions_are_numbered_and_recorded(runs):
    run = runs["textcnn"]
    before = len(list_versions(run))
    a = export_run(run, "torchscript", parity_examples=4, measure_speed=False)
    b = export_run(run, "onnx", quantize="int8", parity_examples=4)
    versions = list_versions(run)
    assert len(versions) == before + 2
    assert int(b.version[1:]) == int(a.version[1:]) + 1
    last = versions[-1]
    assert last["format"] == "onnx" and last["quantize"] == "int8" and last["folder"] == b.folder
    assert "torch" in last["packages"] and last["created"] and last["checkpoint"]
    rows = {r["backend"]: r for r in b.speed["rows"]}
    assert set(rows) == {"onnx", "int8"} and all(r["p50_ms"] > 0 and r["throughput_per_s"] > 0 for r in rows.values())


def test_cli_export_bench_and_predict_on_an_export(runs, tmp_path, capsys, caplog):
    assert cli(["export", str(runs["gru"]), "--format", "onnx", "--quantize", "int8", "--out",
                str(tmp_path / "e"), "--json", "--quiet"]) == 0
    assert "pre-processing" not in caplog.text  # onnxruntime's advice to its own developers stays out
    result = json.loads(capsys.readouterr().out)
    assert result["parity"]["fp32"]["label_agreement"] == 1.0
    assert cli(["bench", str(tmp_path / "e"), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert [r["backend"] for r in table["rows"]] == ["torch", "torchscript", "onnx", "int8"]
    assert table["rows"][0]["p50_vs_eager"] == 1.0
    assert cli(["predict", str(tmp_path / "e"), "--backend", "int8", "a wonderful film", "--json"]) == 0
    pred = json.loads(capsys.readouterr().out)
    assert pred["backend"] == "int8" and len(pred["predictions"]) == 1
    long_text = "boring " * 200
    assert cli(["predict", str(tmp_path / "e"), long_text]) == 0
    assert "longer than max_length" in capsys.readouterr().err


def test_batch_prediction_file_with_labels(runs, tmp_path, capsys):
    res = export_run(runs["textcnn"], "onnx", out=tmp_path / "x", parity_examples=4, measure_speed=False)
    src = tmp_path / "batch.csv"
    src.write_text("text,label\nwonderful superb film,pos\nboring dull lifeless,neg\n,pos\n", encoding="gb18030")
    assert cli(["predict", res.folder, "--file", str(src), "--output", str(tmp_path / "p.csv"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows"] == 2 and result["skipped_empty"] == 1 and result["labelled_rows"] == 2
    assert result["confusion_matrix"] and 0 <= result["accuracy"] <= 1
    rows = (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("text,predicted,confidence,p_") and len(rows) == 3
    with_ids = tmp_path / "ids.csv"  # the file's other columns follow, to join predictions back
    with_ids.write_text("id,text,label,predicted\n7,wonderful superb film,pos,x\n9,boring dull lifeless,neg,y\n",
                        encoding="utf-8")
    assert cli(["predict", res.folder, "--file", str(with_ids), "--output", str(tmp_path / "q.csv"), "--json"]) == 0
    capsys.readouterr()
    import csv as _csv

    got = list(_csv.DictReader(open(tmp_path / "q.csv", encoding="utf-8")))
    assert [r["id"] for r in got] == ["7", "9"] and [r["input_predicted"] for r in got] == ["x", "y"]
    assert got[0]["label"] == "pos" and got[0]["predicted"] in ("pos", "neg")
    with open(src, "a", encoding="gb18030") as fh:  # a class the model never saw: said, and left out of the accuracy
        fh.write("an ordinary film,neu\nso so,neu\n")
    assert cli(["predict", res.folder, "--file", str(src), "--output", str(tmp_path / "p.csv")]) == 0
    said = capsys.readouterr().out
    assert "skipped 1 rows with empty text" in said and "(2 labelled rows)" in said
    assert "left out of the accuracy: 2 rows labelled neu, classes the model was not trained on" in said
    chinese = tmp_path / "gbk.txt"
    chinese.write_bytes("这部电影很好看\n\n非常无聊\n   \n最后一行".encode("gb18030"))  # a .txt's empty lines count
    assert cli(["predict", res.folder, "--file", str(chinese), "--output", str(tmp_path / "q.csv"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["encoding"] == "gb18030" and result["rows"] == 3 and result["skipped_empty"] == 2


# ----------------------------------------------------------------------------------------------- bad input
def _legacy(folder: Path) -> Path:
    """The export as format 1 wrote it: no manifest, so the deeper checks are reached."""
    card = json.loads((folder / "model_card.json").read_text(encoding="utf-8"))
    for key in ("manifest", "export_format", "vocab_size"):
        card.pop(key, None)
    (folder / "model_card.json").write_text(json.dumps(card), encoding="utf-8")
    return folder


def test_bad_export_folders_give_clear_errors(runs, tmp_path, capsys):
    res = export_run(runs["gru"], "onnx", out=tmp_path / "good", parity_examples=4, measure_speed=False)
    folder = Path(res.folder)
    # a corrupted ONNX file (caught by the manifest; in a legacy export, by ONNX Runtime)
    broken = tmp_path / "broken"
    export_run(runs["gru"], "onnx", out=broken, parity_examples=4, measure_speed=False)
    (broken / "model.onnx").write_bytes(b"not an onnx file")
    with pytest.raises(CheckpointError, match="model.onnx' was changed after the export"):
        ExportedModel.load(broken)
    with pytest.raises(CheckpointError, match="damaged or not an ONNX model"):
        ExportedModel.load(_legacy(broken))
    # a missing model file
    (broken / "model.onnx").unlink()
    with pytest.raises(CheckpointError, match="missing its model file"):
        ExportedModel.load(broken)
    # an ONNX file whose inputs do not match (a decoder's file in a classifier's folder)
    other = export_run(runs["gpt"], "onnx", out=tmp_path / "gpt", parity_examples=4, measure_speed=False)
    mixed = tmp_path / "mixed"
    export_run(runs["gru"], "onnx", out=mixed, parity_examples=4, measure_speed=False)
    (mixed / "model.onnx").write_bytes((Path(other.folder) / "model.onnx").read_bytes())
    with pytest.raises(CheckpointError, match="was changed"):
        ExportedModel.load(mixed)
    with pytest.raises(CheckpointError, match="takes inputs"):
        ExportedModel.load(_legacy(mixed))
    # a damaged card, a damaged tokenizer
    (broken / "model_card.json").write_text("{", encoding="utf-8")
    with pytest.raises(CheckpointError, match="damaged"):
        ExportedModel.load(broken)
    (mixed / "vocab.json").write_text("[]", encoding="utf-8")
    with pytest.raises(CheckpointError, match="tokenizer"):
        ExportedModel.load(mixed)
    # empty text through the CLI: exit 2, no traceback
    assert cli(["predict", str(folder), " "]) == 2
    err = capsys.readouterr().err
    assert "empty" in err and "Traceback" not in err
    with pytest.raises(ConfigError, match="empty"):
        ExportedModel.load(folder).classify([""])
    # a folder that is not an export at all is treated as a run folder and named
    assert cli(["predict", str(tmp_path), "hello"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_exports_from_another_version_or_with_changed_files_are_named(runs, tmp_path, capsys):
    """Issue 16: a newer app's export, a missing or edited file, a tokenizer of another vocabulary: each is a
    clear message naming the file, exit 2, no traceback."""
    import shutil

    good = Path(export_run(runs["gru"], "onnx", out=tmp_path / "good", parity_examples=4,
                           measure_speed=False).folder)
    card = json.loads((good / "model_card.json").read_text(encoding="utf-8"))
    assert card["export_format"] >= 2 and card["manifest"]["tokenizer.json"]["sha256"]

    def refused(folder: Path, needle: str) -> None:
        assert cli(["predict", str(folder), "a fine film"]) == 2
        err = capsys.readouterr().err
        assert needle in err and "Traceback" not in err, err

    newer = tmp_path / "newer"
    shutil.copytree(good, newer)
    card_newer = dict(card, export_format=card["export_format"] + 1, app_version="9.9.9")
    (newer / "model_card.json").write_text(json.dumps(card_newer), encoding="utf-8")
    refused(newer, "newer Hello PyTorch (9.9.9")
    missing = tmp_path / "missing"
    shutil.copytree(good, missing)
    (missing / "labels.json").unlink()
    refused(missing, f"'{missing / 'labels.json'}' is missing")
    edited = tmp_path / "edited"
    shutil.copytree(good, edited)
    text = (edited / "tokenizer.json").read_text(encoding="utf-8")
    (edited / "tokenizer.json").write_text(text.replace('"film"', '"flim"'), encoding="utf-8")  # same size
    refused(edited, f"'{edited / 'tokenizer.json'}' was changed after the export was written")
    foreign = tmp_path / "foreign"  # a format-1 export (no manifest) given another model's tokenizer
    shutil.copytree(good, foreign)
    _legacy(foreign)
    card_foreign = json.loads((foreign / "model_card.json").read_text(encoding="utf-8"))
    (foreign / "model_card.json").write_text(json.dumps(dict(card_foreign, vocab_size=card["vocab_size"] + 7)),
                                             encoding="utf-8")
    refused(foreign, "belongs to another model")


def test_run_without_checkpoints_and_bad_options(runs, tmp_path, capsys):
    empty_run = tmp_path / "run"
    empty_run.mkdir()
    (empty_run / "config.yaml").write_text((Path(runs["gru"]) / "config.yaml").read_text(), encoding="utf-8")
    for name in ("tokenizer.json", "labels.json"):
        (empty_run / name).write_text((Path(runs["gru"]) / name).read_text(), encoding="utf-8")
    assert cli(["export", str(empty_run), "--format", "onnx", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no checkpoint" in err and "Traceback" not in err
    assert not (empty_run / "exports").exists()
    with pytest.raises(ConfigError, match="--format onnx --quantize int8"):
        export_run(runs["gru"], "torchscript", quantize="int8")
    with pytest.raises(ConfigError, match="Unknown export format"):
        export_run(runs["gru"], "tflite")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x")
    with pytest.raises(ConfigError, match="not empty"):
        export_run(runs["gru"], "onnx", out=tmp_path / "taken")


def test_hindi_and_thai_texts_get_the_apps_answer_from_tokenizer_json_alone(tmp_path):
    """tokenizer.json + onnxruntime (README's snippet) label Devanagari and Thai reviews as the app does: the app
    splits words with the same rules, so whole words with their combining marks are tokens on both sides."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from engine.inference import classify, load_run

    rows = [(f"{w} फ़िल्म {i}", "pos") for i, w in enumerate(["बहुत अच्छा", "शानदार", "อร่อย ดี มาก"] * 20)]
    rows += [(f"{w} फ़िल्म {i}", "neg") for i, w in enumerate(["बहुत बुरा", "बेकार", "แย่ มาก"] * 20)]
    data = tmp_path / "hi.csv"
    data.write_text("text,label\n" + "\n".join(f"{t},{y}" for t, y in rows) + "\n", encoding="utf-8")
    cfg = tiny_config(data, max_steps=30)
    cfg.data.tokenizer, cfg.data.language = "word", "en"
    run = train(cfg, runs_dir=tmp_path / "runs")
    result = export_run(run.run_dir, "onnx", measure_speed=False)
    assert result.parity["tokenizer_json_agreement"] == 1.0 and not result.warnings
    folder = Path(result.folder)
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    session = ort.InferenceSession(str(folder / "model.onnx"))
    texts = ["बहुत अच्छा फ़िल्म", "बहुत बुरा फ़िल्म", "อร่อย ดี มาก", "แย่ มาก"]
    app = classify(load_run(run.run_dir), texts)
    for text, want in zip(texts, app):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        name = session.get_inputs()[0].name
        logits = session.run(None, {name: ids})[0][0]
        assert json.loads((folder / "model_card.json").read_text())["labels"][int(logits.argmax())] == want["label"]
    assert "बहुत" in load_run(run.run_dir).tokenizer.tokens("बहुत अच्छा")


def test_an_export_warns_when_tokenizer_json_encodes_otherwise():
    from types import SimpleNamespace

    from engine.export.core import _tokenizer_json_warnings

    old = SimpleNamespace(tokenizer=SimpleNamespace(split=1))
    lines = _tokenizer_json_warnings({"tokenizer_json_agreement": 0.25, "tokenizer_json_decode_agreement": 1.0}, old)
    assert len(lines) == 1 and "25.0%" in lines[0] and "train it again" in lines[0] and "vocab.json" in lines[0]
    assert _tokenizer_json_warnings({"tokenizer_json_agreement": 1.0, "tokenizer_json_decode_agreement": None},
                                    old) == []


def test_an_exports_source_run_is_found_beside_it_not_where_the_app_runs(runs, tmp_path, monkeypatch):
    """Cards record the run absolute; an older card's relative path is read beside the export (run/exports/vN),
    never from the current folder, where another run of the same relative name would be timed instead."""
    from engine.export.runtime import export_source

    run = Path(runs["gru"])
    monkeypatch.chdir(run.parent)
    result = export_run(Path(run.name), "safetensors", measure_speed=False)  # a relative run path
    card = json.loads((Path(result.folder) / "model_card.json").read_text())
    assert Path(card["source"]["run_dir"]).is_absolute() and Path(result.folder).is_absolute()
    assert export_source(Path(result.folder), card) == run.resolve()
    decoy = tmp_path / "elsewhere" / run.name
    decoy.mkdir(parents=True)
    (decoy / "config.yaml").write_text("task: classification\n")
    monkeypatch.chdir(tmp_path / "elsewhere")
    old = {**card, "source": {**card["source"], "run_dir": run.name}}  # as older versions wrote it
    assert export_source(Path(result.folder), old) == run.resolve()
    moved = tmp_path / "moved_export"
    moved.mkdir()
    assert export_source(moved, old) is None  # no longer beside its run: no source, rather than the decoy


def test_an_export_folder_given_where_a_run_is_wanted_is_named_as_one(runs, tmp_path, capsys):
    res = export_run(runs["textcnn"], "onnx", out=tmp_path / "x", parity_examples=4, measure_speed=False)
    for args in (["eval", res.folder], ["train", "--resume", res.folder], ["export", res.folder, "--format", "onnx"]):
        assert cli(args) == 2
        err = capsys.readouterr().err
        assert "is an export folder, not a run folder" in err and "source.run_dir" in err, args
    (Path(res.folder) / "model_card.json").unlink()
    assert cli(["predict", res.folder, "a fine film"]) == 2
    err = capsys.readouterr().err
    assert "export folder whose model_card.json is missing" in err and "Train it again" not in err
