"""The kiosk (issue 22): a touch on a service issues a ticket through the queue and prints
it on the ESC/POS printer (here a device file); a double touch makes one ticket; a printer
that fails leaves the number on screen and the ticket in the queue; an office server
that does not answer issues nothing and says so; only the staff's key leaves."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest

from counter_app.clock import now
from counter_app.config import Settings
from counter_app.thermal.connections import NetworkConnection
from counter_app.ui.app import AppContext
from counter_app.ui.hall.kiosk import SERVER_SILENT, KioskWindow
from counter_app.ui.hall.ticket_output import TicketOutput
from counter_app.ui.hall.touch_tokens import TouchTokens
from tests.hall import ESC_CUT, line_with_server, with_services
from tests.thermal import GS_V0, FakePrinter, qr_texts, raster_of

PAPER_OUT = b"\x72"  # the paper sensor's answer: roll empty (tests/unit/test_thermal_network)


@pytest.fixture
def device(tmp_path):
    """A device file standing in for /dev/usb/lp0 (it exists: the printer is plugged)."""
    path = tmp_path / "lp0"
    path.write_bytes(b"")
    return path


def open_kiosk(qtbot, db_url, printer: str, line=None) -> KioskWindow:
    context = AppContext.build(Settings(db_url=db_url))
    output = TicketOutput({"COUNTER_APP_TICKET_PRINTER": printer})
    window = KioskWindow(context, output, line=line)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.services_shown, timeout=20_000):
        window.start()
    return window


def touch(window: KioskWindow, prefix: str) -> None:
    QTest.mouseClick(window.services.buttons[prefix], Qt.MouseButton.LeftButton)


def test_a_touch_issues_the_ticket_and_prints_it(qtbot, desk_db, db_url, device):
    queue = with_services(desk_db)
    window = open_kiosk(qtbot, db_url, str(device))
    assert window.services.agency.text() == "UBND xã Tam Đảo"
    assert set(window.services.buttons) == {"A", "B"}
    with qtbot.waitSignal(window.printed, timeout=30_000) as printed:
        touch(window, "A")
    assert printed.args == ["A001"]
    assert queue.ticket("A001").state == "waiting"
    job = device.read_bytes()
    assert job.startswith(b"\x1b@" + GS_V0)  # initialised, then the ticket as a raster
    assert job.endswith(ESC_CUT + b"\x00") and job.count(ESC_CUT) == 1  # cut once, at the end
    today = now().date().isoformat()
    assert qr_texts(raster_of(job)) == [f"A001|{today}|000.00.20.H26"]
    page = window.ticket
    assert window.pages.currentWidget() is page and page.number.text() == "A001"
    assert page.waiting.text() == "Số người đang chờ trước bạn: 0"
    assert page.status.text() == "Mời bạn nhận phiếu." and not page.again.isVisible()


def test_the_priority_choice_gives_a_priority_ticket(qtbot, desk_db, db_url, device):
    queue = with_services(desk_db)
    queue.issue("A")
    window = open_kiosk(qtbot, db_url, str(device))
    QTest.mouseClick(window.services.priority, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.printed, timeout=30_000):
        touch(window, "A")
    assert queue.ticket("A002").priority and window.ticket.waiting.text().endswith(": 0")
    assert not window.services.priority.isChecked()  # the next citizen starts ordinary


def test_a_double_touch_makes_one_ticket(qtbot, desk_db, db_url, device):
    queue = with_services(desk_db)
    window = open_kiosk(qtbot, db_url, str(device))
    window.tokens = TouchTokens(clock=lambda: 0.0)  # every touch within the double touch
    issued, printed = [], []
    window.ticket_shown.connect(issued.append)
    window.printed.connect(printed.append)
    with qtbot.waitSignal(window.printed, timeout=30_000):
        touch(window, "A")
        touch(window, "A")  # the finger again, before the first answer is on screen
    # a bounce once the ticket is on screen (the button was under the finger): same ticket
    with qtbot.waitSignal(window.ticket_shown, timeout=30_000):
        window.services.buttons["A"].click()
    window._context.tasks.wait()  # a print it would have started is over…
    QCoreApplication.processEvents()  # …and its answer delivered
    assert [i.ticket for i in issued] == ["A001", "A001"]
    assert [s.waiting for s in queue.status().services] == [1, 0]
    assert printed == ["A001"]  # printed once


def test_a_missing_printer_shows_the_number_and_keeps_the_ticket(qtbot, desk_db, db_url, tmp_path):
    queue = with_services(desk_db)
    unplugged = tmp_path / "lp0"  # no such device: the printer is unplugged
    window = open_kiosk(qtbot, db_url, str(unplugged))
    with qtbot.waitSignal(window.print_failed, timeout=30_000) as failed:
        touch(window, "A")
    told = "Máy in không in được — số của bạn là A001, xin ghi nhớ hoặc báo nhân viên"
    assert failed.args == [told]
    page = window.ticket
    assert window.pages.currentWidget() is page and page.number.text() == "A001"
    assert page.status.text() == told and "Không thấy máy in vé" in page.staff.text()
    assert queue.ticket("A001").state == "waiting"  # issued: it will be called
    assert page.again.isVisible() and page.on_paper.isVisible()
    unplugged.write_bytes(b"")  # plugged in again: the staff's reprint
    with qtbot.waitSignal(window.printed, timeout=30_000) as printed:
        QTest.mouseClick(page.again, Qt.MouseButton.LeftButton)
    assert printed.args == ["A001"] and unplugged.read_bytes().count(ESC_CUT) == 1
    assert [s.waiting for s in queue.status().services] == [1, 0]  # still one ticket


def test_an_empty_roll_says_so_with_the_number(qtbot, desk_db, db_url):
    with_services(desk_db)
    printer = FakePrinter(PAPER_OUT)
    try:
        window = open_kiosk(qtbot, db_url, f"127.0.0.1:{printer.port}")
        assert window._output is not None  # the loaded machine's answer may take a while
        window._output.connection = NetworkConnection("127.0.0.1", printer.port, status_timeout=60)
        with qtbot.waitSignal(window.print_failed, timeout=60_000) as failed:
            touch(window, "A")
        assert failed.args == [
            "Máy in hết giấy — số của bạn là A001, xin ghi nhớ hoặc báo nhân viên"
        ]
    finally:
        printer.close()


def test_an_office_server_not_answering_issues_nothing(qtbot, desk_db, db_url, device):
    queue = with_services(desk_db)
    down = threading.Event()
    context = AppContext.build(Settings(db_url=db_url))
    window = open_kiosk(qtbot, db_url, str(device), line=line_with_server(context, down))
    down.set()
    with qtbot.waitSignal(window.told, timeout=30_000) as told:
        touch(window, "A")
    assert told.args == [SERVER_SILENT]
    assert window.services.message.text() == SERVER_SILENT
    assert window.pages.currentWidget() is window.services and device.read_bytes() == b""
    assert [s.waiting for s in queue.status().services] == [0, 0]
    down.clear()  # back: the next touch gets its ticket
    with qtbot.waitSignal(window.printed, timeout=30_000):
        touch(window, "A")
    assert queue.ticket("A001").state == "waiting"


def test_only_the_staff_key_leaves_kiosk_mode(qtbot, desk_db, db_url, device, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    with_services(desk_db)
    window = open_kiosk(qtbot, db_url, str(device))
    window.close()  # Alt+F4, the window manager: ignored
    assert window.isVisible()
    asked = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[1])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    QTest.keyClick(
        window,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked == ["Thoát chế độ lấy số"] and not window.isVisible()


def test_a_touch_whose_answer_was_lost_gets_that_ticket_not_a_second(
    qtbot, desk_db, db_url, device
):
    queue = with_services(desk_db)
    down = threading.Event()
    context = AppContext.build(Settings(db_url=db_url))
    line = line_with_server(context, down, answers_lost=True)
    window = open_kiosk(qtbot, db_url, str(device), line=line)
    down.set()  # the server issues A001, its answer is lost on the way
    with qtbot.waitSignal(window.told, timeout=30_000):
        touch(window, "A")
    assert [s.waiting for s in queue.status().services] == [1, 0]
    down.clear()
    with qtbot.waitSignal(window.printed, timeout=30_000) as printed:
        touch(window, "A")  # the citizen touches again: the same request
    assert printed.args == ["A001"] and [s.waiting for s in queue.status().services] == [1, 0]
