"""Models of the reception screen: procedures found by typing (accents optional) and the
documents checklist generated from the procedure version."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from counter_app.services.catalog.catalog import ProcedureSummary
from counter_app.services.intake.reception import ChecklistItem, match_rank
from counter_app.text import fold
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import HeaderedTableModel
from counter_app.vocabulary import DOCUMENT_KINDS

Index = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KINDS = DOCUMENT_KINDS


class ProcedureListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ProcedureSummary] = []
        self._keys: list[str] = []

    def set_procedures(self, items: list[ProcedureSummary]) -> None:
        self.beginResetModel()  # (the filter's cached ranks go with the rows)
        self._items = list(items)
        self._keys = [fold(f"{p.code} {p.name} {p.field}") for p in items]
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._keys[row]

    def code(self, row: int) -> str:
        return self._items[row].code

    def item(self, row: int) -> ProcedureSummary:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.code} — {item.name}"
        if role == CODE_ROLE:
            return item.code
        return None


class ProcedureFilter(QSortFilterProxyModel):
    """Keeps procedures whose code, name or field contain every typed word, accents aside,
    the best match first (reception.match_rank)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._query = ""
        self._ranks: dict[int, tuple[int, int, str]] = {}
        self.sort(0)

    def setSourceModel(self, model: Any) -> None:  # noqa: N802
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self._ranks.clear)  # ranks of the old rows

    def set_query(self, text: str) -> None:
        self._words, self._query = fold(text).split(), text
        self._ranks.clear()
        self.invalidate()  # filter and sort again: the ranks depend on the text

    def _rank(self, row: int) -> tuple[int, int, str]:
        if row not in self._ranks:
            source = self.sourceModel()
            assert isinstance(source, ProcedureListModel)
            item = source.item(row)
            self._ranks[row] = match_rank(self._query, item.code, item.name)
        return self._ranks[row]

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        return self._rank(left.row()) < self._rank(right.row())

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        source = self.sourceModel()
        assert isinstance(source, ProcedureListModel)
        key = source.key(row)
        return all(word in key for word in self._words)


class ChecklistModel(HeaderedTableModel):
    """Each component: ticked when received, with the count received (editable)."""

    RECEIVED, NAME, KIND, COUNT = range(4)
    HEADERS = ("Nhận", "Thành phần hồ sơ", "Hình thức", "Số lượng")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[ChecklistItem, ...] = ()
        self._ticked: list[bool] = []
        self._counts: list[int] = []

    def set_items(self, items: tuple[ChecklistItem, ...]) -> None:
        self.beginResetModel()
        self._items, self._ticked = items, [False] * len(items)
        self._counts = [i.count for i in items]
        self.endResetModel()

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return self._items

    def received(self) -> dict[str, int]:
        return {
            i.name: c for i, t, c in zip(self._items, self._ticked, self._counts, strict=True) if t
        }

    def row_total(self) -> int:
        return len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.RECEIVED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.COUNT:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column, item = index.row(), index.column(), self._items[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and column == self.RECEIVED:
            return Qt.CheckState.Checked if self._ticked[row] else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            match column:
                case self.NAME:
                    return item.name + ("" if item.required else tr(" (nếu có)"))
                case self.KIND:
                    return tr(KINDS.get(item.kind, item.kind))
                case self.COUNT:
                    return self._counts[row]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        row, column = index.row(), index.column()
        if column == self.RECEIVED and role == Qt.ItemDataRole.CheckStateRole:
            self._ticked[row] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column == self.COUNT and role == Qt.ItemDataRole.EditRole:
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= count <= 1000:
                return False
            self._counts[row] = count
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def tick_all(self) -> None:
        self._ticked = [True] * len(self._items)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))
