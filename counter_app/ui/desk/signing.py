"""Who is at the desk: the login page at start (when the database needs one), Ctrl+L and
idle lock, switching officer without closing, and the screens each role is offered.

The main window inherits this. While the desk is locked its lists are emptied and every
other window is hidden; the same officer gets them back, another officer does not (their
half-typed work belonged to the one who left).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from counter_app.acting.roles import Permission, allows
from counter_app.officers.signed import SignedIn
from counter_app.ui.desk import desk_keys
from counter_app.ui.i18n import tr
from counter_app.ui.tasks import alive

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.idle import IdleWatch
    from counter_app.ui.desk.lock_page import LockPage


class Signing:
    _context: AppContext
    actions: dict[str, QAction]
    pages: QStackedWidget
    lock_page: LockPage
    model: Any
    online: Any  # OnlinePage
    locked: Callable[[], bool]  # the lock page shown (hidden_pages.py)
    idle: IdleWatch | None = None
    _hidden: list[QWidget]

    def may(self, permission: Permission) -> bool:
        return allows(self._context.signed, permission)

    def offer_screens(self) -> None:
        desk_keys.offer(self.actions, self.may)

    def ask_login(self) -> None:
        """The database needs a login before anything with names is shown (a window opened
        meanwhile waits behind the lock for whoever signs in)."""
        self._hide_windows()
        self._show_lock_page(None)

    def login_became_required(self) -> None:
        """An administrator now exists (created here, or at another desk and pulled by the
        sync) and nobody signed in: the desk locks itself at once. What is open (a
        half-typed reception) is kept behind the lock for whoever signs in."""
        if self._context.signed.officer_id is not None or self.locked():
            return
        self._hide_windows()
        self._show_lock_page(None)
        self.lock_page.message.setText(
            tr(
                "Văn phòng vừa bật đăng nhập (đã có tài khoản quản trị): bàn đã tự khoá. Cán bộ "
                "đăng nhập bằng tài khoản của mình; việc đang làm dở được giữ nguyên."
            )
        )

    def _hide_windows(self) -> None:
        self._hidden = [
            w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()
        ]
        for window in self._hidden:
            window.hide()

    def lock(self) -> None:
        """Ctrl+L or idle: nothing of the desk stays readable until a login."""
        signed = self._context.signed
        if self.locked():
            return  # locked already
        if signed.officer_id is None:  # said, never silently ignored
            self.tell(
                tr(  # type: ignore[attr-defined]
                    "Không khoá được: bàn chưa bật đăng nhập (chưa có tài khoản quản trị; tạo ở "
                    "Quản lý → Cán bộ)."
                )
            )
            return
        from counter_app.officers import session

        c = self._context
        c.tasks.run(
            lambda: session.sign_out(c.place, signed, c.now(), "lock"),
            lambda _: None,
            lambda _: None,
            owner=None,
        )
        self._hide_windows()
        self._context.digitisation.close_token()  # the next signature asks the PIN again
        self._show_lock_page(signed)

    def _show_lock_page(self, locked_by: SignedIn | None) -> None:
        self.model.set_rows([], self._context.now())  # no names left on screen
        self.online.set_rows([], self._context.now())
        if self._context.citizen_started:  # nothing invited in the name of who left
            self._context.citizen.reset()
        self.menuBar().setEnabled(False)  # type: ignore[attr-defined]
        for action in self.actions.values():
            action.setEnabled(False)
        self.row_count.setText(tr("Chờ đăng nhập"))  # type: ignore[attr-defined]
        self.pages.setCurrentWidget(self.lock_page)
        self.lock_page.ask(locked_by)

    def on_signed_in(self, signed: SignedIn) -> None:
        """Unlocked by the same officer: their windows come back. Another officer: the
        windows of the one who left are closed, and the desk is theirs."""
        # the same officer, or the first login of a desk that worked without one: what was
        # open is theirs
        same = self._context.signed.officer_id in (None, signed.officer_id)
        self._context.signed = signed
        for window in getattr(self, "_hidden", []):
            if alive(window):
                if same:
                    window.show()
                else:
                    window.deleteLater()
        self._hidden = []
        self.menuBar().setEnabled(True)  # type: ignore[attr-defined]
        for action in self.actions.values():
            action.setEnabled(True)
        self.offer_screens()
        self.pages.setCurrentIndex(0)
        if self.idle is not None:
            self.idle.restart()
        self.read_desk_name()  # type: ignore[attr-defined]
        self.refresh()  # type: ignore[attr-defined]
        self.syncing.start()  # type: ignore[attr-defined]
