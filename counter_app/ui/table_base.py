"""The part every table of the desk shares: its view (Tab leaves it) and its model's size and
translated headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from counter_app.ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole)  # a plain int compares faster than the enum


class TableView(QTableView):
    """Every table of the desk: arrows move inside it, Tab leaves it for the next field or
    button (a QTableView keeps Tab inside by default, and a keyboard-only officer whose focus
    fell into a table could not reach the buttons again)."""

    def __init__(self, parent: Any = None, **properties: Any) -> None:
        super().__init__(parent, **properties)
        self.setTabKeyNavigation(False)


class HeaderedTableModel(QAbstractTableModel):
    """Subclasses set HEADERS (Vietnamese, translated when shown) and give `row_total()`."""

    HEADERS: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None


class RowsModel(HeaderedTableModel):
    """A read-only table of tuples of text, with its headers."""

    def __init__(self, headers: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.HEADERS, self.rows = headers, list[tuple[str, ...]]()

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None
