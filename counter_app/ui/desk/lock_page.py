"""The login page: at start when the database needs a login, and whenever the desk is
locked (Ctrl+L, or idle). The same officer unlocks, or another one signs in: the desk
switches officer without closing. The password check (Argon2, a quarter of a second)
runs in the background; five failures lock a username for five minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.officers.signed import SignedIn
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr


class LockPage(QWidget):
    signed_in = Signal(object)  # the SignedIn officer
    refused = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._busy = False
        self.heading = QLabel(tr("Đăng nhập"), styleSheet="font-size: 16pt; font-weight: bold")
        self.note = QLabel(wordWrap=True)
        self.username = QLineEdit(maxLength=60)
        self.password = QLineEdit(maxLength=128, echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(wordWrap=True, styleSheet="color: #a00")
        self.button = QPushButton(tr("Đăng nhập (Enter)"), default=True)
        # A fixed width, and the wrapped texts outside the form: a form row gives a wrapped
        # label the height of one line, and the note was cut in half.
        box = QFrame(frameShape=QFrame.Shape.StyledPanel)
        box.setFixedWidth(440)
        column = QVBoxLayout(box)
        # room for what the wrapped labels may hold later (a three-line message): the box's
        # height is set when it is first shown, and a longer text was squashed into it
        lines = self.message.fontMetrics().lineSpacing()
        self.message.setMinimumHeight(3 * lines + 4)
        self.note.setMinimumHeight(2 * lines + 2)
        column.addWidget(self.heading)
        column.addWidget(self.note)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập"), self.username)
        form.addRow(tr("Mật khẩu"), self.password)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        for field in (self.username, self.password):
            field.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

    def ask(self, locked_by: SignedIn | None) -> None:
        """Shown at start (`locked_by` None) or when the desk was locked by an officer."""
        if locked_by is None:
            self.heading.setText(tr("Đăng nhập"))
            self.note.setText(tr("Bàn tiếp nhận này yêu cầu đăng nhập."))
            self.username.clear()
        else:
            self.heading.setText(tr("Bàn đang khoá"))
            self.note.setText(
                tr(
                    "Cán bộ {} đã khoá bàn. Nhập mật khẩu để mở lại, hoặc "
                    "cán bộ khác đăng nhập để đổi ca."
                ).format(locked_by.full_name or locked_by.username)
            )
            self.username.setText(locked_by.username)
        self.password.clear()
        self.message.clear()
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        from counter_app.officers import session

        c, username, password = self._context, self.username.text(), self.password.text()
        self._busy = True
        self.button.setEnabled(False)
        self.message.setText(tr("Đang kiểm tra…"))
        c.tasks.run(
            lambda: session.sign_in(c.place, username, password, c.now()),
            self._on_signed,
            self._on_refused,
            owner=self,
        )

    def _on_signed(self, signed: SignedIn) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.message.clear()
        self.signed_in.emit(signed)

    def _on_refused(self, error: Exception) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(for_people(error))
        self.refused.emit(for_people(error))
