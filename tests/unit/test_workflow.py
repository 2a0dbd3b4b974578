"""Every action from every state: the legal ones change the dossier and write one event,
the illegal ones are refused with IllegalTransition and write nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counter_app.db import unit_of_work
from counter_app.errors import IllegalTransition
from counter_app.services.dossiers import lifecycle, views
from counter_app.services.dossiers.workflow import Action, allowed_actions
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import actor_for, at, counts, intake_doc

NOW = at("2026-02-24T09:00:00+07:00")

# Written out by hand from DOMAIN.md, not derived from the code's table.
EXPECTED: dict[str, dict[str, str]] = {
    "received": {
        "handoff": "in_progress",
        "supplement": "supplement_requested",
        "extend": "received",
        "result": "resolved",
        "withdraw": "withdrawn",
        "stop": "stopped",
        "refuse": "refused",
    },
    "in_progress": {
        "handoff": "in_progress",
        "supplement": "supplement_requested",
        "extend": "in_progress",
        "result": "resolved",
        "withdraw": "withdrawn",
        "stop": "stopped",
    },
    "supplement_requested": {
        "supplied": "in_progress",
        "extend": "supplement_requested",
        "withdraw": "withdrawn",
        "stop": "stopped",
    },
    "resolved": {"return": "returned"},
    "returned": {},
    "withdrawn": {},
    "stopped": {},
    "refused": {},
}

# How to bring a new dossier into each state.
SETUP: dict[str, list[str]] = {
    "received": [],
    "in_progress": ["handoff"],
    "supplement_requested": ["handoff", "supplement"],
    "resolved": ["handoff", "result"],
    "returned": ["handoff", "result", "return"],
    "withdrawn": ["withdraw"],
    "stopped": ["stop"],
    "refused": ["refuse"],
}


def perform(action: str, session, who, code: str) -> None:
    do: dict[str, Callable[[], object]] = {
        "handoff": lambda: lifecycle.handoff(
            session, who, [code], "DC-XD" if _at_tp_ht(session, code) else "TP-HT", None, NOW
        ),
        "supplement": lambda: lifecycle.supplement(
            session, who, code, "Giấy chứng sinh", None, NOW
        ),
        "supplied": lambda: lifecycle.supplied(session, who, code, NOW),
        "extend": lambda: lifecycle.extend(
            session, who, code, at("2026-03-10T17:00:00+07:00"), "Cần xác minh", NOW
        ),
        "result": lambda: lifecycle.result(session, who, code, "approved", None, NOW),
        "return": lambda: lifecycle.return_result(
            session, who, code, receiver="Nguyễn Thị Hoà", now=NOW
        ),
        "withdraw": lambda: lifecycle.close(session, who, code, Action.WITHDRAW, "Xin rút", NOW),
        "stop": lambda: lifecycle.close(session, who, code, Action.STOP, "Dừng", NOW),
        "refuse": lambda: lifecycle.close(session, who, code, Action.REFUSE, "Không đủ ĐK", NOW),
    }
    do[action]()


def _at_tp_ht(session, code: str) -> bool:
    return views.dossier_by_code(session, code).current_unit == "TP-HT"


def dossier_in(sessions, state: str) -> str:
    with unit_of_work(sessions, write=True) as session:
        who = actor_for(session)
        code = intake.receive(
            session, who, read_intake(intake_doc()), at("2026-02-13T10:00+07:00")
        ).code
        for step in SETUP[state]:
            perform(step, session, who, code)
    return code


CASES = [(state, action.value) for state in EXPECTED for action in Action]


@pytest.mark.parametrize("state,action", CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_transition(desk_db, state, action):
    code = dossier_in(desk_db, state)
    before = counts(desk_db)
    target = EXPECTED[state].get(action)
    if target is None:
        with pytest.raises(IllegalTransition), unit_of_work(desk_db, write=True) as session:
            perform(action, session, actor_for(session), code)
        assert counts(desk_db) == before
    else:
        with unit_of_work(desk_db, write=True) as session:
            perform(action, session, actor_for(session), code)
        after = counts(desk_db)
        assert after["events"] == before["events"] + 1
    with unit_of_work(desk_db) as session:
        assert views.dossier_by_code(session, code).status == (target or state)


@pytest.mark.parametrize("state", list(EXPECTED))
def test_desk_offers_exactly_the_legal_actions(state):
    assert {a.value for a in allowed_actions(state)} == set(EXPECTED[state])
