"""The tables of the dashboard's "Hài lòng" page: a name (officer, procedure, service)
then figures. The name takes the room left and is cut with "…" when long, its whole text
as the tooltip; the figures keep their width, right-aligned, so that a long procedure
name never pushes the counts out of sight."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from counter_app.ui.i18n import tr
from counter_app.ui.table_base import Index, RowsModel, TableView

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FiguresModel(RowsModel):
    """Rows of text; columns from `figures` on are numbers (right-aligned)."""

    def __init__(self, headers: tuple[str, ...], figures: int, parent: Any = None) -> None:
        super().__init__(headers, parent)
        self.figures = figures

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.rows[index.row()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self.figures:
            return RIGHT
        return super().data(index, role)


def table(
    headers: tuple[str, ...], figures: int, parent: QWidget
) -> tuple[FiguresModel, TableView]:
    model = FiguresModel(headers, figures, parent)
    view = TableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return model, view


def titled(title: str, view: QWidget) -> QWidget:
    """The table under its bold title (the title names it for a screen reader too)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{tr(title)}</b>")
    label.setBuddy(view)
    view.setAccessibleName(tr(title))
    column.addWidget(label)
    column.addWidget(view)
    return box
