"""The dossiers of a batch being scanned."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from counter_app.formats import show_datetime
from counter_app.services.batches import BatchLine
from counter_app.services.workflow import OUTCOME_LABELS
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex


class BatchModel(HeaderedTableModel):
    HEADERS = ("TT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hẹn trả", "Đang ở")

    OUTCOMES = OUTCOME_LABELS

    def __init__(self, parent: Any = None, with_outcome: bool = False) -> None:
        super().__init__(parent)
        self.lines: list[BatchLine] = []
        self.outcomes: dict[str, str] = {}  # results back: code -> approved | refused
        if with_outcome:
            self.HEADERS = (*type(self).HEADERS, "Kết quả")

    def set_outcome(self, row: int, outcome: str) -> None:
        self.outcomes[self.lines[row].code] = outcome
        index = self.index(row, len(self.HEADERS) - 1)
        self.dataChanged.emit(index, index)

    def add(self, line: BatchLine) -> None:
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self.endInsertRows()

    def remove(self, codes: list[str]) -> None:
        """Drop these lines (recorded); lines scanned meanwhile stay."""
        self.beginResetModel()
        self.lines = [line for line in self.lines if line.code not in set(codes)]
        self.endResetModel()

    def codes(self) -> list[str]:
        return [line.code for line in self.lines]

    def row_total(self) -> int:
        return len(self.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        line = self.lines[index.row()]
        outcome = tr(self.OUTCOMES[self.outcomes.get(line.code, "approved")])
        return (index.row() + 1, line.code, line.applicant, line.procedure,
                show_datetime(line.due_at) if line.due_at else "—",
                line.unit or "Một cửa", outcome)[index.column()]  # fmt: skip
