"""The worklists with their counts, as a list the officer picks from. Online dossiers
waiting for the desk's answer stand out in bold while there are any."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from counter_app.services.worklists.worklist_kinds import LABELS, Worklist
from counter_app.ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex
WORKLIST_ROLE = Qt.ItemDataRole.UserRole + 1


class WorklistModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lists = list(Worklist)
        self._counts: dict[Worklist, int] = {}

    def set_counts(self, counts: dict[Worklist, int]) -> None:
        self._counts = dict(counts)
        self.dataChanged.emit(self.index(0), self.index(len(self._lists) - 1))

    def add_counts(self, counts: dict[Worklist, int]) -> None:
        """Counts that came later: those already shown (a newer refresh's) are kept."""
        for worklist, count in counts.items():
            self._counts.setdefault(worklist, count)
        self.dataChanged.emit(self.index(0), self.index(len(self._lists) - 1))

    def update_counts(self, counts: dict[Worklist, int]) -> None:
        """Counts read again (the online ones, every minute): they replace those shown."""
        self._counts.update(counts)
        self.dataChanged.emit(self.index(0), self.index(len(self._lists) - 1))

    def worklist(self, row: int) -> Worklist:
        return self._lists[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lists)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        worklist = self._lists[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = tr(LABELS[worklist])
            count = self._counts.get(worklist)
            return label if count is None else f"{label} ({count})"
        if role == WORKLIST_ROLE:
            return worklist.value
        owed = worklist == Worklist.ONLINE and self._counts.get(worklist)
        if role == Qt.ItemDataRole.FontRole and owed:  # answers owed: seen at a glance
            font = QFont()
            font.setBold(True)
            return font
        return None
