"""The worklist "Trực tuyến chờ tiếp nhận" on the main window's right: the online dossiers
waiting for the desk's answer, oldest first, with the answer's deadline and the working
time left, and the three answers under it (Alt+N accept, Alt+B supplement, Alt+C refuse).

Enter opens the dossier, as in the other lists. After an answer the list is read again
and the next dossier is the current one (the list of worklists when none is left)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.acting.roles import Permission, allows
from counter_app.ui.desk.online_model import OnlineWaitingModel
from counter_app.ui.dossiers.online_answer import (
    ACCEPT,
    DONE,
    LABELS,
    REFUSE,
    SUPPLEMENT,
    OnlineAnswer,
)
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import TableView

if TYPE_CHECKING:
    from counter_app.portal.waiting import Waiting
    from counter_app.ui.app import AppContext

# who may give each answer (the services refuse the others anyway)
ANSWERS = (
    (ACCEPT, Permission.RECEIVE),
    (SUPPLEMENT, Permission.SUPPLEMENT),
    (REFUSE, Permission.REFUSE),
)


class OnlinePage(QWidget):
    open_requested = Signal(str)  # Enter on a row: the dossier's code
    answered = Signal(str)  # an answer was recorded: what to tell the officer
    told = Signal(str)  # an answer was not recorded: why
    emptied = Signal()  # answered the last one, or asked for an empty list: focus elsewhere

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._after: int | None = None  # the row answered: the next one becomes current
        self._focus_wanted = False
        self._answers: OnlineAnswer | None = None
        self._answering = 0  # the row being answered
        self.heading = QLabel(
            tr(
                "Trả lời mỗi hồ sơ trước giờ ở cột «Hạn trả lời»: tiếp nhận, yêu cầu bổ sung "
                "hoặc từ chối. Enter mở hồ sơ."
            ),
            wordWrap=True,
        )
        self.model = OnlineWaitingModel(self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._on_row_activated)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for answer, _ in ANSWERS:
            button = self.buttons[answer] = QPushButton(tr(LABELS[answer]))
            button.clicked.connect(lambda _=False, a=answer: self.give(a))
            bar.addWidget(button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(bar)

    def want_focus(self) -> None:
        """The next rows shown take the focus (F6)."""
        self._focus_wanted = True

    def set_rows(self, rows: list[Waiting], now: datetime) -> None:
        """New rows; the current dossier stays current when it is still there."""
        current = self.table.currentIndex()
        kept = self.model.row_at(current.row()).code if current.isValid() else None
        after, self._after = self._after, None
        self.model.set_rows(rows, now)
        for column in range(OnlineWaitingModel.PROCEDURE):
            self.table.resizeColumnToContents(column)
        for answer, permission in ANSWERS:
            self.buttons[answer].setVisible(allows(self._context.signed, permission))
            self.buttons[answer].setEnabled(bool(rows))
        focus, self._focus_wanted = self._focus_wanted or after is not None, False
        if not rows:
            if focus:
                self.emptied.emit()
            return
        if after is not None:
            row = min(after, len(rows) - 1)
        else:
            row = (self.model.row_of(kept) if kept else None) or 0
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if focus:
            self.table.setFocus()

    def current_code(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).code if index.isValid() else None

    def _on_row_activated(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.model.row_at(index.row()).code)

    def give(self, answer: str) -> None:
        """Alt+N, Alt+B, Alt+C: the answer to the current dossier."""
        code = self.current_code()
        if code is None:
            self.told.emit(tr("Chọn một hồ sơ trong danh sách trước."))
            return
        if self._answers is None:
            self._answers = OnlineAnswer(self._context, self)
            self._answers.answered.connect(self._on_answered)
            self._answers.refused.connect(self.told)
        self._answering = self.table.currentIndex().row()
        self._answers.give(answer, code)

    def _on_answered(self, code: str, answer: str) -> None:
        self._after = self._answering
        self.answered.emit(tr(DONE[answer]).format(code))
