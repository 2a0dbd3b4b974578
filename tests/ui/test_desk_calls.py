"""The desk's calls (issue 22): F12 calls the next ticket of this counter's lines, priority
first, and the strip shows it; Shift+F12, Ctrl+F12 and the transfer dialog act on it; a
reception or a return recorded from the desk's windows is linked to it (the queue's
times then have the dossier and a service time); no counter, or no office server: the
desk says so and calls nothing."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Dossier
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.ui.app import AppContext
from counter_app.ui.desk.calls import NO_COUNTER, SERVER_GONE
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.desk.transfer_dialog import TransferDialog
from counter_app.ui.tasks import Tasks
from tests.hall import line_with_server, with_services
from tests.ui.test_intake_form import type_reception
from tests.unit.test_lifecycle import act, received

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def desk(qtbot, db_url, counter=3, synchronous=False) -> MainWindow:  # type: ignore[no-untyped-def]
    tasks = Tasks(synchronous=True) if synchronous else None
    window = MainWindow(AppContext.build(Settings(db_url=db_url, counter=counter), tasks))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key of the desk (an application-wide shortcut) pressed in the main window."""
    QTest.keyClick(window, key, modifiers)


def serving(window: MainWindow) -> str:
    return window.calls.serving.text()


@pytest.fixture
def hall(desk_db):  # type: ignore[no-untyped-def]
    """A001 ordinary, then A002 priority, in line A (every counter's)."""
    queue = with_services(desk_db)
    queue.issue("A")
    queue.issue("A", priority=True)
    return queue


def test_f12_calls_the_priority_ticket_and_the_strip_shows_it(qtbot, hall, db_url):
    window = desk(qtbot, db_url)
    assert serving(window) == "Quầy 3: chưa gọi số nào — F12 gọi số tiếp theo"
    with qtbot.waitSignal(window.calls.called, timeout=20_000) as called:
        press(qtbot, window, Qt.Key.Key_F12)
    assert called.args[0].ticket == "A002" and called.args[0].counter == 3
    assert serving(window).startswith("Đang phục vụ: A002 — chờ ")
    assert serving(window).endswith(" phút")
    qtbot.waitUntil(lambda: window.calls.waiting.text() == "Đang chờ quầy 3: 1 người")
    assert hall.ticket("A002").state == "called" and hall.ticket("A001").state == "waiting"


def test_f12_without_a_counter_is_refused_and_calls_nothing(qtbot, hall, db_url):
    window = desk(qtbot, db_url, counter=None)
    assert "chưa đặt số quầy" in serving(window)
    press(qtbot, window, Qt.Key.Key_F12)
    assert window.statusBar().currentMessage() == NO_COUNTER
    assert [s.waiting for s in hall.status().services] == [2, 0]
    window._context.settings = replace(window._context.settings, counter=5)  # as saved
    window.calls.settings_saved()
    assert serving(window) == "Quầy 5: chưa gọi số nào — F12 gọi số tiếp theo"


def test_recall_skip_and_transfer_act_on_the_ticket_served(qtbot, hall, db_url):
    window = desk(qtbot, db_url, synchronous=True)
    press(qtbot, window, Qt.Key.Key_F12)
    press(qtbot, window, Qt.Key.Key_F12, SHIFT)
    assert hall.ticket("A002").recalls == 1 and serving(window).startswith("Đang phục vụ: A002")
    press(qtbot, window, Qt.Key.Key_F12, CTRL)
    assert hall.ticket("A002").state == "skipped" and "chưa gọi số nào" in serving(window)
    press(qtbot, window, Qt.Key.Key_F12)
    assert serving(window).startswith("Đang phục vụ: A001")
    press(qtbot, window, Qt.Key.Key_F12, CTRL | SHIFT)
    (dialog,) = [d for d in window.calls.findChildren(TransferDialog) if d.isVisible()]
    assert dialog.ticket.text() == "A001"
    dialog.service.setCurrentIndex(dialog.service.findData("B"))
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    moved = hall.ticket("A001")
    assert (moved.service, moved.state) == ("B", "transferred") and not dialog.isVisible()
    assert "chưa gọi số nào" in serving(window)


def test_a_reception_after_f12_links_the_ticket(qtbot, hall, desk_db, db_url):
    window = desk(qtbot, db_url, synchronous=True)
    press(qtbot, window, Qt.Key.Key_F12)
    window.new_reception()
    form = window.reception
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5_000)
    type_reception(qtbot, form)
    with qtbot.waitSignal(window.calls.linked, timeout=20_000) as linked:
        QTest.keyClick(form, Qt.Key.Key_S, CTRL)
    with unit_of_work(desk_db) as session:
        dossier_id, received_at = session.execute(select(Dossier.id, Dossier.received_at)).one()
    assert (linked.args[0].ticket, linked.args[0].dossier_id) == ("A002", dossier_id)
    [row] = hall.times(now().date(), now().date())
    assert (row.ticket, row.dossier_id, row.action) == ("A002", dossier_id, "reception")
    assert row.ended_at == received_at and row.served_s is not None and row.served_s >= 0
    assert hall.ticket("A002").state == "served"
    assert "chưa gọi số nào" in serving(window)  # the strip cleared


def test_a_return_after_f12_links_the_ticket(qtbot, hall, desk_db, db_url):
    (code,) = received(desk_db, received_at=now().isoformat())
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, now())
    act(desk_db, lifecycle.result, code, "approved", None, now())
    window = desk(qtbot, db_url, synchronous=True)
    press(qtbot, window, Qt.Key.Key_F12)
    with qtbot.waitSignal(window.dossier_opened, timeout=20_000) as opened:
        window.open_dossier(code)
    dialog = opened.args[0]
    with qtbot.waitSignal(window.calls.linked, timeout=20_000):
        dialog.perform(Action.RETURN, {"way": "in_person", "receiver": "Nguyễn Thị Hoà"})
    [row] = hall.times(now().date(), now().date())
    assert (row.ticket, row.action) == ("A002", "return") and row.served_s is not None


def test_with_the_office_server_gone_the_desk_says_so_and_calls_nothing(qtbot, hall, db_url):
    window = desk(qtbot, db_url, synchronous=True)
    down = threading.Event()
    down.set()
    window.calls.line = line_with_server(window._context, down)
    press(qtbot, window, Qt.Key.Key_F12)
    assert serving(window) == SERVER_GONE
    assert "Không kết nối được máy chủ văn phòng" in window.statusBar().currentMessage()
    assert hall.ticket("A002").state == "waiting"
    down.clear()  # back: F12 again calls, with the token of the call that got no answer
    press(qtbot, window, Qt.Key.Key_F12)
    assert serving(window).startswith("Đang phục vụ: A002")


def test_an_f12_whose_answer_was_lost_gets_that_ticket_at_the_next_f12(qtbot, hall, db_url):
    """The server called A002 for this counter, the answer never came back: the next F12
    repeats the request (its token) and shows A002, instead of calling A001 too."""
    window = desk(qtbot, db_url, synchronous=True)
    down = threading.Event()
    down.set()
    window.calls.line = line_with_server(window._context, down, answers_lost=True)
    press(qtbot, window, Qt.Key.Key_F12)
    assert serving(window) == SERVER_GONE and hall.ticket("A002").state == "called"
    down.clear()
    press(qtbot, window, Qt.Key.Key_F12)
    assert serving(window).startswith("Đang phục vụ: A002")
    assert hall.ticket("A001").state == "waiting"  # not called behind the officer's back
