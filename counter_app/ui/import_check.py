"""PySide6 looks at every module imported after it for the text "PySide6" (its
`__feature__` switching: a module that never names it is left out). It reads each one's
source through `inspect.getsource`, which also searches `sys.modules` for the module's
file: about 0.3 ms a module, ~0.08 s of CPU for the SQLAlchemy, models and services the
desk imports while it starts. The same answer is read here straight from the file; a test
checks that both answer alike for every module the desk loads."""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """`"PySide6" in inspect.getsource(module)`, False where that has no source."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled, or without a file: no source to read
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def install() -> None:
    """Put the quicker check in PySide6's place (after PySide6 is imported); a PySide6
    whose check is not where this one expects keeps its own."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
