"""What the reception screen needs before recording: the procedures ranked as the officer
types, and a warning when the same intake was just received at this desk."""

from __future__ import annotations

import pytest

from counter_app.db import unit_of_work
from counter_app.services import desk
from counter_app.services.intake import intake, reception
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, intake_doc

SAMPLE = [
    ("1.000689", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con"),
    ("1.004884", "Đăng ký lại khai sinh"),
    ("1.001193", "Đăng ký khai sinh"),
    ("2.000528", "Đăng ký khai sinh có yếu tố nước ngoài"),
    ("1.001022", "Đăng ký khai tử"),
]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("khai sinh", "1.001193"),
        ("Đăng ký khai sinh", "1.001193"),
        ("DANG KY KHAI SINH", "1.001193"),
        ("1.000689", "1.000689"),
        ("1.00", "1.001022"),
        ("khai tu", "1.001022"),
        ("dang ky lai", "1.004884"),
    ],
)
def test_the_best_match_comes_first(typed, first):
    ranked = sorted(SAMPLE, key=lambda p: reception.match_rank(typed, *p))
    words = typed.lower().split()
    matching = [p for p in ranked if all(w in f"{p[0]} {p[1]}".lower() for w in words)]
    assert (matching or ranked)[0][0] == first


def receive(sessions, when: str, **changes) -> str:
    with unit_of_work(sessions, write=True) as session:
        return intake.receive(
            session, actor_for(session), read_intake(intake_doc(**changes)), at(when)
        ).code


def earlier(sessions, now: str, **changes) -> list[str]:
    with unit_of_work(sessions) as session:
        return [
            e.code
            for e in reception.recent_duplicates(
                session, desk.local_desk(session).id, read_intake(intake_doc(**changes)), at(now)
            )
        ]


def test_the_same_intake_within_30_minutes_is_found(desk_db):
    first = receive(desk_db, "2026-02-13T10:00:00+07:00")
    assert earlier(desk_db, "2026-02-13T10:29:00+07:00") == [first]
    assert earlier(desk_db, "2026-02-13T10:31:00+07:00") == []  # half an hour later: new visit


@pytest.mark.parametrize(
    "other",
    [
        {"applicant_id_number": "026190009999"},  # another citizen
        {"procedure": "9.000002", "documents": []},  # another procedure
    ],
)
def test_another_citizen_or_procedure_is_no_duplicate(desk_db, other):
    receive(desk_db, "2026-02-13T10:00:00+07:00")
    assert earlier(desk_db, "2026-02-13T10:05:00+07:00", **other) == []


def test_without_an_id_number_the_name_decides(desk_db):
    first = receive(desk_db, "2026-02-13T10:00:00+07:00", applicant_id_number=None)
    same = {"applicant_id_number": None, "applicant_name": "NGUYEN THI HOA"}
    assert earlier(desk_db, "2026-02-13T10:05:00+07:00", **same) == [first]


def test_a_reception_at_another_desk_is_not_this_desks_slip(desk_db):
    from counter_app.models import Desk, Event, new_id

    receive(desk_db, "2026-02-13T10:00:00+07:00")
    with unit_of_work(desk_db, write=True) as session:  # the event came from another desk
        other = Desk(id=new_id(), name="Bàn 2", is_local=False, last_seq=1)
        session.add(other)
        session.flush()
        for event in session.query(Event):
            event.desk_id = other.id
    assert earlier(desk_db, "2026-02-13T10:05:00+07:00") == []
