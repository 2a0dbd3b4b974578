"""Where the desk's files are saved: one dialog for every "Lưu…"/"Xuất…" button.

The dialog opens in the export folder (the setting `export_dir`, by default the user's
Documents folder, made if missing; the home folder when even that cannot be made), never
in the program's own folder, so a receipt saved with Enter does not land among its files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def export_folder(configured: str | None) -> Path:
    """The folder save dialogs open in: the configured one, else Documents, else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (configured, documents):
        if not candidate:
            continue
        folder = Path(candidate).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if folder.is_dir():
            return folder
    return Path.home()


def ask_save_path(
    parent: QWidget | None, title: str, name: str, filters: str, configured: str | None
) -> str:
    """The path the officer chose for `name` ("" when cancelled), asked in the export
    folder."""
    start = str(export_folder(configured) / name)
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
    return path
