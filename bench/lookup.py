"""Lookup of one dossier by its scanned code: service layer vs raw sqlite3.

    python bench/lookup.py --db /tmp/bench/2m.db [--n 2000]

Service: `with unit_of_work(factory) as s: views.dossier_by_code(s, code)` (the dossier
joined with its procedure version, procedure and current unit, plus its history: events
joined with officers and units), a new unit of work per lookup as the desk does.
Raw: one persistent `sqlite3` connection running the two equivalent SELECTs and fetching
the rows (no objects built). Same random codes, same run; a warm-up pass over all codes
first, then the measured pass is interleaved (`_common.interleave`: each round one code
through every path, the order rotated each round; n = --n, p95 from 20, p99 from 100).
Targets: service/raw ≤ 10, service p99 < 5 ms; no verdict on a database without dossiers.

Cold: `--cold K` fresh processes (default 5) each open their own engine and connection and
look up two random codes, the first timed from the engine's creation (connection,
pragmas, statements compiled on first use, pages read); once with the database file in
the OS cache, once with it dropped from it (posix_fadvise DONTNEED). Target: cold first
lookup under 100 ms (the scan's whole budget). Median, p95 and maximum for every path.

--floor also times an empty unit of work (BEGIN, SELECT 1, rollback), the floor of any
service call. (The statements of views.py are built once at import since this benchmark
showed that building them per call cost 25 times the query.)
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import sys
import time

from _common import (
    cold_runs,
    environment,
    interleave,
    require_db,
    scope,
    spread_ms,
    sqlite_url,
    summary_ms,
    table,
    verdict,
    verdict_table,
)
from sqlalchemy import text

from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.services.dossiers import views

RAW_DOSSIER = """
SELECT d.*, p.code, v.name, v.label, u.code
FROM dossiers d
JOIN procedure_versions v ON v.id = d.procedure_version_id
JOIN procedures p ON p.id = v.procedure_id
LEFT OUTER JOIN units u ON u.id = d.current_unit_id
WHERE d.code = ?
"""
RAW_HISTORY = """
SELECT e.dossier_id, e.at, e.kind, o.username, fu.code, tu.code, e.note, e.data
FROM events e
JOIN officers o ON o.id = e.officer_id
LEFT OUTER JOIN units fu ON fu.id = e.from_unit_id
LEFT OUTER JOIN units tu ON tu.id = e.to_unit_id
WHERE e.dossier_id IN (?)
ORDER BY e.at, e.desk_seq
"""


def raw_lookup(conn: sqlite3.Connection, code: str) -> tuple[tuple, list[tuple]]:  # type: ignore[type-arg]
    row = conn.execute(RAW_DOSSIER, (code,)).fetchone()
    if row is None:
        raise LookupError(code)
    return row, conn.execute(RAW_HISTORY, (row[0],)).fetchall()


def floor_variant(factory):  # type: ignore[no-untyped-def]
    """An empty unit of work (BEGIN, SELECT 1, rollback): the floor of any service call."""

    def empty_uow(code: str) -> None:
        with unit_of_work(factory) as s:
            s.execute(text("SELECT 1")).scalar()

    return [("floor: empty unit_of_work + SELECT 1", empty_uow)]


def child(db: str, codes: list[str]) -> None:
    """A fresh process: the seconds of each lookup, the first one from a new engine."""
    clock = time.perf_counter
    start = clock()
    engine = make_engine(sqlite_url(db))
    factory = session_factory(engine)
    times = []
    for code in codes:
        with unit_of_work(factory) as s:
            views.dossier_by_code(s, code)
        times.append(clock() - start)
        start = clock()
    print(" ".join(f"{t:.6f}" for t in times))
    engine.dispose()


def pick_codes(conn: sqlite3.Connection, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    max_rowid = conn.execute("SELECT max(rowid) FROM dossiers").fetchone()[0]
    codes: list[str] = []
    while len(codes) < n:
        row = conn.execute(
            "SELECT code FROM dossiers WHERE rowid = ?", (rng.randint(1, max_rowid),)
        ).fetchone()
        if row:
            codes.append(row[0])
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=2000, help="random codes (default 2000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cold", type=int, default=5, help="fresh processes (each way)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--floor", action="store_true", help="also time an empty unit of work (see above)"
    )
    args = parser.parse_args(argv)
    path = require_db(args.db)
    if args.child:
        child(str(path), args.child)
        return 0

    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")  # as the engine's connections
    if not raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]:
        print(f"measured: nothing — {path} has no dossiers; no verdicts")
        return 0
    codes = pick_codes(raw, args.n, args.seed)
    fresh = pick_codes(raw, 4 * args.cold, args.seed + 1)
    cold = {
        "cold, OS cache warm": cold_runs(__file__, path, fresh[: 2 * args.cold], False),
        "cold, file dropped from OS cache": cold_runs(__file__, path, fresh[2 * args.cold :], True),
    }
    engine = make_engine(sqlite_url(path))
    factory = session_factory(engine)

    def service(code: str) -> views.DossierView:
        with unit_of_work(factory) as s:
            return views.dossier_by_code(s, code)

    variants = floor_variant(factory) if args.floor else []
    # Warm-up: every code once through every path (page cache, statement caches, pool).
    for code in codes:
        view = service(code)
        row, history = raw_lookup(raw, code)
        assert view.code == row[1] and len(view.history) == len(history), code
        for _name, fn in variants:
            other = fn(code)
            assert other is None or other == view, code

    paths = [("service", service), ("raw", lambda c: raw_lookup(raw, c)), *variants]
    # One code per round, every path on it, the order rotated each round.
    timings = interleave(
        {name: (lambda i, fn=fn: (fn(codes[i]), None)[1]) for name, fn in paths}, len(codes), warm=0
    )
    t_service, t_raw = timings["service"], timings["raw"]
    events = sum(len(raw_lookup(raw, c)[1]) for c in codes)
    n_dossiers = raw.execute("SELECT max(rowid) FROM dossiers").fetchone()[0]
    raw.close()
    engine.dispose()

    s, r = summary_ms(t_service), summary_ms(t_raw)
    print(f"Lookup by code on {path}; {environment()}; gc {'on' if gc.isenabled() else 'off'}")
    scope(
        f"~{n_dossiers:,} dossiers; {len(codes):,} random codes, {events / len(codes):.2f} "
        f"events each, every path on each code, interleaved (order rotated); "
        f"{args.cold} fresh processes of each cold kind"
    )
    rows = [
        [
            "service: unit_of_work + views.dossier_by_code",
            s["n"],
            s["mean"],
            s["p50"],
            s["p95"],
            s["p99"],
            s["max"],
        ],
        [
            "raw sqlite3: 2 SELECTs, fetchall",
            r["n"],
            r["mean"],
            r["p50"],
            r["p95"],
            r["p99"],
            r["max"],
        ],
    ]
    for name, _fn in variants:
        v = summary_ms(timings[name])
        rows.append([name, v["n"], v["mean"], v["p50"], v["p95"], v["p99"], v["max"]])
    print(table(["path (ms)", "n", "mean", "p50", "p95", "p99", "max"], rows))
    ratio_p50, ratio_mean = s["p50"] / r["p50"], s["mean"] / r["mean"]
    cold_rows = []
    for name, pairs in cold.items():
        cold_rows += [
            [f"{name}: first lookup, new engine", len(pairs), *spread_ms([a for a, _ in pairs])],
            [f"{name}: second lookup", len(pairs), *spread_ms([b for _, b in pairs])],
        ]
    print(table(["fresh process (ms)", "n", "p50", "p95", "max"], cold_rows))
    ratio_p50, ratio_mean = s["p50"] / r["p50"], s["mean"] / r["mean"]
    n = len(codes)
    print(
        verdict_table(
            [
                verdict(
                    "ratio service/raw (p50)",
                    ratio_p50,
                    10,
                    "×",
                    below=False,
                    n=n,
                    scope=n_dossiers,
                ),
                verdict(
                    "ratio service/raw (mean)",
                    ratio_mean,
                    10,
                    "×",
                    below=False,
                    n=n,
                    scope=n_dossiers,
                ),
                verdict("service p99 (ms)", s["p99"], 5, n=n, scope=n_dossiers),
                *(
                    verdict(f"{row[0]} p95", row[3], 100, n=row[1], scope=n_dossiers)
                    for row in cold_rows[::2]
                ),
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
