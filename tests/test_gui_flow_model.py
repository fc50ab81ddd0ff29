"""The numbers beside the model and the schedule come from the loaded data (issue 17): the size estimate uses the
run's real vocabulary and classes, the LR preview the real steps per epoch, and both re-word on a language switch."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from hellotorch_gui.panels.data_facts import data_facts
from hellotorch_gui.plots import LivePlot
from test_gui_flow_data import browse, data_panel, wait_loaded

PARAMS = re.compile(r"Parameters: ([\d,]+) .*with the ([\d,]+)-token vocabulary and (\d+) classes of the loaded data")


def facts_loaded(qtbot, window) -> dict:
    facts = data_facts(window.state)
    qtbot.waitUntil(lambda: facts.current(window.state.config) is not None, timeout=60_000)
    return facts.current(window.state.config)


def test_size_estimate_uses_the_vocabulary_of_the_loaded_data(window, qtbot, monkeypatch, reviews_csv):
    """It assumed 20,000 words (2.7 M parameters where the run had 1.28 M)."""
    import torch

    from engine.models import build_model, count_parameters
    from engine.data.pipeline import prepare_data

    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    facts = facts_loaded(qtbot, window)
    run = prepare_data(window.state.config)  # what a run of this config builds its model on
    assert facts["vocab_size"] == run.tokenizer.vocab_size < 20_000 and facts["num_classes"] == 2
    window.goto("model")
    label = window.findChild(QLabel, "paramCountLabel")
    qtbot.waitUntil(lambda: PARAMS.search(label.text()) is not None, timeout=60_000)
    count, vocab, classes = PARAMS.search(label.text()).groups()
    import copy

    from engine import config as cfgmod

    cfg = copy.deepcopy(window.state.config)  # model.ensemble auto resolved as the run will: by its training split
    cfg.model.ensemble = cfgmod.ensemble_members(cfg, len(run.ids["train"]))
    with torch.device("meta"):
        model = build_model(cfg, run.tokenizer.vocab_size, len(run.label_names), 0)
    assert int(count.replace(",", "")) == count_parameters(model)["trainable"]
    assert int(vocab.replace(",", "")) == run.tokenizer.vocab_size and int(classes) == 2
    window.state.set("data.source", "movie-reviews")  # another dataset: its own vocabulary, not this one's
    qtbot.waitUntil(lambda: "assuming" in label.text() or PARAMS.search(label.text()).group(2) != vocab,
                    timeout=60_000)


def test_size_estimate_is_reworded_on_a_language_switch(window, qtbot):
    """Issue 17, item 10: in 简体中文 the Model panel's size estimate stayed English."""
    window.goto("model")
    label = window.findChild(QLabel, "paramCountLabel")
    memory = window.findChild(QLabel, "memoryEstimateLabel")
    qtbot.waitUntil(lambda: label.text().startswith("Parameters: ") and "MB" in memory.text(), timeout=60_000)
    try:
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: window.nav.item(3).text() == "模型", timeout=5_000)
        assert label.text().startswith("参数量") and "Parameters" not in label.text()
        assert memory.text().startswith("训练内存") and "weights" not in memory.text()
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: label.text().startswith("Parameters: "), timeout=5_000)


def test_schedule_preview_uses_the_steps_per_epoch_of_the_loaded_data(window, qtbot, monkeypatch, reviews_csv):
    """It assumed 100 steps per epoch when the loaded data gave 170."""
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, reviews_csv)
    wait_loaded(qtbot, panel)
    facts = facts_loaded(qtbot, window)
    window.goto("hyperparameters")
    plot = window.findChild(LivePlot, "lrSchedulePlot")
    note = window.findChild(QLabel, "lrScheduleNoteLabel")
    state = window.state
    assert facts["train_examples"] == 192  # 240 rows, 10% validation, 10% test
    per_epoch = -(-192 // state.get("train.batch_size"))
    from engine.config import planned_epochs

    epochs = planned_epochs(state.config, 192)  # the default's train.epochs auto: 6 passes over so few texts
    assert epochs == 6
    total = epochs * per_epoch
    qtbot.waitUntil(lambda: plot.point_count("lr") == total, timeout=60_000)
    assert f"{epochs} (auto) epochs × {per_epoch} steps per epoch (192 training examples of the loaded data" in note.text()
    assert plot.plotItem.vb.viewRange()[0][1] >= total - 1


def test_the_recommendation_warns_that_few_chinese_texts_only_tie_the_baseline(window, qtbot, monkeypatch,
                                                                              tmp_path):
    """bench/unseen_data.py --data chinese: on 2,000 Chinese rows the default ties TF-IDF + LR; the panel says so
    for small Chinese data (and not for chinese-reviews' size)."""
    import csv

    from engine.data import builtin

    texts, labels = builtin.read_chinese_reviews()
    path = tmp_path / "评论.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["评论", "情感"])
        w.writerows(zip(texts[:500], labels[:500]))
    panel = data_panel(window)
    browse(qtbot, window, monkeypatch, path)
    wait_loaded(qtbot, panel)
    facts = facts_loaded(qtbot, window)
    assert facts["language"] == "zh" and facts["train_examples"] == 400
    window.goto("model")
    label = window.findChild(QLabel, "recommendationLabel")
    qtbot.waitUntil(lambda: "wide-deep-chinese-reviews" in label.text(), timeout=10_000)
    assert "With 400 Chinese training texts expect about the baseline's accuracy" in label.text()
    assert "\u22122.00 on hotel reviews" in label.text() and "+0.33 on mixed ones" in label.text()
    window.set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: "400 条中文训练文本" in label.text(), timeout=5_000)
    finally:
        window.set_language("en")
