"""The part every table of the desk shares: its view (Tab leaves it) and its model's size and
translated headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

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
        self._wraps = -1  # the column whose text wraps (fit_to_contents), none yet
        self._refit: QTimer | None = None

    def wrap_in(self, column: int) -> None:
        """`column` takes the width left and its text wraps; the others are as wide as their
        contents once `fit_to_contents` measured them. Not Qt's ResizeToContents: with it,
        measuring each row's height measured every column over every row again (quadratic:
        a third of a scan's CPU went to the dossier window's two small tables)."""
        self._wraps = column
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._wrapped_width)

    def fit_to_contents(self) -> None:
        """Columns, then rows, measured once for what the model holds now."""
        for column in range(self.model().columnCount()):
            if column != self._wraps:
                self.resizeColumnToContents(column)
        self.resizeRowsToContents()

    def _wrapped_width(self, column: int, _old: int, _new: int) -> None:
        if column == self._wraps:  # the window was resized: the wrapped text's rows again,
            # once the header has laid out all its sections (measured inside its signal, the
            # rows kept their old heights)
            if self._refit is None:
                self._refit = QTimer(self, singleShot=True, interval=0)
                self._refit.timeout.connect(self.resizeRowsToContents)
            self._refit.start()


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
