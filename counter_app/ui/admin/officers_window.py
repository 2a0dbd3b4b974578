"""Officers and their roles, for an administrator: add one, disable or enable, set a new
password. Passwords are typed twice and never shown; every change is in the audit trail.
The services refuse what the role does not allow, whatever this screen offers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.acting.roles import ROLE_LABELS, Role
from counter_app.errors import RefusedInput
from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView


class OfficerDialog(QDialog):
    """A new officer (all fields), or a new password for one (`username` given)."""

    submitted = Signal()

    def __init__(self, parent: QWidget, username: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Đặt mật khẩu mới") if username else tr("Thêm cán bộ"))
        self.username = QLineEdit(username or "", maxLength=60, enabled=username is None)
        self.name, self.role = QLineEdit(maxLength=200), QComboBox()
        for role in Role:
            self.role.addItem(tr(ROLE_LABELS[role]), role.value)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, maxLength=128)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password, maxLength=128)
        self.error = QLabel(wordWrap=True, styleSheet="color: #a00")
        form = QFormLayout(self)
        form.addRow(tr("Tên đăng nhập"), self.username)
        if username is None:
            form.addRow(tr("Họ tên (in trên phiếu)"), self.name)
            form.addRow(tr("Vai trò"), self.role)
        form.addRow(tr("Mật khẩu (ít nhất 8 ký tự)"), self.password)
        form.addRow(tr("Nhập lại mật khẩu"), self.again)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.password.text() != self.again.text():
            self.show_refusal(tr("Hai lần nhập mật khẩu không khớp."))
            return
        self.error.setText(tr("Đang ghi…"))
        self.submitted.emit()  # the dialog stays open until the answer comes

    def show_refusal(self, message: str) -> None:
        self.error.setText(message)
        self.password.clear()
        self.again.clear()
        self.password.setFocus()


class OfficersWindow(QWidget):
    changed = Signal(str)  # what was done, as told to the administrator
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(tr("Cán bộ và vai trò"))
        fit(self, 760, 480)
        self.model = RowsModel(("Tên đăng nhập", "Họ tên", "Vai trò", "Trạng thái"), self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for text, slot in (
            (tr("Thêm cán bộ…"), self.ask_new),
            (tr("Khoá / mở lại tài khoản"), self.toggle_active),
            (tr("Đặt mật khẩu mới…"), self.ask_password),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.rows: list[Any] = []
        self.reload()

    def reload(self) -> None:
        from counter_app.officers import accounts

        c = self._context
        c.tasks.run(
            lambda: c.act(lambda s, who: accounts.officers(s, who), need_agency=False),
            self._show,
            self._fail,
            owner=self,
        )

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.model.set_rows(
            [
                (
                    o.username,
                    o.name,
                    tr(ROLE_LABELS[Role(o.role)]) if o.role else tr("(chưa có tài khoản)"),
                    tr("Đang hoạt động") if o.active else tr("Đã khoá"),
                )
                for o in rows
            ]
        )
        self.table.resizeColumnsToContents()

    def selected(self) -> Any:
        row = self.table.currentIndex().row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def ask_new(self) -> None:
        from counter_app.officers import accounts

        self.dialog = dialog = OfficerDialog(self)
        dialog.submitted.connect(
            lambda: self._run(
                lambda s, who, now: accounts.add(
                    s,
                    who,
                    dialog.username.text(),
                    dialog.name.text(),
                    str(dialog.role.currentData()),
                    dialog.password.text(),
                    now,
                ),
                tr("Đã thêm cán bộ {}."),
                dialog,
            )
        )
        dialog.open()

    def ask_password(self) -> None:
        from counter_app.officers import accounts

        officer = self.selected()
        if officer is None:
            self._fail(RefusedInput(tr("Chọn một cán bộ trong danh sách trước.")))
            return
        self.dialog = dialog = OfficerDialog(self, officer.username)
        dialog.submitted.connect(
            lambda: self._run(
                lambda s, who, now: accounts.set_password(
                    s, who, officer.username, dialog.password.text(), now
                ),
                tr("Đã đặt mật khẩu mới cho {}."),
                dialog,
            )
        )
        dialog.open()

    def toggle_active(self) -> None:
        from counter_app.officers import accounts

        officer = self.selected()
        if officer is None:
            self._fail(RefusedInput(tr("Chọn một cán bộ trong danh sách trước.")))
            return
        self._run(
            lambda s, who, now: accounts.set_active(
                s, who, officer.username, not officer.active, now
            ),
            tr("Đã mở lại tài khoản {}.") if not officer.active else tr("Đã khoá tài khoản {}."),
        )

    def _run(self, work: Any, told: str, dialog: OfficerDialog | None = None) -> None:
        """In the background (hashing a password takes a quarter of a second); a refusal
        goes back to the dialog that asked, which stays open."""
        c = self._context

        def checked(s: Any, who: Any, now: Any) -> Any:
            from counter_app.sync.office_officers import refuse_at_a_joined_desk

            refuse_at_a_joined_desk(c.settings.db_url)  # the office's, on its server
            return work(s, who, now)

        def done(view: Any) -> None:
            self.status.setText(told.format(view.username))
            self.changed.emit(self.status.text())
            if dialog is not None:
                dialog.accept()
            self.reload()

        def failed(error: Exception) -> None:
            if dialog is not None:
                dialog.show_refusal(for_people(error))
            self._fail(error)

        c.tasks.run(
            lambda: c.act(lambda s, who: checked(s, who, c.now()), need_agency=False),
            done,
            failed,
            owner=self,
        )

    def _fail(self, error: Exception) -> None:
        self.status.setText(for_people(error))
        self.failed.emit(for_people(error))
