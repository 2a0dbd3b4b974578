"""The digitisation rates at scale: `report digitisation` for a reporting year.

    python bench/digitisation_report.py --db /tmp/bench/2m.db [--n 20] [--by field]
    python bench/digitisation_report.py --db /tmp/bench/digi.db --synthetic 2000000

`--synthetic N` makes a new database (the sample catalog, the demo desk's officers) whose
N dossiers exist only as digitisation rows, 1,500 a working day going back from today,
for a figure at a size bench/seed.py takes long to build: the report reads only these
rows and the catalog.

On a database made by bench/seed.py. Seed.py writes no digitised documents, so when the
digitisation facts (digitisation_dossiers) are empty this bench first gives every
dossier of the report facts a row of its own (its reception day, officer, version, and
its first end when it was a result back), with flags drawn from a seeded generator in the
shares a commune reports (a component digitised for 85 %, every required line for 70 %,
a digitised result for 75 % of the resolved): the report reads only these rows, so their
shares change what it adds, not how much it reads. The period is the last reporting year
(cut-off 14) that has ended; its dossier count is printed, and no verdict is given on an
empty one.

Interleaved (`_common.interleave`: `--n` rounds after one warm round, the order rotated
each round): `reports.digitisation.digitisation` in a read unit of work, against the
baseline of counting the period's receptions and resolutions in the same table (two
COUNTs on the same indexes). Median, p95 (from 20 runs) and max with n; the verdict on
p95 against < 1 s; also `--missing result` limited to 200 codes (the dashboard's list).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
import uuid
from datetime import date
from pathlib import Path

from _common import (
    environment,
    interleave,
    require_db,
    scope,
    sqlite_url,
    summary_ms,
    table,
    verdict,
    verdict_table,
)
from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.facts.digitised import TABLE, day_number
from counter_app.models import Agency, ProcedureVersion
from counter_app.reports import digitisation, periods

T = TABLE.c
SHARES = (0.85, 0.70, 0.75)  # component, every required line, result


def seed_facts(path: str, seed: int) -> int:
    """The digitisation rows of every dossier of report_dossiers (see the docstring)."""
    db = sqlite3.connect(path)
    try:
        if db.execute("SELECT 1 FROM digitisation_dossiers LIMIT 1").fetchone():
            return 0
        rng = random.Random(seed)
        component, required, result = SHARES
        rows = db.execute(
            "SELECT dossier_id, agency_id, procedure_version_id, officer_id, received_on, "
            "finish, finished_on FROM report_dossiers"
        )
        count = 0
        while batch := rows.fetchmany(50_000):
            values = []
            for dossier, agency, version, officer, received_on, finish, finished_on in batch:
                resolved = _day(finished_on) if finish == "result_back" else None
                values.append(
                    (
                        dossier,
                        agency,
                        version,
                        officer,
                        _day(received_on),
                        rng.random() < component,
                        rng.random() < required,
                        finish is not None,
                        resolved,
                        resolved is not None and rng.random() < result,
                    )
                )
            db.executemany("INSERT INTO digitisation_dossiers VALUES (?,?,?,?,?,?,?,?,?,?)", values)
            count += len(values)
        db.execute("ANALYZE digitisation_dossiers")
        db.commit()
        return count
    finally:
        db.close()


def synthetic(path: str, count: int, seed: int) -> int:
    """A new database of `count` dossiers as digitisation rows only (see the docstring)."""
    from counter_app.config import SAMPLE_CATALOG
    from counter_app.services import desk
    from counter_app.services.catalog import catalog

    engine = make_engine(sqlite_url(path))
    migrate(engine)
    with unit_of_work(session_factory(engine), write=True) as s:
        imported = catalog.import_catalog(s, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        officer = desk.officer(s, "motcua").id
        agency = s.scalars(select(Agency)).one().id
        versions = list(s.scalars(select(ProcedureVersion.id)))
    del imported
    engine.dispose()
    rng = random.Random(seed)
    component, required, result = SHARES
    today, made = day_number(now().date()), 0
    db = sqlite3.connect(path)
    try:
        day = today
        while made < count:
            day -= 1
            if (day + 3) % 7 >= 5:  # Saturday, Sunday (1970-01-01 was a Thursday)
                continue
            values = []
            for _ in range(min(1500, count - made)):
                resolved = day + rng.randint(1, 20) if rng.random() < 0.9 else None
                values.append(
                    (
                        uuid.UUID(int=rng.getrandbits(128)).bytes,
                        agency.bytes,
                        rng.choice(versions).bytes,
                        officer.bytes,
                        day,
                        rng.random() < component,
                        rng.random() < required,
                        resolved is not None,
                        resolved if resolved is not None and resolved < today else None,
                        resolved is not None and rng.random() < result,
                    )
                )
            db.executemany("INSERT INTO digitisation_dossiers VALUES (?,?,?,?,?,?,?,?,?,?)", values)
            made += len(values)
        db.execute("ANALYZE")
        db.commit()
    finally:
        db.close()
    return made


def _day(value: object) -> int | None:
    """A report day as the report facts keep it: a day number since migration 0011 (an ISO
    date in a database seeded before it)."""
    if value is None or isinstance(value, int):
        return value
    return day_number(date.fromisoformat(str(value)[:10]))


def choose_period(sessions, today: date) -> tuple[periods.Period, int]:  # type: ignore[no-untyped-def]
    """The last reporting year that has ended (cut-off 14), and its dossiers."""
    year = today.year if today >= date(today.year, 12, 15) else today.year - 1
    period = periods.preset(str(year))
    with unit_of_work(sessions) as s:
        return period, _count(s, period)


def _count(s, period: periods.Period) -> int:  # type: ignore[no-untyped-def]
    a, b = day_number(period.first), day_number(period.last)
    return int(s.scalar(select(func.count()).where(T.received_day >= a, T.received_day <= b)) or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="a database made by bench/seed.py")
    parser.add_argument("--n", type=int, default=20, help="interleaved rounds")
    parser.add_argument("--by", default="field", choices=digitisation.BY)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--synthetic", type=int, metavar="N", help="make a new --db of N rows")
    args = parser.parse_args(argv)
    print(environment(), flush=True)
    if args.synthetic:
        if Path(args.db).exists():
            parser.error(f"--synthetic makes a new database: {args.db} exists")
        started = time.perf_counter()
        made = synthetic(args.db, args.synthetic, args.seed)
        print(f"synthetic digitisation rows: {made:,} in {time.perf_counter() - started:.0f} s")
    path = require_db(args.db)
    engine = make_engine(sqlite_url(path))
    migrate(engine)  # a database seeded before 0013 gets the table
    started = time.perf_counter()
    seeded = seed_facts(str(path), args.seed)
    if seeded:
        print(f"seeded digitisation rows: {seeded:,} in {time.perf_counter() - started:.0f} s")
    sessions = session_factory(engine)
    period, size = choose_period(sessions, now().date())
    with unit_of_work(sessions) as s:
        agency = s.scalars(select(Agency)).one()
        total = s.scalar(select(func.count()).select_from(TABLE))
    scope(f"{period.wording}: {size:,} dossiers received (of {total:,} rows), by {args.by}")
    a, b = day_number(period.first), day_number(period.last)

    def report(_i: int) -> None:
        with unit_of_work(sessions) as s:
            digitisation.digitisation(s, agency, period, args.by)

    def baseline(_i: int) -> None:
        with unit_of_work(sessions) as s:
            s.scalar(select(func.count()).where(T.received_day >= a, T.received_day <= b))
            s.scalar(select(func.count()).where(T.resolved_day >= a, T.resolved_day <= b))

    def missing(_i: int) -> None:
        with unit_of_work(sessions) as s:
            digitisation.missing(s, agency, period, "result", limit=200)

    found = interleave({"report": report, "baseline": baseline, "missing": missing}, args.n)
    rows = []
    for name in ("report", "missing", "baseline"):
        m = summary_ms(found[name])
        base = summary_ms(found["baseline"])["p50"]
        rows.append([name, m["n"], m["p50"], m["p95"], m["max"], m["p50"] / base])
    print(table(["figure", "n", "p50 ms", "p95 ms", "max ms", "× baseline p50"], rows))
    print(
        verdict_table(
            [
                verdict(
                    "report digitisation, a year, p95", rows[0][3], 1000, n=rows[0][1], scope=size
                ),
                verdict("missing (200 codes), p95", rows[1][3], 1000, n=rows[1][1], scope=size),
            ]
        )
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
