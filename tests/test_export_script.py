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
     "train.monitor": "loss", "train.precision": "bf16", "train.scheduler": "step", "train.step_size": 5}])
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
    instructions_jsonl.write_text("\n".join(json.dumps({"question": f"Is the movie {w}?", "answer": f"It is {w}."})
                                             for w in ["good", "bad", "fun", "dull"] * 20) + "\n", encoding="utf-8")
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
