"""Saving a reception: everything that stops it told at once, missing documents offered
their guidance sheet, the same citizen and procedure just received here asked about,
then the dossier recorded off the GUI thread (with the office server's number when the
desk is joined) and one request id a reception, so a retried save never makes two.

The reception form inherits this."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from counter_app.errors import RefusedInput
from counter_app.formats import show_datetime
from counter_app.messages import for_people
from counter_app.services import desk
from counter_app.services.intake import intake, reception
from counter_app.services.intake.intake_file import read_intake
from counter_app.ui.i18n import tr
from counter_app.ui.intake.applicant_checks import CHECKS

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QPushButton

    from counter_app.ui.app import AppContext
    from counter_app.ui.intake.applicant_fields import ApplicantFields
    from counter_app.ui.intake.intake_models import ChecklistModel


class Saving:
    _context: AppContext
    _saving: bool
    _done: bool
    _request_id: str
    procedure_code: str | None
    applicant: ApplicantFields
    checklist: ChecklistModel
    save_button: QPushButton
    message: QLabel
    received: SignalInstance
    refused: SignalInstance
    missing_documents: SignalInstance
    inputs: Any
    find: Any
    document: Any

    def problems(self) -> list[str]:
        """Everything that stops the save, all at once; the first one gets the focus."""
        found, first = [], None
        if not self.procedure_code:
            found, first = [tr("chưa chọn thủ tục")], self.find
        for key in CHECKS:
            problem = self.applicant.check(key)
            if problem:
                found.append(problem.rstrip("."))
                first = first or self.inputs[key]
        if first is not None:
            first.setFocus()
        return found

    def save(self) -> None:
        if self._saving:
            return
        problems = self.problems()
        if problems:
            self._on_refused(
                RefusedInput(tr("Chưa tiếp nhận được: {}.").format("; ".join(problems)))
            )
            return
        lacking = reception.missing(self.checklist.items, self.checklist.received())
        if lacking:
            self._on_refused(RefusedInput(tr("Hồ sơ thiếu: {}").format("; ".join(lacking))))
            self.missing_documents.emit(lacking)
            return
        c, document = self._context, read_intake(self.document())
        self._saving = True
        self.save_button.setEnabled(False)
        c.tasks.run(
            lambda: c.read(
                lambda s: reception.recent_duplicates(s, desk.local_desk(s).id, document, c.now())
            ),
            lambda earlier: self._on_duplicates_checked(document, earlier),
            self._on_refused,
            owner=self,
        )

    def _on_duplicates_checked(self, document: Any, earlier: list[Any]) -> None:
        if earlier and not self._confirm_again(earlier):
            self._saving = False
            self.save_button.setEnabled(True)
            self.message.setText(
                tr("Chưa ghi: hồ sơ này đã được tiếp nhận lúc {} (mã {}).").format(
                    show_datetime(earlier[0].received_at), earlier[0].code
                )
            )
            return
        c = self._context

        def work() -> str:
            from counter_app.sync.reception import prepare  # joined: the server's number

            number, now = prepare(c.settings.db_url, c.now())
            return c.act(
                lambda session, who: intake.receive(session, who, document, now, number).code
            )

        c.tasks.run(work, self._on_saved, self._on_refused, owner=self)

    def _confirm_again(self, earlier: list[Any]) -> bool:
        first = earlier[0]
        answer = QMessageBox.question(
            self,
            tr("Hồ sơ vừa tiếp nhận"),
            tr(
                "Người nộp này đã được tiếp nhận thủ tục này ở bàn này lúc {} (mã {}).\n\n"
                "Tiếp nhận thêm một hồ sơ mới?"
            ).format(show_datetime(first.received_at), first.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_saved(self, code: str) -> None:
        self._saving, self._done = False, True
        self._request_id = str(uuid.uuid4())  # what is typed next is another reception
        self.save_button.setEnabled(True)
        self.message.setText("")
        self.received.emit(code)

    def _on_refused(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.message.setText(for_people(error))
        self.refused.emit(for_people(error))
