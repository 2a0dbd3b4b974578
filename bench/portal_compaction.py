"""What the portal's compaction gives back on a desk's file (portal/compaction.py).

    python bench/seed.py --db /tmp/pc/kept.db --dossiers 30000 --bodies-kept
    python bench/portal_compaction.py --db /tmp/pc/kept.db [--after 60] [--grow 150000]

The database, seeded with every sent message's body kept (as a desk held them before the
compaction), is copied twice beside it. One copy is compacted as the desk does it, on the
day `--after` days after its newest message (60: every message of a 30,000-dossier seed is
older than the 30 days kept). Then both copies take `--grow` more messages, each a copy of
one of the seed's real messages (its body whole) under a new id, in transactions of 5,000,
as the next weeks' receptions would write them. Printed: the messages given back, the time
and the pages freed, and what each copy grew by, the kept copy being the baseline measured
in the same run; the verdict is computed from the two growths (the compacted copy must take
at least half of its new rows' room from the freed pages, or the compaction only rewrote
rows). The copies are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import environment, scope, table, verdict, verdict_table  # noqa: E402

COLUMNS = (
    "event_id, dossier_id, code, position, service, is_update, body, state, attempts, "
    "error_code, reason, next_at, sent_at, created_at"
)


def pages(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (
            db.execute("PRAGMA page_count").fetchone()[0],
            db.execute("PRAGMA freelist_count").fetchone()[0],
        )


def compact(path: Path, after_days: int) -> tuple[int, float]:
    from sqlalchemy import func, select

    from counter_app.db import make_engine, session_factory, unit_of_work
    from counter_app.models import PortalMessage
    from counter_app.portal.compaction import compact as run

    engine = make_engine(f"sqlite:///{path}")
    try:
        sessions = session_factory(engine)
        with unit_of_work(sessions) as session:
            newest = session.scalar(select(func.max(PortalMessage.created_at)))
        started = time.perf_counter()
        given = run(sessions, newest + timedelta(days=after_days))
        return given, time.perf_counter() - started
    finally:
        engine.dispose()


def grow(path: Path, template: tuple, n: int) -> int:  # type: ignore[type-arg]
    """Bytes the file grew by with `n` more messages like `template`."""
    before = path.stat().st_size
    rng = random.Random(1)
    with sqlite3.connect(path) as db:
        for start in range(0, n, 5000):
            rows = [
                (uuid.UUID(int=rng.getrandbits(128)).bytes, *template)
                for _ in range(min(5000, n - start))
            ]
            db.executemany(
                f"INSERT INTO portal_messages (id, {COLUMNS}) VALUES ({', '.join('?' * 15)})",
                rows,
            )
            db.commit()
    pages(path)
    return path.stat().st_size - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="seeded with seed.py --bodies-kept")
    parser.add_argument("--after", type=int, default=60, help="days after the newest message")
    parser.add_argument("--grow", type=int, default=150_000, help="messages added after")
    args = parser.parse_args()
    source = Path(args.db)
    with sqlite3.connect(source) as db:
        template = db.execute(
            f"SELECT {COLUMNS} FROM portal_messages WHERE length(body) > 500 LIMIT 1"
        ).fetchone()
        messages = db.execute("SELECT count(*) FROM portal_messages").fetchone()[0]
        dossiers = db.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    if template is None:
        sys.exit("error: no message with its body in --db: seed it with --bodies-kept")
    kept, compacted = (source.with_name(f"{source.stem}-{side}.db") for side in ("k", "c"))
    try:
        for copy in (kept, compacted):
            shutil.copyfile(source, copy)
        total, _ = pages(compacted)
        given, took = compact(compacted, args.after)
        _, freed = pages(compacted)
        grown = {
            "kept": grow(kept, template, args.grow),
            "compacted": grow(compacted, template, args.grow),
        }
    finally:
        for copy in (kept, compacted):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
    print(f"Portal compaction on {source}; {environment()}")
    scope(
        f"{dossiers:,} dossiers, {messages:,} portal messages; compacted {args.after} days "
        f"after the newest; {args.grow:,} messages added to each copy"
    )
    mib = 2**20
    print(
        table(
            ["what", "value"],
            [
                ["messages given back", f"{given:,}"],
                ["time (chunks of 1,000, each its own transaction)", f"{took:.1f} s"],
                ["messages given back per second", f"{given / took:,.0f}" if took else "-"],
                ["pages freed", f"{freed:,} of {total:,} ({freed / total:.1%})"],
                ["kept copy grew by (baseline)", f"{grown['kept'] / mib:.1f} MiB"],
                ["compacted copy grew by", f"{grown['compacted'] / mib:.1f} MiB"],
            ],
        )
    )
    ratio = grown["compacted"] / grown["kept"] if grown["kept"] else float("nan")
    print(
        verdict_table(
            [verdict("compacted growth / kept growth", ratio, 0.5, "×", below=False, n=args.grow)]
        )
    )


if __name__ == "__main__":
    main()
