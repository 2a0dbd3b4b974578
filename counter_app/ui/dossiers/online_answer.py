"""The officer's answer to an online dossier waiting (portal/answers.py), asked and
recorded alike from the online worklist and from the dossier's window: accepted at once;
a supplement asks for the papers missing and why; a refusal asks for its reason, then
whether to refuse. Recorded in the background; a refusal by the services goes back to the
form, with what was typed kept.

Light to import (the main window's online page does at start-up): the form and the
services load with the first answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from counter_app.errors import ValidationError
from counter_app.messages import for_people
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext
    from counter_app.ui.dossiers.action_dialog import ActionDialog

ACCEPT, SUPPLEMENT, REFUSE = "accept", "supplement", "refuse"  # portal.answers.Answer
# The buttons, with their Alt+letter (free in the main window and the dossier window).
LABELS = {
    ACCEPT: "Tiếp &nhận hồ sơ trực tuyến",
    SUPPLEMENT: "Yêu cầu &bổ sung…",
    REFUSE: "Từ &chối tiếp nhận…",
}
DONE = {
    ACCEPT: "Đã tiếp nhận hồ sơ trực tuyến {}.",
    SUPPLEMENT: "Đã yêu cầu bổ sung hồ sơ trực tuyến {}.",
    REFUSE: "Đã từ chối tiếp nhận hồ sơ trực tuyến {}.",
}


class OnlineAnswer(QObject):
    answered = Signal(str, str)  # the dossier's code, the answer ("accept"…)
    refused = Signal(str)  # why it was not recorded

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context, self._window = context, parent

    def give(self, answer: str, code: str) -> None:
        if answer == ACCEPT:
            self._record(answer, code, {}, None)
            return
        from counter_app.services.dossiers.operations import label
        from counter_app.services.dossiers.workflow import Action
        from counter_app.ui.dossiers.action_dialog import ActionDialog

        action = Action(answer)
        dialog = ActionDialog(action, [], self._window)
        dialog.setWindowTitle(tr("{} — hồ sơ trực tuyến {}").format(tr(label(action)), code))
        self._ask(answer, code, dialog)

    def _ask(self, answer: str, code: str, dialog: ActionDialog) -> None:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if answer == REFUSE and not self._confirmed(code):
            return
        self._record(answer, code, dialog.values(), dialog)

    def _confirmed(self, code: str) -> bool:
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        asked = QMessageBox.question(
            self._window,
            tr("Từ chối hồ sơ trực tuyến"),
            tr(
                "Từ chối tiếp nhận hồ sơ trực tuyến {}? Cổng dịch vụ công sẽ nhận trạng thái "
                "«không được tiếp nhận»; không làm lại được."
            ).format(code),
            yes | no,
            no,
        )
        return asked == yes

    def _record(
        self, answer: str, code: str, values: dict[str, str], dialog: ActionDialog | None
    ) -> None:
        c = self._context

        def work() -> str:
            from counter_app.portal.answers import Answer
            from counter_app.portal.answers import answer as give

            return c.act(
                lambda s, who: give(s, who, Answer(answer), code, values, c.now()).code,
                code=code,
            )

        def failed(error: Exception) -> None:
            self.refused.emit(for_people(error))
            if dialog is not None and isinstance(error, ValidationError):
                dialog.show_refusal(for_people(error))  # a missing reason: asked again
                self._ask(answer, code, dialog)

        c.tasks.run(work, lambda _: self.answered.emit(code, answer), failed, owner=self)
