"""The layers point one way: nothing below counter_app/ui/ imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import counter_app

PACKAGE = Path(counter_app.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def qt_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in QT]
    return found


def test_no_qt_below_the_ui_package():
    offenders = {
        str(path.relative_to(PACKAGE)): qt_imports(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and qt_imports(path)
    }
    assert offenders == {}


def test_the_check_sees_a_qt_import(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport shiboken6\n")
    assert qt_imports(sample) == ["PySide6.QtCore", "shiboken6"]


def test_services_do_not_import_the_cli_or_ui():
    for path in (PACKAGE / "services").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        assert not [m for m in modules if m.startswith(("counter_app.ui", "counter_app.cli"))], path
