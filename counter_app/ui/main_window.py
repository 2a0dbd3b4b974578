"""The desk's main window: a search field over the worklist of recent dossiers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget

from counter_app.db import unit_of_work
from counter_app.services import worklists
from counter_app.ui.app import AppContext
from counter_app.ui.dossier_table import SORT_ROLE, DossierTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    worklist_shown = Signal(int)  # number of rows, once the first list is on screen

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self._ready = False
        self.setWindowTitle(tr("Bộ phận một cửa — Tiếp nhận và trả kết quả"))
        self.resize(1100, 650)
        self.search = QLineEdit(placeholderText=tr(
            "Tìm theo mã hồ sơ, tên (không cần dấu), số giấy tờ, điện thoại — Enter"))
        self.model = DossierTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(sortingEnabled=True)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.sortByColumn(DossierTableModel.RECEIVED, Qt.SortOrder.DescendingOrder)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        self.search.returnPressed.connect(self._on_search)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence(tr("F5")), self, activated=self.refresh)
        self.statusBar().showMessage(tr("Đang mở cơ sở dữ liệu…"))

    def start(self) -> None:
        """Prepare the database and load the first worklist, off the GUI thread."""
        def work() -> list[worklists.DossierRow]:
            self._context.prepare_database()
            return self._load(None)
        self._context.tasks.run(work, self._on_rows, self._on_failed)

    def refresh(self) -> None:
        self._context.tasks.run(lambda: self._load(None), self._on_rows, self._on_failed)

    def _load(self, query: str | None) -> list[worklists.DossierRow]:
        with unit_of_work(self._context.sessions) as session:
            if query:
                return worklists.matching(session, query)
            return worklists.recent(session)

    def _on_search(self) -> None:
        query = self.search.text().strip()
        self.statusBar().showMessage(tr("Đang tìm…"))
        self._context.tasks.run(lambda: self._load(query), self._on_rows, self._on_failed)

    def _on_rows(self, rows: list[worklists.DossierRow]) -> None:
        self.model.set_rows(rows)
        for column in range(DossierTableModel.PROCEDURE):
            self.table.resizeColumnToContents(column)
        self.statusBar().showMessage(tr("{} hồ sơ").format(len(rows)))
        if not self._ready:
            self._ready = True
            self.worklist_shown.emit(len(rows))

    def _on_failed(self, error: Exception) -> None:
        self.statusBar().showMessage(tr("Lỗi: {}").format(error))


__all__ = ["MainWindow"]
