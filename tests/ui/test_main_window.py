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
from counter_app.services.demo import demo
from counter_app.services.dossiers.workflow import Action
from counter_app.services.worklists import worklists
from counter_app.services.worklists.worklists import Worklist
from counter_app.text import fold
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.desk.scanner import ScanFilter
from counter_app.ui.desk.worklist_model import WorklistModel
from counter_app.ui.dossiers.dossier_table import DossierTableModel
from tests.ui.conftest import ticking_clock


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


def test_the_first_list_does_not_wait_for_the_pages_it_hides(qtbot, demo_url):
    """The online dossiers' page and the lock page are not on screen at the start: the first
    list is painted before they are built, and they are there a moment later."""
    window = window_for(qtbot, demo_url)
    when_shown = []
    window.worklist_shown.connect(
        lambda _: when_shown.append((window._online_page, window._lock_page))
    )
    started(qtbot, window)
    assert when_shown == [(None, None)]
    qtbot.waitUntil(lambda: None not in (window._online_page, window._lock_page))
    assert window.right.indexOf(window.online) == 1
    assert window.pages.indexOf(window.lock_page) == 1
    assert window.right.currentWidget() is window.table and not window.locked()


@pytest.fixture
def demo_url(sessions, db_url):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
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
    scanner = ScanFilter(clock=ticking_clock())
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
    qtbot.waitUntil(lambda: "Không có hồ sơ" in window.statusBar().currentMessage(), timeout=10_000)


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
    qtbot.waitUntil(
        lambda: (
            window.windowTitle()
            == ("Bộ phận một cửa — Tiếp nhận và trả kết quả — Bàn 3 — Đất đai · cán bộ motcua")
        ),
        timeout=10_000,
    )


@pytest.mark.parametrize("shape", ["chip card QR", "bare number"])
def test_a_scanned_id_card_lists_the_citizens_dossiers(qtbot, demo_url, sessions, shape):
    with unit_of_work(sessions) as session:
        code = worklists.rows(session, Worklist.RESULT_BACK, now())[0].code
        number = session.scalar(select(Dossier.id_number).where(Dossier.code == code))
        expected = {
            c for c in session.scalars(select(Dossier.code).where(Dossier.id_number == number))
        }
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    scanned = (
        f"{number}|123456789|NGUYỄN VĂN AN|01011990|Nam|Thôn 1, xã Tam Đảo|01012021"
        if shape == "chip card QR"
        else number
    )
    window.on_scanned(scanned)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Hồ sơ của công"), timeout=10_000
    )
    codes = {window.model.row_at(r).code for r in range(window.model.rowCount())}
    assert codes == expected
    message = window.statusBar().currentMessage()
    assert message == f"Hồ sơ của công dân có căn cước vừa quét: {len(expected)}"
    assert number not in message and window.search.text() == ""


def test_arrow_keys_in_the_worklists_load_the_list(qtbot, demo_url):
    from PySide6.QtCore import Qt

    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    window.list_view.setFocus()
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert window.lists.worklist(window.list_view.currentIndex().row()) == Worklist.DUE_TODAY
    with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
        qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    rows = {window.model.row_at(r).code for r in range(window.model.rowCount())}
    with unit_of_work(window._context.sessions) as session:
        overdue = {r.code for r in worklists.rows(session, Worklist.OVERDUE, now())}
    assert rows == overdue


@pytest.mark.parametrize(
    ("key", "opened"),
    [
        ("F2", "reception"),
        ("F3", "batch"),
        ("F1", "help"),
        ("Ctrl+R", "register"),
    ],
)
def test_desk_keys_work_from_another_window(qtbot, demo_url, key, opened):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialog

    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    other = QDialog(window)  # a dossier window, say, has the focus
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow, timeout=5000)
    sequence = QKeySequence(key)[0]
    qtbot.keyClick(other, sequence.key(), sequence.keyboardModifiers())
    qtbot.waitUntil(lambda: getattr(window, opened, None) is not None, timeout=5000)
    assert getattr(window, opened).isVisible()
    getattr(window, opened).hide()


def test_every_screen_is_in_the_menus(qtbot, tmp_path):
    window = window_for(qtbot, f"sqlite:///{tmp_path / 'm.db'}")
    texts = {
        a.text().replace("&", "")
        for menu in window.menuBar().actions()
        for a in menu.menu().actions()
        if a.text()
    }
    for screen in (
        "Danh mục thủ tục",
        "Cài đặt bàn tiếp nhận",
        "In sổ theo dõi hồ sơ…",
        "Phím tắt và cách làm",
        "Tiếp nhận hồ sơ mới",
    ):
        assert screen in texts
    assert all("&" in m.text() for m in window.menuBar().actions())  # Alt+letter opens each


def test_a_phone_typed_quickly_is_a_search_not_a_scan(qtbot, demo_url, sessions):
    from PySide6.QtCore import Qt

    from counter_app.services.codes.codes import scanner_made
    from counter_app.ui.desk.scanner import ScannerSettings

    with unit_of_work(sessions) as session:
        phone = session.scalar(select(Dossier.phone).where(Dossier.phone.is_not(None)))
    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    scanner = ScanFilter(ScannerSettings(accepts=scanner_made), clock=ticking_clock())
    QApplication.instance().installEventFilter(scanner)
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    try:
        window.search.setFocus()
        with qtbot.waitSignal(window.model.modelReset, timeout=20_000):
            qtbot.keyClicks(window.search, phone)  # as fast as a scanner
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
    finally:
        QApplication.instance().removeEventFilter(scanner)
    assert scans == [] and window.search.text() == phone
    assert (
        window.model.rowCount() >= 1 and "Không có hồ sơ" not in window.statusBar().currentMessage()
    )


def test_status_messages_do_not_stay(qtbot, tmp_path, monkeypatch):
    from counter_app.ui.desk import screens

    monkeypatch.setattr(screens, "MESSAGE_MS", 100)
    window = window_for(qtbot, f"sqlite:///{tmp_path / 's.db'}")
    window.tell("Hồ sơ của công dân có căn cước vừa quét: 2")
    assert window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=3000)


def test_the_register_is_printed_from_the_desk(qtbot, demo_url):
    from PySide6.QtCore import Qt

    from counter_app.ui.prints.register_dialog import RegisterDialog

    window = window_for(qtbot, demo_url)
    window.open_register()
    dialog: RegisterDialog = window.register
    assert dialog.first.date().day() == 1  # this month by default
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000) as shown:
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)  # Enter previews, not closes
    assert shown.args[0].document.pageCount() >= 1


def opened_with_its_receipt(qtbot, demo_url, sessions):
    """A dossier opened to print its receipt, as after Ctrl+S: the dialog, and the order in
    which it and the receipt preview were shown."""
    from PySide6.QtCore import QEvent, QObject

    from counter_app.ui.dossiers.dossier_dialog import DossierDialog
    from counter_app.ui.prints.print_preview import PrintPreview

    shown: list[str] = []

    class Spy(QObject):
        def eventFilter(self, target, event):  # noqa: N802
            if event.type() == QEvent.Type.Show and isinstance(
                target, (DossierDialog, PrintPreview)
            ):
                shown.append(type(target).__name__)
            return False

    window = window_for(qtbot, demo_url)
    started(qtbot, window)
    with unit_of_work(sessions) as session:
        code = session.scalars(select(Dossier.code).limit(1)).one()
    spy = Spy()
    QApplication.instance().installEventFilter(spy)
    try:
        with qtbot.waitSignal(window.dossier_opened, timeout=10_000) as opened:
            window.open_dossier(code, then_print="receipt")
        dialog = opened.args[0]
        qtbot.waitUntil(
            lambda: (
                dialog.isVisible() and dialog.preview is not None and dialog.preview.isVisible()
            ),
            timeout=20_000,
        )
    finally:
        QApplication.instance().removeEventFilter(spy)
    return dialog, shown


def test_the_receipt_preview_comes_up_over_the_new_dossier(qtbot, demo_url, sessions):
    """After Ctrl+S the officer prints at once: the receipt preview must be the window in
    front, never hidden behind the dossier window that opens with it."""
    dialog, shown = opened_with_its_receipt(qtbot, demo_url, sessions)
    assert shown[:2] == ["DossierDialog", "PrintPreview"]
    assert QApplication.activeWindow() in (dialog.preview, None)  # None: no window manager


def test_the_preview_stays_in_front_when_the_print_is_ready_first(
    qtbot, demo_url, sessions, monkeypatch
):
    """Under a window manager the receipt came up behind the dossier window when the PDF
    was ready before the dossier's details: the preview must wait for its dossier."""
    from PySide6.QtCore import QTimer

    from counter_app.ui.dossiers.dossier_dialog import DossierDialog

    loaded = DossierDialog._on_loaded

    def late(self, answer):  # the details arrive only once the receipt is drawn
        if self.preview is None:
            QTimer.singleShot(20, lambda: late(self, answer))
        else:
            loaded(self, answer)

    monkeypatch.setattr(DossierDialog, "_on_loaded", late)
    _, shown = opened_with_its_receipt(qtbot, demo_url, sessions)
    assert shown[:2] == ["DossierDialog", "PrintPreview"]
