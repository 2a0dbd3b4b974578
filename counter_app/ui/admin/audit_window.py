"""The audit trail for leaders, administrators and inspectors: who did or saw what, when,
at which desk, filtered by officer, dossier and dates; and a check that no entry was
changed, removed or inserted. Reading the trail is itself recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_datetime
from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView

ACTIONS = {
    "view": "Xem hồ sơ",
    "list": "Xem danh sách",
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất",
    "lock": "Khoá bàn",
    "officer": "Thay đổi cán bộ",
    "catalog_import": "Nhập danh mục",
    "report": "Xem báo cáo",
    "export": "Xuất báo cáo",
    "backup": "Sao lưu",
    "restore": "Khôi phục",
    "audit_read": "Xem nhật ký",
    "audit_verify": "Kiểm tra nhật ký",
    "portal_retry": "Gửi lại tin lên Cổng DVC",
    "refused": "Bị từ chối",
}


def action_text(action: str) -> str:
    from counter_app.services.dossiers.events import EVENT_LABELS

    return tr(ACTIONS.get(action) or EVENT_LABELS.get(action) or action)


def _date(edit: QDateEdit) -> Any:
    from datetime import date

    value = edit.date()
    return date(value.year(), value.month(), value.day())


class AuditWindow(QWidget):
    shown = Signal(int)  # entries on screen
    checked = Signal(bool)  # the chain is intact
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(tr("Nhật ký truy cập"))
        fit(self, 1000, 620)
        day = context.now().date()  # the desk's day (+07:00), not the machine's time zone's
        today = QDate(day.year, day.month, day.day)
        self.first = QDateEdit(today.addDays(-7), calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.last = QDateEdit(today, calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.officer = QLineEdit(placeholderText=tr("tên đăng nhập"), maxLength=60)
        self.code = QLineEdit(placeholderText=tr("mã hồ sơ"), maxLength=60)
        self.show_button = QPushButton(tr("Xem (Enter)"), default=True)
        self.verify_button = QPushButton(tr("Kiểm tra toàn vẹn"))
        self.model = RowsModel(("Thời điểm", "Cán bộ", "Bàn", "Việc", "Mã hồ sơ", "Kết quả"), self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(wordWrap=True)
        filters = QHBoxLayout()
        for label, widget in (
            (tr("Từ"), self.first),
            (tr("đến"), self.last),
            (tr("Cán bộ"), self.officer),
            (tr("Hồ sơ"), self.code),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch()
        filters.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.show_button.clicked.connect(self.load)
        for field in (self.officer, self.code):
            field.returnPressed.connect(self.load)
        self.verify_button.clicked.connect(self.verify)
        self.load()

    def load(self) -> None:
        from counter_app.audit import query

        c = self._context
        where = query.Filter(
            _date(self.first),
            _date(self.last),
            self.officer.text().strip() or None,
            self.code.text().strip() or None,
        )
        self._asked = asked = getattr(self, "_asked", 0) + 1  # an older answer is dropped
        c.tasks.run(
            lambda: c.act(
                lambda s, who: query.read(s, who, where, c.now(), newest_first=True),
                need_agency=False,
            ),
            lambda found: asked == self._asked and self._show(found),
            self._fail,
            owner=self,
        )

    def _show(self, entries: list[Any]) -> None:
        self.model.set_rows(
            [
                (
                    show_datetime(e.at),
                    e.officer,
                    e.desk,
                    action_text(e.action),
                    e.code or "",
                    tr("từ chối") if e.outcome == "refused" else "",
                )
                for e in entries
            ]
        )
        self.table.resizeColumnsToContents()
        self.status.setText(tr("{} mục.").format(len(entries)))
        self.shown.emit(len(entries))

    def verify(self) -> None:
        from counter_app.audit.verify import verify_as

        c = self._context

        def work() -> Any:
            from counter_app.anchors import gather

            anchors, _ = gather(c.settings.db_url)  # the server asked first, not in a write
            return c.act(lambda s, who: verify_as(s, who, c.now(), anchors), need_agency=False)

        c.tasks.run(work, self._verified, self._fail, owner=self)

    def _verified(self, verdict: Any) -> None:
        if verdict.intact:
            self.status.setText(
                tr("Nhật ký nguyên vẹn: {} mục của {} bàn.").format(verdict.entries, verdict.desks)
            )
        else:
            b = verdict.first_break
            self.status.setText(
                tr("Nhật ký KHÔNG nguyên vẹn: bàn {}, mục số {} ({}): {}.").format(
                    b.desk, b.seq, show_datetime(b.at) if b.at else "—", b.why
                )
            )
            self.status.setStyleSheet("color: #a00; font-weight: bold")
        self.checked.emit(verdict.intact)

    def _fail(self, error: Exception) -> None:
        self.status.setText(for_people(error))
        self.failed.emit(for_people(error))
