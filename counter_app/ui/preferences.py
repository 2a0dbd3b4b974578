"""Window layout and UI preferences that persist between runs: one place, on QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from counter_app.config import STORED


class Preferences:
    def __init__(self, file: Path | None = None) -> None:
        """The user's settings store, or an .ini file (tests, portable installs)."""
        self._store = (
            QSettings(str(file), QSettings.Format.IniFormat)
            if file
            else QSettings("counter-app", "desk")
        )

    def restore(self, name: str, window: QMainWindow, splitter: QSplitter | None = None) -> None:
        geometry = self._store.value(f"{name}/geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = self._store.value(f"{name}/splitter")
        if splitter is not None and isinstance(state, QByteArray):
            splitter.restoreState(state)

    def save(self, name: str, window: QMainWindow, splitter: QSplitter | None = None) -> None:
        self._store.setValue(f"{name}/geometry", window.saveGeometry())
        if splitter is not None:
            self._store.setValue(f"{name}/splitter", splitter.saveState())
        self._store.sync()

    def stored_settings(self) -> dict[str, str]:
        """What the settings screen saved (Settings.load gives it its place)."""
        return {
            k: str(self._store.value(f"settings/{k}"))
            for k in STORED
            if self._store.value(f"settings/{k}") not in (None, "")
        }

    def store_settings(self, values: dict[str, str]) -> None:
        for key in STORED:
            if key in values:
                self._store.setValue(f"settings/{key}", values[key])
        self._store.sync()
