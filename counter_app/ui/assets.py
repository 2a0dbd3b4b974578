"""The one gateway to icons and other resources (Qt's standard icons: no files to ship)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

STATUS_ICONS = {
    "received": "SP_FileIcon",
    "in_progress": "SP_BrowserReload",
    "supplement_requested": "SP_MessageBoxQuestion",
    "resolved": "SP_DialogApplyButton",
    "returned": "SP_DialogOkButton",
    "withdrawn": "SP_DialogCancelButton",
    "stopped": "SP_BrowserStop",
    "refused": "SP_MessageBoxCritical",
    "overdue": "SP_MessageBoxWarning",
}
_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon of a status (cached; looked up when first drawn, not at start-up)."""
    if name not in _cache:
        from PySide6.QtWidgets import QApplication, QStyle  # QStyle's set-up costs ~4 ms

        pixmap = getattr(QStyle.StandardPixmap, STATUS_ICONS.get(name, "SP_FileIcon"))
        _cache[name] = QApplication.style().standardIcon(pixmap)
    return _cache[name]


HELP = Path(__file__).resolve().parents[2] / "resources" / "help"


def help_page(language: str) -> str:
    """The desk's help page (HTML); Vietnamese when there is none in `language`."""
    page = HELP / f"desk_{language}.html"
    return (page if page.exists() else HELP / "desk_vi.html").read_text(encoding="utf-8")
