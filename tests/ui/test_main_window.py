"""The desk window starts on an empty and on a demo database, shows worklists with counts,
finds by name, and a scan opens the dossier with only the actions its state allows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services import demo, worklists
from counter_app.services.workflow import Action
from counter_app.services.worklists import Worklist
from counter_app.text import fold
from counter_app.ui.app import AppContext
from counter_app.ui.dossier_table import DossierTableModel
from counter_app.ui.main_window import MainWindow
from counter_app.ui.scanner import ScanFilter
from counter_app.ui.worklist_model import WorklistModel


def window_for(qtbot, db_url: str) -> MainWindow:
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    return window


def started(qtbot, window: MainWindow) -> int:
    with qtbot.waitSignal(window.worklist_shown, timeout=20_000) as shown:
        window.start()
    return shown.args[0]


def test_starts_on_an_empty_database(qtbot, tmp_path):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'empty.db'}")
    assert started(qtbot, window) == 0
    assert window.row_count.text() == "0 hồ sơ"


@pytest.fixture
def demo_url(sessions, db_url):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua")
    return db_url


def test_demo_database_worklists_have_counts(qtbot, demo_url, sessions):
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    with unit_of_work(sessions) as session:
        expected = worklists.counts(session, now())
    labels = [window.lists.data(window.lists.index(r)) for r in range(window.lists.rowCount())]
    assert labels[2] == f"Quá hạn ({expected[Worklist.OVERDUE]})"
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        window.show_list(Worklist.RESULT_BACK)
    statuses = {window.model.row_at(r).status for r in range(window.model.rowCount())}
    assert window.model.rowCount() == expected[Worklist.RESULT_BACK] and statuses <= {"resolved"}


def test_finds_by_name_without_accents(qtbot, demo_url):
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    qtbot.keyClicks(window.search, "nguyen")
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        qtbot.keyClick(window.search, "\r")
    names = [window.model.row_at(r).applicant for r in range(window.model.rowCount())]
    assert names and all(fold(n).startswith("nguyen") for n in names)


def test_scan_into_the_search_field_opens_the_dossier(qtbot, demo_url, sessions):
    with unit_of_work(sessions) as session:
        row = worklists.rows(session, Worklist.RESULT_BACK, now())[0]
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    scanner = ScanFilter()
    QApplication.instance().installEventFilter(scanner)
    scanner.scanned.connect(window.on_scanned)
    try:
        window.search.setFocus()
        with qtbot.waitSignal(window.dossier_opened, timeout=5000) as opened:
            qtbot.keyClicks(window.search, row.code.lower())  # CapsLock on
            qtbot.keyClick(window.search, "\r")
        dialog = opened.args[0]
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            pass
    finally:
        QApplication.instance().removeEventFilter(scanner)
    assert window.search.text() == ""
    assert dialog.view.code == row.code
    assert set(dialog.action_buttons) == {Action.RETURN}  # a resolved dossier: return only


def test_unknown_scan_is_told_and_opens_nothing(qtbot, demo_url):
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    window.on_scanned("000.00.20.H26-991231-9999")
    qtbot.waitUntil(lambda: "Không có hồ sơ" in window.statusBar().currentMessage(),
                    timeout=10_000)  # fmt: skip


def test_table_models_are_proper_qt_models(qtmodeltester, demo_url, sessions):
    model = DossierTableModel()
    with unit_of_work(sessions) as session:
        model.set_rows(worklists.recent(session), now())
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    lists = WorklistModel()
    lists.set_counts({w: 1 for w in Worklist})
    qtmodeltester.check(lists)


def test_window_layout_persists_between_runs(qtbot, tmp_path):
    from counter_app.ui.preferences import Preferences

    url, prefs = f"sqlite:///{tmp_path / 'p.db'}", tmp_path / "desk.ini"
    first = MainWindow(AppContext.build(Settings(db_url=url)), Preferences(prefs))
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 450)  # inside the 800×600 offscreen screen
    first.splitter.setSizes([260, 440])
    first.close()
    second = MainWindow(AppContext.build(Settings(db_url=url)), Preferences(prefs))
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (700, 450)
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]


def test_the_list_on_screen_is_highlighted(qtbot, demo_url):
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    assert window.list_view.currentIndex().row() == 0  # received today
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        window.show_list(Worklist.OVERDUE)
    assert window.lists.worklist(window.list_view.currentIndex().row()) == Worklist.OVERDUE


def test_f3_twice_keeps_one_batch_window(qtbot, tmp_path):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'b.db'}")
    window.open_batch(Action.HANDOFF)
    first = window.batch
    window.open_batch(Action.HANDOFF)
    assert window.batch is first
    window.open_batch(Action.RESULT)
    assert window.batch is not first and window.batch.action == Action.RESULT


def test_id_card_scanned_during_reception_fills_the_form(qtbot, demo_url):
    from tests.unit.test_id_card import CARD

    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    opened = []
    window.dossier_opened.connect(opened.append)
    window.new_reception()
    window.reception.activateWindow()
    qtbot.waitUntil(window.reception.isActiveWindow, timeout=5000)
    window.on_scanned(CARD)
    assert window.reception.inputs["id_number"].text() == "026190001234" and opened == []
    window.reception.close()


def test_the_title_names_the_desk_and_the_officer(qtbot, demo_url, sessions):
    from counter_app.services import desk

    with unit_of_work(sessions, write=True) as session:
        desk.rename_local_desk(session, "Bàn 3 — Đất đai")
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    qtbot.waitUntil(lambda: window.windowTitle() == (
        "Bộ phận một cửa — Tiếp nhận và trả kết quả — Bàn 3 — Đất đai · cán bộ motcua"),
        timeout=10_000)  # fmt: skip


@pytest.mark.parametrize("shape", ["chip card QR", "bare number"])
def test_a_scanned_id_card_lists_the_citizens_dossiers(qtbot, demo_url, sessions, shape):
    with unit_of_work(sessions) as session:
        code = worklists.rows(session, Worklist.RESULT_BACK, now())[0].code
        number = session.scalar(select(Dossier.id_number).where(Dossier.code == code))
        expected = {c for c in session.scalars(select(Dossier.code).where(
            Dossier.id_number == number))}  # fmt: skip
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    scanned = (f"{number}|123456789|NGUYỄN VĂN AN|01011990|Nam|Thôn 1, xã Tam Đảo|01012021"
               if shape == "chip card QR" else number)  # fmt: skip
    window.on_scanned(scanned)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Hồ sơ của công"),
                    timeout=10_000)  # fmt: skip
    codes = {window.model.row_at(r).code for r in range(window.model.rowCount())}
    assert codes == expected
    message = window.statusBar().currentMessage()
    assert message == f"Hồ sơ của công dân có căn cước vừa quét: {len(expected)}"
    assert number not in message and window.search.text() == ""
