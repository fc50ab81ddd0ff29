"""The preset chooser: each preset with its one-line description, applied as soon as it is chosen, with Undo; and
where the config came from (a preset or a YAML file), for the equivalent command line."""
from __future__ import annotations

import copy

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from engine import config as cfgmod
from engine.config import Config
from engine.errors import HelloTorchError
from hellotorch_gui.panels.base import AppContext, describe

# The first comment line of each resources/presets/*.yaml is its description; listed here so that lupdate
# extracts them for translation (tests/test_gui_flow_presets.py checks that every preset's line is here).
PRESET_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP("presets", "Classification of Chinese shopping reviews (positive or negative) with a "
                                 "bidirectional GRU over jieba words."),
    QT_TRANSLATE_NOOP("presets", "Classification of English movie reviews (positive or negative) with a wide & "
                                 "deep LSTM over words."),
    QT_TRANSLATE_NOOP("presets", "Generation: a small GPT learns to write Chinese news (People's Daily, 1998), "
                                 "character by character."),
    QT_TRANSLATE_NOOP("presets", "Generation: an LSTM language model learns to write English movie-review "
                                 "snippets, word by word."),
    QT_TRANSLATE_NOOP("presets", "Classification of English movie reviews by fine-tuning the built-in MiniLM "
                                 "encoder (22.7M parameters)."),
    QT_TRANSLATE_NOOP("presets", "Classification of English movie reviews with a tiny Transformer encoder: a first "
                                 "look in about a minute."),
    QT_TRANSLATE_NOOP("presets", "Generation: LoRA adapters teach SmolLM2-135M-Instruct to write movie-review "
                                 "text."),
    QT_TRANSLATE_NOOP("presets", "Classification of Chinese shopping reviews with a wide & deep model: an LSTM "
                                 "plus character n-grams."),
    QT_TRANSLATE_NOOP("presets", "Classification of English movie reviews with a wide & deep model: an LSTM plus "
                                 "word n-grams."),
    QT_TRANSLATE_NOOP("presets", "Classification of English movie reviews with Kim (2014)'s CNN-rand: the paper's "
                                 "architecture and settings."),
)
# What a task switch leaves alone when it drops the values of a preset made for the other task: the data the
# user chose, what the switch itself sets, and the machine's settings.
KEEP_ON_TASK_SWITCH = ("task", "name", "data.source", "data.text_column", "data.label_column", "data.prompt_column",
                       "data.response_column", "model.arch", "model.pretrained", "train.monitor", "train.device",
                       "train.precision", "train.compile", "train.num_threads")


def preset_comment(path) -> str:
    """The first comment line of a preset file, without the '#'."""
    try:
        with open(path, encoding="utf-8") as fh:
            first = fh.readline().strip()
    except OSError:
        return ""
    return first.lstrip("#").strip() if first.startswith("#") else ""


def preset_description(path) -> str:
    """The preset's description in the current language (English when it has no translation yet)."""
    return QCoreApplication.translate("presets", preset_comment(path))


class PresetChooser(QWidget):
    """Choosing a preset replaces the whole config by it (over the defaults, never merged into the old config);
    Undo brings the config from before back. Switching the task afterwards drops the preset's values that were
    not edited since (a GPT preset's character tokenizer must not stay for classification)."""

    presetApplied = Signal(str)  # the preset's name ("" when Undo went back to a config of no preset)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presets = cfgmod.list_presets()
        self.baseline = self._initial_baseline()  # (CLI source: preset name or YAML path, its Config)
        self.applied = self.baseline[0] if self.baseline[1] == ctx.state.config else ""  # the preset followed
        self._edited: set[str] = set()  # keys changed since the preset was applied
        self._undo: tuple | None = None  # (baseline, applied, edited, config) from before the last preset
        self._resetting = False

        self.label = QLabel()
        self.combo = QComboBox(objectName="presetCombo")
        self.label.setBuddy(self.combo)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(28)
        for name in self.presets:
            self.combo.addItem(name, name)
        # A pick applies the preset, whether a click or code (setCurrentIndex) made it: the combo never shows a preset
        # the settings do not come from. Picking the applied one again (activated alone) applies it afresh.
        self._showing, self._just_applied = False, ""
        self.combo.currentIndexChanged.connect(self._on_index_changed)
        self.combo.activated.connect(self._on_activated)
        self.undo_button = QPushButton(objectName="undoPresetButton", enabled=False)
        self.undo_button.clicked.connect(self.undo)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.undo_button)
        ctx.state.changed.connect(self._on_changed)
        self._show_applied()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Preset:"))
        for i, (name, path) in enumerate(self.presets.items()):
            text = preset_description(path)
            self.combo.setItemText(i, f"{name} — {text}" if text else name)
            self.combo.setItemData(i, text, Qt.ItemDataRole.ToolTipRole)
        self.combo.setPlaceholderText(self.tr("Choose a preset…"))
        view = self.combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)  # the popup shows whole descriptions
        describe(self.combo, self.tr("Ready-made settings for data, model and training: choosing one replaces every "
                                     "setting by it (Undo brings the old ones back)"), self.tr("Preset"))
        self.undo_button.setText(self.tr("&Undo preset"))
        self._describe_undo()

    def _describe_undo(self) -> None:
        name = self.applied if self._undo is not None else ""
        describe(self.undo_button, self.tr("Go back to the settings from before the preset {0} was chosen").format(
            name) if name else self.tr("Go back to the settings from before the last preset was chosen"),
            self.tr("Undo preset"))

    # ----------------------------------------------------------------- applying, undo
    def apply(self, name: str) -> bool:
        """Replace the whole config by a preset (its file over the defaults); Undo keeps the old config."""
        try:
            cfg = cfgmod.load_preset(name)
        except HelloTorchError as exc:
            self.ctx.show_error(self.tr("Cannot load preset"), str(exc), "")
            self._show_applied()
            return False
        state = self.ctx.state
        self._undo = (self.baseline, self.applied, set(self._edited), copy.deepcopy(state.config))
        self.baseline, self.applied = (name, copy.deepcopy(cfg)), name
        state.replace(cfg)
        self._edited.clear()
        self._show_applied()
        self.ctx.set_status(self.tr("Applied preset {0}: every setting comes from it now (Undo preset brings the old "
                                    "ones back)").format(name))
        self.presetApplied.emit(name)
        return True

    def undo(self) -> None:
        """The config from before the last preset, exactly (edits made after it are dropped too)."""
        if self._undo is None:
            return
        baseline, applied, edited, config = self._undo
        self._undo = None
        self.ctx.state.replace(config)
        self.baseline, self.applied, self._edited = baseline, applied, edited
        self._show_applied()
        self.ctx.set_status(self.tr("Preset undone: the settings from before are back"))
        self.presetApplied.emit(applied)

    def forget(self, baseline: tuple[str, Config] | None = None) -> None:
        """The config comes from elsewhere now (a YAML file, the defaults): no preset, no undo."""
        if baseline is not None:
            self.baseline = baseline
        self.applied, self._undo = "", None
        self._show_applied()

    def _on_index_changed(self, index: int) -> None:
        name = self.combo.itemData(index) if index >= 0 else None
        if self._showing or not name or name == self.applied:
            return
        self._just_applied = name
        QTimer.singleShot(0, lambda: setattr(self, "_just_applied", ""))  # the same click's activated follows now
        self.apply(name)

    def _on_activated(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name == self._just_applied:  # currentIndexChanged applied it a moment ago
            self._just_applied = ""
            return
        self.apply(name)

    def _show_applied(self) -> None:
        self._showing = True
        try:
            self.combo.setCurrentIndex(self.combo.findData(self.applied) if self.applied else -1)
        finally:
            self._showing = False
        self.undo_button.setEnabled(self._undo is not None)
        self._describe_undo()

    def _initial_baseline(self) -> tuple[str, Config]:
        """The preset the current config came from, else 'default' (the CLI accepts preset names)."""
        fallback = None
        for name in self.presets:
            try:
                cfg = cfgmod.load_preset(name)
            except HelloTorchError:
                continue
            if cfg == self.ctx.state.config:
                return name, cfg
            if name == "default":
                fallback = (name, cfg)
        return fallback or ("default", Config())

    # ----------------------------------------------------------------- a preset belongs to its task
    def _on_changed(self, key: str) -> None:
        if self._resetting:
            return
        if key == "":
            # a config replaced by someone else (File > Load config, a run's settings): no longer this preset
            if self.applied and self.ctx.state.config != self.baseline[1] and self.applied == self.baseline[0]:
                self.applied = ""
                self._show_applied()
            return
        if key == "task":
            self._leave_preset_of_other_task()
        self._edited.add(key)

    def _leave_preset_of_other_task(self) -> None:
        """After a switch to the other task, the preset's values that were not edited go back to the defaults."""
        state, (name, preset) = self.ctx.state, self.baseline
        if not self.applied or name != self.applied or preset.task == state.get("task"):
            return
        defaults = Config()
        self._resetting = True
        try:
            for key in cfgmod.field_specs():
                if key in KEEP_ON_TASK_SWITCH or key in self._edited:
                    continue
                value, default = cfgmod.get_value(preset, key), cfgmod.get_value(defaults, key)
                if value != default and state.get(key) == value:
                    state.set(key, default)
        finally:
            self._resetting = False
        self.applied = ""
        self._show_applied()
        task = {"classification": self.tr("classification"), "generation": self.tr("generation")}.get(preset.task)
        self.ctx.set_status(self.tr("The preset {0} is for {1}: the settings it chose went back to the defaults, "
                                    "the ones you changed stay").format(name, task))
