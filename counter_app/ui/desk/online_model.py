"""Table model of the online dossiers waiting for the desk's answer (portal/waiting.py):
oldest submission first, the answer's deadline in red once past and amber when near,
said in words as well ("quá hạn…", "còn…"), never by colour alone.

Loaded with the main window, before SQLAlchemy: the rows' type is only named here, and
their urgency compared as the text it is (portal.waiting.Urgency is a StrEnum)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from counter_app.clock import LOCAL_TZ
from counter_app.formats import show_datetime
from counter_app.ui.assets import icon
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

if TYPE_CHECKING:
    from counter_app.portal.waiting import Waiting

Index = QModelIndex | QPersistentModelIndex
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Urgency value ("overdue", "soon"…)
OVERDUE, SOON = "overdue", "soon"  # portal.waiting.Urgency
COLOURS = {OVERDUE: QColor("#a00000"), SOON: QColor("#b35c00")}  # red, amber


def span(minutes: int) -> str:
    """Working time as the officer reads it, in hours and minutes of work:
    '3 giờ 05 phút', '40 phút'."""
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        return tr("{} phút").format(rest)
    return tr("{} giờ {:02d} phút").format(hours, rest) if rest else tr("{} giờ").format(hours)


class OnlineWaitingModel(HeaderedTableModel):
    # The long procedure name goes last, where it can stretch, as in the other lists.
    CODE, SUBMITTED, ANSWER_DUE, LEFT, PROCEDURE = range(5)
    HEADERS = ("Mã hồ sơ", "Nộp trên cổng lúc", "Hạn trả lời", "Còn lại (giờ làm việc)", "Thủ tục")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Waiting] = []
        self._now = datetime.min.replace(tzinfo=LOCAL_TZ)

    def set_rows(self, rows: list[Waiting], now: datetime) -> None:
        self.beginResetModel()
        self._rows, self._now = list(rows), now
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> Waiting:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.code == code), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == URGENCY_ROLE:
            return str(row.urgency)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.ANSWER_DUE, self.LEFT):
            return COLOURS.get(str(row.urgency))
        if role == Qt.ItemDataRole.DecorationRole and column == self.ANSWER_DUE:
            return icon("overdue") if row.urgency == OVERDUE else None
        return None

    def _display(self, row: Waiting, column: int) -> str:
        match column:
            case self.CODE:
                return row.code
            case self.SUBMITTED:
                return show_datetime(row.received_at)
            case self.ANSWER_DUE:
                return show_datetime(row.answer_due_at)
            case self.LEFT:
                if row.urgency == OVERDUE:
                    late = row.minutes_left
                    return tr("quá hạn {}").format(span(late)) if late else tr("quá hạn")
                return tr("còn {}").format(span(row.minutes_left))
            case _:
                return row.procedure
