"""Before `make run` opens the window: can Qt's platform plugin load on this Linux desktop?

Qt aborts with a generic "Could not load the Qt platform plugin 'xcb'" when a system library of the plugin is
missing (libxcb-cursor0 on a fresh Debian/Ubuntu, for one). This reads the plugin's shared-library
dependencies with `ldd`, without starting Qt, and names the packages to install on Debian/Ubuntu and Fedora.

    .venv/bin/python tools/check_qt.py      # exit 0: fine (or nothing to check); 1: libraries missing
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# shared library -> (Debian/Ubuntu package, Fedora package)
PACKAGES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}
SYSTEM_PACKAGES = sorted({deb for deb, _ in PACKAGES.values()})  # what README lists for Debian/Ubuntu


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries `ldd` could not find ("libfoo.so.1 => not found")."""
    return sorted(set(re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, re.M)))


def advice(missing: list[str]) -> str:
    """One paragraph: what is missing and the install commands for Debian/Ubuntu and Fedora."""
    deb = sorted({PACKAGES.get(lib, (lib.split(".so")[0], ""))[0] for lib in missing})
    rpm = sorted({PACKAGES[lib][1] for lib in missing if lib in PACKAGES})
    text = (f"The window cannot open: Qt's xcb platform plugin needs system libraries that are not installed "
            f"({', '.join(missing)}). Install them, then run `make run` again:\n"
            f"  Debian/Ubuntu: sudo apt-get install {' '.join(deb)}\n")
    if rpm:
        text += f"  Fedora:        sudo dnf install {' '.join(rpm)}\n"
    return text + "Without a desktop, `make demo` and the `hellotorch` command line work as they are."


def plugin_path() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def main() -> int:
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY") or \
            os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return 0  # not an X11 session (Wayland, offscreen, macOS, Windows): nothing this can check
    plugin, ldd = plugin_path(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return 0
    out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True).stdout
    missing = missing_libraries(out)
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
