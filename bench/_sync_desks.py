"""The figures that need real desks: a reception seen at another desk under the GUI's own
background sync (SyncRunner, off screen), a desk back from a week offline, and the cost of
a sync with nothing to do."""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from _sync_office import AGENCY_CODE, BenchServer, Office, RealDesk

from counter_app.clock import now
from counter_app.db import unit_of_work
from counter_app.services import desk as desk_service
from counter_app.sync import server
from counter_app.sync.link import Link


class TimedLink(Link):
    """A Link that keeps the time of each call by name."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.times: dict[str, list[float]] = {}

    def _call(self, sql: str, *args: Any) -> Any:
        name = sql.split("counter.", 1)[1].split("(", 1)[0]
        started = time.perf_counter()
        try:
            return super()._call(sql, *args)
        finally:
            self.times.setdefault(name, []).append(time.perf_counter() - started)


def digitised_load(desk: RealDesk, megabytes: int) -> int:
    """Documents of about `megabytes` in all digitised on `desk` (pages of noise, which JPEG
    cannot shrink: ~4 MB a page, 5 pages a document), their files not yet sent; bytes."""
    import io

    from PIL import Image

    from counter_app.digitisation import record
    from counter_app.digitisation.store import Store, root_of

    total, rng = 0, random.Random(20)
    while total < megabytes << 20:
        pages = []
        for _ in range(5):
            out = io.BytesIO()
            noise = rng.randbytes(1400 * 1400 * 3)
            Image.frombytes("RGB", (1400, 1400), noise).save(out, "JPEG", quality=95)
            pages.append(out.getvalue())
        code = desk.receive(f"Công dân số hóa {total}")
        with unit_of_work(desk.sessions, write=True) as session:
            who = desk_service.actor(session, "motcua", None)
            done = record.digitise(
                session,
                who,
                code,
                1,
                record.Files(tuple(pages)),
                store=Store(root_of(desk.url)),
                now=now(),
            )
        total += done.bytes
    return total


def visibility(
    pg: BenchServer, receptions: int, folder: Path, documents_mb: int = 0
) -> dict[str, Any]:
    """Desk 1 receives a citizen now and then (0.3–1.7 s apart, its number leased online
    as the desk does) and asks its SyncRunner for a sync at once, as the desk window does
    when a reception is saved; both desks run the GUI's SyncRunner; the latency is from
    the reception's commit on desk 1 to the end of the desk-2 sync that brought it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    from counter_app.config import Settings
    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.sync_runner import ONLINE_MS, SyncRunner

    office = Office(pg, "visible", [AGENCY_CODE])
    one, two = RealDesk(folder, "Ban 1", office), RealDesk(folder, "Ban 2", office)
    loaded = digitised_load(one, documents_mb) if documents_mb else 0
    app = QApplication.instance() or QApplication([])
    contexts = [AppContext.build(Settings(db_url=d.url)) for d in (one, two)]
    labels = [QLabel(), QLabel()]
    runners = [SyncRunner(c, label) for c, label in zip(contexts, labels, strict=True)]
    received: dict[str, float] = {}
    seen: dict[str, float] = {}
    syncs = [0, 0]
    failures: list[str] = []

    def on_two(_: object) -> None:
        at = time.perf_counter()
        syncs[1] += 1
        waiting = [c for c in received if c not in seen]
        if waiting:
            there = two.dossier_codes()
            seen.update({c: at for c in waiting if c in there})

    runners[1].synced.connect(on_two)
    runners[0].synced.connect(lambda _: syncs.__setitem__(0, syncs[0] + 1))
    for runner in runners:
        runner.failed.connect(failures.append)
        runner.start()
    rng = random.Random(11)
    next_at = time.perf_counter() + 2
    deadline = float("inf")
    while len(seen) < receptions and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
        if len(received) < receptions and time.perf_counter() >= next_at:
            code = one.receive(f"Công dân {len(received)}")
            received[code] = time.perf_counter()
            runners[0].soon()  # as the desk window does when a reception is saved
            next_at = received[code] + rng.uniform(0.3, 1.7)
            if len(received) == receptions:
                deadline = time.perf_counter() + 30
    for runner in runners:
        runner._timer.stop()  # no next sync
    sent = office.count("SELECT coalesce(sum(octet_length(bytes)), 0) FROM counter.document_chunks")
    for c in contexts:
        c.tasks.wait()
        c.dispose()
    app.processEvents()
    one.dispose()
    two.dispose()
    return {
        "latencies": [seen[c] - received[c] for c in seen],
        "received": len(received),
        "unseen": len(received) - len(seen),
        "interval_ms": ONLINE_MS,
        "syncs": syncs,
        "failures": failures,
        "documents": {"loaded": loaded, "sent": sent},
    }


def catch_up(
    pg: BenchServer, own: int, others: int, folder: Path
) -> tuple[dict[str, Any], Office, RealDesk]:
    """Desk 1 records `own` events without syncing (its numbers leased beforehand, as its
    reserve); desk 2 records `others` and syncs them; then desk 1 syncs once, timed."""
    office = Office(pg, "week", [AGENCY_CODE])
    away, other = RealDesk(folder, "Ban 1", office), RealDesk(folder, "Ban 2", office)
    started = time.perf_counter()
    with away.link() as link:
        made = away.work(own, link)
    with other.link() as link:
        theirs = other.work(others, link)
        other.sync(link)
    prepared = time.perf_counter() - started
    link = TimedLink(away.server_url)
    started = time.perf_counter()
    result = away.sync(link)
    took = time.perf_counter() - started
    link.close()
    other.dispose()
    on_server = office.count("SELECT events_upto FROM counter.desks WHERE name = 'Ban 1'")
    return (
        {
            "own": made,
            "others": theirs,
            "seconds": took,
            "pushed": result.pushed,
            "pulled": result.pulled,
            "pending": result.pending,
            "on_server": on_server,
            "calls": link.times,
            "prepared": prepared,
            "have": len(away.dossier_codes()),
        },
        office,
        away,
    )


def idle(pg: BenchServer, office: Office, desk: RealDesk, n: int) -> dict[str, Any]:
    """`n` syncs with nothing to do by a desk whose agency holds the week's work: on one
    connection kept open, as the GUI's SyncRunner does, then each on a new connection (as
    it did before); against a bare `SELECT 1` (and connect + SELECT 1) by the same role."""
    with server.connect(office.url, autocommit=True) as db:
        if pg.statements:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    for _ in range(3):  # anything left (the reserve of numbers, a feed row held back)
        desk.sync()
    out: dict[str, Any] = {}

    def measured(name: str, one: Any) -> None:
        if pg.statements:
            with server.connect(office.url, autocommit=True) as db:
                db.execute("SELECT pg_stat_statements_reset()")
        cpu, walls = pg.cpu_s(), []
        for _ in range(n):
            started = time.perf_counter()
            one()
            walls.append(time.perf_counter() - started)
        out[name] = {"wall": walls, "cpu": (pg.cpu_s() - cpu) / n, "statements": {}}
        if pg.statements:
            with server.connect(office.url, autocommit=True) as db:
                out[name]["statements"] = {
                    query: (calls, total / n)
                    for query, calls, total in db.execute(
                        "SELECT query, calls, total_exec_time FROM pg_stat_statements "
                        "WHERE query LIKE '%counter.%' OR query LIKE 'SELECT $1%'"
                    )
                }

    kept = TimedLink(desk.server_url)
    measured("kept", lambda: desk.sync(kept))
    out["kept"]["calls"] = kept.times
    kept.close()
    fresh: dict[str, list[float]] = {}

    def gui_sync() -> None:
        link = TimedLink(desk.server_url)
        try:
            desk.sync(link)
        finally:
            link.close()
        for name, values in link.times.items():
            fresh.setdefault(name, []).extend(values)

    measured("gui", gui_sync)
    out["gui"]["calls"] = fresh
    db = server.connect(desk.server_url, autocommit=True)
    measured("select1", lambda: db.execute("SELECT 1").fetchone())
    db.close()

    def connect_select() -> None:
        with server.connect(desk.server_url, autocommit=True) as fresh_db:
            fresh_db.execute("SELECT 1").fetchone()

    measured("connect", connect_select)
    return out


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="syncbench-desks-"))
