"""The leader's dashboard: tiles, charts, the dossiers behind a bar, Biểu 06, and the
pages of digitisation, the national portal and citizens' satisfaction. It only shows:
every figure comes from the report services (reports.dashboard, reports.bieu06…) in the
thread pool, the same services the command line's reports use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import for_people
from counter_app.reports.dashboard import Picture
from counter_app.reports.model import Bieu06
from counter_app.reports.periods import Period
from counter_app.services.worklists.worklist_kinds import DossierRow
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard.charts import ChartView
from counter_app.ui.dashboard.digitisation import DigitisationPanel
from counter_app.ui.dashboard.figures import read_figures
from counter_app.ui.dashboard.form06 import Bieu06Panel
from counter_app.ui.dashboard.portal import PortalPanel
from counter_app.ui.dashboard.satisfaction import SatisfactionPanel
from counter_app.ui.dashboard.tiles import tile_row
from counter_app.ui.dossiers.dossier_table import DossierTableModel
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import TableView

TILES = (
    "Tiếp nhận hôm nay",
    "Đến hạn hôm nay",
    "Quá hạn đang giải quyết",
    "Tỷ lệ đúng hạn kỳ này",
    "Tỷ lệ đúng hạn kỳ trước",
)


@dataclass(frozen=True)
class Loaded:
    picture: Picture
    today: date
    cutoff_day: int
    source: str = ""  # where the figures came from, when not this desk's own database


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + " %"


class DashboardWindow(QMainWindow):
    painted = Signal()  # tiles and charts filled with the first answer
    listed = Signal(int)  # the dossiers of a bar are listed
    failed = Signal(str)

    def __init__(
        self, context: AppContext, open_dossier: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self._context, self._open_dossier = context, open_dossier
        self.setWindowTitle(tr("Bảng điều hành của lãnh đạo"))
        fit(self, 1280, 820)  # within a 1366×768 or 1280×720 screen, buttons and all
        self.tiles = [QLabel("...") for _ in TILES]
        self.charts = [ChartView() for _ in range(5)]
        self.source = QLabel()  # the office's replica, when the figures come from it
        self.source.hide()
        self.list_title = QLabel(tr("Bấm vào một cột để xem các hồ sơ của nó."))
        self.dossiers = DossierTableModel(self)
        self.list_view = TableView(sortingEnabled=True)
        self.list_view.setModel(self.dossiers)
        self.list_view.horizontalHeader().setStretchLastSection(True)
        self.bieu06 = Bieu06Panel(context, self._compute, self._write)
        self.bieu06.failed.connect(self._on_failed)
        self.bieu06.told.connect(self.statusBar().showMessage)  # where the file went
        self.tabs = tabs = QTabWidget()
        tabs.addTab(self._overview(), tr("Tổng quan"))
        tabs.addTab(self.bieu06, tr("Biểu 06"))
        self.digitisation = DigitisationPanel(context, open_dossier)
        self.digitisation.failed.connect(self._on_failed)
        tabs.addTab(self.digitisation, tr("Số hóa"))
        # The outbox this desk's sender drains; a desk joined to an office server: its table.
        self.portal = PortalPanel(context, open_dossier, lambda: context.sessions)
        self.portal.failed.connect(self._on_failed)
        tabs.addTab(self.portal, tr("Cổng DVC quốc gia"))
        # Ratings, queue times, complaints and criterion 5.4 for a period the leader picks.
        self.satisfaction = SatisfactionPanel(context)
        self.satisfaction.failed.connect(self._on_failed)
        tabs.addTab(self.satisfaction, tr("Hài lòng"))
        tabs.currentChanged.connect(self._on_tab_opened)
        self.setCentralWidget(tabs)
        for chart in self.charts:
            chart.bar_clicked.connect(self._on_bar_clicked)
        self.list_view.doubleClicked.connect(self._on_row_opened)

    def _overview(self) -> QWidget:
        tiles = tile_row(TILES, self.tiles, points=22)
        grid = QGridLayout()
        grid.addWidget(self.charts[0], 0, 0, 1, 2)
        for i, chart in enumerate(self.charts[1:]):
            grid.addWidget(chart, 1 + i // 2, i % 2)
        inner = QWidget()
        inner.setLayout(grid)
        charts = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        charts.setWidget(inner)  # a small screen scrolls the charts, never cuts them
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.addWidget(self.list_title)
        column.addWidget(self.list_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(charts)
        split.addWidget(listing)
        split.setSizes([560, 180])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(tiles)
        layout.addWidget(self.source)
        layout.addWidget(split)
        return page

    def _on_tab_opened(self, index: int) -> None:
        # Form 06 opens on the current period's figures, not on an empty table.
        if self.tabs.widget(index) is self.bieu06 and self.bieu06.report is None:
            self.bieu06.refresh()
        for panel in (self.digitisation, self.portal):
            if self.tabs.widget(index) is panel and panel.shown_data is None:
                panel.refresh()
        if self.tabs.widget(index) is self.satisfaction and not self.satisfaction.asked:
            self.satisfaction.refresh()  # its period once the first answer gives the presets

    def start(self) -> None:
        """Ask for the picture (in the pool); the window is shown meanwhile. A page
        already filled is asked again with it."""
        self._context.tasks.run(self._load, self._on_loaded, self._on_failed, owner=self)
        for panel in (self.digitisation, self.portal):
            if panel.shown_data is not None:
                panel.refresh()
        if self.satisfaction.asked:
            self.satisfaction.refresh()

    # ------------------------------------------------------------ in the pool

    def _agency(self, session: Any) -> Any:
        from counter_app.services import desk

        return desk.desk_agency(session, self._context.settings.agency_code)

    def _load(self) -> Loaded:
        from counter_app.reports import dashboard
        from counter_app.reports.access import seen

        now = self._context.now()
        self._context.act(lambda s, who: seen(s, who, "dashboard", now), need_agency=False)
        (picture, cutoff_day), source = read_figures(
            self._context,
            lambda s, agency: (dashboard.picture(s, agency, now), agency.report_cutoff_day),
        )
        return Loaded(picture, now.date(), cutoff_day, source)

    def _compute(self, period: Period, by: str) -> tuple[Bieu06, str]:
        """The figures, and where they came from when not this desk's own database: the
        office's reporting replica when COUNTER_APP_REPORT_URL is set (in the pool: the
        window never waits on the network)."""
        from counter_app.reports import bieu06
        from counter_app.reports.access import seen

        now = self._context.now()
        self._context.act(
            lambda s, who: seen(s, who, "bieu06", now, first=period.first, last=period.last, by=by),
            need_agency=False,
        )
        return read_figures(
            self._context, lambda s, agency: bieu06.bieu06(s, agency, period, by, now)
        )

    def _write(self, report: Bieu06, path: Path, made: Callable[[], None]) -> None:
        from counter_app.reports import export
        from counter_app.reports.access import seen

        settings, now = self._context.settings, self._context.now()
        self._context.act(
            lambda s, who: seen(
                s,
                who,
                "bieu06",
                now,
                exported=True,
                first=report.period.first,
                last=report.period.last,
                by=report.by,
            ),
            need_agency=False,
        )

        signed = self._context.signed

        def work(session: Any) -> bytes:
            officer = (
                signed.printed_name
                if signed.officer_id
                else export.officer_name(session, settings.officer, settings.officer_name)
            )
            return export.document(
                self._agency(session), report, export.checked_path(path), officer, now
            )

        data = self._context.read(work)
        made()
        export.save(path, data)

    def _dossiers(self, kind: str, key: str, series: str) -> list[DossierRow]:
        from counter_app.reports import dashboard

        now = self._context.now()
        rows, _ = read_figures(
            self._context, lambda s, agency: dashboard.dossiers(s, agency, now, kind, key, series)
        )
        return rows

    # ------------------------------------------------------------ on the GUI thread

    def _on_loaded(self, loaded: Loaded) -> None:
        p = loaded.picture
        values = (
            str(p.received_today),
            str(p.due_today),
            str(p.overdue_now),
            _rate(p.rate_current),
            _rate(p.rate_previous),
        )
        for label, value in zip(self.tiles, values, strict=True):
            label.setText(value)
        self.source.setText(loaded.source)
        self.source.setVisible(bool(loaded.source))
        self.tiles[3].setToolTip(p.current.wording)
        self.tiles[4].setToolTip(p.previous.wording)
        for view, chart in zip(self.charts, p.charts, strict=True):
            view.show_chart(chart)
        self.bieu06.set_presets(loaded.today, loaded.cutoff_day)
        self.satisfaction.set_presets(loaded.today, loaded.cutoff_day)
        self.painted.emit()

    def _on_bar_clicked(self, kind: str, key: str, series: str) -> None:
        view = next(v for v in self.charts if v.chart_data and v.chart_data.kind == kind)
        data = view.chart_data
        assert data is not None
        category = data.categories[data.keys.index(key)]
        self.list_title.setText(f"{tr(data.title)}: <b>{category}</b>")
        self._context.tasks.run(
            lambda: self._dossiers(kind, key, series), self._on_listed, self._on_failed, owner=self
        )

    def _on_listed(self, rows: list[DossierRow]) -> None:
        self.dossiers.set_rows(rows, self._context.now())
        self.listed.emit(len(rows))

    def _on_row_opened(self, index: Any) -> None:
        if self._open_dossier is not None and index.isValid():
            self._open_dossier(self.dossiers.row_at(index.row()).code)

    def _on_failed(self, error: BaseException | str) -> None:
        """An error of the window's own work, or a page's `failed` message (already
        written for people: read again as an error it raised in for_people)."""
        message = error if isinstance(error, str) else for_people(error)
        self.statusBar().showMessage(tr("Lỗi: {}").format(message))
        self.failed.emit(message)
