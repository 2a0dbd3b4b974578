"""Ratings of visits (issue 22): an event of the dossier, one a visit held by the database,
never a condition for anything; and the arming that alone lets the citizen's screen rate."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from counter_app.citizen import ratings
from counter_app.citizen.arming import Arming, NotArmed
from counter_app.db import unit_of_work
from counter_app.errors import RefusedInput, ValidationError
from counter_app.models import AuditEntry, Dossier, Event, Rating
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import allowed_actions
from tests.conftest import actor_for, at, counts
from tests.unit.test_lifecycle import act, received, view

NOW = at("2026-02-13T10:05:00+07:00")


def rate(sessions, code, visit="reception", score=2, criteria=(), counter=3):
    return act(sessions, ratings.rate, code, visit, score, criteria, counter, NOW)


def rows(sessions):
    with unit_of_work(sessions) as session:
        return session.execute(
            select(Rating.visit, Rating.score, Rating.criteria, Rating.counter)
        ).all()


def returned(sessions, by_post=False):
    (code,) = received(sessions)
    act(sessions, lifecycle.handoff, [code], "TP-HT", None, at("2026-02-13T11:00+07:00"))
    act(sessions, lifecycle.result, code, "approved", None, at("2026-02-16T09:00+07:00"))
    who = {"post_tracking": "EMS123"} if by_post else {"receiver": "Nguyễn Thị Hoà"}
    act(sessions, lifecycle.return_result, now=at("2026-02-16T10:00+07:00"), code=code, **who)
    return code


def test_a_rating_is_an_event_of_the_dossier_and_changes_nothing_else(desk_db):
    (code,) = received(desk_db)
    before = view(desk_db, code)
    done = rate(desk_db, code, criteria="huong_dan,thai_do")
    assert (done.visit, done.score, done.criteria, done.officer) == (
        "reception",
        2,
        ("thai_do", "huong_dan"),
        "motcua",
    )
    after = view(desk_db, code)
    assert after.history[-1].event == "rated" and after.history[-1].officer == "motcua"
    assert after.history[-1].data == {
        "visit": "reception",
        "score": 2,
        "criteria": ["thai_do", "huong_dan"],
        "counter": 3,
    }
    assert (after.status, after.due_at) == (before.status, before.due_at)
    assert allowed_actions(after.status) == allowed_actions(before.status)
    assert rows(desk_db) == [("reception", 2, "thai_do,huong_dan", 3)]
    with unit_of_work(desk_db) as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.desk_seq.desc())).first()
    assert (entry.action, entry.code, entry.detail) == (
        "rated",
        code,
        {"visit": "reception", "score": 2},
    )


def test_a_second_rating_of_the_same_visit_is_refused_and_writes_nothing(desk_db):
    (code,) = received(desk_db)
    rate(desk_db, code, score=3)
    before = counts(desk_db)
    with pytest.raises(ratings.AlreadyRated, match="chỉ được đánh giá một lần"):
        rate(desk_db, code, score=1)
    assert counts(desk_db) == before and rows(desk_db) == [("reception", 3, "", 3)]


def test_the_database_itself_holds_one_rating_a_visit(desk_db):
    (code,) = received(desk_db)
    rate(desk_db, code)
    with unit_of_work(desk_db, write=True) as session:
        event = session.scalars(select(Event).where(Event.kind == "rated")).one()
        row = {c: getattr(event, c) for c in ("dossier_id", "officer_id", "at")}
        other = session.scalars(select(Event).where(Event.kind == "received")).one()
        with pytest.raises(IntegrityError):
            session.execute(
                insert(Rating),
                [row | {"event_id": other.id, "visit": "reception", "score": 1, "criteria": ""}],
            )


def test_the_return_visit_is_rated_once_the_result_is_handed_over(desk_db):
    (waiting,) = received(desk_db)
    with pytest.raises(RefusedInput, match="chưa trả kết quả"):
        rate(desk_db, waiting, visit="return")
    code = returned(desk_db)
    rate(desk_db, code, visit="reception", score=3)
    rate(desk_db, code, visit="return", score=1)
    assert sorted(rows(desk_db)) == [("reception", 3, "", 3), ("return", 1, "", 3)]
    posted = returned(desk_db, by_post=True)
    with pytest.raises(RefusedInput, match="bưu điện"):
        rate(desk_db, posted, visit="return")


@pytest.mark.parametrize(
    "change,field",
    [
        ({"score": 4}, "score"),
        ({"score": "2"}, "score"),
        ({"visit": "phone"}, "visit"),
        ({"criteria": "thai_do,0912345678"}, "criteria"),
        ({"counter": 0}, "counter"),
    ],
    ids=["score 4", "score as text", "unknown visit", "unknown criterion", "counter 0"],
)
def test_a_rating_off_the_lists_is_refused(desk_db, change, field):
    (code,) = received(desk_db)
    before = counts(desk_db)
    with pytest.raises(ValidationError) as refused:
        rate(desk_db, code, **change)
    assert refused.value.field == field and "0912345678" not in str(refused.value)
    assert counts(desk_db) == before


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def arm(sessions, arming, code, visit="reception"):
    with unit_of_work(sessions, write=True) as session:  # the officer is registered
        return arming.arm(session, actor_for(session, "hoa"), code, visit, 2)


def submit(sessions, arming, score=2, criteria=()):
    with unit_of_work(sessions, write=True) as session:
        return arming.submit(session, score, criteria, NOW)


def test_only_an_armed_visit_takes_a_rating_once(desk_db):
    (code,) = received(desk_db)
    arming = Arming(Clock())
    with pytest.raises(NotArmed, match="Chưa có hồ sơ nào được mời đánh giá"):
        submit(desk_db, arming)
    armed = arm(desk_db, arming, code)
    assert (armed.showing.code, armed.showing.visit, armed.counter) == (code, "reception", 2)
    done = submit(desk_db, arming, 2, ["thai_do"])
    assert (done.code, done.score, done.officer, done.counter) == (code, 2, "hoa", 2)
    assert arming.current() is None
    with pytest.raises(NotArmed):
        submit(desk_db, arming, 3)
    with pytest.raises(ratings.AlreadyRated):  # invited again after its rating: refused
        arm(desk_db, arming, code)
    assert arming.current() is None and rows(desk_db) == [("reception", 2, "thai_do", 2)]


def test_an_arming_lasts_a_minute_and_then_records_nothing(desk_db):
    (code,) = received(desk_db)
    clock = Clock()
    arming = Arming(clock)
    arm(desk_db, arming, code)
    clock.now += 59.9
    assert arming.current() is not None
    clock.now += 0.2
    assert arming.current() is None
    before = counts(desk_db)
    with pytest.raises(NotArmed):
        submit(desk_db, arming)
    assert counts(desk_db) == before and rows(desk_db) == []


def test_arming_another_visit_replaces_the_first(desk_db):
    first, second = received(desk_db, 2)
    arming = Arming(Clock())
    arm(desk_db, arming, first)
    arm(desk_db, arming, second)
    submit(desk_db, arming, 1)
    with unit_of_work(desk_db) as session:
        rated = session.scalars(
            select(Dossier.code).join(Rating, Rating.dossier_id == Dossier.id)
        ).all()
        assert rated == [second]
        assert session.scalar(select(func.count()).select_from(Rating)) == 1


def test_a_rating_is_not_the_stage_a_stopped_dossier_reached(desk_db):
    from counter_app.services.dossiers.workflow import Action
    from counter_app.services.printouts import printouts

    (code,) = received(desk_db)
    rate(desk_db, code)
    act(desk_db, lifecycle.close, code, Action.STOP, "Hồ sơ giả mạo", at("2026-02-13T11:00+07:00"))
    with unit_of_work(desk_db) as session:
        stage = printouts.stop(session, code, "Nguyễn Văn A", NOW).stage
    assert stage.startswith("Tiếp nhận hồ sơ lúc")
