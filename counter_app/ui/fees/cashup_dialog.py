"""The officer's cash-up (kết sổ, Ctrl+Shift+K; docs/fees.md section 8): what this desk
took from the officer since the last cash-up — the receipts, the totals by method, the
cash the drawer should hold — the cash counted typed in, then «Kết sổ và in bảng kê»
(Ctrl+Enter) closes the shift and opens the sheet to print and sign. After a cash-up the
same day, «Mở ca mới» lets the officer take cash again. All reads and writes in the pool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_money
from counter_app.messages import for_people
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import RowsModel, TableView

if TYPE_CHECKING:
    from counter_app.fees.cashup import CashUp, Line
    from counter_app.ui.app import AppContext

METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "qr": "VietQR"}


class CashUpDialog(QDialog):
    closed_shift = Signal(object)  # CashUp

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.busy = False
        self.username = context.signed.username
        self.setWindowTitle(tr("Kết sổ ca thu phí, lệ phí — {}").format(self.username))
        self.receipts = RowsModel(("Ký hiệu, số", "Hồ sơ", "Hình thức", "Số tiền"), self)
        self.table = TableView()
        self.table.setModel(self.receipts)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()  # the whole code; the table's width shared
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(wordWrap=True)
        self.expected = QLabel()
        self.counted = QLineEdit(placeholderText=tr("viết liền các chữ số, ví dụ 150000"))
        counted_label = QLabel(tr("Tiền mặt &đếm được (đồng):"))
        counted_label.setBuddy(self.counted)
        form = QFormLayout()
        form.addRow(tr("Tiền mặt phải có:"), self.expected)
        form.addRow(counted_label, self.counted)
        self.message = QLabel(wordWrap=True)
        self.close_button = QPushButton(tr("Kết sổ và in bảng kê (Ctrl+Enter)"), default=True)
        self.close_button.clicked.connect(self.submit)
        self.open_button = QPushButton(tr("Mở &ca mới"))
        self.open_button.clicked.connect(self.open_shift)
        self.open_button.hide()
        done = QPushButton(tr("Đóng (Esc)"))
        done.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        buttons.addWidget(done)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(tr("Biên lai của ca (tại bàn này, chưa kết sổ):")))
        column.addWidget(self.table)
        column.addWidget(self.totals)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.resize(720, 520)
        self.counted.setFocus()
        self.reload()

    def reload(self) -> None:
        from counter_app.fees import cashup, shifts

        c, name = self._context, self.username

        def read(session: Any, who: Any) -> tuple[list[Line], bool, bool]:
            officer = shifts.officer_of(session, who, name)
            lines = cashup.lines_of(session, officer.id, who.desk_id)
            is_open = shifts.open_of(session, officer.id) is not None
            return lines, is_open, shifts.last_closed(session, officer.id) is not None

        c.tasks.run(lambda: c.act(read), self._on_read, self._refused, owner=self)

    def _on_read(self, read: tuple[list[Line], bool, bool]) -> None:
        from counter_app.fees.cashup import totals_of

        lines, is_open, closed_before = read
        self.receipts.set_rows(
            [
                (
                    f"{x.series} số {x.number:07d}",
                    x.code,
                    tr(METHODS.get(x.method, x.method)),
                    show_money(x.amount) if x.line != "replaced" else tr("(đã thay thế)"),
                )
                for x in lines
            ]
        )
        totals = totals_of(lines)
        self.totals.setText(
            "; ".join(
                tr("{}: {} biên lai, {}").format(tr(METHODS[m]), t.count, show_money(t.amount))
                for m, t in totals.items()
            )
        )
        self.expected.setText(f"<b>{show_money(totals['cash'].amount)}</b>")
        nothing = not is_open and not lines
        self.close_button.setEnabled(not nothing)
        self.open_button.setVisible(nothing and closed_before)
        if nothing and not self.message.text():  # what was just done stays said
            self.message.setText(tr("Không có ca thu nào đang mở: không có gì để kết sổ."))

    def submit(self) -> None:
        if self.busy or not self.close_button.isEnabled():
            return
        from counter_app.fees import cashup
        from counter_app.fees.cashup_sheet import sheet
        from counter_app.printing.cashup import render_cashup
        from counter_app.printing.data import PageOptions

        c, name, text = self._context, self.username, self.counted.text()
        self.busy = True
        self.close_button.setEnabled(False)

        def work() -> tuple[CashUp, bytes]:
            counted = cashup.counted_from_text(text)

            def close(session: Any, who: Any) -> tuple[CashUp, bytes]:
                up = cashup.close(session, who, name, counted, c.now())
                pdf = render_cashup(sheet(session, up, c.settings.agency_code), PageOptions())
                return up, pdf

            return c.act(close)  # type: ignore[no-any-return]

        c.tasks.run(work, self._on_closed, self._refused, owner=self)

    def _on_closed(self, result: tuple[CashUp, bytes]) -> None:
        from counter_app.fees.cashup import difference_text
        from counter_app.ui.prints.print_preview import PrintPreview

        up, pdf = result
        self.busy = False
        self.message.setText(
            tr("Đã kết sổ: phải có {}, đếm được {}, chênh lệch {}.").format(
                show_money(up.expected_cash), show_money(up.counted), difference_text(up.difference)
            )
        )
        self.closed_shift.emit(up)
        title = tr("Bảng kê kết sổ — {}").format(up.officer)
        preview = PrintPreview.for_desk(self._context, pdf, title, self)
        preview.show()
        preview.raise_()
        self.reload()

    def open_shift(self) -> None:
        from counter_app.fees import shifts

        c, name = self._context, self.username
        c.tasks.run(
            lambda: c.act(lambda s, who: shifts.open_shift(s, who, name, c.now()) and None),
            lambda _: (self.message.setText(tr("Đã mở ca mới: thu tiền mặt được.")), self.reload()),
            self._refused,
            owner=self,
        )

    def _refused(self, error: Exception) -> None:
        self.busy = False
        self.message.setText(for_people(error))
        self.close_button.setEnabled(True)  # as the books say, once read again
        self.reload()
