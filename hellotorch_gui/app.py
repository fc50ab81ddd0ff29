"""Start-up: show the window first, import torch in the background, catch stray exceptions."""
from __future__ import annotations

import logging
import sys
import threading
import time
import traceback

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger("hellotorch_gui")


def _warm_up() -> None:
    """Import the heavy modules off the GUI thread so the first click does not wait for them."""
    try:
        import torch  # noqa: F401

        import engine.data.pipeline  # noqa: F401
        import engine.training.loop  # noqa: F401  (the loop: torch models, scikit-learn metrics)
    except Exception:  # noqa: BLE001 - a failed warm-up only costs time later
        log.exception("background import failed")


def install_excepthook(window_getter) -> None:
    """An exception on the GUI thread is logged and shown; the app keeps running."""

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception on the GUI thread:\n%s", details)
        print(details, file=sys.stderr)
        window = window_getter()
        if window is not None:
            window.show_error(QCoreApplication.translate("app", "Unexpected error"),
                              QCoreApplication.translate("app", "Something went wrong: {0}. The app keeps "
                                                         "running; the details below help to report it.")
                              .format(exc), details)

    sys.excepthook = hook


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("HelloPyTorch")
    app.setApplicationName("Hello PyTorch")
    app.setApplicationDisplayName("Hello PyTorch")
    return app


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    app = create_app(argv)
    from hellotorch_gui import i18n
    from hellotorch_gui.main_window import MainWindow, make_settings

    settings = make_settings()
    i18n.install(str(settings.value("language", i18n.system_language())))
    holder: dict = {}
    install_excepthook(lambda: holder.get("window"))
    window = MainWindow(settings)
    holder["window"] = window
    window.show()
    QTimer.singleShot(0, lambda: log.info("window shown after %.2f s", time.perf_counter() - t0))
    threading.Thread(target=_warm_up, name="warm-up-imports", daemon=True).start()
    return app.exec()
