"""Before a document is saved: whether it will be signed, and the PIN asked on the GUI thread
when the officer's token is not open yet (once per officer session).

`prepare(owner, context, then, refused)` calls `then(open_signer, note)`: `open_signer` is
run by the save's worker and returns the signing function (None: not signed, `note` says
why when signing is optional and did not happen); `refused(text)`
when nothing may be saved (signing required and no token, the PIN not given…). The token's
own state is read in a worker: the window never waits on the device."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.signing.base import PinState
    from counter_app.ui.app import AppContext

OpenSigner = Callable[[], Callable[[bytes], bytes] | None]  # run by the worker
NOT_SIGNED = "Chưa ký số: {}"


class PinDialog(QDialog):
    """The token's PIN, typed hidden; the token's warning (a wrong PIN before, the last
    try) shown above the field before the officer types."""

    def __init__(self, warning: str | None, error: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Mã PIN của token ký số"))
        self.pin = QLineEdit(echoMode=QLineEdit.EchoMode.Password, maxLength=64)
        layout = QVBoxLayout(self)
        for text, colour in ((error, "#a00"), (warning, "#a60")):
            if text:
                layout.addWidget(QLabel(text, wordWrap=True, styleSheet=f"color: {colour}"))
        prompt = QLabel(tr("&Nhập mã PIN để ký số giấy tờ (chỉ hỏi một lần trong phiên làm việc):"))
        prompt.setWordWrap(True)
        prompt.setBuddy(self.pin)
        layout.addWidget(prompt)
        layout.addWidget(self.pin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.setFocus()


def ask_pin(parent: QWidget, warning: str | None, error: str | None) -> str | None:
    """The PIN typed, or None when the officer cancelled (tests replace this)."""
    dialog = PinDialog(warning, error, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    pin = dialog.pin.text()
    dialog.pin.clear()
    dialog.deleteLater()
    return pin if accepted and pin else None


def confirm_final_try(parent: QWidget, warning: str) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Token sắp bị khóa"),
        warning + "\n" + tr("Vẫn nhập mã PIN?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def prepare(
    owner: QWidget,
    context: AppContext,
    then: Callable[[OpenSigner | None, str], None],
    refused: Callable[[str], None],
    error: str | None = None,
) -> None:
    """`error`: why the PIN is asked again (the one typed was wrong)."""
    tools = context.digitisation
    if tools.signing == "off":
        then(None, "")
        return
    if tools.token_open and error is None:
        then(lambda: tools.open_token(False), "")
        return
    required = tools.signing == "required"

    def unsigned(reason: str) -> None:
        if required:
            refused(reason + " " + tr("Cơ quan bắt buộc ký số: giấy tờ chưa được lưu."))
        else:
            then(None, tr(NOT_SIGNED).format(reason))

    def state_read(state: PinState) -> None:
        if state.locked:
            unsigned(state.warning or "")
            return
        confirmed = False
        if state.final_try:
            confirmed = confirm_final_try(owner, state.warning or "")
            if not confirmed:
                unsigned(tr("Chưa nhập mã PIN (token còn 1 lần thử)."))
                return
        pin = ask_pin(owner, state.warning, error)
        if pin is None:
            unsigned(tr("Chưa nhập mã PIN."))
            return
        tools.hold_pin(pin)
        then(lambda: tools.open_token(confirmed), "")

    context.tasks.run(
        lambda: tools.token().pin_state(),
        state_read,
        lambda failure: unsigned(for_people(failure)),
        owner=owner,
    )
