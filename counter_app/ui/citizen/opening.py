"""The desk's keys for the citizen's side (the main window inherits this): Ctrl+M shows the
citizen's screen (on the second screen when there is one), F11 «Mời đánh giá» invites the
citizen to rate the visit it shows (the officer's windows have nothing that records a
rating), and the complaints register's list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.ui.i18n import tr
from counter_app.ui.tasks import alive

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.ui.citizen.window import CitizenWindow


class CitizenScreen:
    _context: AppContext
    citizen_window: CitizenWindow | None = None
    tell: Any  # the main window's status-bar message
    _one: Any  # one window of each kind (desk/screens.py)

    def open_complaints(self) -> None:
        from counter_app.ui.citizen.complaints_window import ComplaintsWindow

        self._one("complaints_window", lambda: ComplaintsWindow(self._context))

    def open_citizen_screen(self) -> CitizenWindow:
        from counter_app.ui.citizen.window import CitizenWindow, place

        window = self.citizen_window
        if window is None or not alive(window):
            desk = self._context.citizen
            window = self.citizen_window = CitizenWindow(desk)
            desk.refused.connect(self._on_invite_refused)
            desk.armed.connect(self._on_invited)
        if not window.isVisible():
            place(window, self)  # type: ignore[arg-type]
        return window

    def invite_rating(self) -> None:
        """F11: the citizen's screen asks the citizen to rate the visit it shows."""
        self.open_citizen_screen()
        self._context.citizen.invite()

    def _on_invited(self, armed: Any) -> None:
        self.tell(
            tr("Đã mời công dân đánh giá hồ sơ {} (trong {} giây).").format(
                armed.showing.code, int(self._context.citizen.arming.window_s)
            )
        )

    def _on_invite_refused(self, message: str) -> None:
        self.tell(message)
