"""`counter-app rate` and `counter-app complaint` (issue 22, docs/citizen.md): the JSON
the contract promises, exit 2 with nothing written for every refusal, due dates on the
agency's working calendar, and no personal data in the audit trail."""

from __future__ import annotations

import json
import sqlite3

import pytest

from counter_app import clock
from tests.conftest import at
from tests.integration.driver import Desk
from tests.integration.test_cli import desk as desk  # noqa: F401 - the fixture

NOW = at("2026-02-13T10:00:00+07:00")  # a Friday before the lunar New Year (16-20 Feb)
PERSON = {"name": "Trần Văn Bình", "phone": "0987654321", "address": "Thôn 5, xã Tam Đảo"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def everything(d: Desk) -> tuple[object, ...]:
    with sqlite3.connect(d.path) as db:
        mine = db.execute(
            "SELECT (SELECT count(*) FROM ratings), (SELECT count(*) FROM audit_entries), "
            "(SELECT group_concat(seq || coalesce(reply, '') || coalesce(closed_at, '') || "
            "coalesce(assignee, ''), ';') FROM complaints), "
            "(SELECT count(*) FROM complaint_rules)"
        ).fetchone()
    return (*d.written(), *mine)


def refused(d: Desk, *args: str, stdin: bytes | None = None) -> str:
    before = everything(d)
    code, out, err = d.run(*args, stdin=stdin)
    assert (code, out, everything(d)) == (2, "", before), err
    assert err.startswith("error: ") and err.count("\n") == 1
    return err


def complaint(**changes: object) -> dict[str, object]:
    return {
        "channel": "counter",
        "person": PERSON,
        "content": "Chờ lâu quá.",
        "code": None,
        "procedure": None,
    } | changes


def add(d: Desk, **changes: object) -> dict[str, object]:
    return d.json("complaint", "add", d.file("c.json", complaint(**changes)))  # type: ignore[no-any-return]


def test_rate_records_the_visit_once_and_refuses_a_second(desk):
    code = desk.receive()["code"]
    done = desk.json(
        "rate",
        code,
        "--visit",
        "reception",
        "--score",
        "3",
        "--criteria",
        "huong_dan,thai_do",
        "--counter",
        "2",
    )
    assert done == {
        "code": code,
        "visit": "reception",
        "score": 3,
        "criteria": ["thai_do", "huong_dan"],
        "officer": "motcua",
        "counter": 2,
        "rated_at": "2026-02-13T10:00:00+07:00",
    }
    err = refused(desk, "rate", code, "--visit", "reception", "--score", "1")
    assert "chỉ được đánh giá một lần" in err
    assert "chưa trả kết quả" in refused(desk, "rate", code, "--visit", "return", "--score", "2")
    refused(desk, "rate", code, "--visit", "return", "--score", "4")
    refused(desk, "rate", code, "--visit", "return", "--score", "2", "--criteria", "nhanh")
    refused(desk, "rate", "000.00.20.H26-260213-0099", "--visit", "reception", "--score", "2")
    assert [e["event"] for e in desk.json("show", code)["history"]][-1] == "rated"


def test_a_complaint_is_due_ten_working_days_after_and_moves_to_closed(desk):
    code = desk.receive()["code"]
    added = add(desk, code=code)
    assert {k: added[k] for k in ("id", "received_at", "due_at")} == {
        "id": "PA-2026-0001",
        "received_at": "2026-02-13T10:00:00+07:00",
        "due_at": "2026-03-06T17:00:00+07:00",  # Tết skipped: 23 Feb … 6 Mar
    }
    assert (added["status"], added["procedure"], added["code"]) == ("open", "1.001193", code)
    assert "chưa được trả lời" in refused(desk, "complaint", "close", "PA-2026-0001")
    desk.json("complaint", "assign", "PA-2026-0001", "--to", "motcua")
    replied = desk.json("complaint", "reply", "pa-2026-1", "--text", "Đã chấn chỉnh.", "--publish")
    assert (replied["status"], replied["published"], replied["assignee"]) == (
        "replied",
        True,
        "motcua",
    )
    assert desk.json("complaint", "close", "PA-2026-0001")["status"] == "closed"
    assert "đã đóng" in refused(desk, "complaint", "reply", "PA-2026-0001", "--text", "Thêm.")
    listed = desk.json("complaint", "list")["complaints"]
    assert [
        set(c) >= {"id", "received_at", "due_at", "status", "code", "assignee", "published"}
        for c in listed
    ] == [True]
    assert add(desk)["id"] == "PA-2026-0002"
    assert [c["id"] for c in desk.json("complaint", "list", "--open")["complaints"]] == [
        "PA-2026-0002"
    ]


def test_the_lists_of_overdue_and_due_soon(desk, monkeypatch):
    add(desk)
    assert desk.json("complaint", "list", "--overdue")["complaints"] == []
    monkeypatch.setattr(clock, "now", lambda: at("2026-03-04T09:00:00+07:00"))
    assert [c["id"] for c in desk.json("complaint", "list", "--due-soon")["complaints"]] == [
        "PA-2026-0001"
    ]
    monkeypatch.setattr(clock, "now", lambda: at("2026-03-09T08:00:00+07:00"))
    (late,) = desk.json("complaint", "list", "--overdue")["complaints"]
    assert (late["id"], late["overdue"]) == ("PA-2026-0001", True)


def test_an_agency_sets_its_own_days_to_answer(desk):
    assert desk.json("complaint", "due-days") == {"due_days": 10}
    assert desk.json("complaint", "due-days", "5") == {"due_days": 5}
    assert add(desk)["due_at"] == "2026-02-27T17:00:00+07:00"
    refused(desk, "complaint", "due-days", "0")


BAD = {
    "no content": complaint(content="  "),
    "unknown channel": complaint(channel="zalo"),
    "a dossier that does not exist": complaint(code="000.00.20.H26-260213-0099"),
    "a procedure that does not exist": complaint(procedure="9.999999"),
    "nobody to answer": complaint(person={"name": "Bình"}),
    "no name": complaint(person={"phone": "0987654321"}),
    "a key not in the form": complaint(attachment="x"),
    "a list": [complaint()],
}


@pytest.mark.parametrize("document", list(BAD.values()), ids=list(BAD))
def test_a_bad_complaint_is_refused_and_nothing_is_written(desk, document):
    err = refused(desk, "complaint", "add", desk.file("bad.json", document))
    assert "0987654321" not in err and "Bình" not in err and "Tam Đảo" not in err


def test_what_is_not_json_and_unknown_numbers_are_refused(desk):
    assert "JSON" in refused(desk, "complaint", "add", "-", stdin=b"{channel: counter")
    refused(desk, "complaint", "add", desk.file("c.json", '{"channel": '))
    assert "PA-2026-0007" in refused(desk, "complaint", "reply", "PA-2026-0007", "--text", "x")
    assert "dạng" in refused(desk, "complaint", "close", "0987654321")
    refused(desk, "complaint", "assign", add(desk)["id"], "--to", "nobody")


def test_the_audit_trail_names_the_complaint_and_nobody(desk):
    number = add(desk)["id"]
    desk.json("complaint", "reply", number, "--text", "Đã liên hệ ông Bình qua 0987654321.")
    desk.json("complaint", "close", number)
    desk.json("complaint", "show", number)
    with sqlite3.connect(desk.path) as db:
        entries = db.execute(
            "SELECT action, code, detail FROM audit_entries WHERE action LIKE 'complaint%' "
            "ORDER BY desk_seq"
        ).fetchall()
    assert [(a, c, json.loads(d)) for a, c, d in entries] == [
        (action, None, {"complaint": number})
        for action in (
            "complaint_added",
            "complaint_replied",
            "complaint_closed",
            "complaint_viewed",
        )
    ]


def test_show_gives_the_person_to_whoever_may_read_it(desk):
    number = add(desk)["id"]
    shown = desk.json("complaint", "show", number)
    assert (shown["person"], shown["content"], shown["reply"]) == (PERSON, "Chờ lâu quá.", None)
    assert "person" not in desk.json("complaint", "list")["complaints"][0]
