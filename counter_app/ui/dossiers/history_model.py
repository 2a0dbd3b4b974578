"""The dossier's timeline: its events, the same content as the process control sheet, each
with the desk it was done at. An event the office server refused (another desk acted first)
stays in sight struck through, with the server's reason: it was not done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from counter_app.citizen.criteria import SCORES
from counter_app.formats import show_datetime
from counter_app.services.dossiers.events import EVENT_LABELS, EventKind
from counter_app.services.dossiers.views import HistoryEntry, return_detail
from counter_app.services.printouts.printouts import FORM_LABELS
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
REFUSED_COLOUR = QColor("#a00")
DISPLAY, FONT, FOREGROUND, TOOLTIP = (
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
    )
)
REFUSED_ROLES = frozenset({FONT, FOREGROUND, TOOLTIP})  # what a refused event shows more


class HistoryTableModel(HeaderedTableModel):
    AT, EVENT, MOVE, OFFICER, DESK, NOTE = range(6)
    HEADERS = ("Thời điểm", "Việc", "Chuyển", "Cán bộ", "Bàn", "Ghi chú")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: tuple[HistoryEntry, ...] = ()
        self._texts: list[tuple[str, ...]] = []

    def set_entries(self, entries: tuple[HistoryEntry, ...]) -> None:
        """The texts are made here once: a view asks for each cell's data many times (its
        size with each role, then its painting), and making them on each ask was a third
        of a scan's time in this model."""
        self.beginResetModel()
        self._entries = entries
        self._texts = [tuple(self._text(h, c) for c in range(len(self.HEADERS))) for h in entries]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == DISPLAY:  # plain ints first: most asks are for roles this model leaves
            return self._texts[index.row()][index.column()] if index.isValid() else None
        if role not in REFUSED_ROLES or not index.isValid():
            return None
        h = self._entries[index.row()]
        if not h.rejected:
            return None
        if role == FONT and index.column() != self.NOTE:
            font = QFont()
            font.setStrikeOut(True)  # not done: the server refused it
            return font
        if role == FOREGROUND:
            return QBrush(REFUSED_COLOUR)
        if role == TOOLTIP:
            return self.refusal(h)
        return None

    @staticmethod
    def refusal(h: HistoryEntry) -> str:
        return tr("Bị máy chủ từ chối: {} (tại {})").format(h.reason, h.desk)

    def _text(self, h: HistoryEntry, column: int) -> str:
        match column:
            case self.AT:
                return show_datetime(h.at)
            case self.EVENT:
                form = h.data.get("form")
                label = tr(EVENT_LABELS.get(h.event, h.event))
                if h.event == EventKind.RATED and h.data.get("score") in SCORES:
                    return f"{label}: {tr(SCORES[h.data['score']])}"
                return f"{label}: {tr(FORM_LABELS.get(str(form), str(form)))}" if form else label
            case self.MOVE:
                return tr(h.moved)
            case self.OFFICER:
                return h.officer
            case self.DESK:
                return h.desk
            case _:
                note = h.note or ""
                if h.event == EventKind.RETURNED:  # who took the result, and how
                    note = "; ".join(filter(None, (return_detail(h), h.note)))
                return " — ".join(filter(None, (self.refusal(h) if h.rejected else "", note)))
