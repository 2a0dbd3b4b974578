"""`counter-app portal status` and `portal retry` as docs/portal.md gives them: the days of
the range with their counts, the oldest pending message late after one WORKING day, each
refusal with what to do beside the gateway's own reason, and the refused messages sent
again (audited). The gateway's answers are written into the outbox as the sender would
(test_portal_send.py drives the sender itself)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from typing import Any

import pytest

from counter_app import clock
from counter_app.portal import hints
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


def at(monkeypatch, value: str) -> None:
    moment = datetime.fromisoformat(value)
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_status_gives_each_day_of_the_range_with_its_counts(desk):
    friday = desk.receive(received_at=FRIDAY)["code"]
    desk.receive(received_at=MONDAY)
    desk.receive(received_at="2026-03-10T09:00:00+07:00")  # after the range
    sql(desk, "UPDATE portal_messages SET state = 'sent' WHERE code = ?", friday)
    refused(desk, friday)  # its DongBoHoSoMC refused, its step sent
    found = desk.json("portal", "status", "--from", "2026-03-01", "--to", "2026-03-09")
    assert found["days"] == [
        {"day": "2026-03-06", "pending": 0, "sent": 1, "failed": 1},
        {"day": "2026-03-09", "pending": 2, "sent": 0, "failed": 0},
    ]
    assert (found["pending"], found["sent"], found["failed"]) == (2, 1, 1)
    code, out, _ = desk.run("portal", "status", "--from", "2026-03-01", "--to", "2026-03-09")
    assert code == 0
    assert "06/03/2026: 0 / 1 / 1" in out and "09/03/2026: 2 / 0 / 0" in out


@pytest.mark.parametrize(
    ("now", "late"),
    [
        ("2026-03-09T10:00:00+07:00", False),  # 66 hours later, but 3.5 working hours
        ("2026-03-09T16:30:00+07:00", True),  # Friday's last hour and all of Monday's
        ("2026-03-07T17:00:00+07:00", False),  # 25 hours later, a Saturday
    ],
)
def test_the_oldest_pending_message_is_late_after_one_working_day(desk, monkeypatch, now, late):
    desk.receive(received_at=FRIDAY)
    at(monkeypatch, now)
    found = desk.json("portal", "status")
    assert found["oldest_pending_at"] == FRIDAY
    assert found["oldest_pending_late"] is late
    _, out, _ = desk.run("portal", "status")
    assert ("quá một ngày làm việc" in out) is late


def test_nothing_pending_is_not_late(desk):
    found = desk.json("portal", "status")
    assert (found["oldest_pending_at"], found["oldest_pending_late"], found["days"]) == (
        None,
        False,
        [],
    )


def test_each_refusal_says_what_to_do_beside_the_gateways_own_reason(desk):
    known = desk.receive(received_at=FRIDAY)["code"]
    unknown = desk.receive(received_at=MONDAY)["code"]
    refused(desk, known)
    refused(desk, unknown, 77, "Lỗi lạ của cổng")
    failures = desk.json("portal", "status")["failures"]
    assert [(f["code"], f["error_code"], f["reason"], f["hint"]) for f in failures] == [
        (known, 12, REASON, hints.HINTS[12]),
        (unknown, 77, "Lỗi lạ của cổng", hints.UNKNOWN),
    ]
    assert "danh mục" in failures[0]["hint"] and "portal retry" in failures[0]["hint"]
    assert set(failures[0]) == {"code", "kind", "error_code", "reason", "at", "hint"}
    _, out, _ = desk.run("portal", "status")
    assert f"(mã 12): {REASON}" in out
    assert f"Cách xử lý: {hints.HINTS[12]}" in out and f"Cách xử lý: {hints.UNKNOWN}" in out


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


def test_the_docs_show_the_programs_hint_table():
    from tests.integration.driver import ROOT

    page = (ROOT / "docs" / "portal.md").read_text(encoding="utf-8")
    page = page.split("### What to do about a refusal", 1)[1].split("\n## ", 1)[0]
    shown = dict(re.findall(r"^\| (\d+|any other) \| (.+) \|$", page, re.M))
    assert shown == {str(code): hint for code, hint in hints.HINTS.items()} | {
        "any other": hints.UNKNOWN
    }
