"""The citizen's screen (issue 22): after a reception it shows the dossier without the
person; F11 invites a rating, which only the citizen's screen records, once a visit; an
invitation left a minute records nothing (the clock is the test's: nobody waits 60 s)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from counter_app.citizen.criteria import SCORES
from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.models import Event, Officer
from counter_app.ui.app import AppContext
from counter_app.ui.citizen.desk_side import CitizenDesk
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.dossiers.dossier_dialog import DossierDialog
from counter_app.ui.tasks import Tasks
from tests.conftest import counts, intake_doc
from tests.unit.test_lifecycle import received

PERSON = intake_doc()["applicant"]


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def window(qtbot, desk_db, db_url, clock, monkeypatch):
    context = AppContext.build(
        Settings(db_url=db_url, officer="hoa", counter=3), Tasks(synchronous=True)
    )
    context._citizen = CitizenDesk(context, clock)  # the screen's clock: the test's
    desk = MainWindow(context)
    qtbot.addWidget(desk)
    monkeypatch.setattr(desk, "refresh", lambda: None)
    monkeypatch.setattr(desk, "open_dossier", lambda *a, **k: None)
    yield desk
    if desk.citizen_window is not None:
        desk.citizen_window.close()


def receive(window, desk_db) -> str:
    """A reception, and what the desk does once it is saved."""
    (code,) = received(desk_db)
    window.new_reception()
    window.reception.received.emit(code)
    return code


def rated(desk_db) -> list[tuple[object, ...]]:
    with unit_of_work(desk_db) as session:
        return [
            (e.data["visit"], e.data["score"], e.data["counter"], officer)
            for e, officer in session.execute(
                select(Event, Officer.username)
                .join(Officer, Officer.id == Event.officer_id)
                .where(Event.kind == "rated")
            )
        ]


def texts(widget) -> str:
    shown = [label.text() for label in widget.findChildren(QLabel)]
    return "\n".join(shown + [b.text() for b in widget.findChildren(QPushButton)])


def test_a_reception_is_shown_then_rated_on_the_citizens_screen(qtbot, window, desk_db):
    code = receive(window, desk_db)
    screen = window.open_citizen_screen()
    assert screen.isVisible() and screen.page() == "shown"
    assert (screen.code.text(), screen.procedure.text()) == (code, "Đăng ký khai sinh")
    assert screen.appointment.text() == "Hẹn trả kết quả: 25/02/2026 17:00"
    for personal in (PERSON["name"], PERSON["id_number"], PERSON["phone"], PERSON["address"]):
        assert personal not in texts(screen)  # the screen faces the hall
    window.actions["rate"].trigger()  # F11
    assert screen.page() == "asking" and code in screen.asked_code.text()
    qtbot.mouseClick(screen.criteria["huong_dan"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.scores[2], Qt.MouseButton.LeftButton)  # «Hài lòng»
    assert screen.page() == "thanks"
    assert rated(desk_db) == [("reception", 2, 3, "hoa")]
    with unit_of_work(desk_db) as session:
        data = session.scalar(select(Event.data).where(Event.kind == "rated"))
    assert data["criteria"] == ["huong_dan"]


def test_the_officers_windows_can_invite_and_never_rate(qtbot, window, desk_db, db_url):
    code = receive(window, desk_db)
    dialog = window.dossier_windows().open(code)  # as a scan opens it, wired to the desk
    assert isinstance(dialog, DossierDialog)
    buttons = [b.text() for w in (dialog, window) for b in w.findChildren(QPushButton)]
    assert "Mời đánh giá (F11)" in buttons
    assert not set(SCORES.values()) & set(buttons)
    before = counts(desk_db)
    with qtbot.waitSignal(dialog.invited):
        qtbot.mouseClick(dialog._invite, Qt.MouseButton.LeftButton)
    assert window.citizen_window.page() == "asking"  # the desk invited: nothing recorded
    assert counts(desk_db) == before and rated(desk_db) == []


def test_a_visit_rated_once_cannot_be_invited_again(qtbot, window, desk_db):
    receive(window, desk_db)
    window.invite_rating()
    screen = window.citizen_window
    qtbot.mouseClick(screen.scores[3], Qt.MouseButton.LeftButton)
    window.invite_rating()
    assert "chỉ được đánh giá một lần" in window.statusBar().currentMessage()
    assert screen.page() == "thanks" and rated(desk_db) == [("reception", 3, 3, "hoa")]


def test_an_invitation_lapses_after_a_minute_and_records_nothing(qtbot, window, desk_db, clock):
    receive(window, desk_db)
    window.invite_rating()
    screen = window.citizen_window
    clock.now += 59
    screen.tick()
    assert screen.page() == "asking" and screen.countdown.text() == "Còn 1 giây"
    clock.now += 1.5
    screen.tick()
    assert screen.page() == "idle"
    before = counts(desk_db)
    window._context.citizen.submit(2, [])  # a tap that came too late
    assert screen.page() == "thanks" and "Chưa có hồ sơ nào được mời" in screen.thanks_text.text()
    assert counts(desk_db) == before and rated(desk_db) == []


def test_nothing_to_invite_before_a_reception_or_a_return(qtbot, window, desk_db):
    window.actions["citizen_screen"].trigger()  # Ctrl+M
    screen = window.citizen_window
    assert screen.isVisible() and screen.page() == "idle"
    assert screen.agency.text() == "UBND xã Tam Đảo"  # the welcome, in its name
    window.invite_rating()
    assert "Chưa có hồ sơ vừa tiếp nhận" in window.statusBar().currentMessage()
    assert screen.page() == "idle"


def test_a_return_is_shown_and_its_own_visit_is_rated(qtbot, window, desk_db):
    from counter_app.services.dossiers import lifecycle
    from counter_app.services.dossiers.workflow import Action
    from tests.conftest import at
    from tests.unit.test_lifecycle import act

    code = receive(window, desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T11:00+07:00"))
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-16T09:00+07:00"))
    dialog = window.dossier_windows().open(code)
    with qtbot.waitSignal(dialog.changed):
        dialog.perform(Action.RETURN, {"way": "in_person", "receiver": PERSON["name"]})
    screen = window.open_citizen_screen()
    assert (screen.page(), screen.code.text()) == ("shown", code)
    assert screen.shown_title.text() == "Quý khách đã nhận kết quả"
    assert PERSON["name"] not in texts(screen)
    window.invite_rating()
    assert "trả kết quả" in screen.question.text()
    qtbot.mouseClick(screen.scores[1], Qt.MouseButton.LeftButton)
    assert rated(desk_db) == [("return", 1, 3, "hoa")]
