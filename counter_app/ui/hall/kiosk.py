"""The kiosk (`counter-app kiosk`, docs/hall.md): a citizen touches a service, the queue
issues a ticket (in the thread pool, with a retry token: touch_tokens.py), the ticket
prints (thermal or PDF: ticket_output.py, in the pool) and shows on screen for a few
seconds. A printer that fails leaves the number on screen with what to do, and the
ticket in the queue; the office server not answering issues nothing and says so.

Staff keys: Ctrl+Shift+Q leaves kiosk mode (after a confirmation; nothing else closes
the window), Ctrl+P prints the last ticket again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from counter_app.messages import for_people
from counter_app.queue.base import Issued, QueueRefused, QueueUnavailable, Service
from counter_app.thermal import Ticket
from counter_app.ui.hall.kiosk_pages import STYLE, ServicesPage, TicketPage
from counter_app.ui.hall.queue_line import QueueLine
from counter_app.ui.hall.ticket_output import Printed, TicketOutput, for_citizen
from counter_app.ui.hall.touch_tokens import TouchTokens
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.queue.base import Queue
    from counter_app.ui.app import AppContext

SHOWN_MS = 8_000  # a printed ticket stays on screen so long
FAILED_MS = 60_000  # a ticket that did not print: long enough to note the number
MESSAGE_MS = 10_000
REFRESH_MS = 30_000  # the services read again (one opened or closed meanwhile)
RETRY_START_MS = 5_000
SERVER_SILENT = "Máy chủ văn phòng không trả lời — xin chờ giây lát"
AGENCY = "Bộ phận tiếp nhận và trả kết quả"


class KioskWindow(QWidget):
    services_shown = Signal(int)  # buttons on screen
    ticket_shown = Signal(object)  # the Issued on screen
    printed = Signal(str)  # the ticket printed
    print_failed = Signal(str)  # what the citizen reads
    told = Signal(str)  # a message on the services page

    def __init__(
        self,
        context: AppContext,
        output: TicketOutput | None,
        output_error: str = "",
        line: QueueLine | None = None,
    ) -> None:
        """`output` None: the printer setting is wrong (`output_error` says why): tickets
        are still issued and shown, and the staff told."""
        super().__init__()
        self._context, self._output, self._output_error = context, output, output_error
        self.line = line or QueueLine(context, prepare=True)
        self.tokens = TouchTokens()
        self._busy = self._may_close = False
        self._agency = (tr(AGENCY), "")
        self.last: Issued | None = None
        self._printed: set[str] = set()  # tickets printed or printing (not twice)
        self.setWindowTitle(tr("Lấy số thứ tự"))
        self.services, self.ticket = ServicesPage(), TicketPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.services)
        self.pages.addWidget(self.ticket)
        self.pages.setStyleSheet(STYLE)  # the pages only: the staff's question stays plain
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.addWidget(self.pages)
        self.services.touched.connect(self._on_touched)
        self.ticket.done.connect(self._back)
        self.ticket.reprint.connect(self._on_reprint)
        self._back_timer = QTimer(self, singleShot=True, timeout=self._back)
        self._message_timer = QTimer(
            self, singleShot=True, timeout=lambda: self.services.message.clear()
        )
        self._refresh = QTimer(self, interval=REFRESH_MS, timeout=self._read_services)
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, activated=self._on_exit_asked)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: self._on_reprint(False))

    # start and services

    def start(self) -> None:
        """The agency and the services, read in the pool; tried again while it fails."""

        def load(queue: Queue) -> tuple[tuple[str, str], list[Service]]:
            return self._read_agency(), queue.services()

        self.line.ask(load, self._on_loaded, self._on_start_failed, owner=self)

    def _read_agency(self) -> tuple[str, str]:
        from counter_app.errors import CounterError
        from counter_app.services import desk

        c = self._context
        try:
            agency = c.read(lambda s: desk.desk_agency(s, c.settings.agency_code))
        except CounterError:  # no catalog on this PC: the ticket names the centre
            return self._agency
        return agency.name, agency.code

    def _on_loaded(self, loaded: tuple[tuple[str, str], list[Service]]) -> None:
        self._agency, services = loaded
        self.services.agency.setText(self._agency[0])
        self._show_services(services)
        self._refresh.start()
        if self._output is None:
            self._tell(tr("Máy in phiếu chưa đặt đúng: {}").format(self._output_error))

    def _on_start_failed(self, error: Exception) -> None:
        self.services.agency.setText(self._agency[0])
        self._tell(tr(SERVER_SILENT) if isinstance(error, QueueUnavailable) else for_people(error))
        QTimer.singleShot(RETRY_START_MS, self, self.start)

    def _read_services(self) -> None:
        if not self._busy and self.pages.currentWidget() is self.services:
            self.line.ask(lambda q: q.services(), self._show_services, lambda _: None, owner=self)

    def _show_services(self, services: list[Service]) -> None:
        self.services.show_services(services)
        self.services_shown.emit(len(self.services.buttons))

    # a touch: the ticket

    def _on_touched(self, prefix: str) -> None:
        if self._busy:
            return  # the first touch is being answered: a second one makes no ticket
        self._busy = True
        self.services.set_busy(True)
        priority = self.services.priority.isChecked()
        token = self.tokens.token(prefix, priority)
        self.line.ask(
            lambda q: q.issue(prefix, priority, token),
            lambda issued: self._on_issued(token, issued),
            lambda error: self._on_issue_failed(token, error),
            owner=self,
        )

    def _on_issued(self, token: str, issued: Issued) -> None:
        self.tokens.answered(token)
        self._busy = False
        self.services.set_busy(False)
        self.services.message.clear()
        self.services.priority.setChecked(False)
        self.last = issued
        self.ticket.show_issued(issued)
        self.pages.setCurrentWidget(self.ticket)
        self.ticket_shown.emit(issued)
        if issued.ticket in self._printed:  # a double touch: the same ticket, printed once
            self.ticket.show_status(tr("Mời bạn nhận phiếu."))
            self._back_timer.start(SHOWN_MS)
            return
        self._print(issued)

    def _on_issue_failed(self, token: str, error: Exception) -> None:
        self._busy = False
        self.services.set_busy(False)
        if isinstance(error, QueueUnavailable):  # maybe issued, answer lost: same token next
            self._tell(tr(SERVER_SILENT))
            return
        if isinstance(error, QueueRefused):  # nothing written (a service closed meanwhile)
            self.tokens.refused(token)
            self._read_services()
        self._tell(for_people(error))

    def _tell(self, message: str) -> None:
        self.services.message.setText(message)
        self._message_timer.start(MESSAGE_MS)
        self.told.emit(message)

    def _back(self) -> None:
        self._back_timer.stop()
        self.tokens.left()  # the next touch is the next citizen's
        self.pages.setCurrentWidget(self.services)

    # printing

    def _print(self, issued: Issued, as_pdf: bool = False) -> None:
        self._printed.add(issued.ticket)
        self._back_timer.stop()
        name, code = self._agency
        ticket = Ticket(
            issued.ticket, issued.service_name, name, issued.waiting_before, issued.issued_at, code
        )
        output, why = self._output, self._output_error

        def work() -> Printed:
            if output is None:
                from counter_app.thermal import PrinterMissing

                raise PrinterMissing(why)
            return output.print(ticket, as_pdf)

        self._context.tasks.run(
            work,
            lambda done: self._on_printed(issued, done),
            lambda error: self._on_print_failed(issued, error),
            owner=self,
        )

    def _on_printed(self, issued: Issued, printed: Printed) -> None:
        if self.last is issued:
            self.ticket.show_status(tr("Mời bạn nhận phiếu."), printed.notice or "")
            self._back_timer.start(SHOWN_MS)
        self.printed.emit(issued.ticket)

    def _on_print_failed(self, issued: Issued, error: Exception) -> None:
        self._printed.discard(issued.ticket)  # not printed: the same ticket again prints it
        message = for_citizen(error, issued.ticket)
        if self.last is issued:
            self.ticket.show_status(message, for_people(error), failed=True)
            self.ticket.on_paper.setVisible(self._output is not None and self._output.thermal)
            self.pages.setCurrentWidget(self.ticket)
            self._back_timer.start(FAILED_MS)
        self.print_failed.emit(message)

    def _on_reprint(self, as_pdf: bool) -> None:
        """Staff: the last ticket again (the printer fixed), or on ordinary paper."""
        if self.last is None:
            return
        self.ticket.show_issued(self.last)
        self.pages.setCurrentWidget(self.ticket)
        self._print(self.last, as_pdf)

    # leaving kiosk mode: staff only

    def _on_exit_asked(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Thoát chế độ lấy số"),
            tr("Chỉ nhân viên: thoát chế độ máy lấy số?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._may_close = True
            self.close()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if not self._may_close:  # Alt+F4, a stray gesture: the kiosk stays
            event.ignore()
            return
        self._refresh.stop()
        self.line.close()
        super().closeEvent(event)
