"""The dashboard's "Cổng DVC quốc gia" page: the reporting month's counts and days as
`portal status` gives them, each refusal with the gateway's reason and what to do, the
oldest pending message's age in red past one working day, read from the sessions the
window gives it, and reached from the keyboard like the other pages."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from sqlalchemy import update

from counter_app import clock
from counter_app.config import Settings
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import PortalMessage
from counter_app.portal import hints, status
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard import open_dashboard
from counter_app.ui.dashboard.portal import LATE_COLOUR, FailuresModel, PortalPanel
from tests.conftest import IMPORTED_AT, small_catalog
from tests.ui.conftest import HeldTasks
from tests.unit.test_lifecycle import received

FRIDAY = "2026-03-06T16:00:00+07:00"
MONDAY = "2026-03-09T09:00:00+07:00"
REASON = "Mã TTHC không tồn tại trên Cổng"


def refuse(sessions, code: str) -> None:
    with unit_of_work(sessions, write=True) as session:
        session.execute(
            update(PortalMessage)
            .where(PortalMessage.code == code, PortalMessage.service == "DongBoHoSoMC")
            .values(state="failed", error_code=12, reason=REASON)
        )


@pytest.fixture
def outbox(desk_db):
    """Friday's dossier (its DongBoHoSoMC refused) and Monday's, both pending else."""
    (friday,) = received(desk_db, received_at=FRIDAY)
    received(desk_db, received_at=MONDAY)
    refuse(desk_db, friday)
    return desk_db, friday


def panel_at(qtbot, monkeypatch, url: str, now: str, sessions=None):
    moment = datetime.fromisoformat(now)
    monkeypatch.setattr(clock, "now", lambda: moment)
    tasks = HeldTasks()
    context = AppContext.build(Settings(db_url=url), tasks)
    opened: list[str] = []
    panel = PortalPanel(context, opened.append, sessions or (lambda: context.sessions))
    qtbot.addWidget(panel)
    panel.refresh()
    tasks.release_all()
    return panel, opened, context


def texts(model) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_page_shows_the_counts_the_refusal_with_its_hint_and_the_late_age_in_red(
    qtbot, monkeypatch, outbox, db_url, qtmodeltester
):
    sessions, friday = outbox
    panel, opened, context = panel_at(qtbot, monkeypatch, db_url, "2026-03-10T10:00:00+07:00")
    shown = panel.shown_data
    assert shown is not None
    with unit_of_work(sessions) as session:  # what `portal status` says for the same month
        calendar = desk.working_calendar(session, desk.desk_agency(session, None))
        expected = status.status(
            session, shown.period.first, shown.period.last, now=clock.now(), calendar=calendar
        )
    assert (expected.pending, expected.sent, expected.failed) == (3, 0, 1)
    assert [v.text() for v in panel.values] == ["3", "0", "1"]
    assert texts(panel.days) == [["09/03/2026", "2", "0", "0"], ["06/03/2026", "1", "0", "1"]]
    assert texts(panel.failures) == [
        [friday, "Thông tin hồ sơ", "12", REASON, hints.HINTS[12]],
    ]
    assert panel.failures.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == hints.HINTS[12]
    qtmodeltester.check(panel.failures)
    assert "06/03/2026 16:00" in panel.oldest.text()
    assert "3 ngày 18 giờ" in panel.oldest.text() and "quá một ngày làm việc" in panel.oldest.text()
    assert panel.oldest.palette().color(QPalette.ColorRole.WindowText) == LATE_COLOUR
    assert panel.earlier.isHidden()  # nothing left from before the month
    panel.failures_view.doubleClicked.emit(panel.failures.index(0, 0))
    assert opened == [friday]
    context.dispose()


def test_an_age_within_one_working_day_is_not_red(qtbot, monkeypatch, outbox, db_url):
    # 66 hours after Friday 16:00, but 3.5 working hours
    panel, _, context = panel_at(qtbot, monkeypatch, db_url, "2026-03-09T10:00:00+07:00")
    assert "2 ngày 18 giờ" in panel.oldest.text()
    assert "quá một ngày làm việc" not in panel.oldest.text()
    assert panel.oldest.palette().color(QPalette.ColorRole.WindowText) != LATE_COLOUR
    context.dispose()


def test_what_is_left_from_before_the_month_stays_on_the_page(qtbot, monkeypatch, outbox, db_url):
    """A message stuck since last month is still the oldest one waiting, and said."""
    sessions, _ = outbox
    (old,) = received(sessions, received_at="2026-02-10T09:00:00+07:00")  # before 15/02
    refuse(sessions, old)
    panel, _, context = panel_at(qtbot, monkeypatch, db_url, "2026-03-10T10:00:00+07:00")
    assert panel.shown_data.period.first.isoformat() == "2026-02-15"
    assert [v.text() for v in panel.values] == ["3", "0", "1"]  # the month's, as before
    assert "10/02/2026 09:00" in panel.oldest.text()
    assert panel.oldest.palette().color(QPalette.ColorRole.WindowText) == LATE_COLOUR
    assert "1 tin chưa gửi và 1 tin bị từ chối" in panel.earlier.text()
    assert not panel.earlier.isHidden()
    context.dispose()


def test_the_page_reads_the_sessions_it_is_given(qtbot, monkeypatch, outbox, db_url, tmp_path):
    """The office's table on a joined desk is one argument away: here another database
    with one dossier and nothing refused."""
    engine = make_engine(f"sqlite:///{tmp_path / 'office.db'}")
    migrate(engine)
    other = session_factory(engine)
    with unit_of_work(other, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    received(other, received_at=MONDAY)
    panel, _, context = panel_at(
        qtbot, monkeypatch, db_url, "2026-03-10T10:00:00+07:00", lambda: other
    )
    assert [v.text() for v in panel.values] == ["2", "0", "0"]
    assert panel.failures.rowCount() == 0
    context.dispose()
    engine.dispose()


def test_an_empty_failures_model_is_a_proper_qt_model(qtmodeltester):
    qtmodeltester.check(FailuresModel())


def test_the_page_opens_from_the_keyboard_and_refreshes_with_the_dashboard(
    qtbot, monkeypatch, outbox, db_url
):
    monkeypatch.setattr(clock, "now", lambda: datetime.fromisoformat("2026-03-10T10:00+07:00"))
    context = AppContext.build(Settings(db_url=db_url))
    window = open_dashboard(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.painted, timeout=30_000):
        pass
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus, timeout=5000)
    with qtbot.waitSignal(window.portal.shown, timeout=30_000):
        for _ in range(window.tabs.indexOf(window.portal)):
            qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert window.tabs.currentWidget() is window.portal
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Cổng DVC quốc gia"
    assert [v.text() for v in window.portal.values] == ["3", "0", "1"]
    received(outbox[0], received_at=MONDAY)
    with qtbot.waitSignal(window.portal.shown, timeout=30_000):
        window.start()  # the dashboard asked again: the page with it
    assert [v.text() for v in window.portal.values] == ["5", "0", "1"]
    context.tasks.wait()
    context.dispose()
