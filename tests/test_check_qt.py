"""`make run` names the system packages Qt's xcb plugin is missing (tools/check_qt.py), instead of Qt's abort."""
from __future__ import annotations

from pathlib import Path

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]

check_qt = load_script("tools/check_qt.py")

LDD = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f9c)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms1.so.1 => /lib/x86_64-linux-gnu/libxcb-keysyms.so.1 (0x00007f9c)
\tlibxcb-keysyms.so.1 => not found
"""


def test_missing_libraries_become_install_commands():
    missing = check_qt.missing_libraries(LDD)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    text = check_qt.advice(missing)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-keysyms xcb-util-wm" in text
    assert "make demo" in text


def test_the_plugin_on_this_machine_and_the_readme_agree(monkeypatch, capsys):
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    code = check_qt.main()
    assert code in (0, 1)  # 1 only where the libraries are really missing; then it names them
    if code:
        assert "apt-get install" in capsys.readouterr().err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert package in readme, package


def test_nothing_to_check_without_an_x11_session(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert check_qt.main() == 0
