"""English and Simplified Chinese through Qt translators (.ts sources, compiled .qm in resources/i18n)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
_state = {"code": "en", "translator": None, "qt": None}


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
    for key in ("translator", "qt"):
        old = _state.get(key)
        if old is not None:
            app.removeTranslator(old)
            _state[key] = None
    _state["code"] = "en"
    if code == "en":
        # removeTranslator already posts a LanguageChange event
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"hellotorch_{code}.qm")):
        return False
    qt = QTranslator(app)  # Qt's own words: standard buttons (Close, Cancel, OK), context menus, file dialogs
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _state["qt"] = qt
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["code"] = code
    return True
