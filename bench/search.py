"""Accent-free name search: `search.find_ids` vs the raw sqlite3 FTS5 query.

    python bench/search.py --db /tmp/bench/2m.db [--n 300]

Queries of the shapes a desk types, spread evenly over the shapes (a few variants each):
a common family name alone ("nguyen"), family + given ("nguyen hoa"), a given name alone
("hoa"), a full name without accents (taken from the data), with accents and upper case
("NGUYỄN Văn"), a prefix ("ngu"), and rare names. Each query runs, in the same pass,
through `search.find_ids(session, q)` (limit 50, one unit of work each), through the raw
sqlite3 equivalent (same MATCH expression, the FTS rows joined to their dossiers in one
SELECT, on one persistent connection; same set of ids as find_ids), and
through `search.find` (ids + views of the 50 dossiers) for reference, interleaved
(`_common.interleave`: each round one query through every path, the order rotated each
round). A warm-up pass runs every query first. Target: find_ids p95 < 100 ms; p95 from 20
samples (a shape's row may have fewer: then "-"), p99 from 100; no verdict on a database
without dossiers.

Cold: `--cold K` fresh processes (default 5) each open their own engine and run two
queries, the first timed from the engine's creation; once with the database in the OS
cache, once with it dropped (posix_fadvise DONTNEED). Target: cold first search p95 under
100 ms too. Median, p95 and maximum for every path.

--what-if copies the folded names into two scratch FTS5 files beside --db (deleted after),
one with the app's prefix='2 3', one with prefix='2 3 4 5 6', and times the same MATCH on
both: words longer than the largest prefix length are expanded term by term by FTS5 (the
"nguyen"* case), which a longer prefix index avoids, at the cost of index size.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import time
from collections import defaultdict

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

from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.services.dossiers import search
from counter_app.text import fold

RAW_SQL = (
    "SELECT d.id FROM dossier_fts JOIN dossiers d ON d.{key} = dossier_fts.rowid "
    "WHERE dossier_fts MATCH ? ORDER BY dossier_fts.rowid DESC LIMIT ?"
)
SHAPES: dict[str, list[str]] = {
    "family alone": ["nguyen", "tran", "le", "pham", "hoang"],
    "family + given": ["nguyen hoa", "tran lan", "le hung", "pham mai", "nguyen an"],
    "given alone": ["hoa", "lan", "hung", "trang", "minh"],
    "full name, no accents": [],  # filled from the data
    "accents + upper case": ["NGUYỄN Văn", "TRẦN THỊ", "Lê Văn HÙNG", "PHẠM Thị Mai", "ĐẶNG Quốc"],
    "prefix": ["ngu", "tr", "ho", "ph", "nguy"],
    "rare": ["khuc", "ong thi", "giap van tu", "khong ngoc", "mac thi vy"],
}


def match_expression(query: str) -> str:
    """The MATCH string search._by_name builds."""
    return " AND ".join(f'"{word}"*' for word in fold(query).split())


def fts_what_if(path, queries: list[str], runs: int = 5) -> None:  # type: ignore[no-untyped-def]
    import os
    import statistics

    src = sqlite3.connect(path)
    key = (
        "search_no"
        if any(r[1] == "search_no" for r in src.execute("PRAGMA table_info(dossiers)"))
        else "rowid"
    )
    names = src.execute(f"SELECT {key}, name_key FROM dossiers ORDER BY {key}").fetchall()
    src.close()
    results = {}
    for label, prefix in (("prefix='2 3' (app)", "2 3"), ("prefix='2 3 4 5 6'", "2 3 4 5 6")):
        scratch = f"{path}.fts-{prefix.replace(' ', '')}"
        if os.path.exists(scratch):
            os.unlink(scratch)
        c = sqlite3.connect(scratch)
        c.execute("PRAGMA journal_mode=OFF")
        c.execute("PRAGMA synchronous=OFF")
        t0 = time.perf_counter()
        c.execute(
            f"CREATE VIRTUAL TABLE f USING fts5(name_key, tokenize='unicode61', prefix='{prefix}')"
        )
        c.executemany("INSERT INTO f(rowid, name_key) VALUES (?, ?)", names)
        c.commit()
        build = time.perf_counter() - t0
        c.execute("INSERT INTO f(f) VALUES('optimize')")
        c.commit()
        size = os.path.getsize(scratch)
        per_q = {}
        for q in queries:
            m = match_expression(q)
            c.execute(
                "SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid DESC LIMIT 50", (m,)
            ).fetchall()
            ts = []
            for _ in range(runs):
                t0 = time.perf_counter()
                c.execute(
                    "SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid DESC LIMIT 50", (m,)
                ).fetchall()
                ts.append(time.perf_counter() - t0)
            per_q[q] = statistics.median(ts) * 1000
        c.close()
        os.unlink(scratch)
        results[label] = (size, build, per_q)
    labels = list(results)
    rows = [[repr(q), *(results[lb][2][q] for lb in labels)] for q in queries]
    rows.sort(key=lambda r: -r[1])
    print(
        table(
            ["query (raw MATCH, ms p50; scratch FTS, optimized)", *labels],
            rows,
            "What-if: FTS5 prefix index lengths",
        )
    )
    print(
        table(
            ["index", "size", "build s"],
            [[lb, f"{results[lb][0] / 2**20:,.1f} MiB", results[lb][1]] for lb in labels],
        )
    )


def child(db: str, queries: list[str]) -> None:
    """A fresh process: the seconds of each search, the first one from a new engine."""
    clock = time.perf_counter
    start = clock()
    engine = make_engine(sqlite_url(db))
    factory = session_factory(engine)
    times = []
    for q in queries:
        with unit_of_work(factory) as s:
            search.find_ids(s, q)
        times.append(clock() - start)
        start = clock()
    print(" ".join(f"{t:.6f}" for t in times))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=300, help="queries in the measured pass")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cold", type=int, default=5, help="fresh processes (each way)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--no-find", action="store_true", help="skip timing search.find")
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="also compare FTS5 prefix index lengths on scratch copies",
    )
    args = parser.parse_args(argv)
    path = require_db(args.db)
    if args.child:
        child(str(path), args.child)
        return 0
    rng = random.Random(args.seed)

    raw = sqlite3.connect(path)
    fts_sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_fts'").fetchone()[0]
    found = re.search(r"content_rowid\s*=\s*'?(\w+)", fts_sql)
    raw_sql = RAW_SQL.format(key=found.group(1) if found else "rowid")
    max_rowid = raw.execute("SELECT max(rowid) FROM dossiers").fetchone()[0]
    if not max_rowid:
        print(f"measured: nothing — {path} has no dossiers; no verdicts")
        return 0
    shapes = {k: list(v) for k, v in SHAPES.items()}
    while len(shapes["full name, no accents"]) < 10:
        row = raw.execute(
            "SELECT name_key FROM dossiers WHERE rowid = ?", (rng.randint(1, max_rowid),)
        ).fetchone()
        if row:
            shapes["full name, no accents"].append(row[0])
    per_shape = max(1, args.n // len(shapes))
    plan = [
        (shape, variants[i % len(variants)])
        for shape, variants in shapes.items()
        for i in range(per_shape)
    ]
    rng.shuffle(plan)

    fresh = [q for _, q in plan[: 4 * args.cold]]
    while len(fresh) < 4 * args.cold:
        fresh += fresh or ["nguyen"]
    cold = {
        "cold, OS cache warm": cold_runs(__file__, path, fresh[: 2 * args.cold], False),
        "cold, file dropped from OS cache": cold_runs(
            __file__, path, fresh[2 * args.cold : 4 * args.cold], True
        ),
    }
    engine = make_engine(sqlite_url(path))
    factory = session_factory(engine)

    def service(q: str) -> list:  # type: ignore[type-arg]
        with unit_of_work(factory) as s:
            return search.find_ids(s, q)

    def service_views(q: str) -> list:  # type: ignore[type-arg]
        with unit_of_work(factory) as s:
            return search.find(s, q)

    def raw_ids(q: str) -> list:  # type: ignore[type-arg]
        return raw.execute(raw_sql, (match_expression(q), search.DEFAULT_LIMIT)).fetchall()

    # Warm-up, result check and (untimed) total match counts per query.
    totals: dict[str, int] = {}
    returned: dict[str, int] = {}
    for _shape, q in {(s, q) for s, q in plan}:
        ids = service(q)
        assert {i.bytes for i in ids} == {r[0] for r in raw_ids(q)}, q
        returned[q] = len(ids)
        if not args.no_find:
            service_views(q)
        totals[q] = raw.execute(
            "SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH ?", (match_expression(q),)
        ).fetchone()[0]

    times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    per_query: dict[str, list[float]] = defaultdict(list)
    steps = {"find_ids": service, "raw": raw_ids}
    if not args.no_find:
        steps["find"] = service_views
    # One query per round, every path on it, the order rotated each round.
    found = interleave(
        {name: (lambda i, fn=fn: (fn(plan[i][1]), None)[1]) for name, fn in steps.items()},
        len(plan),
        warm=0,
    )
    for i, (shape, q) in enumerate(plan):
        for name in steps:
            dt = found[name][i]
            times[shape][name].append(dt)
            times["overall"][name].append(dt)
            if name == "find_ids":
                per_query[q].append(dt)
    raw.close()
    engine.dispose()

    print(f"Name search on {path}, limit {search.DEFAULT_LIMIT}; {environment()}")
    scope(
        f"~{max_rowid:,} dossiers; {len(plan)} queries ({per_shape} per shape, "
        f"{len(per_query)} distinct), every path on each, interleaved (order rotated); "
        f"{args.cold} fresh processes of each cold kind"
    )
    rows = []
    for shape in [*shapes, "overall"]:
        t = times[shape]
        f, r = summary_ms(t["find_ids"]), summary_ms(t["raw"])
        v = summary_ms(t["find"]) if not args.no_find else None
        rows.append(
            [
                shape,
                f["n"],
                f["p50"],
                f["p95"],
                f["p99"],
                f["max"],
                r["p50"],
                r["p95"],
                r["max"],
                f["p50"] / r["p50"],
                *(() if v is None else (v["p50"], v["p95"], v["max"])),
            ]
        )
    headers = [
        "shape (ms)",
        "n",
        "find_ids p50",
        "p95",
        "p99",
        "max",
        "raw p50",
        "p95",
        "max",
        "ratio p50",
        *(() if args.no_find else ("find+views p50", "p95", "max")),
    ]
    print(table(headers, rows))
    qrows = []
    for q in sorted(per_query, key=lambda q: -summary_ms(per_query[q])["p50"]):
        m = summary_ms(per_query[q])
        qrows.append(
            [repr(q), match_expression(q), totals[q], returned[q], m["n"], m["p50"], m["max"]]
        )
    print(
        table(
            ["query", "MATCH", "total matches", "returned", "runs", "find_ids p50", "max"],
            qrows,
            "Per query (slowest first)",
        )
    )
    cold_rows = []
    for name, pairs in cold.items():
        cold_rows += [
            [f"{name}: first search, new engine", len(pairs), *spread_ms([a for a, _ in pairs])],
            [f"{name}: second search", len(pairs), *spread_ms([b for _, b in pairs])],
        ]
    print(table(["fresh process (ms)", "n", "p50", "p95", "max"], cold_rows))
    overall = summary_ms(times["overall"]["find_ids"])
    print(
        verdict_table(
            [
                verdict(
                    "find_ids p95 overall (ms)",
                    overall["p95"],
                    100,
                    n=overall["n"],
                    scope=max_rowid,
                ),
                verdict(
                    "find_ids max overall (ms)",
                    overall["max"],
                    150,
                    n=overall["n"],
                    scope=max_rowid,
                ),
                *(
                    verdict(f"{row[0]} p95", row[3], 100, n=row[1], scope=max_rowid)
                    for row in cold_rows[::2]
                ),
            ]
        )
    )
    if args.what_if:
        fts_what_if(path, sorted(per_query))
    return 0


if __name__ == "__main__":
    sys.exit(main())
