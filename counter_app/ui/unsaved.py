"""Windows holding work not yet recorded (a typed reception, a scanned batch): each one
asks before it is closed, alone (Esc, its X) or with the whole desk (Ctrl+Q, Alt+F4 on the
main window, which asks them all first and closes nothing unless every one agrees)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox


class KeepsWork:
    """Mixin for a window, before QWidget in its bases. The window tells `unsaved()`:
    (title, question) while closing would lose work, else None; and `busy()`: True while
    a save is under way (the desk then may not quit: the save must reach its receipt)."""

    _let_go = False

    def unsaved(self) -> tuple[str, str] | None:
        return None

    def busy(self) -> bool:
        return False

    def may_close(self) -> bool:
        """Its own question when work would be lost; True when nothing would be, or the
        officer agrees to lose it."""
        asked = self.unsaved()
        return (
            asked is None
            or QMessageBox.question(
                self,
                *asked,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,  # type: ignore[call-overload]
                QMessageBox.StandardButton.No,
            )
            == QMessageBox.StandardButton.Yes
        )

    def let_go(self) -> None:
        """Closed without asking again: the officer has just agreed."""
        self._let_go = True
        try:
            self.close()  # type: ignore[attr-defined]
        finally:
            self._let_go = False

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if not self._let_go and not self.may_close():
            event.ignore()
            return
        super().closeEvent(event)  # type: ignore[misc]
