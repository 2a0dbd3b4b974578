"""Each worklist holds exactly the dossiers an officer expects, with matching counts."""

from __future__ import annotations

from counter_app.db import unit_of_work
from counter_app.services.dossiers import lifecycle
from counter_app.services.worklists import worklists
from counter_app.services.worklists.worklists import Worklist
from tests.conftest import at
from tests.unit.test_lifecycle import act, received

NOW = at("2026-02-25T10:00+07:00")  # a Wednesday


def codes(sessions, worklist):
    with unit_of_work(sessions) as session:
        return {r.code for r in worklists.rows(session, worklist, NOW)}


def test_worklists_and_counts(desk_db):
    # received Fri 13 Feb 10:00, 3 working days over Tết: due Wed 25 Feb 17:00 = today
    due_today, at_unit_late, back, gone = received(desk_db, 4)
    (overdue,) = received(desk_db, received_at="2026-02-12T10:00+07:00")  # due Tue 24
    (today,) = received(
        desk_db, received_at="2026-02-25T08:00+07:00", procedure="2.000815", documents=[]
    )
    (waiting,) = received(desk_db, received_at="2026-02-23T08:00+07:00")
    # handed over Mon 23 08:00; its step (TP-HT) has 8 working hours: past by Wed 10:00
    act(desk_db, lifecycle.handoff, [at_unit_late], "TP-HT", None, at("2026-02-23T08:00+07:00"))
    act(
        desk_db,
        lifecycle.supplement,
        waiting,
        "Giấy chứng sinh",
        None,
        at("2026-02-24T08:00+07:00"),
    )
    act(desk_db, lifecycle.result, back, "approved", None, at("2026-02-24T09:00+07:00"))
    act(desk_db, lifecycle.result, gone, "approved", None, at("2026-02-24T09:00+07:00"))
    act(desk_db, lifecycle.return_result, gone, receiver="A", now=at("2026-02-24T10:00+07:00"))

    assert codes(desk_db, Worklist.TODAY) == {today}
    assert codes(desk_db, Worklist.DUE_TODAY) == {due_today, at_unit_late, today}
    assert codes(desk_db, Worklist.OVERDUE) == {overdue}
    assert codes(desk_db, Worklist.BEHIND) == {at_unit_late}
    assert codes(desk_db, Worklist.SUPPLEMENT) == {waiting}
    assert codes(desk_db, Worklist.RESULT_BACK) == {back}
    assert codes(desk_db, Worklist.RETURNED) == {gone}
    with unit_of_work(desk_db) as session:
        counted = worklists.counts(session, NOW)
    assert counted == {w: len(codes(desk_db, w)) for w in Worklist}


def test_step_within_its_budget_is_not_behind(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-24T16:00+07:00"))
    # Tue 16:00 → Wed 10:00 is 1 h + 2.5 h = 3.5 working hours of the 8 allowed
    assert codes(desk_db, Worklist.BEHIND) == set()


def test_a_stopped_clock_is_neither_due_nor_overdue(desk_db):
    (code,) = received(desk_db, received_at="2026-02-12T10:00+07:00")  # due Tue 24 Feb
    act(desk_db, lifecycle.supplement, code, "Giấy chứng sinh", None, at("2026-02-23T08:00+07:00"))
    assert code not in codes(desk_db, Worklist.OVERDUE) | codes(desk_db, Worklist.DUE_TODAY)
    assert code in codes(desk_db, Worklist.SUPPLEMENT)
