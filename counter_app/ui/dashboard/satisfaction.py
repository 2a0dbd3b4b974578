"""The dashboard's "Hài lòng" page (issue 22, docs/citizen.md "The leader's figures"): for a
period the leader picks (presets as Biểu 06's, or dates), the ratings, the share
satisfied, the QĐ 766 criterion 5.4 estimate with its two parts, the complaints register's
counts, the ratings by week as a chart, by officer and by procedure, and the queue's
waiting and service times by service and hour.

The figures are `report satisfaction`'s: the same function, with the same inputs gathered
the same way (the complaints register and the queue's ticket times; on a joined desk both
are the office server's, so the network), all in the thread pool. A failure (the server
unreachable) is said on the page in Vietnamese; the other pages never wait for this one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import ValidationError
from counter_app.reports.periods import Period, between, preset
from counter_app.reports.ratings import RatingCount
from counter_app.reports.satisfaction import Satisfaction
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard import satisfaction_rows as rows
from counter_app.ui.dashboard.charts import ChartView
from counter_app.ui.dashboard.form06 import presets
from counter_app.ui.dashboard.satisfaction_tables import table, titled
from counter_app.ui.dashboard.tiles import tile_row
from counter_app.ui.i18n import tr

FAILED_COLOUR = QColor("#a00")  # the house's red
TILES = (
    "Số lượt đánh giá",
    "Tỷ lệ hài lòng",
    "Ước tính tiêu chí 5.4",
    "Phản ánh tiếp nhận",
    "Phản ánh đã xử lý",
    "Phản ánh đang xử lý",
    "Phản ánh đã công khai",
)
ESTIMATE = 2  # the tile whose parts are written under it
ESTIMATE_TIP = (
    "Ước tính cho lãnh đạo theo QĐ 766: 100 % − (tỷ lệ hồ sơ quá hạn + tỷ lệ phản ánh "
    "kiến nghị). Tỷ lệ phản ánh = phản ánh tiếp nhận / hồ sơ tiếp nhận trong kỳ: cách hiểu "
    "của phần mềm, cần thống nhất với cơ quan cấp tỉnh. Không phải điểm Cổng công bố."
)


@dataclass(frozen=True)
class Shown:
    report: Satisfaction  # its rows by week
    officers: tuple[RatingCount, ...]
    procedures: tuple[RatingCount, ...]
    services: dict[str, str]  # the queue's services: letter → name


def chosen_period(first: date, last: date, chosen: str | None, cutoff_day: int) -> Period:
    """The preset by its name when the dates are still its own, else the dates."""
    named = preset(chosen, cutoff_day) if chosen else None
    if named is not None and (named.first, named.last) == (first, last):
        return named
    return between(first, last)


class SatisfactionPanel(QWidget):
    shown = Signal()  # figures, chart and tables filled
    failed = Signal(str)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self.shown_data: Shown | None = None
        self.cutoff_day: int | None = None  # known once the dashboard's first answer came
        self._asked = 0  # the latest refresh: older answers are dropped
        self._wanted = False  # opened before the periods were known
        self.choice = QComboBox(sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.first, self.last = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit in (self.first, self.last):
            edit.setDisplayFormat("dd/MM/yyyy")
        self.show_button = QPushButton(tr("Xem số liệu"))
        self.period_label = QLabel("...")
        self.message = QLabel("", wordWrap=True)
        self.message.hide()  # said only when the figures could not be had
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, FAILED_COLOUR)
        self.message.setPalette(palette)
        self.values = [QLabel("...") for _ in TILES]
        self.parts = QLabel("")
        self.values[ESTIMATE].setToolTip(tr(ESTIMATE_TIP))
        self.chart = ChartView()
        self.officers, self.officers_view = table(rows.OFFICER_HEADERS, 1, self)
        self.procedures, self.procedures_view = table(rows.PROCEDURE_HEADERS, 1, self)
        self.times, self.times_view = table(rows.TIME_HEADERS, 2, self)
        self._layout()
        self.choice.currentIndexChanged.connect(self._on_preset_chosen)
        self.show_button.clicked.connect(self.refresh)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for widget in (
            QLabel(tr("Kỳ báo cáo:")),
            self.choice,
            QLabel(tr("từ")),
            self.first,
            QLabel(tr("đến")),
            self.last,
            self.show_button,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.period_label, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.chart)  # the weeks as wide as the times: names whole in its legend
        top.addWidget(titled("Thời gian chờ và phục vụ (phút:giây)", self.times_view))
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(titled("Đánh giá theo cán bộ", self.officers_view))
        bottom.addWidget(titled("Đánh giá theo thủ tục", self.procedures_view))
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(bottom)
        top.setSizes([600, 600])
        body.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(tile_row(TILES, self.values, 18, True, {ESTIMATE: self.parts}))
        layout.addWidget(body, 1)

    @property
    def asked(self) -> bool:
        """The page has been asked for its figures at least once."""
        return self._asked > 0 or self._wanted

    def set_presets(self, today: date, cutoff_day: int) -> None:
        """The periods around today (the dashboard's first answer); once: a period the
        leader chose stays when the dashboard is asked again."""
        if self.cutoff_day is not None:
            return
        self.cutoff_day = cutoff_day
        self.choice.blockSignals(True)
        for label, value in presets(today, cutoff_day):
            self.choice.addItem(label, value)
        self.choice.blockSignals(False)
        self._set_dates(0)
        if self._wanted:
            self.refresh()

    def _on_preset_chosen(self, index: int) -> None:
        self._set_dates(index)
        self.refresh()

    def _set_dates(self, index: int) -> None:
        period = preset(self.choice.itemData(index), self.cutoff_day or 14)
        self.first.setDate(QDate(period.first.year, period.first.month, period.first.day))
        self.last.setDate(QDate(period.last.year, period.last.month, period.last.day))

    def refresh(self) -> None:
        """Ask for the chosen period's figures (in the pool); the newest ask wins."""
        if self.cutoff_day is None:
            self._wanted = True
            return
        first, last = self.first.date().toPython(), self.last.date().toPython()
        chosen, cutoff = self.choice.currentData(), self.cutoff_day
        self._asked += 1
        asked = self._asked
        if last < first:  # said here in the page's words, not the command line's
            self._on_failed(
                ValidationError(tr("Ngày cuối kỳ phải không trước ngày đầu kỳ.")), asked
            )
            return
        self.period_label.setText(tr("Đang tính số liệu…"))
        self._context.tasks.run(
            lambda: self._compute(chosen_period(first, last, chosen, cutoff)),
            lambda shown: self._on_computed(shown, asked),
            lambda error: self._on_failed(error, asked),
            owner=self,
        )

    # ------------------------------------------------------------ in the pool

    def _compute(self, period: Period) -> Shown:
        from counter_app.citizen.register_office import opened
        from counter_app.queue.choose import all_times, queue_for
        from counter_app.reports import satisfaction
        from counter_app.reports.access import seen
        from counter_app.reports.ratings import ratings_by
        from counter_app.services import desk

        context, now = self._context, self._context.now()
        db_url, sessions = context.settings.db_url, context.sessions
        context.act(
            lambda s, who: seen(s, who, "satisfaction", now, first=period.first, last=period.last),
            need_agency=False,
        )
        times = all_times(db_url, sessions, period.first, period.last)  # a joined desk: network
        queue = queue_for(db_url, sessions)
        try:
            services = {s.prefix: s.name for s in queue.services()}
        finally:
            queue.close()

        def work(session: Any) -> Shown:
            agency = desk.desk_agency(session, context.settings.agency_code)
            complaints = opened(session, agency.id, db_url).rows()
            report = satisfaction.satisfaction(session, agency, period, complaints, times, "week")
            first, last = period.first, period.last
            return Shown(
                report,
                tuple(ratings_by(session, first, last, "officer", agency.id)),
                tuple(ratings_by(session, first, last, "procedure", agency.id)),
                services,
            )

        return context.read(work, snapshot=True)

    # ------------------------------------------------------------ on the GUI thread

    def _on_computed(self, shown: Shown, asked: int) -> None:
        if asked != self._asked:
            return  # another period was chosen since: its figures are coming
        self.shown_data = shown
        report = shown.report
        r, c, k = report.ratings, report.complaints, report.criterion
        self.message.hide()
        self.period_label.setText(report.period.wording)
        values = [str(r.count), rows.pct(r.satisfied_pct), rows.pct(k.estimate)]
        values += [str(c.received), str(c.handled), str(c.open), str(c.published)]
        for label, value in zip(self.values, values, strict=True):
            label.setText(value)
        self.parts.setText(rows.estimate_parts(k))
        self.chart.show_chart(rows.week_chart(report.rows))
        self.officers.set_rows(rows.rating_rows(shown.officers))
        self.procedures.set_rows(rows.rating_rows(shown.procedures))
        self.times.set_rows(rows.time_rows(report.times, shown.services))
        self.shown.emit()

    def _on_failed(self, error: Exception, asked: int) -> None:
        """Nothing of another period stays on screen beside the dates chosen."""
        if asked != self._asked:
            return
        self.shown_data = None
        message = rows.failure_text(error)
        self.message.setText(message)
        self.message.show()
        self.period_label.setText("")
        for label in self.values:
            label.setText(rows.DASH)
        self.parts.setText("")
        self.chart.show_chart(rows.week_chart(()))
        for model in (self.officers, self.procedures, self.times):
            model.set_rows([])
        self.failed.emit(message)
