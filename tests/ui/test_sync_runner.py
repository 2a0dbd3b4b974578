"""The desk's background sync keeps one connection to its office server from sync to sync
(opening one costs the server more than an idle sync: bench/sync.py figure 4), and pushes
what the officer has just recorded at once rather than at the next 2 s tick (figure 1: a
reception seen at another desk within 3 s)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG, Settings
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.services import desk
from counter_app.sync import server
from counter_app.sync.join import join
from counter_app.ui.app import AppContext
from counter_app.ui.desk.sync_runner import ONLINE_MS, SyncRunner
from tests.ui.conftest import HeldTasks


@pytest.fixture
def joined(pg_url, tmp_path) -> str:
    """A desk joined to an office server (its SQLite URL)."""
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        desk.local_desk(session)
    join(sessions, url, server.add_desk(pg_url, "Ban 1", "000.00.20.H26"))
    engine.dispose()
    return url


@pytest.fixture
def runner(qtbot, joined) -> Any:
    tasks = HeldTasks()
    context = AppContext(Settings(db_url=joined), tasks)  # type: ignore[arg-type]
    label = QLabel()
    qtbot.addWidget(label)
    found = SyncRunner(context, label)
    found.tasks = tasks
    yield found
    found.stop()
    context.dispose()


def desk_connections(admin_url: str) -> list[tuple[Any, ...]]:
    with server.connect(admin_url) as db:
        return db.execute(
            "SELECT pid, backend_start FROM pg_stat_activity WHERE datname = "
            "current_database() AND usename <> current_user"
        ).fetchall()


def test_one_connection_is_kept_from_sync_to_sync(qtbot, runner, pg_url):
    for _ in range(2):
        runner.run()
        runner.tasks.release()
    kept = desk_connections(pg_url)
    runner.run()
    runner.tasks.release()
    assert len(kept) == 1 and desk_connections(pg_url) == kept
    runner.stop()  # the window closes: the line too
    qtbot.waitUntil(lambda: desk_connections(pg_url) == [], timeout=5_000)


def test_what_was_just_recorded_is_pushed_at_once(qtbot, runner):
    runner.run()
    runner.tasks.release()  # online: the next sync in ONLINE_MS
    assert runner._timer.isActive() and runner._timer.remainingTime() > ONLINE_MS // 2
    runner.soon()  # a reception was saved: the next sync is due now, not in ONLINE_MS
    assert runner._timer.isActive() and runner._timer.interval() == 0
    qtbot.waitUntil(lambda: len(runner.tasks.jobs) == 1, timeout=60_000)
    runner.soon()  # another, while that sync runs: one more right after it
    runner.tasks.release()
    assert runner._timer.isActive() and runner._timer.interval() == 0


def test_offline_the_backing_off_goes_on(runner):
    runner.delay = 4 * ONLINE_MS  # two failed syncs
    runner._timer.start(runner.delay)
    runner.soon()
    assert runner._timer.remainingTime() > ONLINE_MS


def test_the_desk_window_pushes_what_it_records(qtbot, tmp_path, monkeypatch):
    from counter_app.ui.desk.main_window import MainWindow

    asked: list[bool] = []
    monkeypatch.setattr(SyncRunner, "soon", lambda self: asked.append(True))
    window = MainWindow(AppContext.build(Settings(db_url=f"sqlite:///{tmp_path / 'd.db'}")))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "open_dossier", lambda *a, **k: None)
    monkeypatch.setattr(window, "refresh", lambda: None)
    window.new_reception()
    window.reception.received.emit("000.00.20.H26-261202-0001")
    assert asked == [True]


def test_the_background_sync_sends_a_document_in_slices_after_its_event(
    qtbot, runner, joined, pg_url, monkeypatch
):
    """A file bigger than a round's slice goes up over several rounds that follow one
    another at once (events are never held back behind it), after its event."""
    import io

    from PIL import Image

    from counter_app.digitisation import record
    from counter_app.digitisation.store import Store, root_of
    from counter_app.services.intake import intake
    from counter_app.services.intake.intake_file import read_intake
    from counter_app.sync import documents, reception
    from tests.integration.test_sync import intake_doc

    with server.connect(pg_url) as db:
        db.execute("UPDATE counter.meta SET value = '1024' WHERE key = 'document_chunk_bytes'")
    monkeypatch.setattr(documents, "ROUND_BYTES", 1024)  # one chunk a round
    sessions = runner._context.sessions
    runner.run()
    runner.tasks.release()  # the catalog comes
    number, at = reception.prepare(joined, now())
    page = io.BytesIO()
    Image.new("L", (400, 600), 200).save(page, "JPEG")
    with unit_of_work(sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        code = intake.receive(
            session, who, read_intake(intake_doc("Nguyễn Văn An")), at, number
        ).code
        done = record.digitise(
            session,
            who,
            code,
            1,
            record.Files((page.getvalue(),)),
            store=Store(root_of(joined)),
            now=now(),
        )
    chunks = -(-done.bytes // 1024)
    assert chunks >= 3

    def held() -> tuple[Any, ...]:
        with server.connect(pg_url) as db:
            return db.execute(
                "SELECT f.whole, (SELECT count(*) FROM counter.document_chunks c "
                "WHERE c.sha256 = f.sha256) FROM counter.document_files f"
            ).fetchone() or (None, 0)

    runner.run()
    runner.tasks.release()  # the events, then one chunk; the next round is due at once
    assert held() == (False, 1) and runner._timer.interval() == 0
    for _ in range(chunks - 1):
        runner.run()
        runner.tasks.release()
    assert held() == (True, chunks)
    assert runner._timer.remainingTime() > ONLINE_MS // 2  # nothing left: back to the tick
