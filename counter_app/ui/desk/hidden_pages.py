"""The two pages the main window shows only now and then, in place of its list: the online
dossiers waiting for an answer (F6) and the lock page (the login, Ctrl+L, the idle lock).

Neither is on screen when the desk opens, so neither is built before the first list is
painted: each is built where it is first needed, and both just after that paint
(`build_pages`, from the main window). Built first, they took ~7 ms of the officer's wait
for the first list, most of it Python making the enums of the Qt types they use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.lock_page import LockPage
    from counter_app.ui.desk.online_page import OnlinePage


class HiddenPages:
    _context: AppContext
    right: QStackedWidget  # the dossiers' table, or the online page
    pages: QStackedWidget  # the desk, or the lock page
    _online_page: OnlinePage | None = None
    _lock_page: LockPage | None = None
    open_dossier: Any
    on_signed_in: Any
    tell: Any
    list_view: Any
    _on_online_answered: Any

    @property
    def online(self) -> OnlinePage:
        """The online dossiers waiting for an answer, beside the dossiers' table."""
        return self._build_online() if self._online_page is None else self._online_page

    @property
    def lock_page(self) -> LockPage:
        """The login and the locked desk, in the desk's place."""
        return self._build_lock() if self._lock_page is None else self._lock_page

    def locked(self) -> bool:
        """The lock page is what the desk shows (never built: it is not)."""
        return self._lock_page is not None and self.pages.currentWidget() is self._lock_page

    def build_pages(self) -> None:
        """Both pages built now (after the first list is painted): the first F6 or lock
        does not wait for them."""
        if self._online_page is None:
            self._build_online()
        if self._lock_page is None:
            self._build_lock()

    def _build_online(self) -> OnlinePage:
        from counter_app.ui.desk.online_page import OnlinePage

        page = self._online_page = OnlinePage(self._context)
        self.right.addWidget(page)
        page.open_requested.connect(self.open_dossier)
        page.answered.connect(self._on_online_answered)
        page.told.connect(self.tell)
        page.emptied.connect(self.list_view.setFocus)
        return page

    def _build_lock(self) -> LockPage:
        from counter_app.ui.desk.lock_page import LockPage

        page = self._lock_page = LockPage(self._context)
        page.signed_in.connect(self.on_signed_in)
        self.pages.addWidget(page)
        return page
