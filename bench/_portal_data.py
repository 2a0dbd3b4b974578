"""Data for bench/portal.py: the national portal's messages written straight into a desk's
schema (the bodies built by the product's own functions, facts/portal_messages.py), and
the stand-in gateway (tests/portal_gateway.py) in a process of its own."""

from __future__ import annotations

import heapq
import json
import multiprocessing
import random
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from counter_app.facts.portal_messages import Procedure, dossier_object, progress_row
from counter_app.facts.portal_outbox import message_id
from counter_app.models import new_id
from counter_app.models.base import stored_time
from counter_app.services.demo.demo_people import FAMILY, GIVEN, MIDDLE

PROCEDURES = [
    Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
    Procedure("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực"),
    Procedure("1.004873", "Đăng ký kết hôn", "Hộ tịch"),
]
LIFE = (  # a dossier's events in order, the status each leaves, the unit it goes to
    ("received", "received", None),
    ("handed_over", "in_progress", "Công chức Tư pháp - Hộ tịch"),
    ("result_back", "resolved", None),
    ("returned", "returned", None),
)
OFFICER = "Nguyễn Thị Thu Hà"
COLUMNS = (
    "id, event_id, dossier_id, code, position, service, is_update, body, state, attempts, "
    "error_code, reason, next_at, sent_at, created_at"
)
INSERT = f"INSERT INTO portal_messages ({COLUMNS}) VALUES ({', '.join('?' * 15)})"


def events(
    dossiers: int,
    per_dossier: int,
    first: datetime,
    last: datetime,
    seed: int,
    cut: datetime | None = None,
) -> Iterator[tuple[int, int, datetime, datetime]]:
    """(dossier, its event number, when, when it was received) in the order they happen:
    dossier i received at its share of [first, last], each next event 2 to 120 hours later
    (none after `cut`, by default `last`)."""
    cut = cut or last
    rng = random.Random(seed)
    span = (last - first).total_seconds()
    later: list[tuple[datetime, int, int, datetime]] = []
    for i in range(dossiers):
        at = first + timedelta(seconds=span * i / dossiers)
        while later and later[0][0] <= at:
            when, d, n, received = heapq.heappop(later)
            yield d, n, when, received
        yield i, 0, at, at
        step = at
        for n in range(1, per_dossier):
            step += timedelta(hours=rng.uniform(2, 120))
            if step < cut:
                heapq.heappush(later, (step, i, n, at))
    while later:
        when, d, n, received = heapq.heappop(later)
        yield d, n, when, received


def dossier(i: int, n: int, at: datetime, received: datetime, seed: int) -> SimpleNamespace:
    """Dossier i as it is after its event n at `at` (its applicant drawn from i alone)."""
    r = random.Random(seed * 10_000_019 + i)
    status = LIFE[n % len(LIFE)][1]
    return SimpleNamespace(
        id=uuid.UUID(int=r.getrandbits(128)),
        code=f"000.00.20.H26-{received:%y%m%d}-{i % 10_000:04d}",
        status=status,
        channel="direct",
        applicant_name=f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}",
        id_number=f"0{r.choice(['25', '26'])}{r.randint(0, 3)}{r.randint(50, 99)}"
        f"{r.randint(0, 999_999):06d}",
        phone=f"09{r.randint(0, 99_999_999):08d}",
        email=None,
        received_at=received,
        due_at=received + timedelta(days=3),
        returned_at=at if status == "returned" else None,
        resolved_at=at if status in ("resolved", "returned") else None,
        procedure=PROCEDURES[i % len(PROCEDURES)],
    )


def message_rows(
    i: int, n: int, at: datetime, received: datetime, position: int, seed: int
) -> list[tuple[Any, ...]]:
    """The two messages of one event, as facts/portal_outbox.py writes them, all pending."""
    d = dossier(i, n, at, received, seed)
    kind, _, unit = LIFE[n % len(LIFE)]
    event = new_id()
    when = stored_time(at)
    rows = []
    for offset, service, data in (
        (0, "DongBoHoSoMC", dossier_object(d, d.procedure, at, [])),
        (1, "CapNhatTienDoHoSoMC", progress_row(d, kind, at, OFFICER, unit)),
    ):
        rows.append(
            (
                message_id(event, service).bytes,
                event.bytes,
                d.id.bytes,
                d.code,
                position * 2 + offset,
                service,
                int(service == "DongBoHoSoMC" and n > 0),
                json.dumps([data], ensure_ascii=False),
                "pending",
                0,
                None,
                None,
                when,
                None,
                when,
            )
        )
    return rows


def write_pending(path: Path, dossiers: int, per_dossier: int, now: datetime, seed: int) -> int:
    """`dossiers` dossiers' messages, all pending: received 30 to 16 days ago, so that all
    their `per_dossier` events (at most 3 × 120 hours apart) have happened."""
    db = sqlite3.connect(path)
    rows: list[tuple[Any, ...]] = []
    first, last = now - timedelta(days=30), now - timedelta(days=16)
    for position, (i, n, at, received) in enumerate(
        events(dossiers, per_dossier, first, last, seed, cut=now), start=1
    ):
        rows += message_rows(i, n, at, received, position, seed)
    with db:
        db.executemany(INSERT, rows)
    db.close()
    return len(rows)


def gateway_child(folder: str, pipe: Any) -> None:
    """The stand-in gateway, served until the parent says "stop"; then what it accepted."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project: tests/
    from tests.portal_gateway import StandInGateway

    gateway = StandInGateway(Path(folder))
    pipe.send((gateway.url, str(gateway.ca_file)))
    pipe.recv()
    pipe.send((len(gateway.accepted), gateway.repeats, len(gateway.ids)))
    gateway.down()


class GatewayProcess:
    """tests/portal_gateway.py in a child process: the sender's process measures itself."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="bench-portal-gw-")
        context = multiprocessing.get_context("fork")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=gateway_child, args=(self.folder.name, theirs))
        self.process.start()
        if not self.pipe.poll(60):  # the child died (its traceback on stderr): no hang
            self.process.kill()
            raise SystemExit("Không khởi động được cổng thử (stand-in gateway).")
        self.url, self.ca = self.pipe.recv()

    def stop(self) -> tuple[int, int, int]:
        """(messages accepted, repeats absorbed, distinct ids)."""
        self.pipe.send("stop")
        found = self.pipe.recv()
        self.process.join(30)
        self.folder.cleanup()
        return found  # type: ignore[no-any-return]


REFUSED = (12, "Mã TTHC không tồn tại trên Cổng")


def seed_year(
    path: Path, dossiers: int, per_dossier: int, now: datetime, seed: int, failed: int, tail: int
) -> int:
    """A year of messages up to `now` in a migrated desk database: `dossiers` dossiers
    received evenly over the year, `per_dossier` events each (those not after `now`).
    Almost all sent; `failed` dossiers have their first message refused (their later ones
    sent: a refusal holds nothing back); the newest `tail` messages pending. The table's
    indexes are dropped while writing and made again after, with the schema's own
    statements."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'portal_messages' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    refused = set(random.Random(seed).sample(range(dossiers), min(failed, dossiers)))
    batch: list[tuple[Any, ...]] = []
    count = 0
    first = now - timedelta(days=365)
    for position, (i, n, at, received) in enumerate(
        events(dossiers, per_dossier, first, now, seed), start=1
    ):
        for row in message_rows(i, n, at, received, position, seed):
            head, created = row[:8], row[14]
            if i in refused and n == 0 and row[5] == "DongBoHoSoMC":
                batch.append((*head, "failed", 1, *REFUSED, created, None, created))
            else:  # a refused one holds nothing back
                batch.append((*head, "sent", 1, 0, None, created, created + 2, created))
        if len(batch) >= 50_000:
            count += _write(db, batch)
            batch = []
    count += _write(db, batch)
    db.execute(
        "UPDATE portal_messages SET state = 'pending', sent_at = NULL, attempts = 0, "
        "error_code = NULL WHERE state = 'sent' AND rowid > "
        "(SELECT max(rowid) FROM portal_messages) - ?",
        (tail,),
    )
    for _, sql in indexes:
        db.execute(sql)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return count


def _write(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> int:
    db.execute("BEGIN")
    db.executemany(INSERT, rows)
    db.execute("COMMIT")
    return len(rows)


def year_db(
    folder: Path, dossiers: int, per_dossier: int, now: datetime, seed: int
) -> tuple[Path, int, float]:
    """The scratch database of a year of messages for `dossiers` dossiers: made (migrated,
    then seed_year: 300 refused, the newest 1,000 pending) unless a finished one is there
    (its `.done` file holds the rows written). (path, rows, seconds spent seeding)."""
    from counter_app.db import make_engine, migrate

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"status-v2-{dossiers}x{per_dossier}-{seed}.db"  # v2: refusals hold nothing
    done = path.with_suffix(".done")
    if done.exists():
        return path, int(done.read_text()), 0.0
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    import time

    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    rows = seed_year(path, dossiers, per_dossier, now, seed, failed=300, tail=1000)
    done.write_text(str(rows))
    return path, rows, time.perf_counter() - started
