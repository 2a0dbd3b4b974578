"""The one gateway to icons and other resources (Qt's standard icons: no files to ship)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

SP = QStyle.StandardPixmap
STATUS_ICONS = {
    "received": SP.SP_FileIcon,
    "in_progress": SP.SP_BrowserReload,
    "supplement_requested": SP.SP_MessageBoxQuestion,
    "resolved": SP.SP_DialogApplyButton,
    "returned": SP.SP_DialogOkButton,
    "withdrawn": SP.SP_DialogCancelButton,
    "stopped": SP.SP_BrowserStop,
    "refused": SP.SP_MessageBoxCritical,
    "overdue": SP.SP_MessageBoxWarning,
}


def icon(name: str) -> QIcon:
    style = QApplication.style()
    return style.standardIcon(STATUS_ICONS.get(name, SP.SP_FileIcon))
