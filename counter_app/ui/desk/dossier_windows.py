"""The desk's dossier windows: each open dossier has its own, and a closed one is kept to
open the next scan in. Building a window (its tables, models, layouts, first polish and
layout) took most of a scan's time; filling a kept one is a fraction of it. A couple are
kept; more closed ones are deleted (before, every closed window stayed in memory)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from counter_app.ui.tasks import alive

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog

KEPT = 2  # closed windows kept for the next scans


class DossierWindows:
    def __init__(
        self, context: AppContext, parent: QWidget, wire: Callable[[DossierDialog], None]
    ) -> None:
        """`wire(dialog)` connects a new window's signals to the desk, once in its life."""
        self._context, self._parent, self._wire = context, parent, wire
        self._kept: list[DossierDialog] = []

    def open(self, code: str) -> DossierDialog:
        """A window for `code`, loading: a kept one when there is one, else a new one."""
        while self._kept:
            dialog = self._kept.pop()
            if alive(dialog) and not dialog.isVisible():
                dialog.show_code(code)
                return dialog
        return self._new(code)

    def _new(self, code: str, load: bool = True) -> DossierDialog:
        from counter_app.ui.dossiers.dossier_dialog import DossierDialog

        dialog = DossierDialog(self._context, code, self._parent, load=load)
        dialog.finished.connect(lambda _: self.release(dialog))  # closed: Esc, its X
        self._wire(dialog)
        return dialog

    def prepare(self) -> None:
        """One window built ahead (after start-up), so even the first scan fills one."""
        if not self._kept:
            dialog = self._new("", load=False)
            dialog.ensurePolished()
            dialog.layout().activate()
            self._kept.append(dialog)

    def release(self, dialog: DossierDialog) -> None:
        """A window the officer is done with (closed, or its code was refused): kept for
        the next dossier, unless enough are, or its print preview is still open."""
        if not alive(dialog) or dialog in self._kept:
            return
        preview = dialog.preview
        if len(self._kept) < KEPT and (
            preview is None or not alive(preview) or not preview.isVisible()
        ):
            dialog.hide()
            dialog.forget()
            self._kept.append(dialog)
        elif preview is None or not alive(preview) or not preview.isVisible():
            dialog.deleteLater()
