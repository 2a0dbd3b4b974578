"""The complaints register for the leader (Quản lý → Sổ phản ánh, kiến nghị): the open
ones, those due soon, those overdue, all; no personal data in its lines. On a joined desk
it is the office's register (the server's), read in the pool like every list."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView

LISTS = (
    ("open", "Chưa đóng"),
    ("due_soon", "Sắp đến hạn trả lời"),
    ("overdue", "Quá hạn trả lời"),
    ("published", "Đã công khai trả lời"),
    (None, "Tất cả"),
)
HEADERS = ("Số", "Nhận lúc", "Hạn trả lời", "Tình trạng", "Hồ sơ", "Cán bộ xử lý", "Công khai")


class ComplaintsWindow(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(tr("Sổ phản ánh, kiến nghị"))
        fit(self, 1000, 520)
        self.which = QComboBox()
        for key, text in LISTS:
            self.which.addItem(tr(text), key)
        self.which.currentIndexChanged.connect(lambda _: self.reload())
        self.model = RowsModel(HEADERS, self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Danh sách:")))
        top.addWidget(self.which)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.reload()

    def reload(self) -> None:
        from counter_app.citizen import complaints
        from counter_app.citizen.register_office import opened

        c, which = self._context, self.which.currentData()
        now = c.now()
        url = c.settings.db_url

        def work() -> Any:
            return c.look(
                lambda s, who: complaints.listed(opened(s, who.agency_id, url), who, which, now),
                "list",
                detail=lambda rows: {"list": "complaints", "rows": len(rows)},
            )

        self.status.setText(tr("Đang tải…"))
        c.tasks.run(work, lambda rows: self._on_loaded(rows, now), self._on_failed, owner=self)

    def _on_loaded(self, rows: list[Any], now: Any) -> None:
        from counter_app.citizen.complaint_form import STATUSES
        from counter_app.formats import show_datetime

        self.model.set_rows(
            [
                (
                    r.number,
                    show_datetime(r.received_at),
                    show_datetime(r.due_at),
                    tr("Quá hạn") if r.overdue(now) else tr(STATUSES[r.status]),
                    r.code or "",
                    r.assignee or "",
                    tr("Có") if r.published_at else "",
                )
                for r in rows
            ]
        )
        self.table.resizeColumnsToContents()
        self.status.setText(tr("{} phản ánh.").format(len(rows)))

    def _on_failed(self, error: Exception) -> None:
        self.status.setText(for_people(error))
