"""Hello PyTorch: `python main.py` opens the window; `python main.py COMMAND ...` is the CLI."""
from __future__ import annotations

import os
import sys


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main() -> int:
    if len(sys.argv) > 1:
        from engine.cli import main as cli_main

        return cli_main(sys.argv[1:])
    try:
        from hellotorch_gui.app import main as gui_main
    except ImportError:
        gui_main = None
    if gui_main is None:
        # The window is not built yet: run the headless demo instead.
        from engine.cli import main as cli_main

        return cli_main(["demo"])
    if not _has_display():
        print("No display found (DISPLAY/WAYLAND_DISPLAY unset): the window cannot open here. Run `make demo` "
              "for the headless demo, or `hellotorch --help` for the command line.", file=sys.stderr)
        return 1
    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
