"""The desk's quicker answer to PySide6's "does this module use PySide6?" (import_check.py)
is PySide6's own answer, for every module the desk loads, and it is the one in use once
the desk is opened."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

from counter_app.ui.import_check import uses_pyside


def pyside_answer(module) -> bool:  # type: ignore[no-untyped-def]
    """PySide6 6.x's shibokensupport.feature._mod_uses_pyside, as written there."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def test_the_same_answer_as_pyside_for_every_module_the_desk_loads():
    import counter_app.printing.receipt
    import counter_app.services.dossiers.operations
    import counter_app.ui.desk.main_window
    import counter_app.ui.dossiers.dossier_dialog  # noqa: F401

    modules = list(sys.modules.values())
    assert len(modules) > 300
    assert [m for m in modules if uses_pyside(m) != pyside_answer(m)] == []
    assert uses_pyside(counter_app.ui.desk.main_window)
    assert not uses_pyside(counter_app.services.dossiers.operations)


def test_the_desk_opened_uses_the_quicker_check(tmp_path):
    probe = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; "
        "from counter_app.ui.launch import open_desk; open_desk('sqlite://', None); "
        "print(sys.modules['PySide6.support.feature']._mod_uses_pyside.__module__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert out.stdout.strip().splitlines()[-1] == "counter_app.ui.import_check"
