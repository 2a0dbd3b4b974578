"""The main window's lists: a worklist or a search's results in the table, each query in
the pool, an older request's answer dropped when a newer one was made. The online
dossiers waiting for an answer have their own table (online_page.py), with their
deadlines; their count is read again every minute (`portal import` runs beside the desk).

The main window inherits this."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal

from counter_app.acting.roles import Permission, allows
from counter_app.services.worklists.worklist_kinds import Worklist
from counter_app.ui.dossiers.dossier_table import DossierTableModel
from counter_app.ui.i18n import tr

ONLINE_POLL_MS = 60_000  # the online dossiers counted again, their time left moved on

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QListView, QSplitter, QStackedWidget
    from sqlalchemy.orm import Session

    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.online_page import OnlinePage
    from counter_app.ui.desk.worklist_model import WorklistModel
    from counter_app.ui.table_base import TableView


class Lists:
    _context: AppContext
    _current: Worklist | None
    _query: str
    _generation: int
    _shown: bool
    _settled: bool
    lists: WorklistModel
    list_view: QListView
    model: DossierTableModel
    table: TableView
    online: OnlinePage
    right: QStackedWidget  # the table, or the online page
    pages: QStackedWidget
    splitter: QSplitter
    full_started: bool
    row_count: QLabel
    worklist_shown: Signal
    settled: Signal
    _on_failed: Any
    tell: Any

    def refresh(self) -> None:
        if self._current is None:
            self.find(self._query)
        else:
            self.show_list(self._current)

    def _on_list_chosen(self, index: QModelIndex) -> None:
        if index.isValid() and self.lists.worklist(index.row()) != self._current:
            self.show_list(self.lists.worklist(index.row()))

    def show_list(self, worklist: Worklist) -> None:
        self._current = worklist
        self._context.tasks.run(
            lambda: self._load(worklist), self._answer(self._next()), self._on_failed, owner=self
        )

    def _next(self) -> int:
        self._generation += 1
        return self._generation

    def _answer(self, generation: int):  # type: ignore[no-untyped-def]
        """Rows for request `generation`, shown only if no newer request was made."""

        def deliver(loaded) -> None:  # type: ignore[no-untyped-def]
            if generation == self._generation:
                self._on_rows(loaded)

        return deliver

    def _load(self, worklist: Worklist, at_start: bool = False):  # type: ignore[no-untyped-def]
        """The list's rows and the counts (`at_start`: without COUNTED_LATER's, which
        `count_later` gives once the desk has started)."""
        from counter_app.services.worklists import worklists  # the database stack, in a worker

        c, now = self._context, self._context.now()
        counted = [w for w in Worklist if not (at_start and w in worklists.COUNTED_LATER)]
        # Read in a read transaction, then recorded (the same entry) in a short writing one:
        # read inside the recording's, the counts (~0.3 s at 200,000 dossiers, seconds at
        # 2 M) held the database's write lock, and a scan at start waited for it. Nothing
        # read is shown unless it was recorded.
        got = c.read(lambda s: (_rows(s, worklist, now), worklists.counts(s, now, counted), now))
        return c.look(
            lambda _s, _who: got,
            "list",
            detail=lambda got: {"list": worklist.value, "rows": len(got[0])},
        )

    def show_online(self) -> None:
        """F6, from any window: the online dossiers waiting, the focus in their list."""
        self.raise_()  # type: ignore[attr-defined]
        self.activateWindow()  # type: ignore[attr-defined]
        self.online.want_focus()
        self.show_list(Worklist.ONLINE)

    def poll_online(self) -> None:
        """Every minute, the desk open: the online dossiers imported meanwhile (by `portal
        import` beside the desk) counted, and their list, when shown, read again (the time
        left moves on; the current dossier stays current). Not written to the audit trail
        each minute: these rows name no one (code, procedure, times)."""
        if not self.full_started or self.pages.currentWidget() is not self.splitter:
            return
        from counter_app.services.worklists import worklists

        c, now, generation = self._context, self._context.now(), self._generation
        shown = self._current == Worklist.ONLINE

        def read(s: Session) -> tuple[list[Any] | None, dict[Worklist, int]]:
            rows = _rows(s, Worklist.ONLINE, now) if shown else None
            return rows, worklists.counts(s, now, [Worklist.ONLINE])

        def done(got: tuple[list[Any] | None, dict[Worklist, int]]) -> None:
            rows, counts = got
            self.lists.update_counts(counts)
            if rows is not None and generation == self._generation:  # nothing newer asked
                self.online.set_rows(rows, now)
                self.row_count.setText(tr("{} hồ sơ").format(len(rows)))

        c.tasks.run(lambda: c.read(read), done, self._on_failed, owner=self)

    def count_later(self, then: Callable[[], None] = lambda: None) -> None:
        """The counts the start left out (COUNTED_LATER), in the background (a refresh that
        counted them meanwhile keeps its own); `then` runs once they came or failed."""
        from counter_app.services.worklists import worklists

        c, now = self._context, self._context.now()

        def counted(counts: dict[Worklist, int]) -> None:
            try:
                self.lists.add_counts(counts)
            finally:  # what comes after does not depend on the counts shown
                then()

        c.tasks.run(
            lambda: c.read(lambda s: worklists.counts(s, now, worklists.COUNTED_LATER)),
            counted,
            lambda error: (self._on_failed(error), then()),
            owner=self,
        )

    def _on_search(self) -> None:
        self.find(self.search.text().strip())

    def find(self, query: str, told: str | None = None) -> None:
        """The dossiers matching `query` (code, name, ID number, phone) in the table;
        `told` ({} for how many) goes to the status bar when they are shown."""
        from counter_app.services.worklists import worklists

        now, generation = self._context.now(), self._next()
        self._current, self._query = None, query
        self.row_count.setText(tr("Đang tìm…"))

        def shown(loaded) -> None:  # type: ignore[no-untyped-def]
            self._answer(generation)(loaded)
            if told and generation == self._generation:
                self.tell(told.format(len(loaded[0])))

        self._context.tasks.run(
            lambda: self._context.look(
                lambda s, who: (
                    worklists.matching(s, query, personal=allows(who, Permission.READ_PERSONAL)),
                    worklists.counts(s, now),
                    now,
                ),
                "list",
                detail=lambda got: {"list": "search", "rows": len(got[0])},
            ),
            shown,
            self._on_failed,
            owner=self,
        )

    def _on_rows(self, loaded) -> None:  # type: ignore[no-untyped-def]
        rows, counts, now = loaded
        if self._current == Worklist.ONLINE:
            self.online.set_rows(rows, now)
            self.right.setCurrentWidget(self.online)
        else:
            self.model.set_rows(rows, now)
            self.right.setCurrentWidget(self.table)
            for column in range(DossierTableModel.PROCEDURE):
                self.table.resizeColumnToContents(column)
        self.list_view.setCurrentIndex(  # search results: no list highlighted
            self.lists.index(list(Worklist).index(self._current))
            if self._current
            else QModelIndex()
        )
        self.lists.set_counts(counts)  # the snapshot leaves out "behind": shown without count
        self.row_count.setText(tr("{} hồ sơ").format(len(rows)))
        if not self._shown:
            self._shown = True
            self.worklist_shown.emit(len(rows))
        self._settle()

    def _settle(self) -> None:
        if not self._settled:
            self._settled = True
            self.settled.emit()


def _rows(session: Session, worklist: Worklist, now: datetime) -> list[Any]:
    """A worklist's rows; the online dossiers with the time left to answer each."""
    if worklist == Worklist.ONLINE:
        from counter_app.portal.waiting import waiting

        return waiting(session, now)  # type: ignore[return-value]
    from counter_app.services.worklists import worklists

    return worklists.rows(session, worklist, now)  # type: ignore[return-value]
