"""The dossier's timeline: its events, the same content as the process control sheet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from counter_app.formats import show_datetime
from counter_app.services.dossiers.events import EVENT_LABELS, EventKind
from counter_app.services.dossiers.views import HistoryEntry, return_detail
from counter_app.services.printouts.printouts import FORM_LABELS
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
DESK = "Một cửa"



class HistoryTableModel(HeaderedTableModel):
    AT, EVENT, MOVE, OFFICER, NOTE = range(5)
    HEADERS = ("Thời điểm", "Việc", "Chuyển", "Cán bộ", "Ghi chú")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: tuple[HistoryEntry, ...] = ()

    def set_entries(self, entries: tuple[HistoryEntry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        h = self._entries[index.row()]
        match index.column():
            case self.AT:
                return show_datetime(h.at)
            case self.EVENT:
                form = h.data.get("form")
                label = tr(EVENT_LABELS.get(h.event, h.event))
                return f"{label}: {tr(FORM_LABELS.get(str(form), str(form)))}" if form else label
            case self.MOVE:
                return f"{h.from_unit or DESK} → {h.to_unit or DESK}" if (
                    h.from_unit or h.to_unit) else ""  # fmt: skip
            case self.OFFICER:
                return h.officer
            case _:
                if h.event == EventKind.RETURNED:  # who took the result, and how
                    return "; ".join(filter(None, (return_detail(h), h.note)))
                return h.note or ""
