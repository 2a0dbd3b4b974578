"""What the leader's reports read of the citizens' side (issue 22): ratings by officer,
procedure and week, and the complaints register counted by month."""

from __future__ import annotations

from datetime import date

from counter_app.citizen import ratings
from counter_app.citizen.complaint_form import ComplaintRow
from counter_app.citizen.complaints import MonthCount, counts_by_month
from counter_app.db import unit_of_work
from counter_app.reports.ratings import RatingCount, ratings_by
from tests.conftest import actor_for, at
from tests.unit.test_lifecycle import received


def rate(sessions, code, score, officer, when):
    with unit_of_work(sessions, write=True) as session:
        ratings.rate(
            session, actor_for(session, officer), code, "reception", score, [], 1, at(when)
        )


def test_ratings_are_counted_by_officer_procedure_and_week(desk_db):
    a, b, c = received(desk_db, 3)
    rate(desk_db, a, 3, "hoa", "2026-02-13T10:10:00+07:00")  # Friday: week of Mon 09/02
    rate(desk_db, b, 2, "hoa", "2026-02-16T08:00:00+07:00")  # Monday: the next week
    rate(desk_db, c, 1, "binh", "2026-02-16T09:00:00+07:00")
    with unit_of_work(desk_db) as session:
        first, last = date(2026, 2, 1), date(2026, 2, 28)
        (total,) = ratings_by(session, first, last)
        officers = ratings_by(session, first, last, "officer")
        weeks = ratings_by(session, first, last, "week")
        procedures = ratings_by(session, first, last, "procedure")
        assert ratings_by(session, date(2026, 2, 14), date(2026, 2, 15)) == [
            RatingCount("", "", 0, 0, 0, 0)
        ]
    assert (total.count, total.very_satisfied, total.satisfied, total.unsatisfied) == (3, 1, 1, 1)
    assert total.satisfied_pct == 66.67
    assert [(o.key, o.count, o.unsatisfied) for o in officers] == [("binh", 1, 1), ("hoa", 2, 0)]
    assert [(w.key, w.label, w.count) for w in weeks] == [
        ("2026-02-09", "Tuần 09/02/2026", 1),
        ("2026-02-16", "Tuần 16/02/2026", 2),
    ]
    assert [(p.key, p.count) for p in procedures] == [("1.001193", 3)]


def row(received, replied=None, published=None, closed=None):
    return ComplaintRow(
        2026,
        1,
        "counter",
        at(received),
        at(received),
        None,
        None,
        None,
        replied and at(replied),
        published and at(published),
        closed and at(closed),
    )


def test_complaints_are_counted_by_month():
    rows = [
        row("2026-01-05T09:00+07:00", "2026-01-20T09:00+07:00", "2026-01-20T09:00+07:00"),
        row("2026-01-28T09:00+07:00", "2026-02-03T09:00+07:00"),
        row("2026-02-10T09:00+07:00"),
        row("2026-03-31T23:00+07:00"),
    ]
    assert counts_by_month(rows, date(2026, 1, 15), date(2026, 3, 1)) == [
        MonthCount(date(2026, 1, 1), 2, 1, 1, 1),
        MonthCount(date(2026, 2, 1), 1, 1, 1, 0),
        MonthCount(date(2026, 3, 1), 1, 0, 2, 0),
    ]


def test_the_registers_counts_by_month(desk_db):
    from counter_app.citizen import complaints
    from counter_app.citizen.complaint_form import read_form
    from counter_app.citizen.register import LocalRegister

    form = read_form(
        {"channel": "letter", "person": {"name": "Bình", "address": "Thôn 5"}, "content": "Chậm."}
    )
    with unit_of_work(desk_db, write=True) as session:
        who = actor_for(session)
        register = LocalRegister(session, who.agency_id)
        first = complaints.add(register, session, who, form, at("2026-01-05T09:00:00+07:00"))
        complaints.add(register, session, who, form, at("2026-02-02T09:00:00+07:00"))
        complaints.reply(
            register, session, who, first.number, "Đã trả lời.", True, at("2026-02-03T09:00+07:00")
        )
        counted = complaints.month_counts(register, date(2026, 1, 1), date(2026, 2, 28))
    assert counted == [
        MonthCount(date(2026, 1, 1), 1, 0, 1, 0),
        MonthCount(date(2026, 2, 1), 1, 1, 1, 1),
    ]
