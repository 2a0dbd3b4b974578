"""The dossiers of a batch being scanned, and the scans it refused.

A refused scan (scanned twice, not in a state to move, unknown, or a procedure of another
unit) stays in the list as a red line with its reason, so the officer sees which paper
dossier to put aside; only the other lines are recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.formats import show_datetime
from counter_app.services.dossiers.batches import BatchLine
from counter_app.services.dossiers.workflow import OUTCOME_LABELS
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
REFUSED_BACKGROUND = QColor("#f8d0d0")


@dataclass(frozen=True)
class Row:
    line: BatchLine
    problem: str | None = None  # why it will not be recorded; None: it will
    by_unit: bool = False  # refused only because its procedure names another unit


class BatchModel(HeaderedTableModel):
    HEADERS = ("TT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hẹn trả", "Đang ở", "Lưu ý")

    OUTCOMES = OUTCOME_LABELS

    def __init__(self, parent: Any = None, with_outcome: bool = False) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.outcomes: dict[str, str] = {}  # results back: code -> approved | refused
        if with_outcome:
            self.HEADERS = (*type(self).HEADERS, "Kết quả")

    @property
    def lines(self) -> list[BatchLine]:
        """The lines that will be recorded."""
        return [row.line for row in self.rows if row.problem is None]

    def set_outcome(self, row: int, outcome: str) -> None:
        self.outcomes[self.rows[row].line.code] = outcome
        index = self.index(row, len(self.HEADERS) - 1)
        self.dataChanged.emit(index, index)

    def add(self, line: BatchLine, problem: str | None = None, by_unit: bool = False) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(Row(line, problem, by_unit))
        self.endInsertRows()

    def rejudge(self, unit_problem: Callable[[BatchLine], str | None]) -> None:
        """The unit was changed: lines accepted, or refused for their unit, judged again."""
        for i, row in enumerate(self.rows):
            if row.problem is None or row.by_unit:
                problem = unit_problem(row.line)
                self.rows[i] = Row(row.line, problem, problem is not None)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1)
            )

    def remove(self, codes: list[str]) -> None:
        """Drop these lines (recorded); lines scanned meanwhile stay."""
        self.beginResetModel()
        done = set(codes)
        self.rows = [row for row in self.rows if row.line.code not in done]
        self.endResetModel()

    def codes(self) -> list[str]:
        """The codes that will be recorded, in scanning order."""
        return [line.code for line in self.lines]

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and row.problem:
            return QBrush(REFUSED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem or row.line.procedure
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        line = row.line
        outcome = tr(self.OUTCOMES[self.outcomes.get(line.code, "approved")])
        # a scan refused before it was read (unknown, handed over already) has no "where":
        # not the desk, which it was shown as
        where = tr(line.where) if line.procedure else ""
        return (
            index.row() + 1,
            line.code,
            line.applicant,
            line.procedure,
            show_datetime(line.due_at) if line.due_at else "—",
            where,
            tr("Không nhận: {}").format(row.problem) if row.problem else "",
            outcome,
        )[index.column()]
