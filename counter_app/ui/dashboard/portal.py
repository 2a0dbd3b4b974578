"""The national portal's page of the dashboard ("Cổng DVC quốc gia"): for the current
reporting month, the messages not yet sent, sent and refused, each day's counts, and each
refusal with the gateway's own reason and what to do (double click opens the dossier);
the oldest pending message's age, red past one working day of the agency's calendar, and
what is still pending or refused from before the month (a message stuck since last month
must not leave the page when the month turns). The figures are `portal status`'s: the
same function (portal.status.status), run in the thread pool on the sessions the caller
gives (`sessions`), so that a desk joined to an office server reads the office's table by
changing that one argument."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from counter_app.formats import show_datetime
from counter_app.messages import for_people
from counter_app.portal.status import Status
from counter_app.reports.periods import Period
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard.tiles import tile_row
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import Index, RowsModel, TableView

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

LATE_COLOUR = QColor("#a00")  # the house's red (messages, refused rows)
TOTALS = ("Chưa gửi", "Đã gửi", "Bị từ chối")
DAY_HEADERS = ("Ngày", "Chưa gửi", "Đã gửi", "Bị từ chối")
FAILURE_HEADERS = ("Mã hồ sơ", "Loại tin", "Mã lỗi", "Lý do Cổng trả về", "Cách xử lý")
KINDS = {"DongBoHoSoMC": "Thông tin hồ sơ", "CapNhatTienDoHoSoMC": "Tiến độ xử lý"}


@dataclass(frozen=True)
class Shown:
    period: Period
    status: Status
    earlier: Status  # the messages written before the period
    now: datetime


class FailuresModel(RowsModel):
    """The refusals; a cell's whole text also as its tooltip (reasons and hints are long)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(FAILURE_HEADERS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return self.rows[index.row()][index.column()]
        return super().data(index, role)


def _red(palette: QPalette) -> QPalette:
    palette.setColor(QPalette.ColorRole.WindowText, LATE_COLOUR)
    return palette


def age_text(since: datetime, now: datetime) -> str:
    """How long a message has waited: days and hours, else hours and minutes, else minutes."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return tr("{} ngày {} giờ").format(days, hours)
    if hours:
        return tr("{} giờ {} phút").format(hours, minutes)
    return tr("{} phút").format(minutes)


class PortalPanel(QWidget):
    shown = Signal()  # figures and tables filled
    failed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        open_dossier: Callable[[str], None] | None,
        sessions: Callable[[], sessionmaker[Session]],
    ) -> None:
        super().__init__()
        self._context, self._open_dossier, self._sessions = context, open_dossier, sessions
        self.shown_data: Shown | None = None
        self.period_label = QLabel("...")
        self.values = [QLabel("...") for _ in TOTALS]
        totals = tile_row(TOTALS, self.values)
        self.oldest = QLabel("", wordWrap=True)
        self.earlier = QLabel("", wordWrap=True)
        self.earlier.setPalette(_red(self.earlier.palette()))
        self.days = RowsModel(DAY_HEADERS, self)
        self.days_view = TableView()
        self.days_view.setModel(self.days)
        self.failures = FailuresModel(self)
        self.failures_view = TableView()
        self.failures_view.setModel(self.failures)
        self.failures_view.horizontalHeader().setStretchLastSection(True)
        self.failures_view.doubleClicked.connect(self._on_failure_opened)
        self.failures_label = QLabel(tr("Tin bị Cổng từ chối"))
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.days_view)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.failures_label)
        column.addWidget(self.failures_view)
        tables.addWidget(right)
        tables.setSizes([330, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_label)
        layout.addLayout(totals)
        layout.addWidget(self.oldest)
        layout.addWidget(self.earlier)
        layout.addWidget(tables, 1)

    def refresh(self) -> None:
        self._context.tasks.run(self._compute, self._on_computed, self._on_failed, owner=self)

    # ------------------------------------------------------------ in the pool

    def _compute(self) -> Shown:
        from counter_app.db import unit_of_work
        from counter_app.portal import status
        from counter_app.reports import periods
        from counter_app.reports.access import seen
        from counter_app.services import desk
        from counter_app.sync import state

        now = self._context.now()
        self._context.act(lambda s, who: seen(s, who, "portal", now), need_agency=False)
        with unit_of_work(self._sessions(), snapshot=True) as session:
            agency = desk.desk_agency(session, self._context.settings.agency_code)
            period = periods.recent_months(now.date(), 1, agency.report_cutoff_day)[-1]
            calendar = desk.working_calendar(session, agency)
            before = period.first - timedelta(days=1)
            office = state.load_url(self._context.settings.db_url)
            if office is None:  # a desk alone: its own outbox
                found = status.status(
                    session, period.first, period.last, now=now, calendar=calendar
                )
                earlier = status.status(session, None, before, now=now, calendar=calendar)
        if office is not None:  # joined: the messages are the office server's
            found, earlier = _from_office(office, period.first, period.last, before, now, calendar)
        return Shown(period, found, earlier, now)

    # ------------------------------------------------------------ on the GUI thread

    def _on_computed(self, shown: Shown) -> None:
        self.shown_data = shown
        found = shown.status
        self.period_label.setText(shown.period.wording)
        for label, value in zip(
            self.values, (found.pending, found.sent, found.failed), strict=True
        ):
            label.setText(str(value))
        self._show_oldest(shown.earlier if shown.earlier.oldest_pending_at else found, shown.now)
        self._show_earlier(shown.earlier)
        self.days.set_rows(
            [
                (f"{d.day:%d/%m/%Y}", str(d.pending), str(d.sent), str(d.failed))
                for d in reversed(found.days)  # the newest day first
            ]
        )
        self.failures.set_rows(
            [
                (f.code, tr(KINDS.get(f.kind, f.kind)), str(f.error_code), f.reason, tr(f.hint))
                for f in found.failures
            ]
        )
        self.days_view.resizeColumnsToContents()
        self.failures_view.resizeColumnsToContents()
        self.failures_view.resizeRowsToContents()  # a long hint whole, on two lines
        self.shown.emit()

    def _show_oldest(self, found: Status, now: datetime) -> None:
        palette = self.palette()
        oldest = found.oldest_pending_at
        if oldest is None:
            self.oldest.setText(tr("Không có tin nào chờ gửi."))
        else:
            text = tr("Tin chờ gửi lâu nhất: {} (đã chờ {})").format(
                show_datetime(oldest), age_text(oldest, now)
            )
            if found.oldest_pending_late:
                text += tr(" — quá một ngày làm việc")
                palette = _red(palette)
            self.oldest.setText(text)
        self.oldest.setPalette(palette)

    def _show_earlier(self, earlier: Status) -> None:
        left = bool(earlier.pending or earlier.failed)
        self.earlier.setVisible(left)
        said = tr("Từ trước kỳ này còn {} tin chưa gửi và {} tin bị từ chối: xem bằng {}.")
        self.earlier.setText(
            said.format(earlier.pending, earlier.failed, "counter-app portal status")
            if left
            else ""
        )

    def _on_failure_opened(self, index: Any) -> None:
        if self._open_dossier is not None and index.isValid():
            self._open_dossier(self.failures.rows[index.row()][0])

    def _on_failed(self, error: Exception) -> None:
        self.failed.emit(for_people(error))


def _from_office(
    url: str, first: date, last: date, before: date, now: datetime, calendar: Any
) -> tuple[Status, Status]:
    """The office's figures for the period and before it (sync/link: `portal_status()`)."""
    from counter_app.portal import status
    from counter_app.sync.link import Link

    with Link(url) as link:
        found = link.portal_status(*status.bounds(first, last))
        earlier = link.portal_status(*status.bounds(None, before))
    return status.from_office(found, now, calendar), status.from_office(earlier, now, calendar)
