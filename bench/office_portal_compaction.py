"""What the office server's portal compaction gives back (server SQL 0027, sync/portal_office
.compact, run by the office's sender after its pass).

    python bench/office_portal_compaction.py --db DEMO.db [--messages 200000] [--grow 100000]

A throwaway PostgreSQL (tests/pg.py, fsync on) with the office's schema and one desk. Its
`counter.portal_messages` is seeded with `--messages` sent messages spread over the last 90
days, each with the body of a real message of `--db` (a desk's file, made with `init --demo`
when missing: its longest DongBoHoSoMC body, about 1 KB), then copied twice (CREATE DATABASE
… TEMPLATE). One copy is compacted as the sender does it (chunks of 1,000, each its own
transaction); the second has the same rows changed by one plain UPDATE, the floor of that
work, timed in the same run; the third is kept as it was. After a VACUUM (not FULL: what
autovacuum does), the compacted and the kept copies take `--grow` new messages with whole
bodies, as the next weeks' receptions bring them. Printed: the bodies given back, the time
against the plain UPDATE, the table's size (with its TOAST and indexes) before and after,
and what each copy grew by, the kept copy being the baseline; the verdict is computed from
the two growths (the compacted copy must take at least half of its new rows' room from the
space given back).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import AGENCY_CODE, environment, scope, table, verdict, verdict_table  # noqa: E402
from _sync_office import BenchServer, Office  # noqa: E402

from counter_app.sync import portal_office, server  # noqa: E402

SEED = """
INSERT INTO counter.portal_messages (id, event_id, dossier_id, code, position, service,
  is_update, body, state, attempts, next_at, sent_at, created_at, agency_id, desk_id, taken_at)
SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), %(code)s || i, i,
  CASE WHEN i %% 2 = 0 THEN 'DongBoHoSoMC' ELSE 'CapNhatTienDoHoSoMC' END, i %% 4 > 1,
  %(body)s::jsonb, %(state)s, 1, t, t + interval '1 minute', t, %(agency)s, %(desk)s,
  t + interval '2 minutes'
FROM (SELECT i, now() - make_interval(secs => (i::bigint * 7919 %% (%(days)s::int * 86400))) AS t
      FROM generate_series(%(first)s::int, %(last)s::int) i) s
"""
SIZE = "SELECT pg_total_relation_size('counter.portal_messages')"
# a message's body is due 30 days after the office had it as sent (server SQL 0027)
DUE = "greatest(sent_at, taken_at) <= now() - interval '30 days'"


def body_of(db: Path) -> str:
    if not db.exists():
        subprocess.run(
            [sys.executable, "-m", "counter_app", "--db", f"sqlite:///{db}", "init", "--demo"]
            + ["--no-officers"],
            check=True,
            capture_output=True,
        )
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT body FROM portal_messages WHERE service = 'DongBoHoSoMC' "
            "ORDER BY length(body) DESC LIMIT 1"
        ).fetchone()
    if row is None:
        sys.exit(f"error: {db} holds no portal message")
    return json.dumps(json.loads(row[0]), ensure_ascii=False)


def seed(url: str, body: str, first: int, last: int, days: int) -> None:
    with server.connect(url) as db:
        agency, desk = db.execute("SELECT agency_id, id FROM counter.desks LIMIT 1").fetchone()
        values = {"code": "000.00.20.H26-251208-", "body": body, "state": "sent"}
        values |= {"agency": agency, "desk": desk, "days": days, "first": first, "last": last}
        db.execute(SEED, values)


def size(url: str, vacuum: bool = False) -> int:
    with server.connect(url) as db:
        if vacuum:
            db.autocommit = True
            db.execute("VACUUM counter.portal_messages")
        return int(db.execute(SIZE).fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a desk's file to take a real body from")
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--grow", type=int, default=100_000, help="messages added after")
    args = parser.parse_args()
    body = body_of(Path(args.db))
    pg = BenchServer(durable=True, connections=30)
    pg.start()
    try:
        office = Office(pg, "compaction_src", [AGENCY_CODE])
        office.add_desk("Ban 1")
        seed(office.url, body, 1, args.messages, 90)
        with server.connect(office.url) as db:
            db.autocommit = True
            db.execute("VACUUM ANALYZE counter.portal_messages")
            due = db.execute(
                f"SELECT count(*) FROM counter.portal_messages WHERE state = 'sent' AND {DUE}"
            ).fetchone()[0]
        sides = ("compacted", "plain", "kept")
        pg.execute(*(f"CREATE DATABASE {side} TEMPLATE compaction_src" for side in sides))
        urls = {side: pg.url(side) for side in sides}
        before = size(urls["compacted"])
        engine, sessions = portal_office.office_sessions(urls["compacted"])
        started = time.perf_counter()
        given = portal_office.compact(sessions, budget_s=float("inf"))  # all, not one pass
        took = time.perf_counter() - started
        engine.dispose()
        with server.connect(urls["plain"]) as db:
            started = time.perf_counter()
            db.execute(
                "UPDATE counter.portal_messages SET body = jsonb_build_array("
                f"jsonb_build_object('MaHoSo', code)) WHERE state = 'sent' AND {DUE}"
            )
            db.commit()
            plain = time.perf_counter() - started
        vacuumed = {side: size(urls[side], vacuum=True) for side in ("compacted", "kept")}
        for side in ("compacted", "kept"):
            seed(urls[side], body, args.messages + 1, args.messages + args.grow, 1)
        grown = {side: size(urls[side]) - vacuumed[side] for side in ("compacted", "kept")}
    finally:
        pg.destroy()
    print(f"Office portal compaction; {environment()}\nPostgreSQL {pg.bindir}, fsync on")
    scope(
        f"{args.messages:,} sent messages over 90 days ({due:,} sent more than 30 days ago), "
        f"a body of {len(body.encode()):,} bytes each; {args.grow:,} messages added after"
    )
    mib = 2**20
    print(
        table(
            ["what", "value"],
            [
                ["bodies given back", f"{given:,}"],
                ["time (chunks of 1,000, each its own transaction)", f"{took:.1f} s"],
                ["bodies given back per second", f"{given / took:,.0f}" if took else "-"],
                ["one plain UPDATE of the same rows (the floor)", f"{plain:.1f} s"],
                ["ratio to the plain UPDATE", f"{took / plain:.2f}×" if plain else "-"],
                ["table with TOAST and indexes, before", f"{before / mib:.1f} MiB"],
                ["after the compaction and a VACUUM", f"{vacuumed['compacted'] / mib:.1f} MiB"],
                ["kept copy grew by (baseline)", f"{grown['kept'] / mib:.1f} MiB"],
                ["compacted copy grew by", f"{grown['compacted'] / mib:.1f} MiB"],
            ],
        )
    )
    ratio = grown["compacted"] / grown["kept"] if grown["kept"] > 0 else float("nan")
    print(
        verdict_table(
            [verdict("compacted growth / kept growth", ratio, 0.5, "×", below=False, n=args.grow)]
        )
    )


if __name__ == "__main__":
    main()
