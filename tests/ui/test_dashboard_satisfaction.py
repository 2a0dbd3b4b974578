"""The dashboard's "Hài lòng" page (issue 22, item 7) on the hand-worked February of
tests/integration/test_report_satisfaction.py: what a leader reads there is what
`report satisfaction` says, the page is reached from the keyboard, an empty period shows
dashes, and an office server out of reach is said on the page, the others unaffected."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from counter_app import clock
from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import AuditEntry
from counter_app.sync import state
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard import open_dashboard
from tests.integration.test_report_satisfaction import february

NOW = datetime.fromisoformat("2026-03-02T10:00:00+07:00")


@pytest.fixture
def dashboard(qtbot, monkeypatch, desk_db, db_url):
    """The dashboard on the February desk, its periods known (its first answer came)."""
    february(desk_db)
    monkeypatch.setattr(clock, "now", lambda: NOW)
    context = AppContext.build(Settings(db_url=db_url))
    window = open_dashboard(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.satisfaction.cutoff_day is not None, timeout=30_000)
    yield window
    context.tasks.wait()
    context.dispose()


def reach_by_keyboard(qtbot, window) -> None:
    """Tab to the page tabs, then the arrow keys, as docs/portal.md says of every page."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus, timeout=5000)
    for _ in range(window.tabs.indexOf(window.satisfaction)):
        qtbot.keyClick(bar, Qt.Key.Key_Right)


def show_period(qtbot, page, first: date, last: date) -> None:
    page.first.setDate(QDate(first.year, first.month, first.day))
    page.last.setDate(QDate(last.year, last.month, last.day))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            page.shown_data is not None
            and (page.shown_data.report.period.first, page.shown_data.report.period.last)
            == (first, last)
        ),
        timeout=30_000,
    )


def texts(model) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_leader_reads_februarys_figures(qtbot, dashboard, desk_db, qtmodeltester):
    window = dashboard
    page = window.satisfaction
    reach_by_keyboard(qtbot, window)
    assert window.tabs.currentWidget() is page
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Hài lòng"
    qtbot.waitUntil(lambda: page.shown_data is not None, timeout=30_000)  # this month's
    show_period(qtbot, page, date(2026, 2, 1), date(2026, 2, 28))
    assert "01/02/2026" in page.period_label.text() and page.message.isHidden()
    # ratings 3 (1 + 1 of 3 satisfied); 5.4: 100 − (2/3 late + 1/4 complained);
    # complaints: February's received and answered (published), January's still open
    assert [v.text() for v in page.values] == ["3", "66,67 %", "8,33 %", "1", "1", "1", "1"]
    parts = page.parts.text()
    assert "100 % − (quá hạn 66,67 % + phản ánh 25,00 %)" in parts
    assert "quá hạn 2 / 3 hồ sơ đã giải quyết" in parts
    assert "phản ánh 1 / 4 hồ sơ tiếp nhận" in parts
    whole = ("3", "7:00", "22:00", "2:00", "10:00")  # waited 420/1320 s, served 120/600 s
    assert texts(page.times) == [
        ("A — Hộ tịch", "Cả ngày", *whole),
        ("A — Hộ tịch", "08:00-09:00", *whole),
    ]
    week = page.chart.chart_data
    assert week.categories == ("23/02",) and week.keys == ("2026-02-23",)
    assert [(key, values) for key, _, values in week.series] == [
        ("very_satisfied", (1.0,)),
        ("satisfied", (1.0,)),
        ("unsatisfied", (1.0,)),
    ]
    axis = page.chart.chart().axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories() == ["23/02"]
    officers = texts(page.officers)
    assert [row[1:] for row in officers] == [
        ("1", "0", "0", "1", "0,00 %"),  # binh
        ("2", "1", "1", "0", "100,00 %"),  # hoa
    ]
    assert [row[1:] for row in texts(page.procedures)] == [("3", "1", "1", "1", "66,67 %")]
    name = page.procedures.index(0, 0)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == name.data()  # a long name cut, whole here
    for model in (page.officers, page.procedures, page.times):
        qtmodeltester.check(model)
    with unit_of_work(desk_db) as session:  # looked at, as the other pages and the CLI
        seen = [e.detail for e in session.scalars(select(AuditEntry))]
    assert {"report": "satisfaction", "first": "2026-02-01", "last": "2026-02-28"} in seen


def test_an_empty_period_shows_dashes(qtbot, dashboard):
    window = dashboard
    page = window.satisfaction
    window.tabs.setCurrentWidget(page)
    show_period(qtbot, page, date(2025, 1, 1), date(2025, 1, 31))
    assert [v.text() for v in page.values] == ["0", "—", "—", "0", "0", "0", "0"]
    assert "quá hạn — + phản ánh —" in page.parts.text()
    assert page.chart.chart_data.categories == ()
    assert page.times.rowCount() == page.officers.rowCount() == 0
    assert page.message.isHidden()
    page.first.setDate(QDate(2025, 2, 1))  # after the last day: said in the page's words
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.message.text().endswith("Ngày cuối kỳ phải không trước ngày đầu kỳ.")
    assert [v.text() for v in page.values] == ["—"] * 7


def test_an_office_server_out_of_reach_is_said_on_the_page(qtbot, dashboard, db_url):
    """A joined desk whose server is gone: the page says so; the overview and the
    digitisation page still show their figures."""
    window = dashboard
    state.save_url(db_url, "postgresql://ban:mat-khau@127.0.0.1:1/motcua")
    page = window.satisfaction
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.message.isVisible, timeout=30_000)
    said = page.message.text()
    assert said.startswith("Chưa có số liệu hài lòng của kỳ đã chọn: bàn này đã tham gia")
    assert "Không kết nối được máy chủ văn phòng: máy chủ không nhận kết nối" in said
    assert "bàn không gọi hay cấp số" not in said  # the queue's words for F12, not here
    assert [v.text() for v in page.values] == ["—"] * 7 and page.shown_data is None
    assert "Không kết nối được máy chủ văn phòng" in window.statusBar().currentMessage()
    assert window.tiles[0].text().isdigit()  # the overview's first answer stands
    window.tabs.setCurrentWidget(window.digitisation)
    qtbot.waitUntil(lambda: window.digitisation.shown_data is not None, timeout=30_000)
    state.url_file(db_url).unlink()  # back within reach: the page asked again shows
    window.tabs.setCurrentWidget(page)
    show_period(qtbot, page, date(2026, 2, 1), date(2026, 2, 28))
    assert page.message.isHidden() and page.values[0].text() == "3"


def test_a_chart_of_few_counts_steps_by_whole_numbers(qtbot):
    """An empty week chart (or one rating) once read 0 0 0 0 0 1 up its axis."""
    from counter_app.reports.ratings import RatingCount
    from counter_app.ui.dashboard.charts import ChartView
    from counter_app.ui.dashboard.satisfaction_rows import week_chart

    view = ChartView()
    qtbot.addWidget(view)
    one = RatingCount("2026-02-23", "Tuần 23/02/2026", 1, 1, 0, 0)
    for weeks, top in (((), 1), ((one,), 2)):
        view.show_chart(week_chart(weeks))
        axis = view.chart().axes(Qt.Orientation.Vertical)[0]
        assert (axis.min(), axis.max(), axis.tickCount()) == (0, top, top + 1)
