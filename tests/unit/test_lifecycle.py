"""The dossier's life after reception: batches, pauses, extensions, timeliness, return."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.errors import IllegalTransition, UnknownDossier, UnknownUnit, ValidationError
from counter_app.models import Event
from counter_app.services.dossiers import lifecycle, views
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, counts, intake_doc

RECEIVED = "2026-02-13T10:00:00+07:00"  # due Wed 2026-02-25 17:00 (3 working days, Tết)


def received(sessions, n: int = 1, **changes) -> list[str]:
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        now = at(changes.get("received_at") or RECEIVED)  # received as it happens
        return [
            intake.receive(session, who, read_intake(intake_doc(**changes)), now).code
            for _ in range(n)
        ]


def act(sessions, fn, *args, **kwargs):
    with unit_of_work(sessions, write=True) as session:
        return fn(session, actor_for(session), *args, **kwargs)


def view(sessions, code):
    with unit_of_work(sessions) as session:
        return views.dossier_by_code(session, code)


def test_batch_handoff_records_one_batch_with_units(desk_db):
    codes = received(desk_db, 3)
    act(desk_db, lifecycle.handoff, codes, "TP-HT", "Lô chiều", at("2026-02-13T16:00+07:00"))
    batches = set()
    for code in codes:
        v = view(desk_db, code)
        handed = v.history[-1]
        assert (v.status, v.current_unit) == ("in_progress", "TP-HT")
        assert (handed.event, handed.from_unit, handed.to_unit, handed.note) == (
            "handed_over",
            None,
            "TP-HT",
            "Lô chiều",
        )
        batches.add(handed.data["batch"])
    assert len(batches) == 1


@pytest.mark.parametrize(
    "extra,error",
    [("000.00.20.H26-260213-0099", UnknownDossier), ("dup", ValidationError)],
    ids=["unknown code", "code twice"],
)
def test_batch_with_one_bad_code_hands_over_nothing(desk_db, extra, error):
    codes = received(desk_db, 2)
    before = counts(desk_db)
    with pytest.raises(error):
        act(
            desk_db,
            lifecycle.handoff,
            codes + [codes[0] if extra == "dup" else extra],
            "TP-HT",
            None,
            at("2026-02-13T16:00+07:00"),
        )
    assert counts(desk_db) == before
    assert {view(desk_db, c).status for c in codes} == {"received"}


def test_batch_with_one_closed_dossier_hands_over_nothing(desk_db):
    open_code, closed = received(desk_db, 2)
    act(
        desk_db,
        lifecycle.close,
        closed,
        lifecycle.Action.WITHDRAW,
        "Xin rút",
        at("2026-02-13T11:00+07:00"),
    )
    with pytest.raises(IllegalTransition):
        act(
            desk_db,
            lifecycle.handoff,
            [open_code, closed],
            "TP-HT",
            None,
            at("2026-02-13T16:00+07:00"),
        )
    assert view(desk_db, open_code).status == "received"


def test_handoff_to_unknown_unit_is_refused(desk_db):
    (code,) = received(desk_db)
    with pytest.raises(UnknownUnit):
        act(desk_db, lifecycle.handoff, [code], "KHONG-CO", None, at("2026-02-13T16:00+07:00"))


def test_pause_moves_the_appointment_by_the_working_time_paused(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T16:00+07:00"))
    act(
        desk_db,
        lifecycle.supplement,
        code,
        "Giấy chứng sinh bản chính",
        "Bản chụp mờ",
        at("2026-02-23T09:05+07:00"),
    )
    assert view(desk_db, code).status == "supplement_requested"
    act(desk_db, lifecycle.supplied, code, at("2026-02-24T09:05+07:00"))
    v = view(desk_db, code)
    # Paused one whole working day (7.5 h): Wed 25 17:00 becomes Thu 26 17:00.
    assert v.due_at == at("2026-02-26T17:00+07:00")
    assert v.original_due_at == at("2026-02-25T17:00+07:00")
    assert v.status == "in_progress"
    assert v.history[-1].data["paused_minutes"] == 450


def test_pause_of_minutes_keeps_the_minute(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.supplement, code, "Tờ khai", None, at("2026-02-23T10:00+07:00"))
    act(desk_db, lifecycle.supplied, code, at("2026-02-23T10:47+07:00"))
    # 47 working minutes added to Wed 25 17:00: Thu 26 07:30 + 47 min.
    assert view(desk_db, code).due_at == at("2026-02-26T08:17+07:00")
    assert view(desk_db, code).status == "received"


def test_procedure_that_does_not_pause_keeps_its_appointment(desk_db):
    (code,) = received(desk_db, procedure="2.000815", documents=[])
    due = view(desk_db, code).due_at
    act(desk_db, lifecycle.supplement, code, "Bản chính", None, at("2026-02-13T10:30+07:00"))
    act(desk_db, lifecycle.supplied, code, at("2026-02-13T14:00+07:00"))
    assert view(desk_db, code).due_at == due == at("2026-02-13T17:00+07:00")


def test_extension_keeps_the_original_and_judges_both(desk_db):
    (code,) = received(desk_db)
    act(
        desk_db,
        lifecycle.extend,
        code,
        at("2026-02-27T17:00+07:00"),
        "Chờ xác minh",
        at("2026-02-24T09:00+07:00"),
    )
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-27T10:00+07:00"))
    v = view(desk_db, code)
    assert v.original_due_at == at("2026-02-25T17:00+07:00")
    assert v.due_at == at("2026-02-27T17:00+07:00")
    assert (v.timeliness, v.timeliness_original) == ("on_time", "late")
    assert v.history[1].event == "extended" and v.history[1].note == "Chờ xác minh"


def test_extension_must_move_the_date_later(desk_db):
    (code,) = received(desk_db)
    before = counts(desk_db)
    with pytest.raises(ValidationError):
        act(
            desk_db,
            lifecycle.extend,
            code,
            at("2026-02-25T09:00+07:00"),
            "Sớm hơn",
            at("2026-02-24T09:00+07:00"),
        )
    assert counts(desk_db) == before


@pytest.mark.parametrize(
    "back,expected",
    [
        ("2026-02-24T16:00+07:00", "early"),
        ("2026-02-25T16:59+07:00", "on_time"),
        ("2026-02-26T08:00+07:00", "late"),
    ],
)
def test_result_back_is_early_on_time_or_late(desk_db, back, expected):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.result, code, "approved", None, at(back))
    assert view(desk_db, code).timeliness == expected


def test_overdue_result_is_still_returned_and_receiver_recorded(desk_db):
    (code,) = received(desk_db)
    act(
        desk_db,
        lifecycle.result,
        code,
        "refused",
        "Không đủ điều kiện",
        at("2026-03-05T08:00+07:00"),
    )
    act(
        desk_db,
        lifecycle.return_result,
        code,
        receiver="Trần Văn Bình",
        receiver_id="026190009999",
        now=at("2026-03-06T08:00+07:00"),
    )
    v = view(desk_db, code)
    assert (v.status, v.timeliness, v.outcome) == ("returned", "late", "refused")
    assert v.history[-1].data["receiver"] == "Trần Văn Bình"


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"receiver": "A", "post_tracking": "EL123"}, {"receiver": "A", "receiver_id": "12"}],
    ids=["nobody", "both receiver and post", "bad receiver ID"],
)
def test_return_needs_exactly_one_valid_way(desk_db, kwargs):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-24T08:00+07:00"))
    with pytest.raises(ValidationError):
        act(desk_db, lifecycle.return_result, code, now=at("2026-02-24T09:00+07:00"), **kwargs)
    assert view(desk_db, code).status == "resolved"


def test_postal_return(desk_db):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-24T08:00+07:00"))
    act(
        desk_db,
        lifecycle.return_result,
        code,
        post_tracking="el123456789vn",
        now=at("2026-02-24T09:00+07:00"),
    )
    assert view(desk_db, code).history[-1].data["post_tracking"] == "EL123456789VN"


def test_events_are_numbered_without_gaps_per_desk(desk_db):
    codes = received(desk_db, 3)
    act(desk_db, lifecycle.handoff, codes, "TP-HT", None, at("2026-02-13T16:00+07:00"))
    with pytest.raises(UnknownDossier):  # a refused action takes no number
        act(
            desk_db,
            lifecycle.result,
            "000.00.20.H26-260213-0042",
            "approved",
            None,
            at("2026-02-14T08:00+07:00"),
        )
    act(desk_db, lifecycle.result, codes[0], "approved", None, at("2026-02-24T08:00+07:00"))
    with unit_of_work(desk_db) as session:
        seqs = sorted(session.scalars(select(Event.desk_seq)))
    assert seqs == list(range(1, 8))


@pytest.mark.parametrize(
    "due",
    [
        "2026-02-28T10:00+07:00",
        "2026-02-27T12:00+07:00",
        "2026-02-27T17:30+07:00",
        "2026-04-30T10:00+07:00",
    ],
    ids=["Saturday", "lunch", "after closing", "holiday"],
)
def test_extension_must_be_a_working_time(desk_db, due):
    (code,) = received(desk_db)
    before = counts(desk_db)
    with pytest.raises(ValidationError, match="giờ làm việc"):
        act(desk_db, lifecycle.extend, code, at(due), "Chờ", at("2026-02-24T09:00+07:00"))
    assert counts(desk_db) == before


@pytest.mark.parametrize(
    "back,judged",
    [
        ("2026-02-24T15:00+07:00", "early"),  # the 8 h ran to Wed 08:30: back the day before
        ("2026-02-25T08:30+07:00", "on_time"),
        ("2026-02-25T16:00+07:00", "late"),
    ],
)
def test_control_sheet_judges_each_step_against_its_hours(desk_db, back, judged):
    from counter_app.services.printouts import moves

    (code,) = received(desk_db)
    # TP-HT's step has 8 working hours: from Tue 24 Feb 08:00 they end Wed 25 08:30
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-24T08:00+07:00"))
    act(desk_db, lifecycle.result, code, "approved", None, at(back))
    with unit_of_work(desk_db) as session:
        sheet = moves.control_sheet(session, code, at("2026-02-26T08:00+07:00"))
    step, result = sheet.handoffs
    assert (step.to_unit, step.timeliness, step.received_at) == (
        "Công chức Tư pháp - Hộ tịch",
        judged,
        None,
    )
    assert result.to_unit == "Bộ phận TN&TKQ"


@pytest.mark.parametrize(("authorised", "expected"), [(False, False), (True, True)])
def test_a_return_records_whether_the_receiver_was_authorised(desk_db, authorised, expected):
    (code,) = received(desk_db)
    act(desk_db, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-16T09:00+07:00"))
    act(desk_db, lifecycle.result, code, "approved", None, at("2026-02-17T09:00+07:00"))
    act(
        desk_db,
        lifecycle.return_result,
        code,
        receiver="Trần Văn Bình",
        now=at("2026-02-18T09:00+07:00"),
        authorised=authorised,
    )
    returned = view(desk_db, code).history[-1]
    assert returned.data["authorised"] is expected
    assert views.return_detail(returned).endswith("Trần Văn Bình")


def test_a_return_read_without_the_receiver_has_no_dangling_colon():
    """An administrator is not shown who took the result: "Nhận trực tiếp", not
    "Nhận trực tiếp: " (seen in the dossier window of a returned demo dossier)."""
    from datetime import datetime

    from counter_app.services.dossiers.views import HistoryEntry, return_detail

    hidden = HistoryEntry(
        datetime(2026, 12, 4, 15, 3),
        "returned",
        "motcua",
        None,
        None,
        None,
        {"by_post": False, "authorised": False},
    )
    assert return_detail(hidden) == "Nhận trực tiếp"
