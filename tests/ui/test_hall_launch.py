"""`counter-app kiosk` and `counter-app display` as an IT person starts them: full screen,
on this PC's database and settings, the printer setting read from the environment (a
wrong one told on the kiosk's screen, tickets still issued)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from counter_app.cli import main
from counter_app.ui.hall.display import DisplayWindow
from counter_app.ui.hall.kiosk import KioskWindow
from counter_app.ui.hall.launch import Hall, open_display, open_kiosk
from tests.hall import with_services


@pytest.fixture
def hall_for(qtbot, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))  # stored settings of this test only
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    opened: list[Hall] = []

    def keep(hall: Hall) -> Hall:
        qtbot.addWidget(hall.window)
        opened.append(hall)
        return hall

    yield keep
    for hall in opened:
        hall.context.tasks.wait()
        hall.context.dispose()
        if hall.translator is not None:
            QCoreApplication.removeTranslator(hall.translator)


def test_the_kiosk_opens_full_screen_with_the_open_services(
    qtbot, hall_for, desk_db, db_url, monkeypatch, tmp_path
):
    queue = with_services(desk_db)
    queue.change_service("B", open=False)
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    monkeypatch.setenv("COUNTER_APP_TICKET_PRINTER", str(device))
    hall = hall_for(open_kiosk(db_url))
    window = hall.window
    assert isinstance(window, KioskWindow) and window.isFullScreen()
    qtbot.waitUntil(lambda: list(window.services.buttons) == ["A"], timeout=20_000)
    assert window.services.buttons["A"].text() == "A   Hộ tịch"


def test_a_printer_written_wrong_is_told_on_the_kiosk(
    qtbot, hall_for, desk_db, db_url, monkeypatch
):
    with_services(desk_db)
    monkeypatch.setenv("COUNTER_APP_TICKET_WIDTH", "600")
    window = hall_for(open_kiosk(db_url)).window
    assert isinstance(window, KioskWindow)
    qtbot.waitUntil(lambda: "COUNTER_APP_TICKET_WIDTH" in window.services.message.text())


def test_the_display_opens_full_screen(qtbot, hall_for, desk_db, db_url, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_VOICE", "none")
    with_services(desk_db).issue("A")
    window = hall_for(open_display(db_url, screen=1)).window
    assert isinstance(window, DisplayWindow) and window.isFullScreen()
    qtbot.waitUntil(lambda: "A  Hộ tịch: 1 người" in window.waiting.text(), timeout=20_000)


@pytest.mark.parametrize("argv", [["kiosk", "--paper", "A4"], ["display", "--screen", "x"]])
def test_bad_options_are_refused_before_a_window_opens(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("error: ")
