"""UUIDs as 16 bytes and timestamps as integers on SQLite (migration 0009): a desk at 0008,
with its 32 hex digits and its text times, keeps every dossier, event, search, audit and
report answer when migrated."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select

from counter_app.audit import trail
from counter_app.db import MIGRATIONS, migrate, unit_of_work
from counter_app.models import Agency, AuditEntry, Dossier, Event
from counter_app.reports import bieu06
from counter_app.reports.model import bieu06_json
from counter_app.services.dossiers import search, views
from tests import reports_scenario as scenario
from tests.conftest import actor_for

# (table, column): one UUID column of each kind (a primary key, foreign keys, a fact's key)
CHECKED = (
    ("dossiers", "id"),
    ("dossiers", "agency_id"),
    ("events", "dossier_id"),
    ("events", "desk_id"),
    ("dossier_documents", "dossier_id"),
    ("report_dossiers", "dossier_id"),
    ("report_counts", "procedure_version_id"),
    ("procedures", "id"),
    ("audit_entries", "id"),
    ("events", "at"),
    ("dossiers", "received_at"),
    ("dossiers", "due_at"),
    ("report_dossiers", "finished_at"),
    ("report_steps", "ended_at"),
    ("audit_entries", "at"),
    ("procedure_versions", "imported_at"),
)
TIMES = 9  # CHECKED[TIMES:] are timestamps


def _alembic(engine: Engine, revision: str, up: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(write=True).begin() as connection:
        config.attributes["connection"] = connection
        (command.upgrade if up else command.downgrade)(config, revision)


def _answers(sessions) -> list:
    with unit_of_work(sessions) as session:
        agency = session.scalars(select(Agency)).one()
        codes = sorted(session.scalars(select(Dossier.code)))
        found = [views.dossier_by_code(session, code) for code in codes]
        events = [
            tuple(e)
            for e in session.execute(
                select(
                    Event.id,
                    Event.dossier_id,
                    Event.desk_id,
                    Event.desk_seq,
                    Event.kind,
                    Event.at,
                    Event.officer_id,
                    Event.to_unit_id,
                    Event.data,
                ).order_by(Event.desk_id, Event.desk_seq)
            )
        ]
        ids = list(session.scalars(select(Dossier.id).order_by(Dossier.code)))
        names = [search.find_ids(session, q) for q in ("nguyen", "hoa", codes[0])]
        audit = [(a.id, a.desk_id, a.hash) for a in session.scalars(select(AuditEntry))]
        report = bieu06_json(bieu06.bieu06(session, agency, scenario.MARCH, "procedure"))
        return [codes, found, events, names, audit, report, ids]


def _types(path: Path) -> tuple[set[str], set[str]]:
    """The storage classes of the UUID columns checked, and of the timestamp ones."""
    with sqlite3.connect(path) as db:
        found = [
            {
                r[0]
                for r in db.execute(f"SELECT DISTINCT typeof({c}) FROM {t} WHERE {c} IS NOT NULL")
            }
            for t, c in CHECKED
        ]
    assert all(found), "a column checked holds no value"
    return set().union(*found[:TIMES]), set().union(*found[TIMES:])


def test_a_desk_at_0008_keeps_every_answer_in_compact_storage(sessions, engine, tmp_path):
    desk = scenario.build(sessions)
    scenario.april(desk)
    with unit_of_work(sessions, write=True) as session:  # an audit entry, chained by hash
        who = actor_for(session)
        trail.record(
            session,
            who.desk_id,
            trail.Who(who.officer_id, who.officer),
            trail.Action.BACKUP,
            scenario.at(scenario.T("04-10T08:00")),
        )
    path = Path(engine.url.database or "")
    kept = _answers(sessions)
    assert kept[0] and kept[2] and kept[4] and any(kept[3])
    assert _types(path) == ({"blob"}, {"integer"})

    _alembic(engine, "0008", up=False)  # the database as 0008 wrote it: 32 hex digits
    assert _types(path) == ({"text"}, {"text"})
    with sqlite3.connect(path) as db:
        raw = db.execute("SELECT id FROM dossiers ORDER BY id").fetchall()
        assert [r[0] for r in raw] == sorted(i.hex for i in kept[6])
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)
        first = db.execute("SELECT at FROM events ORDER BY desk_seq LIMIT 1").fetchone()[0]
        assert first == kept[2][0][5].astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    migrate(engine)  # as the program does when it opens the file
    assert _types(path) == ({"blob"}, {"integer"})
    assert _answers(sessions) == kept
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name = 'audit_entries_no_update'"
        ).fetchone() == (1,)
        ordered = [uuid.UUID(bytes=r[0]) for r in db.execute("SELECT id FROM dossiers ORDER BY id")]
    assert ordered == sorted(kept[6])  # the bytes sort as the hex did
    desk.receive("W", scenario.BIRTH, scenario.T("04-10T09:00"))  # and the desk goes on
    assert _types(path) == ({"blob"}, {"integer"})
