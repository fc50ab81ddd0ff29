"""Regenerate the Qt translation files.

1. `pyside6-lupdate` extracts every self.tr()/QCoreApplication.translate() string from hellotorch_gui/.
2. The config schema's labels and help texts are added in the 'config' context (forms translate them).
3. Translations come from resources/i18n/zh_CN.json (English source -> 简体中文), the file people edit.
4. `pyside6-lrelease` compiles resources/i18n/hellotorch_zh_CN.qm.

    .venv/bin/python tools/translations.py [--missing]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
I18N = ROOT / "resources" / "i18n"
TS = I18N / "hellotorch_zh_CN.ts"
QM = I18N / "hellotorch_zh_CN.qm"
TABLE = I18N / "zh_CN.json"


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    return str(exe) if exe.exists() else f"pyside6-{name}"


def schema_strings() -> list[str]:
    from engine import config as cfgmod

    out = []
    for f in cfgmod.field_specs().values():
        for key in ("label", "help"):
            if f.metadata.get(key):
                out.append(f.metadata[key])
    return out


# Modules whose texts go through a helper lupdate does not know: `_t("...")` = QCoreApplication.translate(context, ...)
HELPER_STRINGS = {"DataChecks": ROOT / "hellotorch_gui" / "panels" / "data_facts.py"}


def helper_strings(path: Path, func: str = "_t") -> list[str]:
    """The string literals (implicit concatenations joined) passed to `func` in a module."""
    import ast

    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.append(node.args[0].value)
    return out


def _add_context(root: ET.Element, name: str, texts: list[str]) -> None:
    ctx = next((c for c in root.findall("context") if c.findtext("name") == name), None)
    if ctx is None:
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
    have = {m.findtext("source") for m in ctx.findall("message")}
    for text in texts:
        if text not in have:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = text
            ET.SubElement(msg, "translation", type="unfinished")
            have.add(text)


def extract(ts: Path = TS) -> ET.ElementTree:
    """Every translatable string of the window's code (and the config schema), merged into `ts`."""
    sources = sorted(str(p) for p in (ROOT / "hellotorch_gui").rglob("*.py"))
    subprocess.run([_tool("lupdate"), "-silent", "-no-obsolete", *sources, "-ts", str(ts)], check=True)
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "zh_CN")
    _add_context(root, "config", schema_strings())
    for name, path in HELPER_STRINGS.items():
        _add_context(root, name, helper_strings(path))
    return tree


def apply_table(tree: ET.ElementTree, table: dict[str, str]) -> list[str]:
    missing = []
    for msg in tree.getroot().iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        for child in list(tr):
            tr.remove(child)
        text = table.get(source)
        if text:
            if msg.get("numerus") == "yes":  # Chinese has a single plural form
                tr.text = None
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
            tr.attrib.pop("type", None)
        else:
            tr.text = None
            tr.set("type", "unfinished")
            missing.append(source)
    return missing


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--missing", action="store_true", help="print the untranslated strings as JSON")
    args = p.parse_args()
    I18N.mkdir(parents=True, exist_ok=True)
    table = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}
    tree = extract()
    missing = sorted(set(apply_table(tree, table)))
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    if args.missing:
        print(json.dumps({s: "" for s in missing}, ensure_ascii=False, indent=1))
    else:
        print(f"{TS.name}: {len(missing)} untranslated; compiled {QM.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
