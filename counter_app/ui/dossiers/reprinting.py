"""A dossier's reprints: the form drawn off the GUI thread, its preview brought over the
dossier window, and each print or save of it recorded as an event of the dossiers shown.

The dossier window inherits this."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog

from counter_app.acting.roles import Permission, require
from counter_app.printing.data import PageOptions
from counter_app.services.printouts import printouts

if TYPE_CHECKING:  # QtPdf and the print dialogs load with the first preview, not the desk
    from PySide6.QtCore import SignalInstance

    from counter_app.ui.app import AppContext
    from counter_app.ui.prints.print_preview import PrintPreview


class Reprinting(QDialog):
    _context: AppContext
    code: str
    preview: PrintPreview | None
    _preview_waits: bool
    preview_shown: SignalInstance
    _current: Callable[..., Any]
    _refuse: Callable[[Exception], None]
    reload: Callable[[], None]

    def reprint(self, form: str) -> None:
        c, options = (
            self._context,
            PageOptions(paper=self._context.settings.paper if form == "receipt" else "A4"),
        )
        signer = c.signed.printed_name  # a blank line to sign by hand, never a login name
        code = self.code

        def work(session, who):  # type: ignore[no-untyped-def]
            require(who, Permission.PRINT)
            return printouts.render(session, form, code, options, c.now(), signer)

        self._context.tasks.run(
            lambda: c.look(work, code=lambda _: code, detail=lambda _: {"form": form}),
            self._current(lambda result: self._preview(form, *result)),
            self._current(self._refuse),
            owner=self,
        )

    def _preview(self, form: str, pdf: bytes, codes: list[str]) -> None:
        from counter_app.ui.prints.print_preview import PrintPreview

        self.preview = PrintPreview.for_desk(
            self._context, pdf, f"{printouts.FORM_LABELS[form]} {self.code}", self
        )
        record = self._recorder(form, codes)
        self.preview.printed.connect(record)
        self.preview.saved.connect(record)
        self._preview_waits = not self.isVisible()
        if not self._preview_waits:
            self._bring_preview()
        # else: drawn before the dossier's details came; shown once this window is, so that
        # a window manager cannot stack the dossier over it (showEvent)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._preview_waits:
            self._preview_waits = False
            QTimer.singleShot(0, self._bring_preview)

    def _bring_preview(self) -> None:
        if self.preview is not None:
            self.preview.show()
            self.preview.raise_()
            self.preview.activateWindow()
            self.preview_shown.emit()

    def _recorder(self, form: str, codes: list[str]):  # type: ignore[no-untyped-def]
        c = self._context

        def record(*_: object) -> None:
            c.tasks.run(
                lambda: c.act(
                    lambda s, who: [
                        printouts.record_print(s, who, code, form, c.now()) for code in codes
                    ]
                ),
                self._current(lambda _: self.reload()),
                self._current(self._refuse),
                owner=self,
            )

        return record
