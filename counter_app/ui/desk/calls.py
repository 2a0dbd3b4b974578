"""The desk's calls (docs/hall.md, "At the desk"): F12 calls the next citizen of the
services this counter serves, Shift+F12 calls the same ticket again, Ctrl+F12 skips it
(not there), Ctrl+Shift+F12 transfers a ticket to another service or counter. Every call
is asked in the thread pool; the strip above the list says what this counter serves now
("Đang phục vụ: A021 — chờ 12 phút") and how many wait for it.

The counter is the desk's "Quầy số" setting (Ctrl+,): without it F12 is refused and says
where to set it. A reception or a return the officer then records is linked to the
ticket being served (queue/dossier_link.py, as `receive|return --ticket` does), and the
strip clears. With the office server gone, the desk says so and calls nothing; an F12
whose answer was lost is repeated with the same token, so it gets that ticket back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from counter_app.messages import for_people
from counter_app.ui.hall.queue_line import QueueLine
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from counter_app.queue.base import Called, Linked, Queue, Status, Ticket
    from counter_app.ui.app import AppContext

WAITING_MS = 10_000  # how often the count of people waiting is read (a counter set)
NO_COUNTER = "Chưa đặt số quầy của bàn này: vào Cài đặt (Ctrl+,), mục «Quầy số», rồi gọi số."
SERVER_GONE = "Máy chủ văn phòng không trả lời: bàn không gọi số nào (để không gọi trùng)."


def waiting_for(status: Status, counter: int) -> int:
    """People waiting in the lines this counter calls from (a line with no counters
    listed is every counter's)."""
    return sum(s.waiting for s in status.services if not s.counters or counter in s.counters)


class CallStrip(QFrame):
    called = Signal(object)  # the Called now served here, or None: nobody waits
    linked = Signal(object)  # the Linked: a dossier tied to the ticket served
    transferred = Signal(object)  # the Ticket moved

    def __init__(
        self, context: AppContext, tell: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._tell = context, tell
        self.line = QueueLine(context)
        self.current: Called | None = None
        self._token: str | None = None  # an F12 not answered yet: repeated as it was
        self._busy = self._reading = False
        self.serving = QLabel()
        self.waiting = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.serving, 1)
        row.addWidget(self.waiting)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._timer = QTimer(self, interval=WAITING_MS, timeout=self.read_waiting)
        self._show()

    @property
    def counter(self) -> int | None:
        return self._context.settings.counter  # the settings screen changes it at once

    def _show(self, trouble: str = "") -> None:
        c = self.current
        if trouble:
            text = trouble
        elif self.counter is None:
            text = tr("Hàng chờ: bàn chưa đặt số quầy (Ctrl+, → Quầy số)")
        elif c is None:
            text = tr("Quầy {}: chưa gọi số nào — F12 gọi số tiếp theo").format(self.counter)
        else:
            text = tr("Đang phục vụ: {} — chờ {} phút").format(c.ticket, c.waited_s // 60)
        self.serving.setText(text)
        self.serving.setStyleSheet("color: #a00" if trouble else "")
        if self.counter is not None and not self._timer.isActive():
            self._timer.start()
            self.read_waiting()

    def settings_saved(self) -> None:
        """The counter number may have changed: the strip says the new one at once."""
        if self.current is None:
            self._show()
        self.read_waiting()

    def read_waiting(self) -> None:
        counter = self.counter
        if counter is None:
            self._timer.stop()
            self.waiting.clear()
            return
        if self._reading:
            return  # the last count is still being read (a server slow to answer)
        self._reading = True

        def read(n: int) -> None:
            self._reading = False
            self.waiting.setText(tr("Đang chờ quầy {}: {} người").format(counter, n))

        def unread(_: Exception) -> None:
            self._reading = False
            self.waiting.setText(tr("Đang chờ: không đọc được"))

        self.line.ask(lambda q: waiting_for(q.status(0), counter), read, unread, owner=self)

    def _ask(
        self, work: Callable[[Queue, int, str], object], done: Callable[[object], None]
    ) -> None:
        """One call at a time, for this counter, by the signed-in officer."""
        counter = self.counter
        if counter is None:
            QApplication.beep()
            self._tell(tr(NO_COUNTER))
            return
        if self._busy:
            return  # the previous key is being answered
        self._busy = True
        officer = self._context.signed.username

        def finished(answer: object) -> None:
            self._busy = False
            done(answer)

        self.line.ask(lambda q: work(q, counter, officer), finished, self._on_failed, owner=self)

    def _on_failed(self, error: Exception) -> None:
        from counter_app.queue.base import QueueRefused, QueueUnavailable

        self._busy = False
        if isinstance(error, QueueRefused):
            self._token = None  # nothing was done: the next F12 is a new one
        QApplication.beep()
        self._tell(for_people(error))  # the whole reason (the server's address…)
        self._show(tr(SERVER_GONE) if isinstance(error, QueueUnavailable) else for_people(error))

    # the keys

    def call_next(self) -> None:
        """F12."""
        from uuid import uuid4  # not before the first list: uuid loads `platform`

        token = self._token = self._token or f"desk-{uuid4().hex[:20]}"
        self._ask(lambda q, n, who: q.call_next(n, who, token), self._on_called)

    def _on_called(self, answer: object) -> None:
        from counter_app.queue.base import Called  # not on the start's path (5 ms)

        assert answer is None or isinstance(answer, Called)
        self._token = None
        if answer is None:
            self._tell(tr("Không còn ai chờ quầy {}.").format(self.counter))
        else:
            self.current = answer
        self._show()
        self.read_waiting()
        self.called.emit(answer)

    def recall(self) -> None:
        """Shift+F12: the display shows it and the voice says it again."""
        self._ask(lambda q, n, who: q.recall(n, who), self._on_recalled)

    def _on_recalled(self, answer: object) -> None:
        from counter_app.queue.base import Called

        assert isinstance(answer, Called)
        self.current = answer
        self._tell(tr("Đã gọi lại số {}.").format(answer.ticket))
        self._show()

    def skip(self) -> None:
        """Ctrl+F12: the citizen is not there; the next F12 calls the next one."""
        self._ask(lambda q, n, who: q.skip(n, who), self._on_skipped)

    def _on_skipped(self, answer: object) -> None:
        from counter_app.queue.base import Ticket

        assert isinstance(answer, Ticket)
        self.current = None
        self._tell(tr("Đã bỏ qua số {} (trở lại được trong 30 phút).").format(answer.ticket))
        self._show()
        self.read_waiting()

    def transfer(self) -> None:
        """Ctrl+Shift+F12: a ticket (the one served here, by default) to another line."""
        from counter_app.ui.desk.transfer_dialog import TransferDialog

        dialog = TransferDialog(self.line, self.current.ticket if self.current else "", self)
        dialog.moved.connect(self._on_transferred)
        dialog.open()

    def _on_transferred(self, moved: Ticket) -> None:
        if self.current is not None and self.current.ticket == moved.ticket:
            self.current = None
        target = moved.service if moved.wanted_counter is None else moved.wanted_counter
        self._tell(tr("Đã chuyển số {} sang {}.").format(moved.ticket, target))
        self._show()
        self.read_waiting()
        self.transferred.emit(moved)

    # a reception or return recorded here: linked to the ticket served

    def served(self, code: str, action: str) -> None:
        """`code` was received (action "reception") or returned ("return") at this desk."""
        current = self.current
        if current is None:
            return
        from counter_app.queue.dossier_link import link_dossier

        c = self._context

        def failed(error: Exception) -> None:
            self._tell(
                tr("Hồ sơ {} đã được ghi, nhưng chưa gắn được với số {}: {}").format(
                    code, current.ticket, for_people(error)
                )
            )

        self.line.ask(
            lambda q: link_dossier(q, c.sessions, current.ticket, code, action),
            self._on_linked,
            failed,
            owner=self,
        )

    def _on_linked(self, linked: Linked) -> None:
        if self.current is not None and self.current.ticket == linked.ticket:
            self.current = None
        self._show()
        self.linked.emit(linked)

    def close_line(self) -> None:
        self._timer.stop()
        self.line.close()
