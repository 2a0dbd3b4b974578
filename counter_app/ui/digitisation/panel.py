"""The dossier's digitisation panel: the checklist with each line's state, loaded off the
GUI thread, and the keys that digitise the selected line (KEYS; the F1 page lists them).
The work itself is in line_actions.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.ui.digitisation.checklist_model import ChecklistModel
from counter_app.ui.digitisation.line_actions import LineActions
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import TableView

if TYPE_CHECKING:
    from counter_app.digitisation.listing import Documents, Line
    from counter_app.ui.app import AppContext

# (name, button text, key): the keys work anywhere in the dossier window
KEYS = (
    ("scan", "Quét (F9)", "F9"),
    ("file", "Từ tệp… (Ctrl+O)", "Ctrl+O"),
    ("folder", "Thư mục quét (F8)", "F8"),
    ("reuse", "Dùng lại… (Ctrl+U)", "Ctrl+U"),
    ("exempt", "Miễn số hóa… (Ctrl+E)", "Ctrl+E"),
    ("view", "Xem (F7)", "F7"),
)


class ChecklistPanel(LineActions, QWidget):
    loaded = Signal(object)  # the Documents shown
    digitised = Signal(object)  # a line was saved (record.Digitised)
    told = Signal(str)  # what the status line says now

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.code = ""
        self.documents: Documents | None = None
        self._generation = 0
        self._busy = False
        self.model = ChecklistModel(self)
        self.table = TableView(selectionBehavior=TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        self.table.wrap_in(ChecklistModel.NAME)
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda _: self.view_document())
        title = QLabel(tr("&Giấy tờ số hóa (chọn dòng, rồi bấm phím):"))
        title.setBuddy(self.table)
        self.status = QLabel(wordWrap=True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        handlers = self._handlers()
        for name, text, keys in KEYS:
            button = self.buttons[name] = QPushButton(tr(text))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(handlers[name])
            row.addWidget(button)
            QShortcut(QKeySequence(keys), self, activated=handlers[name])
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def _handlers(self) -> dict[str, Callable[[], None]]:
        return {
            "scan": self.scan,
            "file": self.from_file,
            "folder": self.from_folder,
            "reuse": self.reuse,
            "exempt": self.exempt,
            "view": self.view_document,
        }

    def show_code(self, code: str, load: bool = True) -> None:
        """`load=False`: the dossier window reads the checklist with the dossier
        (`read_with`) and hands it over (`take`)."""
        self._generation += 1
        self.code, self.documents = code, None
        self.model.set_lines(())
        self.tell("")
        if load:
            self.reload()

    def read_with(self) -> Callable[[Any], Any]:
        """What `reload` reads, as a read in the dossier window's own unit of work (one
        transaction and one task for a scan, not three); a refusal is kept for `take`."""
        from counter_app.errors import CounterError

        code, tools = self.code, self._context.digitisation

        def read(session: Any) -> Any:  # in the worker: the store may open its folder, and
            from counter_app.digitisation import listing  # this loads pikepdf (60 ms)

            try:
                return listing.documents(session, code, _store_or_none(tools))
            except CounterError as refused:
                return refused

        return read

    def take(self, got: Any, select: int | None = None) -> None:
        """What `read_with` read, for the dossier this panel shows now."""
        if isinstance(got, Exception):
            self.tell(for_people(got))
        else:
            self._on_loaded(got, select)

    def forget(self) -> None:
        """The window is kept for another dossier: nothing of this one stays."""
        self._generation += 1
        self.code, self.documents = "", None
        self.model.set_lines(())
        self.tell("")

    def _current(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        generation = self._generation
        return lambda got: None if generation != self._generation else then(got)

    def reload(self, select: int | None = None) -> None:
        # the lines' names, sources and pages: no citizen's data, so a plain read (the
        # dossier window's own opening is the audited look; a second entry per scan cost a
        # write and its fsync)
        if not self.code:
            return
        c, read = self._context, self.read_with()
        c.tasks.run(
            lambda: c.read(read),
            self._current(lambda got: self.take(got, select)),
            self._current(lambda e: self.tell(for_people(e))),
            owner=self,
        )

    def _on_loaded(self, documents: Documents, select: int | None) -> None:
        self.documents = documents
        self.model.set_lines(documents.lines)
        self.table.fit_to_contents()
        row = self.model.first_todo() if select is None else select
        self.table.selectRow(min(row, max(0, self.model.rowCount() - 1)))
        self.loaded.emit(documents)

    def selected_line(self) -> Line | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line_at(rows[0].row()) if rows else None

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def select_item(self, item: int | str) -> None:
        row = next((n for n, x in enumerate(self.model.lines) if x.item == item), 0)
        self.table.selectRow(row)

    def tell(self, text: str) -> None:
        self.status.setText(text)
        self.told.emit(text)


def _store_or_none(tools: Any) -> Any:
    from counter_app.errors import CounterError

    try:
        return tools.store()
    except CounterError:  # not an SQLite desk: no file is here
        return None
