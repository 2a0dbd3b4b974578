"""Opening the desk's other screens: one window of each kind, loaded when first needed.

The main window inherits this; it keeps the navigation apart from the lists it shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.messages import for_people
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.desk.desk_keys import escape_closes
from counter_app.ui.i18n import tr
from counter_app.ui.preferences import Preferences
from counter_app.ui.screen_fit import fit
from counter_app.ui.tasks import alive

MESSAGE_MS = 15_000  # how long a status-bar message stays
SCAN_WAIT_MS = 5_000  # the most the rest of the start waits for a dossier scanned during it
DIALOG = "counter_app.ui.dossiers.dossier_dialog"

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.calls import CallStrip
    from counter_app.ui.desk.dossier_windows import DossierWindows
    from counter_app.ui.dossiers.dossier_dialog import DossierDialog


class Screens:
    _context: AppContext
    _preferences: Preferences | None
    dossier_opened: Any  # Signal(object) of the window
    refresh: Callable[[], None]
    syncing: Any  # the window's SyncRunner
    read_desk_name: Callable[[], None]
    row_count: Any  # QLabel of the window
    _settle: Callable[[], None]
    calls: CallStrip
    invite_rating: Callable[[], None]  # F7 (citizen/opening.py)
    full_started: bool  # the start is over (main_window.start)

    def _one(self, name: str, make: Callable[[], QWidget]) -> QWidget:
        """One window of each kind: asked for again, the open one comes to the front (a
        second reception or batch would split the officer's work and scans)."""
        window = getattr(self, name, None)
        if window is None or not alive(window) or not window.isVisible():
            window = make()
            escape_closes(window)
            setattr(self, name, window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_settings(self) -> None:
        from counter_app.ui.admin.settings_window import SettingsWindow  # loaded when first needed

        def make() -> QWidget:
            window = SettingsWindow(self._context, self._preferences or Preferences(), self)
            window.saved.connect(lambda _: self.read_desk_name())
            window.saved.connect(lambda _: self.calls.settings_saved())  # its counter number
            return window

        self._one("settings_window", make)

    def open_register(self) -> None:
        from counter_app.ui.prints.register_dialog import RegisterDialog  # loaded when first needed

        self._one("register", lambda: RegisterDialog(self._context, self))

    def open_cashup(self) -> None:
        from counter_app.ui.fees.cashup_dialog import CashUpDialog

        self._one("cashup", lambda: CashUpDialog(self._context, self))

    def open_help(self) -> None:
        from counter_app.ui.desk.help_window import HelpWindow

        self._one("help", lambda: HelpWindow(self._context.settings.language, self))

    def open_officers(self) -> None:
        from counter_app.ui.admin.officers_window import OfficersWindow

        self._one("officers", lambda: OfficersWindow(self._context))

    def open_audit(self) -> None:
        from counter_app.ui.admin.audit_window import AuditWindow

        self._one("audit", lambda: AuditWindow(self._context))

    def open_dashboard(self) -> None:
        from counter_app.ui.dashboard import open_dashboard

        window = getattr(self, "dashboard", None)
        if window is not None and alive(window) and window.isVisible():
            window.raise_()
            window.activateWindow()
            return
        self.dashboard = open_dashboard(self._context, None, self.open_dossier)
        escape_closes(self.dashboard)

    def open_backup(self) -> None:
        from counter_app.ui.admin.backup_window import BackupWindow

        self._one("backup", lambda: BackupWindow(self._context))

    def open_conflicts(self) -> None:
        from counter_app.ui.admin.conflicts_window import ConflictsWindow

        self._one("conflicts", lambda: ConflictsWindow(self._context, self.open_dossier))

    def open_catalog(self) -> None:
        from counter_app.ui.admin.catalog_window import CatalogWindow  # loaded when first needed

        self._one("catalog", lambda: CatalogWindow(self._context))

    def open_batch(self, action: Action) -> None:
        from counter_app.ui.handover.batch_window import BatchWindow  # loaded when first needed

        def make() -> QWidget:
            window = BatchWindow(self._context, action)
            window.confirmed.connect(lambda _: self.recorded())
            return window

        batch = getattr(self, "batch", None)
        if batch is not None and alive(batch) and batch.action != action:
            self.batch = None  # the other kind stays open on its own
        self._one("batch", make)

    def new_reception(self) -> None:
        from counter_app.ui.intake.intake_form import IntakeForm  # loaded when first needed

        def make() -> QWidget:
            form = IntakeForm(self._context)
            form.setWindowTitle(tr("Tiếp nhận hồ sơ"))
            fit(form, 1100, 700)
            form.received.connect(self._on_received)
            return form

        self._one("reception", make).find.setFocus()

    def recorded(self) -> None:
        """Something was recorded here: the lists show it, and it is pushed to the office
        server now (another desk sees it one sync sooner than at the next tick)."""
        self.refresh()
        self.syncing.soon()

    def _on_received(self, code: str) -> None:
        """Saved: the form closes and the receipt preview opens, ready to print (the desk
        may not quit until it is on screen: receipts_waiting)."""
        self.reception.close()
        self.recorded()
        self.calls.served(code, "reception")  # the ticket served here, if any, tied to it
        self._context.citizen.visited(code, "reception")  # the citizen's screen shows it
        self.open_dossier(code, then_print="receipt")

    def _returned(self, code: str) -> None:
        """A result returned: the ticket served here, if any, tied to it; the citizen's
        screen shows the dossier."""
        self.calls.served(code, "return")
        self._context.citizen.visited(code, "return")

    def receipts_waiting(self) -> bool:
        """A saved dossier whose receipt preview is not on screen yet (nor refused)."""
        waiting = getattr(self, "_receipts", [])
        waiting[:] = [d for d in waiting if alive(d) and d.property("receipt_waits")]
        return bool(waiting)

    def dossier_windows(self) -> DossierWindows:
        windows = getattr(self, "_dossier_windows", None)
        if windows is None:
            from counter_app.ui.desk.dossier_windows import DossierWindows

            windows = self._dossier_windows = DossierWindows(
                self._context, self, self._wire_dossier
            )  # type: ignore[arg-type]
        return windows

    def _wire_dossier(self, dialog: DossierDialog) -> None:
        """A dossier window's signals, connected once in its life (it is reused)."""
        dialog.refused.connect(self._on_open_refused)
        dialog.refused.connect(
            lambda _: dialog.view is None and self.dossier_windows().release(dialog)
        )
        dialog.changed.connect(lambda _: self.recorded())
        dialog.invited.connect(self.invite_rating)
        dialog.changed.connect(
            lambda action: action == Action.RETURN and self._returned(dialog.code)
        )
        dialog.loaded.connect(lambda _: dialog.show())
        for done in (dialog.refused, dialog.preview_shown):  # on screen, or told why not
            done.connect(lambda *_: dialog.setProperty("receipt_waits", False))

    def open_dossier(self, code: str, then_print: str | None = None) -> None:
        early = then_print is None and not self.full_started
        if early:  # scanned during the start: the other screens' loading waits until this
            # dossier is on screen (when_no_scan_waits)
            self._scans_waiting = getattr(self, "_scans_waiting", 0) + 1
        if then_print is None and DIALOG not in sys.modules:
            # Scanned before the screens were loaded ahead: what the window needs below Qt
            # (SQLAlchemy, the models, the services) is imported in a worker, not on the
            # GUI thread, which stays free meanwhile.
            from counter_app.ui.desk import preload

            self._context.tasks.run(
                preload.dossier_services,
                lambda _: self._open_dossier(code, None, early),
                lambda e: (self._on_failed(e), early and self._scan_shown()),
                owner=self,
            )  # type: ignore[arg-type]
            return
        self._open_dossier(code, then_print, early)

    def _scan_shown(self, *_: object) -> None:
        if getattr(self, "_scans_waiting", 0) > 0:
            self._scans_waiting -= 1
        if not self._scans_waiting:
            self._run_after_scans()

    def when_no_scan_waits(self, then: Callable[[], None]) -> None:
        """`then` now, or once the dossiers scanned during the start are on screen (their
        look, and the dossier window's first import, compete with what `then` loads); at
        the latest after SCAN_WAIT_MS: a window that never opens does not hold the start."""
        if getattr(self, "_scans_waiting", 0):
            self._after_scans = [*getattr(self, "_after_scans", []), then]
            QTimer.singleShot(SCAN_WAIT_MS, self, self._run_after_scans)  # type: ignore[call-overload]
        else:
            then()

    def _run_after_scans(self) -> None:
        waiting, self._after_scans = getattr(self, "_after_scans", []), []
        for then in waiting:
            then()

    def _open_dossier(self, code: str, then_print: str | None, early: bool = False) -> None:
        dialog = self.dossier_windows().open(code)
        if early:
            for told in (dialog.loaded, dialog.refused):
                told.connect(self._scan_shown, Qt.ConnectionType.SingleShotConnection)
        if then_print:
            dialog.reprint(then_print)
        if then_print == "receipt":
            dialog.setProperty("receipt_waits", True)
            self._receipts = [*getattr(self, "_receipts", []), dialog]
        self.dossier_opened.emit(dialog)

    def _on_open_refused(self, message: str) -> None:
        QApplication.beep()
        self.tell(message)

    def _on_failed(self, error: Exception) -> None:
        """Database trouble (locked, read-only, damaged, too new…) is told in a window that
        says what happened and what to do; anything else in the status bar."""
        from counter_app.db_trouble import explain
        from counter_app.errors import LoginNeeded

        if isinstance(error, LoginNeeded):
            return  # the desk has locked itself (main window's watcher): its page says why
        trouble = explain(error)
        if trouble is None:
            self.tell(tr("Lỗi: {}").format(for_people(error)))
        else:
            self.row_count.setText(tr("Không mở được cơ sở dữ liệu"))
            self.trouble = QMessageBox(
                QMessageBox.Icon.Critical,
                tr("Cơ sở dữ liệu"),
                str(trouble),
                QMessageBox.StandardButton.Close,
                self,
            )
            self.trouble.setModal(False)  # the officer reads it; nothing waits on it
            self.trouble.show()
        self._settle()

    def tell(self, message: str) -> None:
        """A passing message in the status bar: gone after a while, so nothing a citizen
        should not read over the officer's shoulder stays on screen all session."""
        self.statusBar().showMessage(message, MESSAGE_MS)  # type: ignore[attr-defined]
