"""The leader's list of the complaints register (issue 22): open, due soon, overdue, all;
no personal data in its lines; reached from the desk's Quản lý menu."""

from __future__ import annotations

import pytest

from counter_app import clock
from counter_app.citizen import complaints
from counter_app.citizen.complaint_form import read_form
from counter_app.citizen.register import LocalRegister
from counter_app.config import Settings
from counter_app.db import unit_of_work
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from counter_app.ui.tasks import Tasks
from tests.conftest import actor_for, at

PERSON = {"name": "Trần Văn Bình", "phone": "0987654321", "address": "Thôn 5"}


@pytest.fixture
def window(qtbot, desk_db, db_url):
    desk = MainWindow(AppContext.build(Settings(db_url=db_url), Tasks(synchronous=True)))
    qtbot.addWidget(desk)
    return desk


def add(sessions, when: str) -> str:
    form = read_form(
        {"channel": "phone", "person": PERSON, "content": "Chậm.", "code": None, "procedure": None}
    )
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        register = LocalRegister(session, who.agency_id)
        return complaints.add(register, session, who, form, at(when)).number


def test_the_register_lists_open_and_overdue_without_personal_data(
    qtbot, window, desk_db, monkeypatch
):
    first = add(desk_db, "2026-02-02T09:00:00+07:00")  # due 23/02 (Tết skipped)
    second = add(desk_db, "2026-02-13T09:00:00+07:00")
    monkeypatch.setattr(clock, "now", lambda: at("2026-02-24T09:00:00+07:00"))
    window.actions["complaints"].trigger()
    listing = window.complaints_window
    rows = listing.model.rows
    assert [r[0] for r in rows] == [first, second]
    assert [r[3] for r in rows] == ["Quá hạn", "Đang xử lý"]
    assert not any(p in cell for r in rows for cell in r for p in PERSON.values())
    listing.which.setCurrentIndex(2)  # «Quá hạn trả lời»
    assert [r[0] for r in listing.model.rows] == [first]
    assert listing.status.text() == "1 phản ánh."
