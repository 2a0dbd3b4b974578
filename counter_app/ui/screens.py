"""Opening the desk's other screens: one window of each kind, loaded when first needed.

The main window inherits this; it keeps the navigation apart from the lists it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.workflow import Action
from counter_app.ui.i18n import tr
from counter_app.ui.preferences import Preferences
from counter_app.ui.screen_fit import fit
from counter_app.ui.tasks import alive

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext


class Screens:
    _context: AppContext
    _preferences: Preferences | None
    dossier_opened: Any  # Signal(object) of the window
    refresh: Callable[[], None]
    read_desk_name: Callable[[], None]
    tell: Callable[[str], None]

    def _one(self, name: str, make: Callable[[], QWidget]) -> QWidget:
        """One window of each kind: asked for again, the open one comes to the front (a
        second reception or batch would split the officer's work and scans)."""
        window = getattr(self, name, None)
        if window is None or not alive(window) or not window.isVisible():
            window = make()
            setattr(self, name, window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_settings(self) -> None:
        from counter_app.ui.settings_window import SettingsWindow  # loaded when first needed

        def make() -> QWidget:
            window = SettingsWindow(self._context, self._preferences or Preferences(), self)
            window.saved.connect(lambda _: self.read_desk_name())
            return window

        self._one("settings_window", make)

    def open_register(self) -> None:
        from counter_app.ui.register_dialog import RegisterDialog  # loaded when first needed

        self._one("register", lambda: RegisterDialog(self._context, self))

    def open_help(self) -> None:
        from counter_app.ui.help_window import HelpWindow

        self._one("help", lambda: HelpWindow(self._context.settings.language, self))

    def open_officers(self) -> None:
        from counter_app.ui.officers_window import OfficersWindow

        self._one("officers", lambda: OfficersWindow(self._context))

    def open_audit(self) -> None:
        from counter_app.ui.audit_window import AuditWindow

        self._one("audit", lambda: AuditWindow(self._context))

    def open_conflicts(self) -> None:
        from counter_app.ui.conflicts_window import ConflictsWindow

        self._one("conflicts", lambda: ConflictsWindow(self._context, self.open_dossier))

    def open_catalog(self) -> None:
        from counter_app.ui.catalog_window import CatalogWindow  # loaded when first needed

        self._one("catalog", lambda: CatalogWindow(self._context))

    def open_batch(self, action: Action) -> None:
        from counter_app.ui.batch_window import BatchWindow  # loaded when first needed

        def make() -> QWidget:
            window = BatchWindow(self._context, action)
            window.confirmed.connect(lambda _: self.refresh())
            return window

        batch = getattr(self, "batch", None)
        if batch is not None and alive(batch) and batch.action != action:
            self.batch = None  # the other kind stays open on its own
        self._one("batch", make)

    def new_reception(self) -> None:
        from counter_app.ui.intake_form import IntakeForm  # loaded when first needed

        def make() -> QWidget:
            form = IntakeForm(self._context)
            form.setWindowTitle(tr("Tiếp nhận hồ sơ"))
            fit(form, 1100, 700)
            form.received.connect(self._on_received)
            return form

        self._one("reception", make).find.setFocus()

    def _on_received(self, code: str) -> None:
        """Saved: the form closes and the receipt preview opens, ready to print."""
        self.reception.close()
        self.refresh()
        self.open_dossier(code, then_print="receipt")

    def open_dossier(self, code: str, then_print: str | None = None) -> None:
        from counter_app.ui.dossier_dialog import DossierDialog  # loaded when first needed

        dialog = DossierDialog(self._context, code, self)
        dialog.refused.connect(self._on_open_refused)
        dialog.refused.connect(lambda _: dialog.view is None and dialog.deleteLater())
        dialog.changed.connect(lambda _: self.refresh())
        dialog.loaded.connect(lambda _: dialog.show())
        if then_print:
            dialog.reprint(then_print)
        self.dossier_opened.emit(dialog)

    def _on_open_refused(self, message: str) -> None:
        QApplication.beep()
        self.tell(message)
