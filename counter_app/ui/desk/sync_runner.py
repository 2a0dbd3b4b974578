"""The desk syncs with its office server in the background: every 2 s while online, less and
less often while the line is down (up to a minute), never on the GUI thread; right away
when the officer has just recorded something (another desk sees it a sync sooner). One
connection is kept from sync to sync: opening one costs the server more than the sync.
The status bar says online or offline, what waits to be sent, and the conflicts to look
at."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr

ONLINE_MS = 2_000
MAX_BACKOFF_MS = 60_000


class SyncRunner(QObject):
    synced = Signal(object)  # the engine's Result
    failed = Signal(str)
    pulled = Signal(int)  # rows that came from the server: the lists may have changed

    def __init__(self, context: AppContext, label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context, self.label = context, label
        self._running = False
        self._again = False  # something was recorded during the sync: another right after
        self._link: Any = None  # the line kept open (it reconnects by itself when cut)
        self._link_url: str | None = None
        self.delay = ONLINE_MS
        self.conflicts = 0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.run)

    def start(self) -> None:
        self.label.setText(tr("Đồng bộ: đang kết nối…"))
        self._timer.start(0)

    def stop(self) -> None:
        """No next sync, and the line closed (the window is closing)."""
        self._timer.stop()
        if self._link is not None:
            self._link.close()

    def soon(self) -> None:
        """The officer recorded something: push it now rather than at the next tick (while
        online; offline, the backing off goes on)."""
        if self._running:
            self._again = True
        elif self.delay == ONLINE_MS and self._timer.isActive():
            self._timer.start(0)

    def run(self) -> None:
        """One sync in the pool; the next is planned when it ends (never two at once)."""
        if self._running:
            return
        self._running, self._again = True, False
        c = self._context

        def work() -> Any:
            from counter_app.sync import engine, state
            from counter_app.sync.link import Link

            url = state.load_url(c.settings.db_url)
            if url is None:
                return None
            if self._link is None or self._link_url != url:  # joined (again)
                if self._link is not None:
                    self._link.close()
                self._link, self._link_url = Link(url), url
            try:
                result = engine.sync_once(c.sessions, self._link, c.now, c.settings.agency_code)
            except Exception as error:
                told = str(error)
                c.write(lambda s: state.put(s, "last_error", told))
                raise
            return result, c.read(lambda s: open_conflicts(s))

        c.tasks.run(work, self._on_synced, self._on_failed, owner=self.label)


    def _on_synced(self, answer: Any) -> None:
        self._running = False
        if answer is None:  # not joined (any more): nothing to do
            self.label.setText("")
            return
        result, open_count = answer
        self.delay = ONLINE_MS
        self.conflicts = open_count
        conflicts = tr(" · xung đột cần xử lý: {}").format(open_count) if open_count else ""
        self.label.setText(tr("Trực tuyến · chờ gửi: {}{}").format(result.pending, conflicts))
        self.synced.emit(result)
        if result.pulled:
            self.pulled.emit(result.pulled)
        self._timer.start(0 if self._again else self.delay)

    def _on_failed(self, error: Exception) -> None:
        self._running = False
        self.delay = min(self.delay * 2, MAX_BACKOFF_MS)
        self.label.setText(tr("Mất kết nối máy chủ — dữ liệu giữ ở bàn, thử lại sau {} giây")
                           .format(self.delay // 1000))  # fmt: skip
        self.label.setToolTip(str(error))
        self.failed.emit(str(error))
        self._timer.start(self.delay)


def open_conflicts(session: Any) -> int:
    from counter_app.sync.join import conflicts

    return sum(1 for c in conflicts(session) if not c.resolved)
