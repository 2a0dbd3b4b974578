"""The dossier's checklist as digitised: one row per line of the procedure, the result last,
each with its state (Đã số hóa / Chưa số hóa / Miễn số hóa), where it came from, its pages
and whether it is signed. Rows are `listing.Line`s (frozen, made in a worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt

from counter_app.ui.i18n import tr
from counter_app.ui.table_base import DISPLAY, HeaderedTableModel, Index

if TYPE_CHECKING:
    from counter_app.digitisation.listing import Line

SOURCES = {
    "scanner": "máy quét",
    "file": "tệp",
    "folder": "thư mục máy quét",
    "reuse": "dùng lại giấy tờ cũ",
    "exempt": "miễn số hóa",
}
DONE, TODO, EXEMPT = "Đã số hóa", "Chưa số hóa", "Miễn số hóa"
RESULT_LABEL = "Kết quả giải quyết"
NOT_HERE = "Tệp chưa về máy này; sẽ tải khi đồng bộ"
LINE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def state_of(line: Line) -> str:
    now = line.current
    if now is None:
        return TODO
    return EXEMPT if now.sha256 is None else DONE


class ChecklistModel(HeaderedTableModel):
    NAME, STATE, SOURCE, PAGES, SIGNED = range(5)
    HEADERS = ("Giấy tờ", "Số hóa", "Nguồn", "Số trang", "Ký số")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: tuple[Line, ...] = ()

    def row_total(self) -> int:
        return len(self.lines)

    def set_lines(self, lines: tuple[Line, ...]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == LINE_ROLE:
            return line
        if role == int(Qt.ItemDataRole.ToolTipRole):
            now = line.current
            if now is not None and now.here is False:
                return tr(NOT_HERE)
            return now.reason if now is not None and now.reason else None
        if role != DISPLAY:
            return None
        return self._text(line, index.column())

    def _text(self, line: Line, column: int) -> str:
        now = line.current
        if column == self.NAME:
            mark = " *" if line.required else ""
            return (
                f"{line.item}. {line.name}{mark}"
                if isinstance(line.item, int)
                else tr(RESULT_LABEL)
            )
        if column == self.STATE:
            return tr(state_of(line))
        if now is None:
            return ""
        if column == self.SOURCE:
            text = tr(SOURCES.get(now.source, now.source))
            if now.reason:
                text += f": {now.reason}"
            if now.here is False:
                text += f" ({tr(NOT_HERE)})"
            return text
        if column == self.PAGES:
            return str(now.pages) if now.sha256 else ""
        return tr("Đã ký") if now.signed else ""

    def line_at(self, row: int) -> Line | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def first_todo(self) -> int:
        """The first line not digitised yet (the officer's next one); else the first."""
        return next((n for n, x in enumerate(self.lines) if x.current is None), 0)

    def index_of(self, row: int) -> QModelIndex:
        return self.index(row, 0)
