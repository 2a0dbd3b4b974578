"""The time the desk has to answer an online dossier (portal/waiting.py): 8 working hours
from its submission on the agency's working calendar, across weekends, public holidays
and the agency's declared days off; the list of those waiting; and the three answers,
each leaving through the outbox with the dossier's true status."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.calendar import DEFAULT_HOURS, WorkingCalendar, WorkingHours
from counter_app.db import unit_of_work
from counter_app.errors import IllegalTransition, ValidationError
from counter_app.models import PortalMessage
from counter_app.portal import inbound, waiting
from counter_app.portal.answers import Answer, answer
from counter_app.portal.inbound_file import read_portal_dossier
from counter_app.services.catalog import catalog
from tests.conftest import IMPORTED_AT, actor_for, at, small_catalog
from tests.integration.test_portal_import_cli import portal_dossier

HOURS = WorkingHours.parse(DEFAULT_HOURS)  # 07:30-11:30, 13:30-17:00


def test_the_answer_is_due_8_working_hours_after_submission_across_a_weekend_and_a_holiday():
    calendar = WorkingCalendar(HOURS)
    # Friday 24/04/2026 15:00: 2 h that day; Saturday, Sunday, then Monday 27/04 is the
    # Hùng Kings' day off (10/3 lunar fell on Sunday 26/04); Tuesday 4 h in the morning,
    # 2 h in the afternoon.
    assert waiting.answer_due(calendar, at("2026-04-24T15:00+07:00")) == at(
        "2026-04-28T15:30+07:00"
    )
    # Wednesday 29/04 15:00: 30/04 and 01/05 are public holidays, then the weekend.
    assert waiting.answer_due(calendar, at("2026-04-29T15:00+07:00")) == at(
        "2026-05-04T15:30+07:00"
    )


def test_the_agencys_declared_day_off_and_the_hours_outside_work_count_for_nothing():
    declared = WorkingCalendar(HOURS, days_off=[date(2026, 4, 28)])
    assert waiting.answer_due(declared, at("2026-04-24T15:00+07:00")) == at(
        "2026-04-29T15:30+07:00"
    )
    calendar = WorkingCalendar(HOURS)
    # Submitted on Saturday night: from Monday 07:30, 7 h 30 that day and 30 min after.
    assert waiting.answer_due(calendar, at("2026-03-14T22:00+07:00")) == at(
        "2026-03-17T08:00+07:00"
    )
    # At lunch: from 13:30.
    assert waiting.answer_due(calendar, at("2026-03-16T12:00+07:00")) == at(
        "2026-03-17T14:00+07:00"
    )


@pytest.mark.parametrize(
    ("now", "left", "urgency"),
    [
        ("2026-04-28T11:00+07:00", 150, waiting.Urgency.IN_TIME),
        ("2026-04-28T13:30+07:00", 120, waiting.Urgency.SOON),  # 2 working hours: amber
        ("2026-04-24T16:00+07:00", 7 * 60, waiting.Urgency.IN_TIME),  # a weekend, a holiday
        ("2026-04-28T15:30+07:00", 0, waiting.Urgency.SOON),  # the very minute
        ("2026-04-28T16:00+07:00", -30, waiting.Urgency.OVERDUE),
        ("2026-04-28T20:00+07:00", -90, waiting.Urgency.OVERDUE),  # late, after hours
    ],
)
def test_time_left_is_working_time_and_urgency_follows_it(now, left, urgency):
    calendar, due = WorkingCalendar(HOURS), at("2026-04-28T15:30+07:00")
    assert waiting.minutes_left(calendar, due, at(now)) == left
    assert waiting.urgency(due, at(now), left) == urgency


def imported(sessions, portal_code: str = "H26-1", submitted: str = "20260424150000") -> str:
    """An online dossier of the small catalog's 1.001193, its papers given without files."""
    doc: dict[str, Any] = portal_dossier(
        MaHoSo=portal_code,
        NgayNopHoSo=submitted,
        TaiLieuNop=[
            {"TenThanhPhanHoSo": "Tờ khai đăng ký khai sinh"},
            {"TenThanhPhanHoSo": "Giấy chứng sinh"},
        ],
    )
    online = read_portal_dossier(doc)
    with unit_of_work(sessions, write=True) as session:
        moment = at(f"{submitted[:4]}-{submitted[4:6]}-{submitted[6:8]}T{submitted[8:10]}:00+07:00")
        return inbound.import_online(session, actor_for(session), online, moment, store=None).code


def test_the_list_is_oldest_first_with_the_agencys_calendar(sessions):
    data = small_catalog()
    data["calendar"]["days_off"] = ["2026-04-28"]  # the agency's own day off
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, data, IMPORTED_AT)
    later = imported(sessions, "H26-2", "20260424160000")
    first = imported(sessions, "H26-1", "20260424150000")
    with unit_of_work(sessions) as session:
        rows = waiting.waiting(session, at("2026-04-29T14:30+07:00"))
    assert [r.code for r in rows] == [first, later]
    assert rows[0].answer_due_at == at("2026-04-29T15:30+07:00")
    assert rows[1].answer_due_at == at("2026-04-29T16:30+07:00")
    assert (rows[0].minutes_left, rows[0].urgency) == (60, waiting.Urgency.SOON)
    assert rows[0].procedure == "Đăng ký khai sinh"


def pending(sessions, code: str) -> list[tuple[str, int]]:
    with unit_of_work(sessions) as session:
        found = session.scalars(
            select(PortalMessage)
            .where(PortalMessage.code == code, PortalMessage.state == "pending")
            .order_by(PortalMessage.position)
        )
        return [
            (m.service, m.body[0].get("TrangThai", m.body[0].get("TrangThaiHoSo"))) for m in found
        ]


ANSWERS = {
    Answer.ACCEPT: ({}, 2),
    Answer.SUPPLEMENT: ({"items": "Giấy chứng sinh bản rõ nét", "reason": ""}, 5),
    Answer.REFUSE: ({"reason": "Không thuộc thẩm quyền của xã"}, 3),
}


@pytest.mark.parametrize("given", list(Answer))
def test_each_answer_leaves_the_list_and_goes_out_with_its_status(desk_db, given):
    code = imported(desk_db)
    values, status = ANSWERS[given]
    with unit_of_work(desk_db, write=True) as session:
        answer(session, actor_for(session), given, code, values, at("2026-04-28T09:00+07:00"))
    with unit_of_work(desk_db) as session:
        assert waiting.waiting(session, at("2026-04-28T09:00+07:00")) == []
    assert pending(desk_db, code)[-2:] == [
        ("DongBoHoSoMC", status),
        ("CapNhatTienDoHoSoMC", status),
    ]


def test_an_answer_to_a_dossier_answered_already_is_refused(desk_db):
    code = imported(desk_db)
    moment = at("2026-04-28T09:00+07:00")
    with unit_of_work(desk_db, write=True) as session:
        answer(session, actor_for(session), Answer.ACCEPT, code, {}, moment)
    for given, values in ((Answer.REFUSE, {"reason": "Sai"}), (Answer.ACCEPT, {})):
        with pytest.raises(IllegalTransition), unit_of_work(desk_db, write=True) as session:
            answer(session, actor_for(session), given, code, values, moment)
    other = imported(desk_db, "H26-3")
    with pytest.raises(ValidationError), unit_of_work(desk_db, write=True) as session:
        answer(session, actor_for(session), Answer.SUPPLEMENT, other, {"items": " "}, moment)
