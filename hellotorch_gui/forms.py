"""Forms generated from the config dataclasses: one editor per field, bounds, tooltips and red errors."""
from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from engine import config as cfgmod
from engine.errors import ConfigError
from hellotorch_gui.plots import status_colour
from hellotorch_gui.state import AppState


class CheckBox(QCheckBox):
    """A check box that toggles wherever it is clicked. Qt's reacts only on its tick box and text, so a box laid out
    wider than those (a form field, stretched to the column) ignored a click in its middle."""

    def hitButton(self, pos) -> bool:  # noqa: ANN001, N802 - Qt's name
        return self.rect().contains(pos)

INT_LIMIT = 2**31 - 1


def object_name(key: str) -> str:
    """'train.val_fraction' -> 'trainValFraction' (lowerCamelCase objectNames for automation)."""
    parts = re.split(r"[._]", key)
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def tr_schema(text: str) -> str:
    """Schema labels and help texts are translated in the 'config' context."""
    return QCoreApplication.translate("config", text)


class FieldEditor:
    """One config field: its label, editor widget and error label, bound to the AppState."""

    def __init__(self, state: AppState, key: str, f: dataclasses.Field) -> None:
        self.state, self.key, self.field = state, key, f
        meta = f.metadata
        typ = f.type if isinstance(f.type, str) else f.type.__name__
        self.type = typ
        if "choices" in meta:
            w = QComboBox()
            w.addItems([str(c) for c in meta["choices"]])
            w.currentTextChanged.connect(self._commit)
        elif "suggestions" in meta:  # free text with common values offered (e.g. built-in model names)
            w = QComboBox()
            w.setEditable(True)
            w.addItems([str(c) for c in meta["suggestions"]])
            w.activated.connect(lambda _i: self._commit(w.currentText()))
            w.lineEdit().editingFinished.connect(lambda: self._commit(w.currentText()))
        elif typ == "bool":
            w = CheckBox()
            w.toggled.connect(self._commit)
        elif typ == "int":
            w = QSpinBox()
            low = int(max(-INT_LIMIT, meta.get("min", -INT_LIMIT)))
            if "auto" in meta:  # the value below the minimum means auto; the box shows the word (retranslate)
                low = min(low, int(meta["auto"]))
            w.setRange(low, int(min(INT_LIMIT, meta.get("max", INT_LIMIT))))
            w.setSingleStep(int(meta.get("step", 1)))
            w.setKeyboardTracking(False)
            w.setAccelerated(True)
            w.valueChanged.connect(self._commit)
        else:  # float and str: free text, validated on edit (floats like 3e-4 need it)
            w = QLineEdit()
            w.setClearButtonEnabled(typ == "str")
            w.editingFinished.connect(lambda: self._commit(w.text()))
            w.textEdited.connect(self._check_text)
        self.widget = w
        self.ignored = ""  # why the value has no effect now (another field overrides it), else ""
        w.setObjectName(object_name(key))
        self.label = QLabel()
        self.label.setBuddy(w)
        self.error = QLabel()
        self.error.setObjectName(object_name(key) + "Error")
        self.error.setStyleSheet(f"color: {status_colour()};")
        self.error.setWordWrap(True)
        self.error.hide()
        self.container = QFrame()
        self.container.setObjectName(object_name(key) + "Field")
        box = QVBoxLayout(self.container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(w)
        box.addWidget(self.error)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        meta = self.field.metadata
        label = tr_schema(meta.get("label", self.key))
        bounds = []
        if "min" in meta or "exclusive_min" in meta:
            bounds.append(f"> {meta['exclusive_min']}" if "exclusive_min" in meta else f"≥ {meta['min']}")
        if "max" in meta:
            bounds.append(f"≤ {meta['max']}")
        if "auto" in meta and isinstance(self.widget, QSpinBox):
            auto = QCoreApplication.translate("forms", "auto")
            self.widget.setSpecialValueText(auto)
            bounds.append(QCoreApplication.translate("forms", "or auto"))
        tip = tr_schema(meta.get("help", ""))
        if bounds:
            tip += f" ({', '.join(bounds)})"
        tip += f"\n[{self.key}]"
        if self.ignored:
            tip = f"{self.ignored}\n\n{tip}"
        self.label.setText(label + ":")
        self.widget.setToolTip(tip)
        self.label.setToolTip(tip)
        self.widget.setAccessibleName(label)
        self.widget.setAccessibleDescription(tip)
        self.widget.setWhatsThis(tip)

    def set_ignored(self, reason: str) -> None:
        """Grey the field out with `reason` first in its tooltip ("" enables it again): a value another field
        overrides must not look as if it counted."""
        if reason != self.ignored:
            self.ignored = reason
            self.widget.setEnabled(not reason)
            self.label.setEnabled(not reason)
            self.retranslate()

    def refresh(self) -> None:
        """Show the state's current value without echoing a change back."""
        value = self.state.get(self.key)
        w = self.widget
        with QSignalBlocker(w):
            if isinstance(w, QComboBox):
                w.setCurrentText(str(value))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QSpinBox):
                w.setValue(int(value))
            else:
                w.setText(f"{value:g}" if isinstance(value, float) else str(value))

    def _check_text(self, text: str) -> None:
        if self.type == "float":
            try:
                float(text.strip().replace(",", "."))
                self.set_error("")
            except ValueError:
                self.set_error(QCoreApplication.translate("forms", "Enter a number such as 0.001 or 3e-4."))

    def _commit(self, value) -> None:
        if self.type == "float" and isinstance(value, str):
            value = value.strip().replace(",", ".")  # a decimal comma, as typed in many locales
        try:
            self.state.set(self.key, value)
        except ConfigError as exc:
            if self.type == "float":
                reason = QCoreApplication.translate("forms", "Enter a number such as 0.001 or 3e-4.")
            else:
                reason = str(exc).replace(" Fix the value in the YAML file or the --set override.", "")
            self.state.set_input_error(self.key, reason)
            self.set_error(reason)
            return
        self.set_error(self.state.problems.get(self.key, ""))

    def set_error(self, reason: str) -> None:
        # Styling the editor itself flattens spin-box arrows; the frame around editor + reason carries the red.
        name = self.container.objectName()
        self.container.setStyleSheet(f"QFrame#{name} {{ border: 2px solid {status_colour()}; border-radius: 3px; "
                                     f"padding: 2px; }}" if reason else "")
        self.error.setText(reason)
        self.error.setVisible(bool(reason))

    def applies_to(self, arch: str, get=None) -> bool:
        """Whether the field matters for `arch` (and, with `get`, for the values its `when` metadata names)."""
        meta = self.field.metadata
        archs = meta.get("archs")
        if archs is not None and arch not in archs:
            return False
        return get is None or all(get(k) in values for k, values in meta.get("when", {}).items())


class ConfigForm(QWidget):
    """A QFormLayout of FieldEditors for the given keys; rows of other archs are hidden."""

    def __init__(self, state: AppState, keys: list[str], parent: QWidget | None = None,
                 filter_by_arch: bool = False) -> None:
        super().__init__(parent)
        self.state = state
        self.filter_by_arch = filter_by_arch
        specs = cfgmod.field_specs()
        self.editors: dict[str, FieldEditor] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(self.layout_)
        for key in keys:
            ed = FieldEditor(state, key, specs[key])
            self.editors[key] = ed
            self.layout_.addRow(ed.label, ed.container)
        # keys whose value shows or hides other fields (metadata `when`, e.g. LoRA settings need finetune: lora)
        self._watched = {k for key in keys for k in specs[key].metadata.get("when", {})}
        state.changed.connect(self._on_changed)
        state.problemsChanged.connect(self._on_problems)
        self._on_problems(state.problems)
        self._update_visibility()

    def retranslate(self) -> None:
        for ed in self.editors.values():
            ed.retranslate()

    def _on_changed(self, key: str) -> None:
        if key == "" or key in self.editors:
            for k, ed in self.editors.items():
                if key in ("", k):
                    ed.refresh()
        if key in ("", "model.arch") or key in self._watched:
            self._update_visibility()

    def _on_problems(self, problems: dict) -> None:
        for k, ed in self.editors.items():
            ed.set_error(problems.get(k, ""))

    def _update_visibility(self) -> None:
        if not self.filter_by_arch:
            return
        arch = self.state.get("model.arch")
        for ed in self.editors.values():
            self.layout_.setRowVisible(ed.container, ed.applies_to(arch, self.state.get))


def section_keys(section: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """All dotted keys of a config section, in schema order."""
    return [k for k in cfgmod.field_specs() if k.startswith(section + ".") and k not in exclude]
