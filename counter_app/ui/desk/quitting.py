"""The desk quits only as a whole: closing the main window (Ctrl+Q, Alt+F4, its X) first
asks every window holding unsaved work with that window's own question; one "no" and
nothing closes. A save under way, or a saved dossier whose receipt is not on screen yet,
holds the quit back: the citizen's receipt always comes up. Then every other window
closes with it, so no window is left alone without sync."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from counter_app.ui.i18n import tr
from counter_app.ui.unsaved import KeepsWork


def others(main: QWidget) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w is not main and w.isVisible()]


def may_quit(main: Any) -> bool:
    """True when the desk may end: every other window closed, their owners agreeing."""
    windows = others(main)
    busy = [w for w in windows if isinstance(w, KeepsWork) and w.busy()]
    if busy or main.receipts_waiting():
        main.tell(tr("Đang ghi hồ sơ: chương trình chỉ thoát được sau khi giấy hẹn hiện ra."))
        for window in busy[:1]:
            window.raise_()
            window.activateWindow()
        return False
    for window in windows:
        if isinstance(window, KeepsWork) and not window.may_close():
            window.raise_()
            window.activateWindow()
            return False
    for window in windows:
        if isinstance(window, KeepsWork):
            window.let_go()
        else:
            window.close()
    return True
