"""Table model of dossier rows (worklists and search results)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from counter_app.clock import LOCAL_TZ
from counter_app.formats import show_datetime
from counter_app.services.dossiers.workflow import STATUS_LABELS, Status
from counter_app.services.worklists.worklist_kinds import OPEN, DossierRow
from counter_app.text import collation_key
from counter_app.ui.assets import icon
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex


class DossierTableModel(HeaderedTableModel):
    # The long procedure name goes last, where it can stretch without hiding the dates.
    CODE, APPLICANT, STATUS, RECEIVED, DUE, PROCEDURE = range(6)
    HEADERS = ("Mã hồ sơ", "Người nộp", "Trạng thái", "Ngày nhận", "Hẹn trả", "Thủ tục")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DossierRow] = []
        self._now = datetime.min.replace(tzinfo=LOCAL_TZ)
        self._sorted = (self.RECEIVED, Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: list[DossierRow], now: datetime) -> None:
        """New rows, kept in the order the officer chose last (newest first at the start)."""
        self.beginResetModel()
        self._rows, self._now = list(rows), now
        self._rows.sort(
            key=self._key(self._sorted[0]), reverse=self._sorted[1] == Qt.SortOrder.DescendingOrder
        )
        self.endResetModel()

    def _key(self, column: int):  # type: ignore[no-untyped-def]
        return {
            self.CODE: lambda r: r.code,
            self.APPLICANT: lambda r: collation_key(r.applicant),
            self.STATUS: lambda r: self._display(r, self.STATUS),
            self.RECEIVED: lambda r: (r.received_at, r.code),
            self.DUE: lambda r: (r.due_at is None, r.due_at or r.received_at),
            self.PROCEDURE: lambda r: collation_key(r.procedure),
        }[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, with Python keys: a proxy would call data() for every comparison
        (a second for 10,000 rows); this takes a few milliseconds."""
        self._sorted = (column, order)
        key = self._key(column)
        self.layoutAboutToBeChanged.emit()
        order_of = sorted(
            range(len(self._rows)),
            key=lambda i: key(self._rows[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        moved = {old: new for new, old in enumerate(order_of)}
        self._rows = [self._rows[i] for i in order_of]
        for index in self.persistentIndexList():
            self.changePersistentIndex(index, self.index(moved[index.row()], index.column()))
        self.layoutChanged.emit()

    def overdue(self, row: DossierRow) -> bool:
        return row.status in OPEN and row.due_at is not None and row.due_at < self._now

    def row_at(self, row: int) -> DossierRow:
        return self._rows[row]

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return icon("overdue" if self.overdue(row) else row.status)
        return None

    def _display(self, row: DossierRow, column: int) -> str:
        match column:
            case self.CODE:
                return row.code
            case self.APPLICANT:
                return row.applicant
            case self.PROCEDURE:
                return row.procedure
            case self.STATUS:  # by text and icon, never by colour alone
                text = tr(STATUS_LABELS[Status(row.status)])
                return f"{text} · {tr('quá hạn')}" if self.overdue(row) else text
            case self.RECEIVED:
                return show_datetime(row.received_at)
            case self.DUE:
                return show_datetime(row.due_at) if row.due_at else tr("Không hẹn")
            case _:
                return row.procedure
