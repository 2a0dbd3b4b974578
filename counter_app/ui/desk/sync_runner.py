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

from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr

ONLINE_MS = 2_000
MAX_BACKOFF_MS = 60_000
PROBE_MS = 1_000  # offline: is the server back? (a TCP connect, sync/probe.py)


class SyncRunner(QObject):
    synced = Signal(object)  # the engine's Result
    failed = Signal(str)
    pulled = Signal(int)  # rows that came from the server: the lists may have changed
    login_required = Signal()  # an administrator came from the server: the desk must lock

    def __init__(self, context: AppContext, label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context, self.label = context, label
        self._running = False
        self._again = False  # something was recorded during the sync: another right after
        self._more_files = False  # documents' files still to send: another right after
        self._link: Any = None  # the line kept open (it reconnects by itself when cut)
        self._link_url: str | None = None
        self.delay = ONLINE_MS
        self.conflicts = 0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.run)
        self.pending_offline = 0  # what waits to be sent, counted when a sync failed
        self._probe = QTimer(self, interval=PROBE_MS)  # offline only
        self._probe.timeout.connect(self._probe_once)
        self._probing = False
        self._server_down = False  # a probe found the server's port closed

    def start(self) -> None:
        self.label.setText(tr("Đồng bộ: đang kết nối…"))
        self._timer.start(0)

    def stop(self) -> None:
        """No next sync, and the line closed (the window is closing)."""
        self._timer.stop()
        self._probe.stop()
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
                told = for_people(error)
                c.write(lambda s: state.put(s, "last_error", told))
                self.pending_offline = c.read(lambda s: pending_here(s))
                raise
            # then the documents' files, a bounded slice a round (sync/documents.py): more
            # waiting, the next round comes at once, and events never wait behind a file
            from counter_app.sync import documents

            sent = documents.upload_quietly(c.sessions, self._link, c.settings.db_url)
            self._more_files = bool(sent and sent.waiting and (sent.files or sent.bytes))
            # officers come from the server too: the first administrator turns login on
            needs_login = c.signed.officer_id is None and c.needs_login()
            return result, c.read(lambda s: open_conflicts(s)), needs_login

        c.tasks.run(work, self._on_synced, self._on_failed, owner=self.label)

    def _on_synced(self, answer: Any) -> None:
        self._running = False
        if answer is None:  # not joined (any more): nothing to do
            self.label.setText("")
            return
        result, open_count, needs_login = answer
        self.delay = ONLINE_MS
        self._probe.stop()
        self._server_down = False
        self.label.setToolTip("")
        self.conflicts = open_count
        conflicts = tr(" · xung đột cần xử lý: {}").format(open_count) if open_count else ""
        self.label.setText(tr("Trực tuyến · chờ gửi: {}{}").format(result.pending, conflicts))
        self.synced.emit(result)
        if needs_login:
            self.login_required.emit()
        if result.pulled:
            self.pulled.emit(result.pulled)
        self._timer.start(0 if self._again or self._more_files else self.delay)

    def _on_failed(self, error: Exception) -> None:
        self._running = False
        if self.delay == ONLINE_MS:  # online until now: the first probe that answers syncs
            self._server_down = True
        self.delay = min(self.delay * 2, MAX_BACKOFF_MS)
        self.label.setText(
            tr(
                "Mất kết nối máy chủ · chờ gửi: {} (giữ an toàn ở bàn) · thử lại sau {} giây"
            ).format(self.pending_offline, self.delay // 1000)
        )
        told = for_people(error)
        self.label.setToolTip(told)
        self.failed.emit(told)
        self._timer.start(self.delay)
        if not self._probe.isActive():
            self._probe.start()

    def _probe_once(self) -> None:
        """Offline: a cheap look at the server's port; back after being down, sync now."""
        if self._probing or self._running or self._link_url is None:
            return
        self._probing = True
        url = self._link_url

        def look() -> bool | None:
            from counter_app.sync.probe import reachable

            return reachable(url)

        def seen(up: bool | None) -> None:
            self._probing = False
            if up is False:
                self._server_down = True
            elif up and self._server_down and not self._running:
                self._server_down = False
                if self._link is not None:  # its connection died with the server
                    self._link.close()
                self._timer.stop()
                self.run()

        def lost(_: Exception) -> None:
            self._probing = False

        self._context.tasks.run(look, seen, lost, owner=self.label)


def pending_here(session: Any) -> int:
    from counter_app.services import desk
    from counter_app.sync import outbox, state

    return outbox.pending(
        session, desk.local_desk(session).id, state.get(session, "events_upto", 0)
    )


def open_conflicts(session: Any) -> int:
    from counter_app.sync.join import conflicts

    return sum(1 for c in conflicts(session) if not c.resolved)
