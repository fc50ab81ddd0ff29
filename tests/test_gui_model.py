"""Model panel: task/arch combos keep the config valid, arch-specific fields, live size estimate."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from engine import config as cfgmod
from hellotorch_gui.panels.model import ModelPanel
from conftest import shown_panel

NUMBER = re.compile(r"Parameters: ([\d,]+)")


@pytest.fixture
def panel(qtbot, app_ctx):
    yield from shown_panel(qtbot, app_ctx, ModelPanel)


def param_count(panel) -> int | None:
    m = NUMBER.search(panel.findChild(QLabel, "paramCountLabel").text())
    return int(m.group(1).replace(",", "")) if m else None


def expected_count(cfg) -> int:
    from engine.models import build_on_meta, count_parameters

    return count_parameters(build_on_meta(cfg, cfg.data.vocab_size, 2, 0))["trainable"]


def test_generation_switches_arch_and_fields(panel, app_ctx, qtbot):
    task_combo = panel.findChild(QComboBox, "taskCombo")
    arch_combo = panel.findChild(QComboBox, "archCombo")
    assert [arch_combo.itemData(i) for i in range(arch_combo.count())] == list(cfgmod.CLASSIFICATION_ARCHS)
    assert panel.findChild(QWidget, "modelKernelSizes").isVisibleTo(panel)
    assert not panel.findChild(QWidget, "modelNumHeads").isVisibleTo(panel)

    with qtbot.waitSignal(app_ctx.state.changed, timeout=1_000):
        task_combo.setCurrentIndex(task_combo.findData("generation"))

    state = app_ctx.state
    assert state.get("task") == "generation"
    assert state.get("model.arch") == "gpt"
    assert state.problems == {}
    assert [arch_combo.itemData(i) for i in range(arch_combo.count())] == list(cfgmod.GENERATION_ARCHS)
    assert arch_combo.currentData() == "gpt"
    assert "GPT" in panel.findChild(QLabel, "archDescriptionLabel").text()
    assert not panel.findChild(QWidget, "modelKernelSizes").isVisibleTo(panel)
    assert panel.findChild(QWidget, "modelNumHeads").isVisibleTo(panel)

    arch_combo.setCurrentIndex(arch_combo.findData("lstm_lm"))
    assert state.get("model.arch") == "lstm_lm"
    assert panel.findChild(QWidget, "modelHiddenDim").isVisibleTo(panel)
    assert not panel.findChild(QWidget, "modelNumHeads").isVisibleTo(panel)


def test_switching_task_keeps_monitor_valid(panel, app_ctx):
    app_ctx.state.set("train.monitor", "accuracy")
    panel.set_task("generation")
    assert app_ctx.state.get("train.monitor") == "auto"
    assert app_ctx.state.problems == {}


def test_combos_follow_external_config(panel, app_ctx):
    cfg = cfgmod.Config()
    cfg.task, cfg.model.arch = "generation", "lstm_lm"
    app_ctx.state.replace(cfg)
    assert panel.findChild(QComboBox, "taskCombo").currentData() == "generation"
    assert panel.findChild(QComboBox, "archCombo").currentData() == "lstm_lm"


def test_parameter_count_follows_embed_dim(panel, app_ctx, qtbot):
    qtbot.waitUntil(lambda: param_count(panel) is not None, timeout=60_000)
    first = param_count(panel)
    assert first == expected_count(app_ctx.state.config)
    assert "20,000" in panel.findChild(QLabel, "paramCountLabel").text()  # the vocabulary assumption is stated
    assert "MB" in panel.findChild(QLabel, "memoryEstimateLabel").text()

    panel.findChild(QSpinBox, "modelEmbedDim").setValue(64)
    assert app_ctx.state.get("model.embed_dim") == 64
    qtbot.waitUntil(lambda: param_count(panel) not in (None, first), timeout=60_000)
    assert param_count(panel) == expected_count(app_ctx.state.config) < first


def test_invalid_heads_show_the_reason(panel, app_ctx, qtbot):
    arch_combo = panel.findChild(QComboBox, "archCombo")
    arch_combo.setCurrentIndex(arch_combo.findData("transformer"))
    panel.findChild(QSpinBox, "modelNumHeads").setValue(3)  # 128 is not divisible by 3
    label = panel.findChild(QLabel, "paramCountLabel")
    qtbot.waitUntil(lambda: "model.num_heads" in label.text(), timeout=5_000)
    assert "must divide" in label.text()
    assert param_count(panel) is None
    assert panel.findChild(QLabel, "memoryEstimateLabel").text() == ""

    panel.findChild(QSpinBox, "modelNumHeads").setValue(4)
    qtbot.waitUntil(lambda: param_count(panel) is not None, timeout=60_000)
    assert param_count(panel) == expected_count(app_ctx.state.config)



def test_fine_tuning_fields_follow_the_method(qtbot, app_ctx):
    """LoRA settings show only for finetune: lora; freeze settings only for frozen (and N layers for 'layers')."""
    from hellotorch_gui.panels.model import ModelPanel

    panel = ModelPanel(app_ctx)
    qtbot.addWidget(panel)
    state = app_ctx.state
    state.set("model.arch", "pretrained")
    rows = panel.form.layout_

    def visible(key):
        return rows.isRowVisible(panel.form.editors[key].container)

    state.set("model.finetune", "lora")
    assert visible("model.lora_r") and not visible("model.freeze") and not visible("model.freeze_layers")
    state.set("model.finetune", "frozen")
    state.set("model.freeze", "all_but_head")
    assert visible("model.freeze") and not visible("model.freeze_layers") and not visible("model.lora_r")
    state.set("model.freeze", "layers")
    assert visible("model.freeze_layers")
    state.set("model.arch", "gru")
    assert not visible("model.freeze") and visible("model.hidden_dim")


def test_ngram_buckets_step_in_big_steps_and_count_in_the_size(panel, app_ctx, qtbot):
    spin = panel.findChild(QSpinBox, "modelNgramBuckets")
    assert spin.isVisibleTo(panel) and spin.toolTip() and spin.accessibleName()
    qtbot.waitUntil(lambda: param_count(panel) is not None, timeout=60_000)
    before = param_count(panel)
    spin.stepUp()
    spin.stepUp()
    assert app_ctx.state.get("model.ngram_buckets") == 2 * spin.singleStep() == 1 << 19
    qtbot.waitUntil(lambda: param_count(panel) not in (None, before), timeout=60_000)
    assert param_count(panel) == before + (1 << 19) * 2 == expected_count(app_ctx.state.config)
    task_combo = panel.findChild(QComboBox, "taskCombo")
    task_combo.setCurrentIndex(task_combo.findData("generation"))
    assert not spin.isVisibleTo(panel)  # language models have no n-gram bag


def test_ensemble_auto_is_sized_by_the_loaded_training_split(panel, app_ctx, qtbot):
    """model.ensemble auto: the estimate counts the copies training will build for the loaded data (16,000 /
    training texts, at most 5; fewer when they would not train in 40 s here, timed when the run starts), and says
    so; with one copy nothing is added."""
    from engine.data.checks import facts_key
    from hellotorch_gui.panels.data_facts import data_facts

    spin = panel.findChild(QSpinBox, "modelEnsemble")
    assert spin.isVisibleTo(panel) and spin.toolTip() and spin.accessibleName()
    state = app_ctx.state
    state.set("model.ensemble", "auto")
    assert spin.text() == "auto"
    label = panel.findChild(QLabel, "paramCountLabel")
    qtbot.waitUntil(lambda: param_count(panel) is not None, timeout=60_000)
    one = param_count(panel)  # no data loaded yet: one copy
    assert "ensemble" not in label.text()
    data_facts(state).publish({"key": facts_key(state.config), "train_examples": 1600,
                               "vocab_size": state.config.data.vocab_size, "num_classes": 2})
    qtbot.waitUntil(lambda: param_count(panel) == 5 * one, timeout=60_000)
    assert "up to 5 ensemble copies" in label.text() and "40 s on this machine" in label.text()
    state.set("model.ensemble", 4)  # a number set by hand: exactly that many
    qtbot.waitUntil(lambda: param_count(panel) == 4 * one, timeout=60_000)
    assert "; 4 ensemble copies" in label.text() and "up to" not in label.text()
    state.set("model.ensemble", "auto")
    qtbot.waitUntil(lambda: param_count(panel) == 5 * one, timeout=60_000)
    data_facts(state).publish({"key": facts_key(state.config), "train_examples": 8452,
                               "vocab_size": state.config.data.vocab_size, "num_classes": 2})
    qtbot.waitUntil(lambda: param_count(panel) == one, timeout=60_000)
    assert "ensemble" not in label.text()


def test_ngram_table_is_greyed_out_without_a_bag_and_says_why(panel, app_ctx):
    combo = panel.findChild(QComboBox, "modelNgramTable")
    assert combo.isVisibleTo(panel) and combo.accessibleName() == "N-gram table"
    assert [combo.itemText(i) for i in range(combo.count())] == ["auto", "learned", "logistic"]
    app_ctx.state.set("model.ngram_buckets", 0)
    assert not combo.isEnabled() and "N-gram buckets is 0" in combo.toolTip()
    app_ctx.state.set("model.ngram_buckets", 1 << 20)
    assert combo.isEnabled() and "Ignored" not in combo.toolTip() and "[model.ngram_table]" in combo.toolTip()
    combo.setCurrentText("logistic")
    assert app_ctx.state.get("model.ngram_table") == "logistic"
