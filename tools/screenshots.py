"""Render every panel of the window to docs/screenshots/<panel>-<lang>.png after a short real run, at 1280x800,
and again at each further size into docs/screenshots/<W>x<H>/ (1366x768 by default: a common laptop screen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py     (or under xvfb-run)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait_until(app, predicate, timeout_s: float = 120.0) -> bool:
    import time

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    return False


def shoot(app, window, scope, path: Path) -> None:
    """Let pending events and plot repaints settle inside `scope`, then save the window as `path`."""
    for _ in range(20):
        app.processEvents()
    for plot in scope.findChildren(object):
        if hasattr(plot, "redraw") and hasattr(plot, "series"):
            plot.redraw()
    app.processEvents()
    window.grab().save(str(path))
    print(path)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--languages", nargs="*", default=["en", "zh_CN"])
    p.add_argument("--sizes", nargs="+", default=["1280x800", "1366x768"],
                   help="window sizes; the first goes to --out, the others to --out/<W>x<H>/")
    args = p.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from PySide6.QtCore import QSettings

    from engine import config as cfgmod
    from hellotorch_gui.app import create_app
    from hellotorch_gui.main_window import PANELS, MainWindow

    app = create_app([sys.argv[0]])
    tmp = tempfile.mkdtemp(prefix="hellotorch-shots-")
    settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, runs_dir=str(Path(tmp) / "runs"))
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.sizes]
    window.resize(*sizes[0])
    cfg = cfgmod.load_preset("default")
    cfg.train.epochs = 3
    cfg.train.eval_every = 100
    cfg.train.log_every = 2
    window.state.replace(cfg)
    window.show()
    window.goto("data")
    data_panel = window.panel("data")
    wait_until(app, lambda: data_panel.findChild(object, "dataPreview").model() is not None
               and data_panel.findChild(object, "dataPreview").model().rowCount() > 0, 60)
    wait_until(app, lambda: not window.tasks.running(), 120)
    window.goto("environment")
    wait_until(app, lambda: not window.tasks.running(), 60)
    window.goto("train")
    train = window.panel("train")
    train.start()
    wait_until(app, lambda: window.trainer.is_running, 30)
    wait_until(app, lambda: not window.trainer.is_running, 600)
    window.goto("evaluate")
    wait_until(app, lambda: window.panel("evaluate").metrics_table.rowCount() > 0, 300)
    window.goto("playground")
    play = window.panel("playground")
    play.refresh_sources()
    wait_until(app, lambda: play.source_combo.count() > 0, 60)
    play.export_selected()  # ONNX + int8 of the run just trained
    wait_until(app, lambda: play.versions.rowCount() > 0 and play.export_button.isEnabled(), 300)
    play.compare_check.setChecked(True)
    play.add_source(play.versions.item(0, 0).data(0x0100))  # Qt.UserRole: the export folder
    play.load_selected()
    wait_until(app, lambda: play.model is not None and play.load_button.isEnabled(), 120)
    play.input_edit.setPlainText("A warm, funny and beautifully acted film.")
    wait_until(app, lambda: len(play.chart.values) > 0 and play.requests > 0, 60)
    window.goto("search")  # a small grid search over the same data (short trials)
    search = window.panel("search")
    saved = window.state.config
    quick = cfgmod.apply_overrides(saved, ["train.max_steps=60", "train.eval_every=20"])
    window.state.replace(quick)
    search.space_table.setRowCount(0)
    search.add_row("train.lr", choices="0.0005, 0.002, 0.008")
    search.add_row("model.dropout", choices="0.1, 0.5")
    search.method_combo.setCurrentIndex(search.method_combo.findData("grid"))
    search.start()
    wait_until(app, lambda: not search.is_running, 600)
    window.state.replace(saved)
    for n, (w, h) in enumerate(sizes):
        out = Path(args.out) / ("" if n == 0 else f"{w}x{h}")
        out.mkdir(parents=True, exist_ok=True)
        window.resize(w, h)
        shoot_all(app, window, out, args.languages)
    window.close()
    return 0


def shoot_all(app, window, out: Path, languages: list[str]) -> None:
    from hellotorch_gui.main_window import PANELS

    for lang in languages:
        window.set_language(lang)
        for key, _, _ in PANELS:
            window.goto(key)
            if key == "runs":
                window.panel("runs").table.selectRow(0)  # show a run's curves
            wait_until(app, lambda: not window.tasks.running(), 60)
            shoot(app, window, window, out / f"{key}-{lang}.png")
            if key == "learn":  # every exercise page
                learn = window.panel("learn")
                for i, page in enumerate(learn.pages):
                    learn.list.setCurrentRow(i)
                    page.code_button.setChecked(True)
                    wait_until(app, lambda page=page: bool(page.last) and not window.tasks.running(), 30)
                    shoot(app, window, page, out / f"learn-{page.key}-{lang}.png")
                learn.list.setCurrentRow(0)


if __name__ == "__main__":
    sys.exit(main())
