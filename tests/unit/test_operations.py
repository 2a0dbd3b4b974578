"""The desk's actions by name with text values, as the screens send them."""

from __future__ import annotations

import pytest

from counter_app.db import unit_of_work
from counter_app.errors import IllegalTransition, UnknownUnit, ValidationError
from counter_app.services.dossiers import operations, views
from counter_app.services.dossiers.workflow import Action
from tests.conftest import actor_for, at, counts
from tests.unit.test_lifecycle import received

NOW = at("2026-02-16T09:00+07:00")


def do(sessions, action, code, **values):
    with unit_of_work(sessions, write=True) as session:
        operations.perform(session, actor_for(session), action, code, values, NOW)
    with unit_of_work(sessions) as session:
        return views.dossier_by_code(session, code)


def test_a_life_through_named_actions(desk_db):
    (code,) = received(desk_db)
    assert do(desk_db, Action.HANDOFF, code, unit="tp-ht").current_unit == "TP-HT"
    assert (
        do(desk_db, Action.SUPPLEMENT, code, items="Giấy chứng sinh").status
        == "supplement_requested"
    )
    assert do(desk_db, Action.SUPPLIED, code).status == "in_progress"
    extended = do(desk_db, Action.EXTEND, code, due="2026-03-02T17:00", reason="Xác minh")
    assert extended.due_at == at("2026-03-02T17:00+07:00")
    assert do(desk_db, Action.RESULT, code, outcome="refused").outcome == "refused"
    assert do(desk_db, Action.RETURN, code, post="el1vn").status == "returned"


@pytest.mark.parametrize(
    "action,values,error",
    [
        (Action.EXTEND, {"due": "thứ hai", "reason": "x"}, ValidationError),
        (Action.STOP, {"reason": ""}, ValidationError),
        (Action.RETURN, {"receiver": "A"}, IllegalTransition),
        (Action.HANDOFF, {"unit": ""}, UnknownUnit),
    ],
)
def test_refused_actions_write_nothing(desk_db, action, values, error):
    (code,) = received(desk_db)
    before = counts(desk_db)
    with pytest.raises(error):
        do(desk_db, action, code, **values)
    assert counts(desk_db) == before


def test_every_action_has_its_fields_declared():
    assert set(operations.FIELDS) == set(Action)
