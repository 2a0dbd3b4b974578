"""The hall's three windows on a real office server (issue 22: one office, one queue): a
kiosk, a desk and the display, each a PC joined with its own desk account. The kiosk's
touch prints the server's ticket, the desk's F12 calls it, the display shows and says
it. The server stopped: the kiosk issues nothing and says so, the desk calls nothing and
says so, the display says it lost the server; back, everything goes on."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.queue.server import ServerQueue
from counter_app.sync import server, state
from counter_app.ui.app import AppContext
from counter_app.ui.desk.calls import SERVER_GONE
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.hall.display import DisplayWindow
from counter_app.ui.hall.kiosk import SERVER_SILENT, KioskWindow
from counter_app.ui.hall.ticket_output import TicketOutput
from counter_app.voice import call_phrase
from tests.hall import ESC_CUT, RecordingSpeaker
from tests.ui.test_office_desk import AGENCY, joined_desk


def test_kiosk_desk_and_display_share_the_office_queue(qtbot, new_pg_server, tmp_path):
    pg = new_pg_server()
    admin = pg.create_database()
    server.install(admin)
    server.publish_catalog(admin, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    kiosk_url, desk_url, hall_url = (
        joined_desk(admin, tmp_path, name) for name in ("Kiosk", "Ban 1", "Man hinh")
    )
    with ServerQueue(str(state.load_url(desk_url)), admin, AGENCY) as office:
        office.add_service("A", "Hộ tịch")
    device = tmp_path / "lp0"
    device.write_bytes(b"")

    kiosk = KioskWindow(
        AppContext.build(Settings(db_url=kiosk_url)),
        TicketOutput({"COUNTER_APP_TICKET_PRINTER": str(device)}),
    )
    desk = MainWindow(AppContext.build(Settings(db_url=desk_url, counter=2)))
    speaker = RecordingSpeaker()
    display = DisplayWindow(AppContext.build(Settings(db_url=hall_url)), speaker, poll_ms=3_600_000)
    for window in (kiosk, desk, display):
        qtbot.addWidget(window)
        window.show()
    with qtbot.waitSignal(kiosk.services_shown, timeout=30_000):
        kiosk.start()
    with qtbot.waitSignal(display.polled, timeout=30_000):
        display.start()

    with qtbot.waitSignal(kiosk.printed, timeout=30_000) as printed:
        QTest.mouseClick(kiosk.services.buttons["A"], Qt.MouseButton.LeftButton)
    assert printed.args == ["A001"] and device.read_bytes().count(ESC_CUT) == 1
    with qtbot.waitSignal(desk.calls.called, timeout=30_000):
        desk.calls.call_next()  # F12
    assert desk.calls.serving.text().startswith("Đang phục vụ: A001")
    with qtbot.waitSignal(display.polled, timeout=30_000):
        display.poll()
    assert display.current.text() == "A001 → Quầy 2"
    assert speaker.texts == [call_phrase("A001", 2)]

    pg.stop("immediate")
    kiosk._back()  # the next citizen
    with qtbot.waitSignal(kiosk.told, timeout=30_000) as told:
        QTest.mouseClick(kiosk.services.buttons["A"], Qt.MouseButton.LeftButton)
    assert told.args == [SERVER_SILENT] and kiosk.pages.currentWidget() is kiosk.services
    desk.calls.call_next()
    qtbot.waitUntil(lambda: desk.calls.serving.text() == SERVER_GONE, timeout=30_000)
    with qtbot.waitSignal(display.polled, timeout=30_000):
        display.poll()
    assert "Mất kết nối máy chủ văn phòng" in display.notice.text()
    assert display.current.text() == "A001 → Quầy 2"  # the last call stays on screen

    pg.start()
    with qtbot.waitSignal(kiosk.printed, timeout=30_000) as printed:
        QTest.mouseClick(kiosk.services.buttons["A"], Qt.MouseButton.LeftButton)
    assert printed.args == ["A002"]  # the touch that got no answer issued nothing
    with qtbot.waitSignal(desk.calls.called, timeout=30_000) as called:
        desk.calls.call_next()  # the F12 that got no answer, repeated with its token
    assert called.args[0].ticket == "A002"
    with qtbot.waitSignal(display.polled, timeout=30_000):
        display.poll()
    assert display.current.text() == "A002 → Quầy 2" and display.notice.text() == ""
    assert speaker.texts == [call_phrase("A001", 2), call_phrase("A002", 2)]
    with ServerQueue(str(state.load_url(desk_url))) as office:
        assert [s.waiting for s in office.services()] == [0]
