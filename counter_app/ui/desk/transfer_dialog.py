"""Ctrl+Shift+F12: a ticket sent to another line or to one counter (docs/queue.md,
"Transfer keeps the number and the place"). Keyboard only: the ticket (the one served
here, filled in), the service, or the counter; Enter transfers, in the thread pool; a
refusal stays in the dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.queue.base import Service, Ticket
from counter_app.ui.hall.queue_line import QueueLine
from counter_app.ui.i18n import tr


class TransferDialog(QDialog):
    moved = Signal(object)  # the Ticket as it stands after the transfer

    def __init__(self, line: QueueLine, ticket: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line = line
        self.setWindowTitle(tr("Chuyển số thứ tự"))
        self.ticket = QLineEdit(ticket, maxLength=10)
        self.ticket.setPlaceholderText(tr("ví dụ A021"))
        self.service = QComboBox()
        self.service.addItem(tr("— giữ hàng chờ —"), None)
        self.counter = QSpinBox(minimum=0, maximum=99)
        self.counter.setSpecialValueText(tr("— mọi quầy của hàng chờ —"))
        self.error = QLabel(wordWrap=True, styleSheet="color: #a00")
        form = QFormLayout(self)
        form.addRow(tr("Số thứ tự"), self.ticket)
        form.addRow(tr("Sang hàng chờ"), self.service)
        form.addRow(tr("Cho quầy"), self.counter)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.transfer)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        (self.service if ticket else self.ticket).setFocus()
        line.ask(lambda q: q.services(), self._on_services, self._on_failed, owner=self)

    def _on_services(self, services: list[Service]) -> None:
        for s in services:
            self.service.addItem(f"{s.prefix} — {s.name}", s.prefix)

    def transfer(self) -> None:
        ticket = self.ticket.text().strip()
        service = self.service.currentData()
        counter = self.counter.value() or None
        if not ticket or (service is None and counter is None):
            self.error.setText(tr("Cho biết số thứ tự, và hàng chờ hoặc quầy nhận số."))
            return
        self.buttons.setEnabled(False)
        self._line.ask(
            lambda q: q.transfer(ticket, service, counter), self._on_moved, self._on_failed, self
        )

    def _on_moved(self, moved: Ticket) -> None:
        self.moved.emit(moved)
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(for_people(error))
