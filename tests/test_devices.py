"""What differs on a GPU, recreated on the CPU: cuDNN's flat RNN weights, fp16 loss scaling, CUDA generators
and checkpoints written on another device. Each must save, resume and export exactly as on the CPU."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from conftest import tiny_config
from test_training import StopAt
from torch import nn

from engine.errors import CheckpointError, ConfigError
from engine.io import read_jsonl
from engine.training import train
from engine.training import checkpoint as ckpt


# ----------------------------------------------------------------------------------------------- helpers
def share_one_buffer(params: list[nn.Parameter]) -> None:
    """Make every parameter a view of one flat buffer, as cuDNN's flatten_parameters does on CUDA."""
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    offset = 0
    for p in params:
        p.data = flat[offset: offset + p.numel()].view_as(p)
        offset += p.numel()


def cudnn_layout(model: nn.Module) -> nn.Module:
    """The model with each RNN's weights laid out as cuDNN keeps them (one flat buffer per RNN)."""
    for module in model.modules():
        if isinstance(module, nn.RNNBase):
            share_one_buffer(list(module._flat_weights))
    return model


def in_cudnn_layout(model: nn.Module) -> bool:
    rnns = [m for m in model.modules() if isinstance(m, nn.RNNBase)]
    return bool(rnns) and all(len({p.untyped_storage().data_ptr() for p in m._flat_weights}) == 1 for m in rnns)


def build(arch: str, **model) -> nn.Module:
    from engine.models import build_model

    task = "generation" if arch in ("gpt", "lstm_lm") else "classification"
    cfg = tiny_config("unused.csv", task=task, arch=arch)
    for k, v in model.items():
        setattr(cfg.model, k, v)
    return build_model(cfg, 50, 3, 0)


def same_weights(a: nn.Module, b: nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def train_rows(run_dir) -> list[tuple[int, float]]:
    return [(r["step"], r["loss"]) for r in read_jsonl(f"{run_dir}/metrics.jsonl") if r["split"] == "train"]


def full_and_resumed(cfg, tmp_path, stop: int, between=None):
    """An uninterrupted run and one stopped at `stop` (then `between(run_dir)`) and resumed."""
    full = train(cfg, runs_dir=tmp_path / "full")
    part = train(cfg, callbacks=[StopAt(stop)], runs_dir=tmp_path / "part")
    assert part.status == "stopped" and part.summary["steps"] == stop
    if between is not None:
        between(Path(part.run_dir))
    resumed = train(cfg, resume=part.run_dir)
    assert resumed.status == "finished"
    return full, resumed


def rewrite_state(folder: Path, change, location: str | None = None) -> None:
    """Change a checkpoint's state.pt; with `location`, its tensors are recorded as saved on that device (the
    bytes torch.save writes on a GPU), and meta.json's file size follows."""
    import torch.serialization as ts

    state = ckpt.load_state(folder)
    change(state)
    tag = ts.location_tag
    if location is not None:
        ts.location_tag = lambda storage: location
    try:
        torch.save(state, folder / ckpt.STATE)
    finally:
        ts.location_tag = tag
    meta = json.loads((folder / ckpt.META).read_text())
    meta["files"][ckpt.STATE] = (folder / ckpt.STATE).stat().st_size
    (folder / ckpt.META).write_text(json.dumps(meta))


# ----------------------------------------------------------------------------------- cuDNN's flat weights
RNN_MODELS = [("gru", {}), ("lstm", {}), ("rnn", {"bidirectional": False}), ("lstm_lm", {})]


@pytest.mark.parametrize("arch,extra", RNN_MODELS, ids=[a for a, _ in RNN_MODELS])
def test_checkpoints_of_cudnn_laid_out_rnns_round_trip_exactly(arch, extra, tmp_path):
    from safetensors.torch import save_model

    torch.manual_seed(0)
    model = cudnn_layout(build(arch, **extra))
    assert in_cudnn_layout(model)
    with pytest.raises(RuntimeError, match="None is covering the entire storage"):  # what failed on the H100
        save_model(model, str(tmp_path / "plain.safetensors"))
    ckpt.save_checkpoint(tmp_path / "flat", model, {"step": 1})
    for target in (cudnn_layout(build(arch, **extra)), build(arch, **extra)):  # resumed on a GPU, on a CPU
        ckpt.load_weights(tmp_path / "flat", target)
        assert same_weights(model, target)
    loaded = cudnn_layout(build(arch, **extra))
    ckpt.load_weights(tmp_path / "flat", loaded)
    assert in_cudnn_layout(loaded), "loading must copy into the device's layout, not replace it"
    plain = build(arch, **extra)
    plain.load_state_dict(model.state_dict())
    ckpt.save_checkpoint(tmp_path / "plain", plain, {"step": 1})
    assert (tmp_path / "flat" / ckpt.WEIGHTS).read_bytes() == (tmp_path / "plain" / ckpt.WEIGHTS).read_bytes()


def test_tied_weights_are_saved_once_and_stay_tied(tmp_path):
    from safetensors import safe_open
    from safetensors.torch import load_model, save_model

    for arch, kept, alias in [("gpt", "head.weight", "tok_emb.weight"), ("lstm_lm", "embedding.weight",
                                                                        "head.weight")]:
        torch.manual_seed(1)
        model = cudnn_layout(build(arch, tie_weights=True))
        ckpt.save_checkpoint(tmp_path / arch, model, {})
        with safe_open(str(tmp_path / arch / ckpt.WEIGHTS), "pt") as fh:
            assert kept in fh.keys() and alias not in fh.keys()  # the name safetensors' save_model keeps
            assert fh.metadata() == {alias: kept}
        fresh = build(arch, tie_weights=True)
        ckpt.load_weights(tmp_path / arch, fresh)
        assert same_weights(model, fresh)
        head = fresh.head.weight
        assert head is (fresh.tok_emb.weight if arch == "gpt" else fresh.embedding.weight)
        assert load_model(build(arch, tie_weights=True), str(tmp_path / arch / ckpt.WEIGHTS)) == (set(), [])
        # a checkpoint written before this change (safetensors' save_model) still loads
        save_model(build(arch, tie_weights=True), str(tmp_path / arch / ckpt.WEIGHTS))
        size = (tmp_path / arch / ckpt.WEIGHTS).stat().st_size
        meta = json.loads((tmp_path / arch / ckpt.META).read_text())
        meta["files"][ckpt.WEIGHTS] = size
        (tmp_path / arch / ckpt.META).write_text(json.dumps(meta))
        ckpt.load_weights(tmp_path / arch, cudnn_layout(build(arch, tie_weights=True)))


class _PartlyFrozen(nn.Module):
    """A frozen embedding and a trainable GRU in cuDNN's layout, saved as a partial (LoRA-style) checkpoint."""

    partial_checkpoint = True

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 8).requires_grad_(False)
        self.rnn = nn.GRU(8, 8, num_layers=2, bidirectional=True)
        cudnn_layout(self)


def test_partial_checkpoints_save_shared_storage_too(tmp_path):
    torch.manual_seed(2)
    model = _PartlyFrozen()
    ckpt.save_checkpoint(tmp_path / "c", model, {})
    assert json.loads((tmp_path / "c" / ckpt.META).read_text())["partial"] is True
    fresh = _PartlyFrozen()
    ckpt.load_weights(tmp_path / "c", fresh)
    assert all(torch.equal(a, b) for a, b in zip(model.rnn.parameters(), fresh.rnn.parameters()))
    assert not torch.equal(model.embedding.weight, fresh.embedding.weight)  # frozen: rebuilt, not saved


def test_a_checkpoint_that_does_not_fit_is_still_explained(tmp_path):
    ckpt.save_checkpoint(tmp_path / "c", cudnn_layout(build("gru")), {})
    with pytest.raises(CheckpointError, match="does not fit this model: size mismatch for .*another config") as got:
        ckpt.load_weights(tmp_path / "c", cudnn_layout(build("gru", hidden_dim=16)))
    assert "Error(s) in loading" not in str(got.value) and "torch.Size" in str(got.value)  # the tensor, named
    with pytest.raises(CheckpointError, match="does not fit this model \\(missing"):
        ckpt.load_weights(tmp_path / "c", cudnn_layout(build("lstm_lm")))
    weights = tmp_path / "c" / ckpt.WEIGHTS
    weights.write_bytes(b"\x08" + b"\0" * (weights.stat().st_size - 1))  # same size, damaged
    with pytest.raises(CheckpointError, match="cannot be read"):
        ckpt.load_weights(tmp_path / "c", build("gru"))


@pytest.fixture
def cudnn_models(monkeypatch):
    """Every model the loop, inference and exports build gets cuDNN's layout; records the layout each
    checkpoint was saved from."""
    import engine.models

    built = engine.models.build_model
    monkeypatch.setattr(engine.models, "build_model", lambda *a, **k: cudnn_layout(built(*a, **k)))
    saved_from: list[bool] = []
    save = ckpt.save_checkpoint

    def spy(folder, model, meta, state=None):
        saved_from.append(in_cudnn_layout(model))
        return save(folder, model, meta, state)

    monkeypatch.setattr(ckpt, "save_checkpoint", spy)
    return saved_from


@pytest.mark.parametrize("arch", ["gru", "lstm_lm"])
def test_a_run_in_cudnn_layout_trains_resumes_and_exports(arch, cudnn_models, reviews_csv, corpus_txt, tmp_path):
    from engine.export import ExportedModel, export_run

    task = "generation" if arch == "lstm_lm" else "classification"
    cfg = tiny_config(corpus_txt if task == "generation" else reviews_csv, task=task, arch=arch, max_steps=12,
                      eval_every=4)
    full, resumed = full_and_resumed(cfg, tmp_path, stop=7)
    assert cudnn_models and all(cudnn_models), "every checkpoint was written from the flat layout"
    assert train_rows(full.run_dir) == train_rows(resumed.run_dir)
    for fmt in ("safetensors", "torchscript", "onnx"):
        res = export_run(resumed.run_dir, fmt, out=tmp_path / fmt, parity_examples=8, measure_speed=False)
        assert res.parity["fp32"]["max_abs_diff"] <= res.parity["fp32"]["tolerance"], fmt
        assert ExportedModel.load(res.folder).task == task
    with pytest.raises(ConfigError, match="hf format .* pretrained"):  # hf is for pretrained runs only
        export_run(resumed.run_dir, "hf", out=tmp_path / "hf")


def test_hf_export_of_a_lora_run_with_shared_storage(monkeypatch, corpus_txt, tmp_path):
    """A pretrained run (tied embeddings, LoRA merged at export) whose attention weights share one buffer."""
    import engine.models
    from hf_tiny import make_llama
    from test_pretrained import pretrained_config
    from transformers import AutoModelForCausalLM

    from engine.export import export_run
    from engine.inference import load_run
    from engine.models.pretrained import merge_lora

    built = engine.models.build_model

    def shared_attention(*a, **k):
        model = built(*a, **k)
        for layer in model.hf.model.layers:
            share_one_buffer(list(layer.self_attn.parameters()))
        return model

    monkeypatch.setattr(engine.models, "build_model", shared_attention)
    cfg = pretrained_config(corpus_txt, make_llama(tmp_path / "llama"), "generation", "lora")
    run_dir = train(cfg, runs_dir=tmp_path / "runs").run_dir
    res = export_run(run_dir, "hf", out=tmp_path / "hf", parity_examples=8, measure_speed=False)
    assert res.parity["fp32"]["max_abs_diff"] <= res.parity["fp32"]["tolerance"]
    merged = merge_lora(load_run(run_dir).model).eval()
    hf = AutoModelForCausalLM.from_pretrained(res.folder).eval()
    ids = torch.tensor([[5, 9, 13, 17, 21]])
    with torch.no_grad():
        assert torch.allclose(hf(ids).logits, merged(ids), atol=1e-5)


# ---------------------------------------------------------------------------------------- fp16 loss scaling
def test_fp16_grad_scaler_resumes_bit_identically(monkeypatch, reviews_csv, tmp_path):
    import engine.training.loop as loop

    monkeypatch.setattr(loop, "autocast_dtype", lambda precision, device: torch.float16
                        if precision == "fp16" else None)  # CPU autocast does fp16; the loop refuses it there
    loaded: list[dict] = []
    restore = torch.amp.GradScaler.load_state_dict

    def spy(scaler, state):
        loaded.append(dict(state))
        restore(scaler, state)

    monkeypatch.setattr(torch.amp.GradScaler, "load_state_dict", spy)
    cfg = tiny_config(reviews_csv, arch="gru", max_steps=12, eval_every=4, precision="fp16")
    stopped: dict = {}
    full, resumed = full_and_resumed(cfg, tmp_path, stop=7,
                                     between=lambda d: stopped.update(ckpt.load_state(d / "checkpoints/last")))
    assert stopped["scaler"]["_growth_tracker"] > 0 or stopped["scaler"]["scale"] != 2.0 ** 16
    assert loaded == [stopped["scaler"]], "the scaler restarts from the checkpoint's scale and growth tracker"
    assert train_rows(full.run_dir) == train_rows(resumed.run_dir)
    end = [ckpt.load_state(Path(r.run_dir) / "checkpoints/last")["scaler"] for r in (full, resumed)]
    assert end[0] == end[1] != stopped["scaler"]


# ------------------------------------------------------------------------------- CUDA generators, cuda:N
def test_a_gpu_checkpoint_resumes_on_a_cpu_only_machine(reviews_csv, tmp_path):
    """state.pt as a 4-GPU machine writes it (tensors on cuda:1, four CUDA generator states) resumes here."""
    def as_if_from_cuda_1(run_dir: Path) -> None:
        folder = run_dir / "checkpoints" / "last"
        rewrite_state(folder, lambda st: st["rng"].update(cuda=[torch.get_rng_state()[:16].clone()] * 4,
                                                          cuda_index=1), location="cuda:1")
        with pytest.raises(RuntimeError, match="CUDA"):  # the file really claims a GPU
            torch.load(folder / ckpt.STATE, weights_only=True)

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=10, eval_every=5)
    full, resumed = full_and_resumed(cfg, tmp_path, stop=5, between=as_if_from_cuda_1)
    assert train_rows(full.run_dir) == train_rows(resumed.run_dir)
    from engine.export import export_run

    res = export_run(resumed.run_dir, "onnx", out=tmp_path / "onnx", parity_examples=8, measure_speed=False)
    assert res.parity["fp32"]["label_agreement"] == 1.0


@pytest.fixture
def fake_gpus(monkeypatch):
    """torch.cuda as on a machine with two GPUs; records every generator set."""
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_rng_state_all", lambda: [torch.full((8,), i, dtype=torch.uint8)
                                                                  for i in range(2)])

    def set_rng_state(state, device):
        assert 0 <= device < 2, f"cuda:{device} does not exist"
        calls.append((int(state[0]), device))

    monkeypatch.setattr(torch.cuda, "set_rng_state", set_rng_state)
    return calls


def test_cuda_generators_fit_the_gpus_this_machine_has(fake_gpus):
    cpu = torch.get_rng_state()
    gens = [torch.full((8,), i, dtype=torch.uint8) for i in range(4)]
    ckpt.set_rng_state({"torch": cpu, "cuda": gens, "cuda_index": 3}, torch.device("cuda", 1))
    assert fake_gpus == [(0, 0), (1, 1), (3, 1)]  # what fits, then the run's own GPU state on its GPU now
    fake_gpus.clear()
    ckpt.set_rng_state({"torch": cpu, "cuda": gens}, torch.device("cuda"))  # saved before cuda_index existed
    assert fake_gpus == [(0, 0), (1, 1)]
    fake_gpus.clear()
    ckpt.set_rng_state({"torch": cpu, "cuda": gens, "cuda_index": 3}, torch.device("cpu"))  # GPU -> CPU
    ckpt.set_rng_state({"torch": cpu}, torch.device("cuda", 0))  # CPU checkpoint -> GPU: the seed stays
    assert fake_gpus == [] and torch.equal(torch.get_rng_state(), cpu)
    saved = ckpt.rng_state(torch.device("cuda", 1))
    assert saved["cuda_index"] == 1 and [int(s[0]) for s in saved["cuda"]] == [0, 1]
    assert ckpt.rng_state(torch.device("cuda"))["cuda_index"] == 0


def test_optimizer_state_from_another_device_lands_on_the_model_device(reviews_csv, tmp_path):
    """A GPU optimizer state loaded here, and a CPU one put on another device (meta stands in for cuda:N)."""
    from engine.training.optim import build_optimizer

    cfg = tiny_config(reviews_csv, arch="gru")
    model = cudnn_layout(build("gru"))
    opt = build_optimizer(model, cfg.train)
    model(torch.randint(1, 50, (4, 6))).sum().backward()
    opt.step()
    folder = tmp_path / "c"
    ckpt.save_checkpoint(folder, model, {}, {"optimizer": opt.state_dict()})
    rewrite_state(folder, lambda st: None, location="cuda:0")
    state = ckpt.load_state(folder)["optimizer"]
    assert all(t.device.type == "cpu" for s in state["state"].values() for t in s.values())
    for device in ("cpu", "meta"):
        target = build("gru").to(device)
        opt2 = build_optimizer(target, cfg.train)
        opt2.load_state_dict(state)
        params = {id(p): p.device for g in opt2.param_groups for p in g["params"]}
        for p, s in opt2.state.items():
            assert s["exp_avg"].device == params[id(p)] == torch.device(device)
