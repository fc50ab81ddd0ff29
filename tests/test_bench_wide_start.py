"""bench/wide_start.py cannot rot: the candidate wide half it applies is what it says (IDF weights, the table at
logistic regression on the bag's own features, frozen through training)."""
from __future__ import annotations

from pathlib import Path

import torch

from conftest import load_script, tiny_config


def _bench():
    return load_script("bench/wide_start.py")


def test_the_candidate_bag_starts_at_logistic_regression_and_stays_there(reviews_csv, tmp_path, monkeypatch, capsys):
    import engine.data.pipeline as pipeline
    import engine.models.build as build
    from engine.baseline import C_GRID
    from engine.models.layers import NgramBag
    from engine.training import train

    for owner, name in ((pipeline, "prepare_data"), (build, "fit_ngram_weights"), (NgramBag, "NB_MAX_CELLS")):
        monkeypatch.setattr(owner, name, getattr(owner, name))  # restored after the test
    bench = _bench()
    bench.apply("idf", "lr", freeze=True)
    cfg = tiny_config(reviews_csv, arch="lstm")
    cfg.model.ngram_buckets = 4096
    res = train(cfg, runs_dir=tmp_path / "runs")
    said = capsys.readouterr().out
    assert "wide_start: table from logistic regression (C=" in said and ", frozen" in said
    from safetensors.torch import load_file

    state = load_file(str(Path(res.run_dir) / "checkpoints" / "best" / "model.safetensors"))
    table, weight = state["ngram.table"], state["ngram.weight"]
    data = pipeline.prepare_data(cfg)
    fresh = NgramBag(4096, 2, data.tokenizer.pad_id)
    fresh.fit_weights(data.ids["train"], data.labels["train"])  # IDF alone: NB_MAX_CELLS is 0
    assert torch.allclose(fresh.weight, weight)
    expected, c, score = bench.lr_table(fresh, data.ids["train"], data.labels["train"], data.ids["val"],
                                        data.labels["val"])
    assert c in C_GRID and 0.0 <= score <= 1.0
    assert torch.allclose(table, torch.from_numpy(expected).to(table.dtype), atol=1e-6)  # frozen: never moved
    assert float(table.abs().sum()) > 0
