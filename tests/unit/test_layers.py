"""The layers point one way: nothing below counter_app/ui/ imports Qt, and every import
runs down a floor."""

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


# The floors of counter_app, ground first: a module imports only from floors below its own
# (or from its own package). A new top-level package or module gets its floor here.
FLOORS = (
    {"__init__", "clock", "text", "vocabulary", "errors", "config"},
    # private: files and folders for the desk's user alone (POSIX modes, Windows ACLs),
    # used by every floor that writes the record, its copies and its settings
    {"private"},
    {"formats", "calendar", "db_files", "models", "acting", "out_files"},
    # devices: no database, no Qt; errors and clock at most. The hall's ticket printer and
    # voice (issue 22) take plain values; they never import the queue that feeds them.
    {"scanning", "signing", "thermal", "voice"},
    {"facts", "migrations", "audit"},
    {"db"},
    {"db_trouble", "printing"},
    {"services", "messages"},
    {"officers", "reports", "digitisation"},
    {"backup", "sync", "portal"},
    # queue: its desk's tables, or its office server's functions; citizen: the complaints
    # register is the office server's; fees: payments are dossier events, receipts numbered
    # by the office server as dossier codes are
    {"anchors", "queue", "citizen", "fees"},
    {"ui"},
    {"cli"},
    {"__main__"},
)


def _floor(name: str) -> int:
    return next((i for i, names in enumerate(FLOORS) if name in names), -1)


def _imported(path: Path) -> set[str]:
    """The top-level parts of counter_app that `path` imports (in function bodies too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
            if node.module == "counter_app":
                modules = [f"counter_app.{alias.name}" for alias in node.names]
        found |= {m.split(".")[1] for m in modules if m.startswith("counter_app.")}
    return found


def test_every_import_runs_down_a_floor():
    upward, unplaced = [], set()
    for path in PACKAGE.rglob("*.py"):
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if _floor(part) < 0:
            unplaced.add(part)
        upward += [
            f"{path.relative_to(PACKAGE)} -> {name}"
            for name in _imported(path)
            if name != part and _floor(name) >= _floor(part)
        ]
    assert unplaced == set()  # a new package: give it its floor in FLOORS
    assert upward == []


def test_the_floor_check_sees_an_arrow_back_up(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("def f():\n    from counter_app.services.desk import local_desk\n")
    assert _imported(sample) == {"services"}
    assert _floor("services") >= _floor("facts")


# A module a reader takes in at one sitting (the house aims under 300 lines, and holds
# this line): past it, split the module by what it does.
# The migrations are history, written once and never read as code is.
MODULE_LINES = 320


def long_modules(root: Path) -> dict[str, int]:
    return {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if "versions" not in path.relative_to(root).parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }


def test_every_module_reads_at_one_sitting():
    assert long_modules(PACKAGE) == {}


def test_the_size_check_sees_a_long_module(tmp_path):
    (tmp_path / "long.py").write_text("x = 1\n" * (MODULE_LINES + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * MODULE_LINES)
    assert long_modules(tmp_path) == {"long.py": MODULE_LINES + 1}
