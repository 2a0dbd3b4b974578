"""The desk window starts on an empty and on a demo database, lists and finds dossiers."""

from __future__ import annotations

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import unit_of_work
from counter_app.services import demo, worklists
from counter_app.text import fold
from counter_app.ui.app import AppContext
from counter_app.ui.dossier_table import DossierTableModel
from counter_app.ui.main_window import MainWindow


def window_for(qtbot, db_url: str) -> MainWindow:
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    return window


def test_starts_on_an_empty_database(qtbot, tmp_path):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'empty.db'}")
    with qtbot.waitSignal(window.worklist_shown, timeout=20_000) as shown:
        window.start()
    assert shown.args == [0]
    assert window.statusBar().currentMessage() == "0 hồ sơ"


@pytest.fixture
def demo_url(sessions, db_url):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua")
    return db_url


def test_starts_on_the_demo_database_and_finds_by_name(qtbot, demo_url):
    window = window_for(qtbot, demo_url)
    with qtbot.waitSignal(window.worklist_shown, timeout=20_000) as shown:
        window.start()
    assert shown.args[0] == window.model.rowCount() > 0
    qtbot.keyClicks(window.search, "nguyen")
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        qtbot.keyClick(window.search, "\r")
    names = [window.model.row_at(r).applicant for r in range(window.model.rowCount())]
    assert names and all(fold(n).startswith("nguyen") for n in names)


def test_table_model_is_a_proper_qt_model(qtmodeltester, demo_url, sessions):
    model = DossierTableModel()
    with unit_of_work(sessions) as session:
        model.set_rows(worklists.recent(session))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
