"""Simplified Chinese covers the whole window: no string of the code is left untranslated, counted from the .ts
file that tools/translations.py writes and from a fresh extraction of the current code."""
from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import translations  # noqa: E402


def _unfinished(tree: ET.ElementTree) -> list[str]:
    return [m.findtext("source") or "" for m in tree.getroot().iter("message")
            if (m.find("translation") is None or m.find("translation").get("type") == "unfinished"
                or not "".join(m.find("translation").itertext()).strip())]


def test_the_committed_ts_file_has_no_untranslated_string():
    tree = ET.parse(translations.TS)
    assert len(list(tree.getroot().iter("message"))) > 500
    assert _unfinished(tree) == []


def test_every_string_of_the_current_code_is_translated(tmp_path):
    """A string added to the code without a zh_CN.json entry fails here (run tools/translations.py)."""
    ts = tmp_path / "fresh.ts"
    shutil.copy(translations.TS, ts)
    tree = translations.extract(ts)
    table = json.loads(translations.TABLE.read_text(encoding="utf-8"))
    missing = sorted(set(translations.apply_table(tree, table)))
    assert missing == [], f"untranslated: {missing[:10]} — add them to resources/i18n/zh_CN.json"
    fresh = {m.findtext("source") for m in tree.getroot().iter("message")}
    committed = {m.findtext("source") for m in ET.parse(translations.TS).getroot().iter("message")}
    assert fresh == committed, "resources/i18n/hellotorch_zh_CN.ts is stale: run tools/translations.py"


def test_the_compiled_catalogue_translates_the_window():
    from PySide6.QtCore import QTranslator

    tr = QTranslator()
    assert tr.load(str(translations.QM))
    assert tr.translate("EvaluatePanel", "Evaluate") == "评估"
    assert tr.translate("EvaluatePanel", "the test split of {0}") == "{0} 的测试集"


def test_qts_own_buttons_speak_chinese_too(qtbot):
    """Issue 17, item 10: the Show-command dialog's Close button (a Qt standard button) stayed English."""
    from PySide6.QtWidgets import QDialogButtonBox

    from hellotorch_gui import i18n

    try:
        assert i18n.install("zh_CN")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        i18n.install("en")
