"""Migration 0011: timestamps as seconds, the report facts' days as numbers, events' known
values short (SQLite). A desk at 0010 (microseconds, '2026-03-02' days, outcomes and
batches in full) keeps every dossier, event, search, audit, report fact and figure, and
sends the office server the same messages, when migrated; each stored form reads back
exactly, and sorts as the time it holds."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.db import migrate, unit_of_work
from counter_app.models import Dossier, ReportCount, ReportDossier
from counter_app.models.base import DAY_ZERO, from_stored, stored_time
from counter_app.models.event_data import pack, unpack
from counter_app.services.dossiers import views
from tests import reports_scenario as scenario
from tests.unit.test_compact_storage import _alembic, _answers
from tests.unit.test_storage_0010 import _messages

RESULT = {"outcome": "approved", "timeliness": "on_time", "timeliness_original": "late"}
# as 0011 stores them: seconds, day numbers, outcomes as numbers, no positions in the
# name index
NOW = {"times": {"integer"}, "days": {"integer"}, "named": {False}, "positions": False}
BATCH = {"batch": "019f63fb-0ca8-76aa-8296-d65b65684e96"}
RETURNED = {"by_post": False, "post_tracking": None, "receiver": "Ngô Tiến Chiến"}


@pytest.mark.parametrize(
    "data",
    [
        RESULT,
        BATCH | {"held_minutes": 90},
        RETURNED | {"authorised": True},
        {"by_post": 1, "reprint": 0},  # integers where flags are: kept as integers
        {"outcome": 1, "timeliness": "soon"},  # a number, a value the list lacks
        {"batch": "AZ9j-wyodqqCltZbZWhOlg"},  # 22 letters that are not a UUID's text
        {"batch": "019F63FB-0CA8-76AA-8296-D65B65684E96"},  # not the canonical text
        {"batch": "not-a-uuid-but-thirty-six-letters!!!"},
        {"clock_paused": 1.0, "outcome": None},
    ],
)
def test_known_values_read_back_as_written_type_for_type(data):
    stored = pack(data)
    assert unpack(stored) == data
    assert [type(v) for v in unpack(stored).values()] == [type(v) for v in data.values()]


def test_a_result_back_batch_and_return_take_fewer_bytes():
    assert len(pack(RESULT)) <= 19
    assert len(pack(BATCH)) <= 30
    assert len(pack(RETURNED)) < len(pack(RETURNED, values=False)) - 3


def test_0010s_short_form_still_reads():
    stored = pack(RESULT | BATCH | RETURNED, values=False)
    assert b"approved" in stored and BATCH["batch"].encode() in stored and b"false" in stored
    assert unpack(stored) == RESULT | BATCH | RETURNED


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 9, 3, 0, 18, 2, tzinfo=UTC),
        datetime(2026, 9, 3, 0, 18, 2, 120, tzinfo=UTC),
        datetime(2026, 9, 3, 0, 18, 2, 999_999, tzinfo=UTC),
        datetime(2241, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC),
    ],
)
def test_a_time_is_kept_in_seconds_and_reads_back_to_the_microsecond(moment):
    kept = stored_time(moment)
    assert isinstance(kept, float) == bool(moment.microsecond)
    assert from_stored(kept) == moment
    assert from_stored(kept).utcoffset() == timedelta(hours=7)
    later = moment + timedelta(microseconds=1)
    assert stored_time(later) > kept  # SQLite compares an integer and a REAL by value


def _stored(path: Path) -> dict[str, set[str]]:
    """Storage classes: timestamps, report facts' days, a result back's outcome."""
    with sqlite3.connect(path) as db:
        times = {
            r[0]
            for t, c in (("events", "at"), ("dossiers", "due_at"), ("report_steps", "ended_at"))
            for r in db.execute(f"SELECT DISTINCT typeof({c}) FROM {t} WHERE {c} IS NOT NULL")
        }
        large = db.execute("SELECT count(*) FROM events WHERE at >= 1000000000000").fetchone()
        days = {
            r[0]
            for t, c in (("report_dossiers", "received_on"), ("report_counts", "day"))
            for r in db.execute(f"SELECT DISTINCT typeof({c}) FROM {t}")
        }
        results = [r[0] for r in db.execute("SELECT data FROM events WHERE kind = 'f'")]
        (fts,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_fts'").fetchone()
    assert results, "no result back in the scenario"
    outcome = {b'"approved"' in r for r in results}
    return {
        "times": times | ({"micros"} if large[0] else set()),
        "days": days,
        "named": outcome,
        "positions": "detail=none" not in fts,  # the name index's
    }


def _facts(sessions) -> list:
    with unit_of_work(sessions) as session:
        dossiers = [
            tuple(getattr(r, c.key) for c in ReportDossier.__table__.columns)
            for r in session.scalars(select(ReportDossier).order_by(ReportDossier.dossier_id))
        ]
        counts = [
            (r.agency_id, r.day, r.procedure_version_id, r.measure, r.count)
            for r in session.scalars(select(ReportCount))
        ]
        # found by day and by time, through the bound parameters' stored forms
        april = session.scalars(
            select(ReportDossier.dossier_id).where(ReportDossier.received_on >= date(2026, 4, 1))
        ).all()
        due = session.scalars(
            select(Dossier.code).where(Dossier.due_at < scenario.at(scenario.T("04-01T00:00")))
        ).all()
    return [dossiers, sorted(counts), sorted(april), sorted(due)]


def test_a_desk_at_0010_keeps_every_answer_in_seconds_and_day_numbers(sessions, engine):
    desk = scenario.build(sessions)
    scenario.april(desk)
    path = Path(engine.url.database or "")
    kept, facts, sent = _answers(sessions), _facts(sessions), _messages(sessions)
    assert kept[2] and facts[0] and facts[1] and facts[2] and facts[3] and sent[0]["events"]
    assert _stored(path) == NOW

    _alembic(engine, "0010", up=False)  # as 0010 wrote it
    assert _stored(path) == {
        "times": {"integer", "micros"},
        "days": {"text"},
        "named": {True},
        "positions": True,
    }
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0010",)
        assert db.execute("SELECT count(*) FROM events WHERE at < 1000000000000").fetchone()[0] == 0
        first = db.execute("SELECT received_on FROM report_dossiers LIMIT 1").fetchone()[0]
        assert date.fromisoformat(first).year == 2026
    assert _facts(sessions)[:2] == facts[:2]  # rows of 0010 read (found: once migrated)

    migrate(engine)  # as the program does when it opens the file
    assert _stored(path) == NOW
    assert _answers(sessions) == kept
    assert _facts(sessions) == facts
    assert _messages(sessions) == sent
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name = 'audit_entries_no_update'"
        ).fetchone() == (1,)
        day = db.execute("SELECT min(received_on) FROM report_dossiers").fetchone()[0]
    assert DAY_ZERO + timedelta(days=day) == min(f[6] for f in facts[0])
    desk.receive("W", scenario.BIRTH, scenario.T("04-10T09:00"))  # and the desk goes on
    with unit_of_work(sessions) as session:
        found = views.dossier_by_code(session, kept[0][0])
    assert found == kept[1][0]


def test_a_time_with_a_fraction_sorts_among_whole_seconds(sessions, engine):
    scenario.build(sessions)
    path = Path(engine.url.database or "")
    with unit_of_work(sessions, write=True) as session:
        dossier = session.scalars(select(Dossier).order_by(Dossier.received_at)).first()
        assert dossier is not None
        first = dossier.received_at
        dossier.paused_at = first + timedelta(microseconds=250)
        code = dossier.code
    with sqlite3.connect(path) as db:
        kept = db.execute("SELECT paused_at FROM dossiers WHERE code = ?", (code,)).fetchone()[0]
        assert isinstance(kept, float)
    with unit_of_work(sessions) as session:
        found = session.scalars(
            select(Dossier.code).where(
                Dossier.paused_at > first, Dossier.paused_at < first + timedelta(seconds=1)
            )
        ).all()
        paused = session.scalars(select(Dossier.paused_at).where(Dossier.code == code)).one()
    assert found == [code]
    assert paused == first + timedelta(microseconds=250)
