"""The leader's dashboard on a year of demo work: tiles and charts from the report
services, a click on a bar lists its dossiers, Biểu 06 on screen and exported."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.models import Agency
from counter_app.reports import bieu06, dashboard
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard import DashboardWindow, open_dashboard
from counter_app.ui.dashboard.form06 import Bieu06Model


@pytest.fixture
def opened(qtbot, demo_year_url):
    calls: list[str] = []
    context = AppContext.build(Settings(db_url=demo_year_url))
    window = open_dashboard(context, open_dossier=calls.append)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.painted, timeout=30_000):
        pass
    yield window, calls
    context.tasks.wait()
    context.dispose()


def expected(url: str, window: DashboardWindow):
    engine = make_engine(url)
    with unit_of_work(session_factory(engine)) as session:
        agency = session.scalars(select(Agency)).one()
        yield session, agency
    engine.dispose()


def test_tiles_and_charts_are_the_report_services_figures(opened, demo_year_url):
    window, _ = opened
    for session, agency in expected(demo_year_url, window):
        picture = dashboard.picture(session, agency, window._context.now())
    assert [t.text() for t in window.tiles[:3]] == [
        str(picture.received_today),
        str(picture.due_today),
        str(picture.overdue_now),
    ]
    assert window.tiles[3].text() == f"{picture.rate_current:.2f}".replace(".", ",") + " %"
    shown = [view.chart_data for view in window.charts]
    assert shown == list(picture.charts)
    assert len(shown[0].categories) == 30 and len(shown[1].categories) == 12


def _bar_point(view, index: int, value: float):
    """Where bar `index` of a one-set chart is drawn, in the view's viewport."""
    chart = view.chart()
    series = chart.series()[0]
    scene = chart.mapToPosition(QPointF(index, value / 2), series)
    return view.mapFromScene(chart.mapToScene(scene))


def test_a_click_on_a_bar_lists_its_dossiers(qtbot, opened, demo_year_url):
    window, calls = opened
    view = next(v for v in window.charts if v.chart_data.kind == "age")
    values = view.chart_data.series[0][2]
    index = max(range(len(values)), key=lambda i: values[i])
    with qtbot.waitSignal(window.listed, timeout=10_000) as listed:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_bar_point(view, index, values[index])
        )
    assert listed.args[0] == values[index] > 0
    for session, agency in expected(demo_year_url, window):
        codes = {
            r.code
            for r in dashboard.dossiers(session, agency, window._context.now(), "age", str(index))
        }
    shown = {window.dossiers.row_at(r).code for r in range(window.dossiers.rowCount())}
    assert shown == codes
    first = window.dossiers.index(0, 0)
    window.list_view.doubleClicked.emit(first)
    assert calls == [window.dossiers.row_at(0).code]


def test_bieu06_on_screen_is_the_forms_figures(qtbot, opened, demo_year_url, qtmodeltester):
    window, _ = opened
    panel = window.bieu06
    with qtbot.waitSignal(panel.shown, timeout=20_000) as shown:
        panel.show_button.click()
    report = shown.args[0]
    for session, agency in expected(demo_year_url, window):
        direct = bieu06.bieu06(session, agency, panel.period(), "field", window._context.now())
    assert report == direct and report.period.label.startswith("Tháng")
    total = panel.model.rows[-1]
    assert total[2] == direct.total.counts.received and total[1] == "Tổng số"
    qtmodeltester.check(panel.model)


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_export_writes_the_file_in_the_background(qtbot, opened, tmp_path, suffix):
    window, _ = opened
    panel = window.bieu06
    window.centralWidget().setCurrentWidget(panel)
    panel.choice.setCurrentIndex(6)  # this year
    path = tmp_path / f"bieu06{suffix}"
    steps: list[int] = []
    panel.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(panel.exported, timeout=30_000):
        panel.export_to(path)
        assert panel.progress.isVisible() and not panel.xlsx_button.isEnabled()
    assert steps[:4] == [0, 1, 2, 3]  # counted, made, saved
    assert not panel.progress.isVisible() and panel.xlsx_button.isEnabled()
    if suffix == ".xlsx":
        assert openpyxl.load_workbook(path).active["A1"].value == "Biểu số 06/VPCP/KSTT"
    else:
        assert "NGƯỜI LẬP BIỂU" in " ".join(p.extract_text() for p in PdfReader(path).pages)


def test_an_empty_model_is_a_proper_qt_model(qtmodeltester):
    qtmodeltester.check(Bieu06Model())


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_the_dashboard_fits_an_office_screen(qtbot, monkeypatch, demo_year_url, width, height):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, width, height))
    context = AppContext.build(Settings(db_url=demo_year_url))
    window = open_dashboard(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.painted, timeout=30_000):
        pass
    assert window.height() + 30 <= height and window.width() <= width  # title bar included
    assert window.minimumSizeHint().height() + 30 <= height  # the layout lets it be so small
    axis = window.charts[1].chart().axes(Qt.Orientation.Horizontal)[0]
    assert axis.labelsAngle() == -90  # twelve month labels stand upright, whole
    context.tasks.wait()
    context.dispose()


def test_bieu06_shows_the_current_period_when_its_tab_opens(qtbot, opened):
    window, _ = opened
    panel = window.bieu06
    with qtbot.waitSignal(panel.shown, timeout=20_000) as shown:
        window.centralWidget().setCurrentWidget(panel)
    assert shown.args[0].period == panel.period() and panel.model.rowCount() > 1


def cells(path) -> list[object]:
    return [cell.value for row in openpyxl.load_workbook(path).active.iter_rows() for cell in row]


def test_choosing_last_month_shows_it_and_exports_it(qtbot, opened, tmp_path):
    """Issue 16: 'Tháng trước' changed the dates, the table and its caption kept the
    current month, and the export wrote last month without a word."""
    from counter_app.reports import form06
    from counter_app.reports.periods import preset

    window, _ = opened
    panel = window.bieu06
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        window.centralWidget().setCurrentWidget(panel)
    with qtbot.waitSignal(panel.shown, timeout=20_000) as shown:
        panel.choice.setCurrentIndex(1)  # Tháng trước
    last_month = preset(panel.choice.itemData(1), panel.cutoff_day)
    assert shown.args[0].period == last_month == panel.report.period
    assert form06.period_line(panel.report) in panel.title.text()
    path = tmp_path / "bieu06.xlsx"
    with qtbot.waitSignal(panel.exported, timeout=30_000):
        panel.export_to(path)
    assert form06.period_line(panel.report) in cells(path)
    told = window.statusBar().currentMessage()
    assert str(path) in told and last_month.wording in told and "chưa được xem" not in told


def test_an_export_writes_the_report_on_screen_not_dates_edited_since(qtbot, opened, tmp_path):
    from PySide6.QtCore import QDate

    from counter_app.reports import form06

    window, _ = opened
    panel = window.bieu06
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        window.centralWidget().setCurrentWidget(panel)
    on_screen = panel.report
    panel.first.setDate(QDate(on_screen.period.first.year - 1, 1, 1))  # typed, not shown
    path = tmp_path / "bieu06.xlsx"
    with qtbot.waitSignal(panel.exported, timeout=30_000):
        panel.export_to(path)
    assert panel.report is on_screen and form06.period_line(on_screen) in cells(path)
    told = window.statusBar().currentMessage()
    assert str(path) in told and "chưa được xem" in told  # the edited dates: said so


def test_the_digitisation_tab_shows_both_rates_and_the_dossiers_missing_them(
    qtbot, opened, demo_year_url
):
    from counter_app.reports import digitisation, periods
    from counter_app.ui.dashboard.digitisation import LIMIT

    window, calls = opened
    panel = window.digitisation
    with qtbot.waitSignal(panel.shown, timeout=10_000):
        window.tabs.setCurrentWidget(panel)
    now = window._context.now()
    for session, agency in expected(demo_year_url, window):
        period = periods.recent_months(now.date(), 1, agency.report_cutoff_day)[-1]
        figures = digitisation.digitisation(session, agency, period).total.figures
        missing = digitisation.missing(session, agency, period, "required")
    assert figures.received > 0
    shown = [label.text() for label in panel.values]
    assert shown[0] == f"{figures.portal_rate:.2f}".replace(".", ",") + " %"
    assert shown[1] == f"{figures.strict_rate:.2f}".replace(".", ",") + " %"
    assert shown[2].endswith(" điểm")
    listed = panel.codes.stringList()
    assert missing.count > 0 and len(listed) == min(missing.count, LIMIT)
    assert listed[0].split()[0] == missing.dossiers[0].code
    assert str(missing.count) in panel.count_label.text()
    panel.list_view.doubleClicked.emit(panel.codes.index(0))
    assert calls == [missing.dossiers[0].code]
    with qtbot.waitSignal(panel.shown, timeout=10_000):
        panel.which.setCurrentIndex(2)  # the results not digitised
    assert panel.shown_data.missing.which == "result"
