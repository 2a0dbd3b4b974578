"""Choosing the procedure by typing: the best match first, ↑/↓ from the search box move
the highlight, Enter takes the highlighted row (never blindly the first one)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from counter_app.services.catalog.catalog import ProcedureSummary
from counter_app.ui.i18n import tr
from counter_app.ui.intake.intake_models import ProcedureFilter, ProcedureListModel

MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


class ProcedurePicker(QWidget):
    chosen = Signal(str)  # the procedure's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.procedures = ProcedureListModel(self)
        self.filter = ProcedureFilter(self)
        self.filter.setSourceModel(self.procedures)
        self.find = QLineEdit(placeholderText=tr("Gõ tên hoặc mã thủ tục (không cần dấu)…"))
        self.list = QListView()
        self.list.setModel(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.list)
        self.find.textChanged.connect(self._on_find_edited)
        self.find.returnPressed.connect(lambda: self.choose_row(self.list.currentIndex().row()))
        self.list.activated.connect(lambda index: self.choose_row(index.row()))
        self.find.installEventFilter(self)

    def set_procedures(self, items: list[ProcedureSummary]) -> None:
        self.procedures.set_procedures(items)
        self._on_find_edited(self.find.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up, Down, PgUp and PgDn typed in the search box move the highlight in the list."""
        if watched is self.find and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = MOVES.get(Qt.Key(event.key()))
            if step is not None:
                self.move_highlight(step)
                return True
        return False

    def move_highlight(self, step: int) -> None:
        rows = self.filter.rowCount()
        if rows:
            row = min(max(self.list.currentIndex().row() + step, 0), rows - 1)
            self.list.setCurrentIndex(self.filter.index(row, 0))

    def _on_find_edited(self, text: str) -> None:
        self.filter.set_query(text)
        if self.filter.rowCount():  # the best match, highlighted, Enter takes it
            self.list.setCurrentIndex(self.filter.index(0, 0))

    def highlighted(self) -> str | None:
        row = self.list.currentIndex().row()
        return self._code(row) if 0 <= row < self.filter.rowCount() else None

    def choose_row(self, row: int) -> None:
        """Take the row-th procedure shown (the highlighted one on Enter)."""
        if 0 <= row < self.filter.rowCount():
            self.chosen.emit(self._code(row))

    def _code(self, row: int) -> str:
        # Straight from the source model: PySide6 6.12 on Python 3.11 miscounts None's
        # references when Python calls QModelIndex.data() and the model answers None.
        return self.procedures.code(self.filter.mapToSource(self.filter.index(row, 0)).row())
