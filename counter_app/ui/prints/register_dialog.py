"""The dossier register (form 07) from the desk: a date range, a progress bar while a
month of lines is gathered and drawn in the background, then the preview to print."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from counter_app.errors import RefusedInput
from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.prints.print_preview import PrintPreview
from counter_app.ui.tasks import Progress


def _date_edit(value: QDate) -> QDateEdit:
    edit = QDateEdit(value, calendarPopup=True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _py(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RegisterDialog(QDialog):
    preview_shown = Signal(object)  # the PrintPreview
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(tr("In sổ theo dõi hồ sơ (mẫu 07)"))
        day = context.now().date()  # the desk's day (+07:00), not the machine's time zone's
        today = QDate(day.year, day.month, day.day)
        self.first = _date_edit(QDate(today.year(), today.month(), 1))
        self.last = _date_edit(today)
        self.progress = QProgressBar(visible=False)
        self.message = QLabel(wordWrap=True)
        self.show_button = QPushButton(tr("Xem trước để in (Enter)"), default=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.show_button.setDefault(True)  # Enter previews; Esc closes
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)
        self.show_button.clicked.connect(self.make)
        form = QFormLayout(self)
        form.addRow(tr("Tiếp nhận từ ngày"), self.first)
        form.addRow(tr("đến hết ngày"), self.last)
        form.addRow(self.progress)
        form.addRow(self.message)
        form.addRow(buttons)
        QWidget.setTabOrder(self.last, self.show_button)  # then Close: Tab reaches both
        QWidget.setTabOrder(self.show_button, close)
        self._progress = Progress(self)
        self._progress.advanced.connect(self._on_progress)

    def make(self) -> None:
        """Gather and draw the register off the GUI thread; the preview opens when done."""
        first, last = _py(self.first.date()), _py(self.last.date())
        if last < first:
            self._on_failed(RefusedInput(tr("Ngày cuối phải không trước ngày đầu.")))
            return
        from counter_app.acting.roles import Permission, require
        from counter_app.services import desk
        from counter_app.services.printouts import register

        c, report = self._context, self._progress.report
        self.show_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.setVisible(True)
        self.message.setText(tr("Đang lập sổ…"))

        def work() -> bytes:  # the lines are read from the database as they are drawn
            def draw(s, who):  # type: ignore[no-untyped-def]
                require(who, Permission.PRINT)
                return register.register_pdf(
                    s, desk.desk_agency(s, c.settings.agency_code), first, last, c.now(), report
                )

            return c.look(
                draw,
                "list",
                detail=lambda _: {  # type: ignore[no-any-return]
                    "list": "register",
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                },
            )

        c.tasks.run(work, lambda pdf: self._on_made(pdf, first, last), self._on_failed, owner=self)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_made(self, pdf: bytes, first: date, last: date) -> None:
        self.show_button.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText("")
        title = tr("Sổ theo dõi hồ sơ {} – {}").format(f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}")
        self.preview = PrintPreview.for_desk(self._context, pdf, title, self)
        self.preview.show()
        self.preview_shown.emit(self.preview)

    def _on_failed(self, error: Any) -> None:
        self.show_button.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText(for_people(error))
        self.failed.emit(for_people(error))
