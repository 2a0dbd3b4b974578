"""The main window's list, read by the full start or a refresh: recorded in the audit trail
(who saw which list and how many rows), and read without holding the database's write lock,
which a scan at start (its own record) would wait for."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import unit_of_work
from counter_app.models import AuditEntry
from counter_app.services.demo import demo
from counter_app.services.worklists import worklists
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow


def test_the_list_is_read_without_the_write_lock_and_recorded(qtbot, sessions, db_url, monkeypatch):
    with unit_of_work(sessions, write=True) as session:
        demo.load(session, SAMPLE_CATALOG, now(), "motcua", days=3)
    path = db_url.removeprefix("sqlite:///")
    counts, writable = worklists.counts, []

    def counting(session, at, *only):  # type: ignore[no-untyped-def]
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:  # another desk's write (a scan's audit record) while the counts are read
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            writable.append(True)
        except sqlite3.OperationalError:  # database is locked
            writable.append(False)
        finally:
            other.close()
        return counts(session, at, *only)

    monkeypatch.setattr(worklists, "counts", counting)
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.windowTitleChanged, timeout=20_000):  # the full start
        window.start()
    assert writable == [True]
    with unit_of_work(sessions) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.desk_seq)).all()
    listed = [e for e in entries if e.action == "list"]
    assert len(listed) == 1 and listed[0].outcome == "ok"
    assert listed[0].detail == {"list": "today", "rows": window.model.rowCount()}
    assert all(e.prev_hash == p.hash for p, e in zip(entries, entries[1:], strict=False))
    window._context.tasks.wait()
    window._context.dispose()
