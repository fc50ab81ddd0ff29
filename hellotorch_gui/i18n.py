"""English and Simplified Chinese through Qt translators (.ts sources, compiled .qm in resources/i18n)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
_state = {"code": "en", "translator": None}


def system_language() -> str:
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def current_language() -> str:
    return _state["code"]


def install(code: str) -> bool:
    """Switch the UI language; widgets retranslate on the LanguageChange event. False if not available."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    old = _state["translator"]
    if old is not None:
        app.removeTranslator(old)
        _state["translator"] = None
    _state["code"] = "en"
    if code == "en":
        # removeTranslator already posts a LanguageChange event
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"hellotorch_{code}.qm")):
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["code"] = code
    return True
