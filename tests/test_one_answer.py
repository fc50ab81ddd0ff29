"""One model, one answer (issue 16): for each model family a run's summary, `eval RUN`, `predict RUN`,
`predict EXPORT` in every format and backend, and plain third-party code (onnxruntime + tokenizers, torch.jit,
safetensors, transformers) written as the README shows give the same labels and probabilities (classifiers) or
the same greedy tokens (language models)."""
from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import tiny_config
from hf_tiny import make_bert, make_llama

from engine.cli import main as cli
from engine.evaluate import evaluate_run
from engine.export import export_run
from engine.export.runtime import ExportedModel, load_predictor
from engine.training import train

TOL = 1e-4  # float tolerance between PyTorch and the exported runtimes


@pytest.fixture(scope="module")
def hf_models(tmp_path_factory):
    root = tmp_path_factory.mktemp("hf")
    return {"bert": make_bert(root / "bert"), "llama": make_llama(root / "llama")}


@pytest.fixture
def instructions_csv(tmp_path):
    rng = random.Random(0)
    path = tmp_path / "qa.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["question", "answer"])
        for i in range(160):  # distinct pairs: repeated ones are kept once (data.drop_duplicates)
            word = rng.choice(["good", "bad", "fun", "dull", "great", "weak"])
            w.writerow([f"Is film {i} {word}?", f"Film {i} is {word}."])
    return path


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _test_split(cfg):
    from engine.data.pipeline import prepare_data

    d = prepare_data(cfg)
    return d.texts["test"], d.labels["test"]


# ------------------------------------------------------------------------------------------ classifiers
CLASSIFIERS = {
    "textcnn-word": dict(arch="textcnn", tokenizer="word"),
    "gru-char": dict(arch="gru", tokenizer="char"),
    "transformer-wordpiece": dict(arch="transformer", tokenizer="wordpiece"),
    "bert-pretrained": dict(arch="pretrained"),
    "textcnn-jieba": dict(arch="textcnn", tokenizer="word", chinese=True),
    # wide & deep as the default preset: the bag reads all 12 tokens, the LSTM only the first 5
    "lstm-wide-word": dict(arch="lstm", tokenizer="word", ngram_buckets=4096, deep_max_length=5),
    # the default preset on small data: model.ensemble auto -> several wide & deep LSTMs averaged in one module
    "lstm-wide-ensemble": dict(arch="lstm", tokenizer="word", ngram_buckets=4096, deep_max_length=5,
                               ensemble="auto"),
    # the bag's table frozen at logistic regression (model.ngram_table: logistic, which auto picks on long, noisy text)
    "lstm-wide-logistic": dict(arch="lstm", tokenizer="word", ngram_buckets=4096, deep_max_length=5,
                               ngram_table="logistic"),
}


@pytest.fixture
def chinese_csv(tmp_path):
    rng = random.Random(0)
    good, bad = ["精彩", "感人", "好看", "出色"], ["无聊", "拖沓", "难看", "乏味"]
    filler = ["这部", "电影", "故事", "演员", "剧情", "非常", "真的", "有点"]
    path = tmp_path / "zh.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["评论", "标签"])
        for i in range(240):
            words = [rng.choice(filler) for _ in range(rng.randint(4, 12))]
            words.insert(rng.randrange(len(words) + 1), rng.choice(good if i % 2 else bad))
            w.writerow(["".join(words) + str(i), "正面" if i % 2 else "负面"])
    return path


def _classifier_config(name: str, source, hf_models):
    spec = CLASSIFIERS[name]
    cfg = tiny_config(source, arch=spec["arch"], max_steps=12, eval_every=6)
    cfg.data.max_length = 12  # shorter than many reviews: truncation must agree everywhere
    if spec["arch"] == "pretrained":
        cfg.model.pretrained, cfg.train.lr = str(hf_models["bert"]), 1e-3
    else:
        cfg.data.tokenizer = spec["tokenizer"]
        cfg.data.vocab_size = 300
        cfg.model.ngram_buckets = spec.get("ngram_buckets", 0)
        cfg.model.deep_max_length = spec.get("deep_max_length", 0)
        if cfg.model.ngram_buckets:
            cfg.model.rnn_pooling = "max"
            cfg.model.ngram_table = spec.get("ngram_table", "auto")
        if spec.get("ensemble") == "auto":
            from engine.config import AUTO

            cfg.model.ensemble = AUTO
    return cfg


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CLASSIFIERS))
def test_a_classifier_answers_the_same_everywhere(name, reviews_csv, chinese_csv, hf_models, tmp_path, capsys):
    cfg = _classifier_config(name, chinese_csv if CLASSIFIERS[name].get("chinese") else reviews_csv, hf_models)
    run = train(cfg, runs_dir=tmp_path / "runs")
    if CLASSIFIERS[name].get("ensemble"):  # auto resolved from the training split and kept in config.yaml
        from engine import config as cfgmod

        saved = cfgmod.from_dict(cfgmod.load_yaml(Path(run.run_dir) / "config.yaml"))
        assert saved.model.ensemble == cfgmod.ENSEMBLE_MAX_AUTO  # a few hundred training texts
        from engine.inference import load_run
        from engine.models.classifiers import Ensemble

        model = load_run(run.run_dir).model
        assert isinstance(model, Ensemble) and len(model.members) == cfgmod.ENSEMBLE_MAX_AUTO
    texts, labels = _test_split(cfg)
    texts = texts + ["a " + " ".join(["really"] * 40) + " wonderful film"]  # far past max_length
    jieba = CLASSIFIERS[name].get("chinese")  # jieba words: no tokenizer.json, the app's paths only
    # the run's own summary and `eval RUN` score the same model on the same ids
    ev = evaluate_run(run.run_dir)
    for key in ("accuracy", "loss", "f1_macro"):
        assert ev[key] == pytest.approx(run.test[key], abs=1e-6), key
    # predict RUN (the Playground's PyTorch backend) reproduces that accuracy
    ref = load_predictor(run.run_dir).classify(texts)
    probs = np.array([[r["probabilities"][n] for n in run.summary["label_names"]] for r in ref])
    pred = probs.argmax(1)
    assert float((pred[:len(labels)] == np.array(labels)).mean()) == pytest.approx(run.test["accuracy"], abs=1e-9)
    assert ref[-1]["truncated"]  # the long text was cut at max_length, and says so
    # every export format and backend, through the engine's runtime and through the CLI
    formats = [("safetensors", None, ["torch"]), ("torchscript", None, ["torchscript"]),
               ("onnx", "int8", ["onnx", "int8"])]
    if name == "bert-pretrained":
        formats.append(("hf", None, ["torch"]))
    folders = {}
    for fmt, quantize, backends in formats:
        result = export_run(run.run_dir, fmt, quantize=quantize, measure_speed=False)
        folders[fmt] = Path(result.folder)
        if result.parity.get("tokenizer_json_agreement") is not None:
            assert result.parity["tokenizer_json_agreement"] == 1.0
            assert result.parity["tokenizer_json_decode_agreement"] == 1.0
        for backend in backends:
            got = ExportedModel.load(result.folder, backend).classify(texts)
            p = np.array([[r["probabilities"][n] for n in run.summary["label_names"]] for r in got])
            if backend == "int8":  # quantised: the same labels, not the same digits
                assert (p.argmax(1) == pred).mean() >= 0.9
            else:
                assert np.abs(p - probs).max() < TOL, (fmt, backend)
                assert [r["truncated"] for r in got] == [r["truncated"] for r in ref]
    capsys.readouterr()
    for target in (run.run_dir, folders["onnx"]):
        assert cli(["predict", str(target), *texts[:5], "--json"]) == 0
        out = json.loads(capsys.readouterr().out)["predictions"]
        p = np.array([[r["probabilities"][n] for n in run.summary["label_names"]] for r in out])
        assert np.abs(p - probs[:5]).max() < TOL
    # predict --file (a CSV with the test split's labels) scores the run's own accuracy, from the run and an export
    table = tmp_path / "test.csv"
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows((t, run.summary["label_names"][y]) for t, y in zip(texts, labels))
    for target in (run.run_dir, folders["onnx"]):
        out_csv = tmp_path / f"pred-{Path(target).name}.csv"
        assert cli(["predict", str(target), "--file", str(table), "--output", str(out_csv), "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["accuracy"] == pytest.approx(run.test["accuracy"], abs=1e-9), target
    # third-party code, as README "Exports outside the app" writes it
    names = json.loads((folders["onnx"] / "model_card.json").read_text())["labels"]
    assert names == run.summary["label_names"]
    if not jieba:
        assert np.abs(_onnxruntime_probs(folders["onnx"], texts) - probs).max() < TOL
        assert np.abs(_torchscript_probs(folders["torchscript"], texts) - probs).max() < TOL
    _same_safetensors(folders["safetensors"], run.run_dir)
    if name == "bert-pretrained":
        _transformers_agree(folders["hf"], texts, probs, names, cfg.data.max_length)


def _onnxruntime_probs(folder: Path, texts: list[str]) -> np.ndarray:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))  # truncates at the trained max_length
    session = ort.InferenceSession(str(folder / "model.onnx"))
    rows = []
    for text in texts:
        ids = tok.encode(text).ids
        logits = session.run(None, {"input_ids": np.array([ids], dtype=np.int64)})[0]
        rows.append(_softmax(logits[0]))
    return np.array(rows)


def _torchscript_probs(folder: Path, texts: list[str]) -> np.ndarray:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    model = torch.jit.load(str(folder / "model.pt"))
    with torch.no_grad():
        return np.array([torch.softmax(model(torch.tensor([tok.encode(t).ids]))[0], -1).numpy() for t in texts])


def _same_safetensors(folder: Path, run_dir) -> None:
    """The exported tensors are the run's best weights (a pretrained model's under its own Hugging Face names)."""
    from safetensors.torch import load_file

    from engine.inference import load_run

    exported = load_file(str(folder / "model.safetensors"))
    model = load_run(run_dir).model
    saved = model.hf.state_dict() if getattr(model, "hf", None) is not None else model.state_dict()
    assert set(exported) <= set(saved) and len(exported) >= len({t.data_ptr() for t in saved.values()}) - 1
    assert all(torch.equal(exported[k], saved[k]) for k in exported)


def _transformers_agree(folder: Path, texts: list[str], probs: np.ndarray, names: list[str], max_length: int):
    from transformers import AutoTokenizer, pipeline

    tok = AutoTokenizer.from_pretrained(str(folder))
    assert tok.model_max_length == max_length  # the trained length travels with the export
    clf = pipeline("text-classification", model=str(folder), top_k=None)
    fits = [i for i, t in enumerate(texts) if len(tok(t)["input_ids"]) <= max_length]
    assert len(fits) >= 3
    for rows, idx in ((clf([texts[i] for i in fits]), fits),  # no extra arguments
                      (clf(texts, truncation=True), range(len(texts)))):  # longer texts: cut where training cut
        for row, i in zip(rows, idx):
            scores = {r["label"]: r["score"] for r in row}
            assert set(scores) == set(names)
            assert max(abs(scores[n] - probs[i][k]) for k, n in enumerate(names)) < TOL


# ------------------------------------------------------------------------------------------ language models
GENERATORS = {
    "gpt-bpe": dict(arch="gpt", tokenizer="bpe"),
    "lstm_lm-word": dict(arch="lstm_lm", tokenizer="word"),
    "gpt-char-instructions": dict(arch="gpt", tokenizer="char", instructions=True),
    "llama-pretrained": dict(arch="pretrained"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(GENERATORS))
def test_a_language_model_answers_the_same_everywhere(name, corpus_txt, instructions_csv, hf_models, tmp_path):
    from engine.inference import load_run

    spec = GENERATORS[name]
    source = instructions_csv if spec.get("instructions") else corpus_txt
    cfg = tiny_config(source, task="generation", arch=spec["arch"], max_steps=12, eval_every=6)
    if spec["arch"] == "pretrained":
        cfg.model.pretrained, cfg.train.lr = str(hf_models["llama"]), 1e-3
    else:
        cfg.data.tokenizer = spec["tokenizer"]
    if spec.get("instructions"):
        cfg.data.prompt_column, cfg.data.response_column = "question", "answer"
    run = train(cfg, runs_dir=tmp_path / "runs")
    ev = evaluate_run(run.run_dir)
    assert ev["loss"] == pytest.approx(run.test["loss"], abs=1e-6)
    prompts = ["Is the film good?", "the movie was"] if spec.get("instructions") else ["the movie was", "a"]
    predictor = load_predictor(run.run_dir)  # `predict RUN` and the Playground's PyTorch backend
    want = {}
    for p in prompts:
        ids = predictor.generate_ids(predictor.prompt_ids(p), max_new_tokens=12, temperature=0)
        want[p] = ids, predictor.tokenizer.decode(ids)
    texts = {p: predictor.generate_text(p, max_new_tokens=12, temperature=0) for p in prompts}
    sampled = {}  # sampling: seeded, and unseeded from the caller's random state, which loading leaves alone
    for p in prompts:
        torch.manual_seed(11)
        state = torch.get_rng_state()
        loaded = load_run(run.run_dir)
        assert torch.equal(torch.get_rng_state(), state)
        sampled[p] = (predictor.generate_text(p, max_new_tokens=12, temperature=1.0, seed=3),
                      predictor.generate_text(p, max_new_tokens=12, temperature=1.0))
    for p in prompts:  # the app's own greedy decoding gives the same tokens while the context lasts
        assert _engine_greedy(loaded, p, 4)[0] == want[p][0][:4]
    folders = {}
    for fmt, backends in (("safetensors", ["torch"]), ("torchscript", ["torchscript"]), ("onnx", ["onnx"])):
        result = export_run(run.run_dir, fmt, measure_speed=False)
        folders[fmt] = Path(result.folder)
        assert result.parity["fp32"]["greedy_tokens_match"]
        if result.parity.get("tokenizer_json_agreement") is not None:
            assert result.parity["tokenizer_json_agreement"] == 1.0
            assert result.parity["tokenizer_json_decode_agreement"] == 1.0
        for backend in backends:
            model = ExportedModel.load(result.folder, backend)
            for p in prompts:
                assert model.generate_text(p, max_new_tokens=12, temperature=0) == texts[p], (fmt, p)
                torch.manual_seed(11)
                got = (model.generate_text(p, max_new_tokens=12, temperature=1.0, seed=3),
                       model.generate_text(p, max_new_tokens=12, temperature=1.0))
                assert got == sampled[p], (fmt, p)
    card = json.loads((folders["onnx"] / "model_card.json").read_text())
    assert card["prompt"]["format"] in ("plain", "instruction", "chat") and "max_tokens" in card["context"]
    if spec["arch"] == "lstm_lm":
        assert "does not grow" in card["outputs"]["new_cache_a"]
    for p in prompts:  # onnxruntime + tokenizers, the README's decoding loop
        ids = _onnxruntime_greedy(folders["onnx"], card, p, 12)
        assert ids == want[p][0], p
        if spec["arch"] != "pretrained":
            from tokenizers import Tokenizer

            assert Tokenizer.from_file(str(folders["onnx"] / "tokenizer.json")).decode(ids) == want[p][1]
    if spec["arch"] == "pretrained":
        hf = Path(export_run(run.run_dir, "hf", measure_speed=False).folder)
        for p in prompts:
            assert _transformers_greedy(hf, card, p, 12) == want[p][0], p


def _engine_greedy(run, prompt: str, n: int) -> tuple[list[int], str]:
    from engine.data.encoding import encode_prompt
    from engine.models import generate

    sft = bool(run.cfg.data.prompt_column)
    ids = encode_prompt(run.tokenizer, prompt, sft)
    out = generate(run.model, torch.tensor([ids]), max_new_tokens=n, greedy=True, eos_id=run.tokenizer.eos_id)
    new = out[0, len(ids):].tolist()
    new = new[:new.index(run.tokenizer.eos_id)] if run.tokenizer.eos_id in new else new
    return new, run.tokenizer.decode(new)


def _onnxruntime_greedy(folder: Path, card: dict, prompt: str, n: int) -> list[int]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    session = ort.InferenceSession(str(folder / "model.onnx"))
    head = card["prompt"]
    ids = head["prefix_ids"] + tok.encode(prompt + head["suffix"], add_special_tokens=False).ids
    limit = card["context"]["max_tokens"]  # None: an LSTM state, no limit
    empty = np.zeros(card["cache"]["shape"], dtype=np.float32)
    a, b = empty, empty
    feed, new = (ids if limit is None else ids[-limit:]), []
    for _ in range(n):
        logits, a, b = session.run(None, {"input_ids": np.array([feed], dtype=np.int64), "cache_a": a, "cache_b": b})
        token = int(logits[0, -1].argmax())
        if token == card["tokenizer"]["eos_id"]:
            break
        ids.append(token)
        new.append(token)
        feed = [token]
        if limit is not None and a.shape[3] + 1 > limit:  # the context is full: keep the last half, start again
            a, b, feed = empty, empty, ids[-(limit // 2):]
    return new


def _transformers_greedy(folder: Path, card: dict, prompt: str, n: int) -> list[int]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForCausalLM.from_pretrained(str(folder))
    head = card["prompt"]
    ids = head["prefix_ids"] + tok(prompt + head["suffix"], add_special_tokens=False)["input_ids"]
    out = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                         do_sample=False, max_new_tokens=n, eos_token_id=card["tokenizer"]["eos_id"],
                         pad_token_id=card["tokenizer"]["pad_id"])
    new = out[0, len(ids):].tolist()
    return new[:new.index(card["tokenizer"]["eos_id"])] if card["tokenizer"]["eos_id"] in new else new
