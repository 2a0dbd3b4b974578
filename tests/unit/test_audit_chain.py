"""The audit trail cannot be edited unseen: the program never updates or deletes an entry
(the database refuses), and a hand on the file that changes, removes or inserts one is
found by `audit verify`, which names the first bad entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from counter_app.audit import trail
from counter_app.audit.verify import verify
from counter_app.clock import parse
from counter_app.db import unit_of_work
from counter_app.models import AuditEntry, new_id
from counter_app.services import desk
from tests.integration.driver import Desk
from tests.unit.test_lifecycle import received

NOW = parse("2026-02-16T09:00:00+07:00")


@pytest.fixture
def trail_db(desk_db, db_url):
    """Five receptions (five chained entries) and a few looks."""
    received(desk_db, 5)
    with unit_of_work(desk_db, write=True) as session:
        here = desk.local_desk(session).id
        for n in range(3):
            trail.record(
                session,
                here,
                trail.Who(None, "motcua"),
                "view",
                NOW,
                code=f"000.00.20.H26-260213-000{n + 1}",
            )
    return desk_db, db_url.removeprefix("sqlite:///")


def tamper(path: str, *statements: str) -> None:
    """What someone with the file and the sqlite3 tool could do."""
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER audit_entries_no_update")
        db.execute("DROP TRIGGER audit_entries_no_delete")
        for statement in statements:
            db.execute(statement)


def test_an_untouched_trail_is_intact(trail_db):
    sessions, _ = trail_db
    with unit_of_work(sessions) as session:
        verdict = verify(session)
    assert verdict.intact and verdict.entries == 8


@pytest.mark.parametrize(
    ("statements", "seq", "why"),
    [
        (["UPDATE audit_entries SET username = 'someone' WHERE desk_seq = 3"], 3, "sửa"),
        (
            ["UPDATE audit_entries SET code = '000.00.20.H26-260213-0009' WHERE desk_seq = 7"],
            7,
            "sửa",
        ),
        (["UPDATE audit_entries SET at = '2026-01-01 00:00:00' WHERE desk_seq = 2"], 2, "sửa"),
        (["DELETE FROM audit_entries WHERE desk_seq = 4"], 5, "thiếu mục số 4"),
        (["DELETE FROM audit_entries WHERE desk_seq = 8"], 8, "xoá"),  # the newest, at the end
        (
            [
                "UPDATE audit_entries SET desk_seq = desk_seq + 1000 WHERE desk_seq >= 6",
                "UPDATE audit_entries SET desk_seq = desk_seq - 999 WHERE desk_seq >= 1000",
                "INSERT INTO audit_entries SELECT '0123456789abcdef0123456789abcdef', "
                "desk_id, 6, at, "
                "officer_id, username, "
                "action, code, outcome, detail, prev_hash, hash FROM audit_entries "
                "WHERE desk_seq = 5",
            ],
            6,
            "nối tiếp",
        ),  # an entry slipped in, the later ones renumbered
    ],
)
def test_a_changed_removed_or_inserted_entry_is_named(trail_db, statements, seq, why):
    sessions, path = trail_db
    tamper(path, *statements)
    with unit_of_work(sessions) as session:
        verdict = verify(session)
    assert not verdict.intact
    assert verdict.first_break is not None
    assert verdict.first_break.seq == seq and why in verdict.first_break.why


def test_the_program_cannot_rewrite_an_entry(trail_db):
    _, path = trail_db
    with sqlite3.connect(path) as db, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_entries SET username = 'x'")
    with sqlite3.connect(path) as db, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_entries")


def test_two_writers_never_share_a_number(trail_db):
    sessions, _ = trail_db
    with pytest.raises(IntegrityError), unit_of_work(sessions, write=True) as session:
        here = desk.local_desk(session).id
        entry = trail.record(session, here, trail.Who(None, "motcua"), "view", NOW)
        session.flush()
        session.execute(
            AuditEntry.__table__.insert().values(  # type: ignore[attr-defined]
                id=new_id(),
                desk_id=here,
                desk_seq=entry.desk_seq,
                at=NOW,
                username="x",
                action="view",
                outcome="ok",
                detail={},
                prev_hash="",
                hash="",
            )
        )


def test_audit_verify_exits_1_naming_the_first_bad_entry(trail_db, tmp_path, capsys):
    _, path = trail_db
    tamper(
        path,
        "UPDATE audit_entries SET action = 'list' WHERE desk_seq = 6",
        "DELETE FROM audit_entries WHERE desk_seq = 3",
    )
    command = Desk(tmp_path, capsys)
    assert command.path == Path(path)  # the same database
    status, _, err = command.run("audit", "verify")
    assert status == 1 and "mục số 4" in err and "thiếu mục số 3" in err


def test_a_long_range_keeps_its_newest_entries(trail_db):
    """Past the limit, what an inspector sees is the latest work, not the range's first day;
    the command line lists them oldest first, the screen newest first."""
    from counter_app.audit import query

    sessions, _ = trail_db
    with unit_of_work(sessions) as session:
        every = query.entries(session, query.Filter())
        kept = query.entries(session, query.Filter(), limit=3)
        screen = query.entries(session, query.Filter(), limit=3, newest_first=True)
    assert len(every) == 8 and [e.code for e in kept] == [e.code for e in every[-3:]]
    assert screen == kept[::-1] and screen[0].at >= screen[-1].at


def rechain(sessions, path: str, *statements: str) -> None:
    """A careful hand: the entries changed or removed, then every hash recomputed and the
    desk's row set to the new head, so that the chain in the file holds together again."""
    tamper(path, *statements)
    with unit_of_work(sessions, write=True) as session:
        here = desk.local_desk(session)
        prev = ""
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.desk_id == here.id).order_by(AuditEntry.desk_seq)
        ):
            entry.prev_hash, entry.hash = prev, trail.chain_hash(prev, entry)
            prev = entry.hash
            last = entry.desk_seq
        here.last_audit_seq, here.last_audit_hash = last, prev


@pytest.mark.parametrize(
    "statements",
    [
        ["UPDATE audit_entries SET username = 'someone' WHERE desk_seq = 3"],
        ["DELETE FROM audit_entries WHERE desk_seq >= 7"],  # the newest ones, and the desk's row
    ],
)
def test_a_rewritten_trail_is_found_by_the_backups_manifest(trail_db, tmp_path, capsys, statements):
    sessions, path = trail_db
    command = Desk(tmp_path, capsys)
    assert command.run("backup")[0] == 0  # its manifest keeps the chain's head: entry 8
    rechain(sessions, path, *statements)
    with unit_of_work(sessions) as session:
        assert verify(session).intact  # the chain alone holds together again
    status, _, err = command.run("audit", "verify")
    assert status == 1 and "mục số 8" in err and "bản sao lưu" in err, err


def test_an_untouched_trail_matches_its_backups(trail_db, tmp_path, capsys):
    command = Desk(tmp_path, capsys)
    assert command.run("backup")[0] == 0
    assert command.run("backup")[0] == 0
    answer = command.json("audit", "verify")
    assert answer["intact"] and answer["anchors"] == {"server": "not_joined", "backups": 2}


def test_a_restore_is_not_taken_for_a_rewrite(trail_db, tmp_path, capsys):
    """A copy restored, recorded as such: the copies taken after it, of entries the restore
    replaced, are passed over; the restored copy's own head still matches."""
    sessions, _ = trail_db
    command = Desk(tmp_path, capsys)
    first = command.json("backup")["file"]
    with unit_of_work(sessions, write=True) as session:  # work after the first copy
        trail.record(session, desk.local_desk(session).id, trail.Who(None, "motcua"), "view", NOW)
    assert command.run("backup")[0] == 0  # its head is past the first copy's
    assert command.run("restore", first)[0] == 0
    answer = command.json("audit", "verify")
    assert answer["intact"] and answer["anchors"]["backups"] >= 2
