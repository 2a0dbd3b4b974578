"""What the office server refused of this desk's work (two desks acted on one dossier while
apart: the server's order won). Each line opens its dossier, where the officer acts anew;
a line acted upon since is marked resolved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView


class ConflictsWindow(QWidget):
    shown = Signal(int)

    def __init__(
        self,
        context: AppContext,
        open_dossier: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._open = context, open_dossier
        self.setWindowTitle(tr("Xung đột đồng bộ"))
        fit(self, 1000, 480)
        self.model = RowsModel(
            ("Mã hồ sơ", "Việc bị từ chối", "Lý do", "Trạng thái theo máy chủ", "Đã xử lý"), self
        )
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda index: self._open(self.model.rows[index.row()][0]))
        self.status = QLabel(tr("Enter trên một dòng để mở hồ sơ và xử lý lại."), wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.reload()

    def reload(self) -> None:
        from counter_app.services.dossiers.events import EVENT_LABELS
        from counter_app.sync.join import conflicts, label

        c = self._context

        def work() -> list[tuple[str, ...]]:
            return c.read(
                lambda s: [
                    (
                        x.code,
                        EVENT_LABELS.get(x.event, x.event),
                        x.reason,
                        label(x.server_status),
                        "✓" if x.resolved else "",
                    )
                    for x in conflicts(s)
                ]
            )

        c.tasks.run(work, self._show, lambda e: self.status.setText(for_people(e)), owner=self)

    def _show(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.shown.emit(len(rows))
