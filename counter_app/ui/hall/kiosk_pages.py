"""The kiosk's two pages, for touch: the services (one large button each, and the priority
choice) and the ticket just taken (its number very large, the service, the people waiting
before, the time, and what the printer did). Vietnamese only; no keyboard needed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.clock import local
from counter_app.queue.base import Issued, Service
from counter_app.ui.i18n import tr

STYLE = """
QWidget { background: #f4f7fb; color: #0b2545; }
QPushButton { font-size: 30pt; font-weight: bold; min-height: 120px; border-radius: 14px;
  background: #13315c; color: white; padding: 12px; }
QPushButton:pressed, QPushButton:checked { background: #b5651d; }
QPushButton:disabled { background: #8da9c4; }
QPushButton#small { font-size: 18pt; min-height: 70px; background: #4a6fa5; }
QLabel#agency { font-size: 30pt; font-weight: bold; }
QLabel#hint { font-size: 20pt; }
QLabel#message { font-size: 24pt; color: #a00; }
QLabel#number { font-size: 150pt; font-weight: bold; }
QLabel#service, QLabel#status { font-size: 28pt; }
QLabel#detail { font-size: 24pt; }
QLabel#staff { font-size: 13pt; color: #555; }
"""


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text, objectName=name, wordWrap=True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class ServicesPage(QWidget):
    touched = Signal(str)  # a service's prefix

    def __init__(self) -> None:
        super().__init__()
        self.agency = _label("agency", tr("Đang mở…"))
        self.hint = _label("hint", tr("Chạm vào việc bạn cần làm để lấy số thứ tự"))
        self.priority = QPushButton(
            tr("Ưu tiên: người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công"),
            checkable=True,
            objectName="small",
        )
        self.message = _label("message")
        self.buttons: dict[str, QPushButton] = {}
        self._grid = QGridLayout()
        self._grid.setSpacing(24)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 32)
        column.addWidget(self.agency)
        column.addWidget(self.hint)
        column.addLayout(self._grid, 1)
        column.addWidget(self.priority)
        column.addWidget(self.message)

    def show_services(self, services: list[Service]) -> None:
        """One button per open service (its letters and name); two columns past three."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        shown = [s for s in services if s.open]
        columns = 2 if len(shown) > 3 else 1
        for i, service in enumerate(shown):
            button = QPushButton(f"{service.prefix}   {service.name}")
            button.setObjectName(f"service-{service.prefix}")
            button.clicked.connect(lambda _=False, p=service.prefix: self.touched.emit(p))
            self._grid.addWidget(button, i // columns, i % columns)
            self.buttons[service.prefix] = button
        self.hint.setVisible(bool(shown))
        if not shown:
            self.message.setText(tr("Chưa có việc nào đang cấp số: xin báo nhân viên."))

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)
        if busy:
            self.message.setText(tr("Đang lấy số…"))


class TicketPage(QWidget):
    done = Signal()  # "Xong": back to the services
    reprint = Signal(bool)  # print it again; True: on the ordinary printer (PDF)

    def __init__(self) -> None:
        super().__init__()
        self.title = _label("service", tr("SỐ THỨ TỰ CỦA BẠN"))
        self.number = _label("number")
        self.service = _label("service")
        self.waiting = _label("detail")
        self.time = _label("detail")
        self.status = _label("status")
        self.staff = _label("staff")  # for the staff: the printer's own words
        self.again = QPushButton(tr("In lại"), objectName="small")
        self.on_paper = QPushButton(tr("In ra giấy thường"), objectName="small")
        self.finish = QPushButton(tr("Xong"), objectName="small")
        self.again.clicked.connect(lambda: self.reprint.emit(False))
        self.on_paper.clicked.connect(lambda: self.reprint.emit(True))
        self.finish.clicked.connect(self.done.emit)
        buttons = QHBoxLayout()
        for button in (self.again, self.on_paper, self.finish):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 32)
        for widget in (self.title, self.number, self.service, self.waiting, self.time):
            column.addWidget(widget)
        column.addWidget(self.status, 1)
        column.addWidget(self.staff)
        column.addLayout(buttons)

    def show_issued(self, issued: Issued) -> None:
        self.number.setText(issued.ticket)
        self.service.setText(issued.service_name + (tr(" — ưu tiên") if issued.priority else ""))
        self.waiting.setText(tr("Số người đang chờ trước bạn: {}").format(issued.waiting_before))
        self.time.setText(tr("Lấy số lúc {}").format(local(issued.issued_at).strftime("%H:%M")))
        self.show_status(tr("Đang in phiếu…"))

    def show_status(self, text: str, staff: str = "", failed: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #a00; font-weight: bold" if failed else "")
        self.staff.setText(staff)
        self.again.setVisible(failed)
        self.on_paper.setVisible(failed)
