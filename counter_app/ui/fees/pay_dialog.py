"""The payment dialog (Ctrl+T in the dossier window, docs/fees.md): what is owed, the
method (Alt+1 tiền mặt, Alt+2 chuyển khoản, Alt+3 VietQR), the amount (all that is left
unless changed), and for VietQR the code drawn here and on the citizen's screen. «Thu và in
biên lai» (Ctrl+Enter) records the payment and its receipt in the pool — a joined desk
first asks its office server for the receipt's number — then the receipt's preview opens
for printing. Nothing here waits on the database, the server or the printer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_money
from counter_app.messages import for_people
from counter_app.services.catalog.fee_schedule import KINDS
from counter_app.ui.fees.qr_image import qr_pixmap
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.fees.payments import Owed, Paid
    from counter_app.fees.settings import Settings
    from counter_app.ui.app import AppContext

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
METHODS = (("cash", "&1 Tiền mặt"), ("transfer", "&2 Chuyển khoản"), ("qr", "&3 VietQR"))
QR_SIDE = 240


class PayDialog(QDialog):
    paid = Signal(object)  # Paid

    def __init__(self, context: AppContext, owed: Owed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self.owed = context, owed
        self.marks: Settings | None = None  # the account, for VietQR (read in the pool)
        self.busy = False
        self.setWindowTitle(tr("Thu phí, lệ phí — {}").format(owed.code))
        form = QFormLayout()
        for item in owed.items:
            form.addRow(
                f"{tr(KINDS[item.kind])}:", QLabel(f"{item.name}: {show_money(item.amount)}")
            )
        form.addRow(tr("Đã nộp:"), QLabel(show_money(owed.paid)))
        form.addRow(tr("Còn phải nộp:"), QLabel(f"<b>{show_money(owed.left)}</b>"))
        self.methods = QButtonGroup(self)
        row = QHBoxLayout()
        for i, (method, text) in enumerate(METHODS):
            button = QRadioButton(tr(text))
            button.setProperty("method", method)
            self.methods.addButton(button, i)
            row.addWidget(button)
        self.methods.button(0).setChecked(True)
        self.methods.idToggled.connect(lambda _, on: on and self._method_changed())
        form.addRow(tr("Hình thức:"), row)
        self.amount = QSpinBox(minimum=1, maximum=max(1, owed.left), value=owed.left)
        self.amount.setLocale(VIETNAMESE)  # 8.000 đ, as money is written (not 8,000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(" đ")
        self.amount.valueChanged.connect(lambda _: self._show_qr())
        amount_label = QLabel(tr("&Số tiền:"))
        amount_label.setBuddy(self.amount)
        form.addRow(amount_label, self.amount)
        self.qr = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.qr_note = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(wordWrap=True, styleSheet="color: #a00")
        self.collect = QPushButton(tr("Thu và in biên lai (Ctrl+Enter)"), default=True)
        self.collect.clicked.connect(self.submit)
        close = QPushButton(tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.collect)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.qr)
        column.addWidget(self.qr_note)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.qr.hide()
        self.amount.setFocus()

    def method(self) -> str:
        return str(self.methods.checkedButton().property("method"))

    def _method_changed(self) -> None:
        if self.method() != "qr":
            self.qr.hide()
            self.qr_note.clear()
            self._citizen_done()
            return
        if self.marks is not None:
            self._show_qr()
            return
        from counter_app.fees import settings

        c, code = self._context, self.owed.code

        def read(session):  # type: ignore[no-untyped-def]
            from counter_app.fees.payments import dossier_of

            return settings.current(session, dossier_of(session, code).agency_id)

        c.tasks.run(lambda: c.read(read), self._on_marks, self._refused, owner=self)

    def _on_marks(self, marks: object) -> None:
        self.marks = marks  # type: ignore[assignment]
        self._show_qr()

    def _payload(self) -> str | None:
        from counter_app.errors import RefusedInput
        from counter_app.fees.vietqr import VietQR, payload, plain

        m = self.marks
        if m is None or not m.bank_bin or not m.account:
            raise RefusedInput(
                "Chưa cấu hình tài khoản thu của cơ quan cho VietQR: quản trị chạy "
                "counter-app fees configure --bank-bin BIN --account SỐ_TÀI_KHOẢN."
            )
        qr = VietQR(m.bank_bin, m.account, self.amount.value(), plain(self.owed.code)[:25])
        return payload(qr)

    def _show_qr(self) -> None:
        if self.method() != "qr" or self.marks is None:
            return
        try:
            text = self._payload()
        except Exception as error:  # said in the dialog; the officer picks another method
            self._refused(error)
            return
        assert text is not None
        self.qr.setPixmap(qr_pixmap(text, QR_SIDE))
        self.qr.show()
        self.qr_note.setText(
            tr("Công dân quét mã bằng ứng dụng ngân hàng: {} cho hồ sơ {}.").format(
                show_money(self.amount.value()), self.owed.code
            )
        )
        self.message.clear()
        c = self._context
        if c.citizen_started:
            c.citizen.show_payment(self.owed.code, self.amount.value(), text)

    def _citizen_done(self) -> None:
        if self._context.citizen_started:
            self._context.citizen.payment_over()

    def submit(self) -> None:
        if self.busy:
            return
        from counter_app.fees import payments
        from counter_app.fees.office_numbers import numbers_for
        from counter_app.fees.receipts import receipt_of, render

        self.busy = True
        self.collect.setEnabled(False)
        self.message.setText(tr("Đang ghi…"))
        c, code, method, amount = self._context, self.owed.code, self.method(), self.amount.value()

        def work() -> tuple[Paid, bytes]:
            numbers = numbers_for(c.settings.db_url, c.sessions, c.settings.agency_code)
            done = c.act(
                lambda s, who: payments.pay(s, who, code, method, amount, c.now(), numbers), code
            )
            r = done.receipt
            pdf = c.read(lambda s: render(receipt_of(s, r.series, r.number), "A5"))
            return done, pdf

        c.tasks.run(work, self._on_paid, self._refused, owner=self)

    def _on_paid(self, result: tuple[Paid, bytes]) -> None:
        from counter_app.ui.prints.print_preview import PrintPreview

        done, pdf = result
        self.busy = False
        self._citizen_done()
        self.paid.emit(done)
        r = done.receipt
        title = tr("Biên lai {} số {:07d} — {}").format(r.series, r.number, done.code)
        preview = PrintPreview.for_desk(self._context, pdf, title, self.parentWidget())
        self.accept()
        preview.show()
        preview.raise_()

    def _refused(self, error: Exception) -> None:
        self.busy = False
        self.collect.setEnabled(True)
        self.message.setText(for_people(error))

    def reject(self) -> None:
        self._citizen_done()
        super().reject()
