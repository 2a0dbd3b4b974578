"""The dossier window's fee line: what the dossier owes, what was paid, what is left, and
«Thu phí…» (Ctrl+T) while something is left and the officer may collect. Loaded in the
pool with the dossier; a procedure without fees shows nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.acting.roles import Permission, allows
from counter_app.formats import show_money
from counter_app.services.catalog.fee_schedule import COLLECT
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.fees.payments import Owed
    from counter_app.ui.app import AppContext

KEYS = "Ctrl+T"


def owed_text(o: Owed) -> str:
    if o.exemption is not None:
        return tr("Phí, lệ phí: miễn ({}).").format(o.exemption.who)
    return tr("Phí, lệ phí: phải nộp {}; đã nộp {}; còn lại {} — {}.").format(
        show_money(o.due), show_money(o.paid), show_money(o.left), tr(COLLECT[o.collect]).lower()
    )


class FeePanel(QWidget):
    paid = Signal(object)  # Paid: a payment recorded from this window's dialog

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._generation = 0
        self.code = ""
        self.owed: Owed | None = None
        self.line = QLabel(wordWrap=True)
        self.pay_button = QPushButton(tr("Thu phí… (Ctrl+T)"))
        self.pay_button.clicked.connect(self.open_payment)
        QShortcut(QKeySequence(KEYS), self, activated=self.open_payment)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.pay_button)
        self.hide()

    def show_code(self, code: str, load: bool = True) -> None:
        """`load=False`: the dossier window reads what is owed with the dossier
        (`read_with`) and hands it over (`take`)."""
        self.code, self.owed = code, None
        self._generation += 1
        self.hide()
        if load:
            self.reload()

    def read_with(self) -> Callable[[object], object]:
        """What `reload` reads, as a read in the dossier window's own unit of work."""
        from counter_app.errors import CounterError
        from counter_app.fees import payments

        code = self.code

        def read(session: object) -> object:
            try:
                return payments.owed(session, payments.dossier_of(session, code))  # type: ignore[arg-type]
            except CounterError as refused:
                return refused

        return read

    def take(self, got: object) -> None:
        if isinstance(got, Exception):
            self.hide()  # the dossier window says what failed
        else:
            self._on_owed(got)

    def forget(self) -> None:
        self._generation += 1
        self.code, self.owed = "", None
        self.line.clear()
        self.hide()

    def _current(self, then: Callable[[object], None]) -> Callable[[object], None]:
        generation = self._generation
        return lambda got: None if generation != self._generation else then(got)

    def reload(self) -> None:
        if not self.code:
            return
        c, read = self._context, self.read_with()
        c.tasks.run(
            lambda: c.read(read),
            self._current(self.take),
            self._current(lambda _: self.hide()),  # the dossier window says what failed
            owner=self,
        )

    def _on_owed(self, owed: object) -> None:
        self.owed = owed  # type: ignore[assignment]
        o = self.owed
        if o is None or not o.items:
            self.hide()
            return
        self.line.setText(owed_text(o))
        may = allows(self._context.signed, Permission.COLLECT)
        self.pay_button.setVisible(o.left > 0 and may)
        self.show()

    def open_payment(self) -> None:
        o = self.owed
        if o is None or o.left <= 0 or not self.pay_button.isVisible():
            return
        from counter_app.ui.fees.pay_dialog import PayDialog

        dialog = PayDialog(self._context, o, self.window())
        dialog.paid.connect(self.paid.emit)
        dialog.paid.connect(lambda _: self.reload())
        dialog.open()
