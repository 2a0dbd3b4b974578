"""The desk's full start reads what the officer sees first, not the whole database: the work
SQLite does for it (its virtual machine's steps, every query of the start counted, until
the desk has started) does not grow with the years of old, returned dossiers, whatever
statistics ANALYZE left for the planner. The counts that would (COUNTED_LATER) come once
the desk has started, and the day's copy after them."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.services.demo import demo
from counter_app.services.worklists import snapshot, worklists
from counter_app.services.worklists.worklist_kinds import COUNTED_LATER, Worklist
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow

OLD_DOSSIERS = 20_000
# What ANALYZE gives on a 1,000,000-dossier desk (bench/seed.py runs it; so may a desk):
# with it, the planner chooses differently than on a small database without statistics.
BIG_STATISTICS = [
    ("events", "ix_events_dossier_id", "3994993 4"),
    ("events", "sqlite_autoindex_events_1", "3994993 1"),
    ("dossiers", "ix_dossiers_status_due", "1000000 125000 40"),
    ("dossiers", "ix_dossiers_received_at", "1000000 1"),
    ("dossiers", "ix_dossiers_phone_key", "1000000 2"),
    ("dossiers", "ix_dossiers_id_number", "1000000 2"),
    ("dossiers", "sqlite_autoindex_dossiers_1", "1000000 1"),
    ("dossiers", "sqlite_autoindex_dossiers_2", "1000000 1"),
    ("dossiers", "sqlite_autoindex_dossiers_3", "1000000 1"),
]


def _add_old_returned(path: Path, n: int) -> None:
    """`n` dossiers received and returned a year ago, copies of one of the desk's."""
    long_ago = snapshot._stored(now() - timedelta(days=400))
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(dossiers)")]
        top = db.execute("SELECT max(search_no) FROM dossiers").fetchone()[0]
        made = {
            "id": "lower(hex(randomblob(16)))",
            "code": "d.code || '-' || k.n",
            "search_no": f"{top} + k.n",
            "request_id": "NULL",
            "status": "'returned'",
            "paused_at": "NULL",
            "received_at": str(long_ago),
            "effective_received_at": str(long_ago),
            "due_at": str(long_ago),
            "returned_at": str(long_ago),
        }
        picked = ", ".join(made.get(c, f"d.{c}") for c in columns)
        db.execute(
            f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {n}) "
            f"INSERT INTO dossiers ({', '.join(columns)}) "
            f"SELECT {picked} FROM k, (SELECT * FROM dossiers LIMIT 1) d"
        )


def _with_big_statistics(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("ANALYZE")
        db.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('dossiers', 'events')")
        db.executemany("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", BIG_STATISTICS)


@pytest.fixture
def desks(tmp_path: Path) -> tuple[Path, Path]:
    """The same desk twice (a demo's two weeks), the second with a year of old dossiers."""
    small, big = tmp_path / "small" / "desk.db", tmp_path / "big" / "desk.db"
    small.parent.mkdir()
    big.parent.mkdir()
    engine = make_engine(f"sqlite:///{small}")
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=14)
    engine.dispose()
    shutil.copy(small, big)
    _add_old_returned(big, OLD_DOSSIERS)
    for path in (small, big):
        _with_big_statistics(path)
    return small, big


def _start_steps(qtbot, path: Path) -> tuple[int, MainWindow]:  # type: ignore[no-untyped-def]
    """SQLite's steps (in hundreds of VM instructions) of a full start on `path`."""
    steps, counting = [0], [True]

    def step() -> int:
        if counting[0]:
            steps[0] += 1
        return 0

    def connected(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.set_progress_handler(step, 100)

    event.listen(Engine, "connect", connected)
    try:
        window = MainWindow(AppContext.build(Settings(db_url=f"sqlite:///{path}")))
        qtbot.addWidget(window)
        window.show()
        window.started.connect(lambda: counting.__setitem__(0, False))
        with qtbot.waitSignal(window.started, timeout=30_000):
            window.start()
    finally:
        event.remove(Engine, "connect", connected)
    return steps[0], window


def test_the_full_start_does_not_grow_with_old_dossiers(qtbot, desks):
    small, big = desks
    small_steps, first = _start_steps(qtbot, small)
    big_steps, window = _start_steps(qtbot, big)
    # 20,000 more dossiers: reading each costs VM steps (before: 1,800 hundreds more than
    # the small desk's 18, the returned count and the behind list's walk of every dossier)
    assert big_steps <= small_steps + 10, (small_steps, big_steps)
    assert "·" in window.windowTitle()  # the desk named: the full start is over
    shown = {w: window.lists.data(window.lists.index(i)) for i, w in enumerate(Worklist)}
    assert all("(" not in shown[w] for w in COUNTED_LATER)  # not counted yet
    # …then counted in the background, the returned ones of the last days only.
    qtbot.waitUntil(lambda: "(" in window.lists.data(window.lists.index(6)), timeout=30_000)
    assert all("(" in window.lists.data(window.lists.index(i)) for i in range(len(Worklist)))
    for desk in (first, window):
        desk._context.tasks.wait()
        desk._context.dispose()


def test_the_behind_list_reads_the_dossiers_in_progress_only(desks):
    """With a big database's statistics, SQLite answered the behind list by walking every
    dossier in primary-key order (it spared a sort for GROUP BY): 0.34 s at 1,000,000."""
    at, steps = now(), []
    for path in desks:
        engine, counted = make_engine(f"sqlite:///{path}"), [0]

        def step(counted: list[int] = counted) -> int:
            counted[0] += 1
            return 0

        event.listen(engine, "connect", lambda raw, _record: raw.set_progress_handler(step, 100))
        sessions = session_factory(engine)
        with unit_of_work(sessions) as session:
            worklists.behind_schedule(session, at)  # the calendar's reads, once
            counted[0] = 0
            worklists.behind_schedule(session, at)
        steps.append(counted[0])
        engine.dispose()
    assert steps[1] <= steps[0] + 10, steps


def test_the_days_copy_is_taken_once_the_desk_has_started(qtbot, desks):
    """The day's first start still copies the database, after the title: at 1,000,000
    dossiers that copy held the list and the title 6-7 s."""
    _small, big = desks
    backups = big.parent / "backups"
    _steps, window = _start_steps(qtbot, big)
    qtbot.waitUntil(lambda: any(backups.glob("desk-*-daily.db.json")), timeout=30_000)
    window._context.tasks.wait()
    window._context.dispose()
