"""build_model errors, parameter counts, the training-memory estimate and a torch.compile smoke test."""
from __future__ import annotations

import pytest
import torch

from engine.config import GENERATION_ARCHS, SCRATCH_ARCHS, Config
from engine.errors import ConfigError
from engine.models import build_model, count_parameters, estimate_training_memory
from engine.models.memory import human_bytes


def tiny_cfg(arch: str) -> Config:
    """A 2-layer, width-32 config of either task."""
    cfg = Config()
    cfg.task = "generation" if arch in GENERATION_ARCHS else "classification"
    cfg.data.max_length = 16
    m = cfg.model
    m.arch, m.embed_dim, m.hidden_dim, m.num_layers, m.num_heads, m.ffn_dim = arch, 32, 32, 2, 4, 64
    m.kernel_sizes, m.num_filters = "3,4,5", 16
    return cfg


def test_build_model_rejects_impossible_configs() -> None:
    cfg = tiny_cfg("gpt")
    cfg.task = "classification"
    with pytest.raises(ConfigError, match="cannot do classification"):
        build_model(cfg, 100, 2)
    cfg = tiny_cfg("transformer")
    cfg.model.num_heads = 5
    with pytest.raises(ConfigError, match="num_heads"):
        build_model(cfg, 100, 2)
    cfg = tiny_cfg("textcnn")
    cfg.model.kernel_sizes = "3,x"
    with pytest.raises(ConfigError, match="kernel_sizes"):
        build_model(cfg, 100, 2)
    with pytest.raises(ConfigError, match="pad_id"):
        build_model(tiny_cfg("lstm"), 100, 2, pad_id=100)


@pytest.mark.parametrize("arch", SCRATCH_ARCHS)
def test_count_parameters_matches_numel(arch: str) -> None:
    model = build_model(tiny_cfg(arch), 100, 3)
    total = sum(p.numel() for p in model.parameters())
    assert count_parameters(model) == {"total": total, "trainable": total}
    for p in next(m for m in model.modules() if isinstance(m, torch.nn.Embedding)).parameters():
        p.requires_grad_(False)
    counts = count_parameters(model)
    assert counts["total"] == total and 0 < counts["trainable"] < total


@pytest.mark.parametrize("arch", SCRATCH_ARCHS)
def test_memory_estimate_is_positive_and_grows_with_the_batch(arch: str) -> None:
    cfg = tiny_cfg(arch)
    model = build_model(cfg, 100, 3)
    small = estimate_training_memory(model, cfg, batch_size=2)
    big = estimate_training_memory(model, cfg, batch_size=64)
    keys = ("params", "grads", "optimizer", "activations", "total")
    assert all(isinstance(small[k], int) and small[k] > 0 for k in keys)
    assert small["total"] == sum(small[k] for k in keys[:4])
    assert big["activations"] > small["activations"] and big["total"] > small["total"]
    assert big["params"] == small["params"] == 4 * count_parameters(model)["total"]
    assert small["optimizer"] == 2 * small["grads"]  # AdamW: two fp32 states
    assert estimate_training_memory(model, cfg, seq_len=8)["activations"] < estimate_training_memory(
        model, cfg)["activations"]
    assert small["human"].endswith(("B", "KB", "MB", "GB"))


@pytest.mark.parametrize("arch", ["textcnn", "gru"])
def test_memory_estimate_counts_only_the_tokens_the_network_reads(arch: str) -> None:
    """With deep_max_length the network reads the first N tokens: its activations are those of N, not of
    data.max_length (the n-gram bag keeps none)."""
    cfg = tiny_cfg(arch)
    cfg.data.max_length, cfg.model.ngram_buckets = 64, 512
    model = build_model(cfg, 100, 3)
    full = estimate_training_memory(model, cfg)["activations"]
    cfg.model.deep_max_length = 8
    assert estimate_training_memory(model, cfg)["activations"] == estimate_training_memory(
        model, cfg, seq_len=8)["activations"] < full


def test_memory_estimate_follows_optimizer_and_precision() -> None:
    cfg = tiny_cfg("gpt")
    model = build_model(cfg, 100, 0)
    fp32 = estimate_training_memory(model, cfg)
    cfg.train.precision = "bf16"
    assert estimate_training_memory(model, cfg)["activations"] < fp32["activations"]
    cfg.train.optimizer, cfg.train.momentum = "sgd", 0.9
    assert estimate_training_memory(model, cfg)["optimizer"] == fp32["grads"]
    cfg.train.momentum = 0.0
    assert estimate_training_memory(model, cfg)["optimizer"] == 0


def test_human_bytes() -> None:
    assert human_bytes(512) == "512 B"
    assert human_bytes(123_400_000) == "123.4 MB"
    assert human_bytes(2.5e9) == "2.5 GB"


@pytest.mark.slow  # the first inductor compile in a process takes 10-25 s on a small CPU
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_torch_compile_fullgraph_matches_eager() -> None:
    """The masked Transformer compiles without graph breaks and matches eager mode."""
    torch.manual_seed(0)
    model = build_model(tiny_cfg("transformer"), 100, 3).eval()
    ids = torch.randint(1, 100, (2, 16))
    ids[1, 9:] = 0
    compiled = torch.compile(model, fullgraph=True)
    with torch.no_grad():
        torch.testing.assert_close(compiled(ids), model(ids), atol=1e-4, rtol=1e-4)
