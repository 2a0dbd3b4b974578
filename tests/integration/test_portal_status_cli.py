"""`counter-app portal retry` as docs/portal.md gives it: the refused messages sent again
(audited). The gateway's answers are written into the outbox as the sender would
(test_portal_send.py drives the sender itself)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest

from tests.integration.driver import Desk

FRIDAY = "2026-03-06T16:00:00+07:00"
MONDAY = "2026-03-09T09:00:00+07:00"
REASON = "Mã TTHC không tồn tại trên Cổng"


@pytest.fixture
def desk(tmp_path, capsys) -> Desk:
    d = Desk(tmp_path, capsys)
    d.import_small_catalog()
    return d


def sql(desk: Desk, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(desk.path) as db:
        return db.execute(statement, params).fetchall()


def refused(desk: Desk, code: str, error_code: int = 12, reason: str = REASON) -> None:
    """The gateway refused the dossier's DongBoHoSoMC (what outbox.settle writes)."""
    sql(
        desk,
        "UPDATE portal_messages SET state = 'failed', error_code = ?, reason = ?, attempts = 1 "
        "WHERE code = ? AND service = 'DongBoHoSoMC'",
        error_code,
        reason,
        code,
    )


def states(desk: Desk) -> list[tuple[Any, ...]]:
    return sql(desk, "SELECT code, service, state, attempts FROM portal_messages ORDER BY position")


def test_retry_sends_a_dossiers_refused_messages_again_and_is_audited(desk):
    code = desk.receive(received_at=FRIDAY)["code"]
    other = desk.receive(received_at=MONDAY)["code"]
    refused(desk, code)
    refused(desk, other)
    assert desk.json("portal", "retry", code) == {"pending": 1, "held": 0, "dossiers": 1}
    assert [s for s in states(desk) if s[1] == "DongBoHoSoMC"] == [
        (code, "DongBoHoSoMC", "pending", 0),
        (other, "DongBoHoSoMC", "failed", 1),
    ]
    assert (
        sql(
            desk,
            "SELECT error_code, reason FROM portal_messages WHERE code = ? AND state = 'pending'",
            code,
        )
        == [(None, None)] * 2
    )
    ((action, audited, detail),) = sql(
        desk, "SELECT action, code, detail FROM audit_entries WHERE action = 'portal_retry'"
    )
    assert (audited, json.loads(detail)) == (code, {"messages": 1, "held": 0, "dossiers": 1})
    assert desk.json("portal", "retry", "--all-failed") == {"pending": 1, "held": 0, "dossiers": 1}
    assert {s[2] for s in states(desk)} == {"pending"}
    assert desk.json("portal", "status")["failures"] == []


def test_retry_is_refused_without_a_code_or_with_a_code_the_outbox_has_not(desk):
    code = desk.receive(received_at=FRIDAY)["code"]
    refused(desk, code)
    before = states(desk)
    for args in ((), (code, "--all-failed"), ("000.00.20.H26-260306-9999",)):
        outcome = desk.outcome("portal", "retry", *args)
        assert outcome.refused(), (args, outcome)
    assert states(desk) == before
    assert sql(desk, "SELECT count(*) FROM audit_entries WHERE action = 'portal_retry'") == [(0,)]
