"""The first screen read with plain sqlite3 shows exactly what the services show."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import HEAD, unit_of_work
from counter_app.services.demo import demo
from counter_app.services.worklists import snapshot, worklists
from counter_app.services.worklists.worklist_kinds import Worklist


@pytest.fixture
def demo_db(sessions, db_url) -> Path:
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
    return Path(db_url.removeprefix("sqlite:///"))


@pytest.mark.parametrize(
    "worklist", [w for w in Worklist if w not in (Worklist.BEHIND, Worklist.ONLINE)]
)
def test_snapshot_equals_the_services(demo_db, sessions, worklist):
    moment = now()
    rows, counts = snapshot.first_screen(demo_db, worklist, moment)
    with unit_of_work(sessions) as session:
        assert rows == worklists.rows(session, worklist, moment)
        full = worklists.counts(session, moment)
    assert counts == {
        w: n
        for w, n in full.items()  # without a calendar, or an index
        if w not in (Worklist.BEHIND, Worklist.RETURNED)
    }
    assert sum(counts.values()) > 0


def test_snapshot_steps_aside_when_it_cannot_answer(demo_db, tmp_path):
    assert snapshot.first_screen(tmp_path / "none.db", Worklist.TODAY, now()) is None
    assert snapshot.first_screen(demo_db, Worklist.BEHIND, now()) is None  # needs a calendar
    assert snapshot.first_screen(demo_db, Worklist.ONLINE, now()) is None  # and its rows do
    with sqlite3.connect(demo_db) as db:
        db.execute("UPDATE alembic_version SET version_num = 'older'")
    assert snapshot.first_screen(demo_db, Worklist.TODAY, now()) is None


def test_snapshot_knows_the_current_schema():
    assert snapshot.HEAD == HEAD


def test_the_snapshot_counts_the_online_dossiers_waiting(desk_db, db_url):
    from tests.unit.test_portal_waiting import imported

    imported(desk_db, "H26-1")
    imported(desk_db, "H26-2")
    moment = now()
    _, counts = snapshot.first_screen(
        Path(db_url.removeprefix("sqlite:///")), Worklist.TODAY, moment
    )
    with unit_of_work(desk_db) as session:
        assert counts[Worklist.ONLINE] == worklists.counts(session, moment)[Worklist.ONLINE] == 2
