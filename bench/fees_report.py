"""The fee report at scale (issue 23: "fee report for a year at 2 M dossiers < 1 s").

    python bench/fees_report.py --db /tmp/bench/2m.db [--n 20] [--share 0.30]

On a database made by bench/seed.py. Seed.py writes no fees, so when fee_payments is
empty this bench first writes the fee rows straight into it (sqlite3 executemany, the
columns in the program's own storage: 16-byte UUIDs, seconds since 1970 for times), for
`--share` of all dossiers (30 %: drawn among those whose procedure version owes a fee in
the sample catalog, 22 procedures of 35; the amount is the version's total):
* 90 % pay all at reception (5–15 minutes after it), 10 % in two parts, the rest 3–10
  days later (so a payment's share of phí and lệ phí depends on what was paid before);
  the first part a quarter of the total (`--partial aligned`: with `--kinds mixed`, the
  phí first, the lệ phí at return), or any amount (`--partial random`: the stress case,
  a distinct position for nearly every part); `--reseed` writes the fee rows again;
* methods: cash 60 %, qr 25 %, transfer 15 %; the officer is the one who received it;
* 0.5 % of receipts replaced an hour later (the replaced row kept, as the program keeps
  it); receipts numbered without holes per yearly series;
* the dossiers of a version with exemptions (2.000635): 5 % exempted instead, at their
  reception event;
* the schedules, at each run: `--kinds mixed` (the default, the worst case) gives every
  version that owes a fee two items, phí (a quarter) then lệ phí, so that every payment's
  split needs what its dossier paid before; `--kinds catalog` puts back the sample
  catalog's (all of one kind: the split needs nothing more). The payments stay the same.
No `paid` events are written (the report reads fee_payments and the catalog, never the
events of a payment): the payment rows carry fresh event ids.

The period is the last reporting year (cut-off 14) that has ended and that the data
cover from its first day (`--period` another); its receipts are counted and printed, and
no verdict is given on an empty one. Interleaved (`_common.interleave`: `--n` rounds
after one warm round, the order rotated each round), each in a read unit of work:
* `reports.fees.fees(…, by="procedure")` — the whole report with its rows;
* baseline: Biểu 06 of the same period by field (`reports.bieu06.bieu06`), the figure
  the leader already waits for;
* floor: one count and sum of the period's receipts in force (the index on `at`), what
  reading those rows costs at the least.
Median, p95 (from 20 runs), max with n; the verdict on the report's p95 against < 1 s.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from contextlib import closing
from datetime import date
from typing import Any

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
from counter_app.facts.fold import DOSSIERS
from counter_app.models import Agency, FeePayment, ProcedureVersion
from counter_app.models.base import from_stored
from counter_app.reports import bieu06, fee_kinds, fees, periods
from counter_app.services.catalog.fee_schedule import schedule_of

METHODS = (("cash", 0.60), ("qr", 0.25), ("transfer", 0.15))
TWO_PARTS, REPLACED, EXEMPT = 0.10, 0.005, 0.05
TEMPLATE = "01BLP0-001"
INSERT = (
    "INSERT INTO fee_payments (event_id, dossier_id, agency_id, amount, method, officer_id, "
    "at, template, series, number, replaces, replaced_by, reason, reference) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)"
)


def set_kinds(path: str, kinds: str) -> None:
    """The catalog's schedules as imported (`catalog`), or every version that owes a fee
    given two items, phí (a quarter of the total) then lệ phí (`mixed`). The imported
    schedules are kept aside in bench_fee_schedules the first time, to come back to."""
    db = sqlite3.connect(path)
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS bench_fee_schedules (id BLOB PRIMARY KEY, fee_schedule)"
        )
        db.execute(
            "INSERT OR IGNORE INTO bench_fee_schedules SELECT id, fee_schedule "
            "FROM procedure_versions"
        )
        rows = db.execute("SELECT id, fee_schedule FROM bench_fee_schedules").fetchall()
        fees = dict(db.execute("SELECT id, fee FROM procedure_versions").fetchall())
        for vid, stored in rows:
            schedule = json.loads(stored) if stored else None
            total = schedule_of(schedule, fees[vid]).total
            if kinds == "mixed" and total >= 2:
                items = [
                    {"name": "Phí thẩm định hồ sơ", "kind": "phi", "amount": total // 4},
                    {"name": "Lệ phí cấp giấy", "kind": "le_phi", "amount": total - total // 4},
                ]
                schedule = (schedule or {"collect": "before", "exemptions": []}) | {"items": items}
            db.execute(
                "UPDATE procedure_versions SET fee_schedule = ? WHERE id = ?",
                (None if schedule is None else json.dumps(schedule, ensure_ascii=False), vid),
            )
        db.commit()
    finally:
        db.close()


def _versions(path: str) -> tuple[dict[bytes, int], set[bytes]]:
    """Each version's total owed (stored id → đồng), and the versions with exemptions."""
    engine = make_engine(sqlite_url(path))
    try:
        with unit_of_work(session_factory(engine)) as s:
            rows = s.execute(
                select(ProcedureVersion.id, ProcedureVersion.fee_schedule, ProcedureVersion.fee)
            ).all()
    finally:
        engine.dispose()
    totals, exempting = {}, set()
    for vid, stored, fee in rows:
        schedule = schedule_of(stored, fee)
        totals[vid.bytes] = schedule.total
        if schedule.exemptions:
            exempting.add(vid.bytes)
    return totals, exempting


def _method(rng: random.Random) -> str:
    x = rng.random()
    for method, share in METHODS:
        if x < share:
            return method
        x -= share
    return METHODS[-1][0]


class Receipts:
    """The rows of fee_payments, numbered per yearly series, written by batches."""

    def __init__(self, db: sqlite3.Connection, rng: random.Random) -> None:
        self.db, self.rng, self.rows, self.count = db, rng, [], 0
        self.numbers: dict[str, int] = {}

    def add(self, dossier: bytes, agency: bytes, amount: int, officer: bytes, at: Any) -> None:
        series = f"AA-{from_stored(at).year % 100:02d}E"
        event = self.rng.getrandbits(128).to_bytes(16, "big")
        replaced = self.rng.random() < REPLACED
        new = self.rng.getrandbits(128).to_bytes(16, "big") if replaced else None
        method = _method(self.rng)
        row = (dossier, agency, amount, method, officer)
        self.rows.append((event, *row, at, TEMPLATE, series, self._next(series), None, new, None))
        if new is not None:
            number = self._next(series)
            self.rows.append(
                (new, *row, at + 3600, TEMPLATE, series, number, event, None, "Ghi sai họ tên")
            )
        if len(self.rows) >= 50_000:
            self.flush()

    def _next(self, series: str) -> int:
        self.numbers[series] = self.numbers.get(series, 0) + 1
        return self.numbers[series]

    def flush(self) -> None:
        self.db.executemany(INSERT, self.rows)
        self.count += len(self.rows)
        self.rows = []


def seeded(path: str) -> bool:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT 1 FROM fee_payments LIMIT 1").fetchone() is not None


def unseed(path: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("DELETE FROM fee_payments")
        db.execute("DELETE FROM fee_exemptions")
        db.commit()


def seed_fees(path: str, share: float, seed: int, partial: str) -> tuple[int, int, int]:
    """(dossiers with a fee, receipts, exemptions) written."""
    totals, exempting = _versions(path)
    db = sqlite3.connect(path)
    try:
        owing = [v for v, total in totals.items() if total]
        marks = ",".join("?" * len(owing))
        (all_dossiers,) = db.execute("SELECT count(*) FROM dossiers").fetchone()
        (with_fee,) = db.execute(
            f"SELECT count(*) FROM dossiers WHERE procedure_version_id IN ({marks})", owing
        ).fetchone()
        draw = min(1.0, share * all_dossiers / with_fee) if with_fee else 0.0
        rng, receipts, exempt, chosen = (
            random.Random(seed),
            Receipts(db, random.Random(seed)),
            [],
            0,
        )
        rows = db.execute(
            "SELECT id, agency_id, procedure_version_id, received_by_id, received_at "
            f"FROM dossiers WHERE procedure_version_id IN ({marks}) ORDER BY received_at",
            owing,
        )
        while batch := rows.fetchmany(50_000):
            for dossier, agency, version, officer, received in batch:
                if rng.random() >= draw:
                    continue
                chosen += 1
                if version in exempting and rng.random() < EXEMPT:
                    exempt.append(dossier)
                    continue
                total, at = totals[version], received + rng.randint(300, 900)
                if rng.random() < TWO_PARTS and total > 3:
                    first = rng.randint(1, total - 1) if partial == "random" else total // 4
                    receipts.add(dossier, agency, first, officer, at)
                    later = at + rng.randint(3, 10) * 86_400
                    receipts.add(dossier, agency, total - first, officer, later)
                else:
                    receipts.add(dossier, agency, total, officer, at)
        receipts.flush()
        for dossier in exempt:
            (event,) = db.execute(
                "SELECT id FROM events WHERE dossier_id = ? ORDER BY at LIMIT 1", (dossier,)
            ).fetchone()
            db.execute(
                "INSERT INTO fee_exemptions (dossier_id, event_id, code) VALUES (?, ?, ?)",
                (dossier, event, "ho_ngheo"),
            )
        db.execute("ANALYZE fee_payments")
        db.execute("ANALYZE fee_exemptions")
        db.commit()
        return chosen, receipts.count, len(exempt)
    finally:
        db.close()


def choose_period(sessions, today: date) -> tuple[periods.Period, int, int]:  # type: ignore[no-untyped-def]
    """The last reporting year that has ended and that the receipts cover from its first
    day, its receipts in force and all the receipts of the database."""
    p = FeePayment
    with unit_of_work(sessions) as s:
        first, total = s.execute(select(func.min(p.at), func.count())).one()
        year = today.year if today >= date(today.year, 12, 15) else today.year - 1
        period = periods.preset(str(year))
        while first is not None and period.start < first and year > first.year:
            year -= 1
            period = periods.preset(str(year))
        return period, _count(s, period), int(total)


def _count(s, period: periods.Period) -> int:  # type: ignore[no-untyped-def]
    p = FeePayment
    return int(
        s.scalar(
            select(func.count()).where(
                p.at >= period.start, p.at < period.end, p.replaced_by.is_(None)
            )
        )
        or 0
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="a database made by bench/seed.py")
    parser.add_argument("--n", type=int, default=20, help="interleaved rounds")
    parser.add_argument("--share", type=float, default=0.30, help="dossiers with a fee paid")
    parser.add_argument("--by", default="procedure", choices=fees.FEES_BY)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--period", help="another period (2026, 2026-Q4, 2026-11…)")
    parser.add_argument(
        "--partial",
        choices=("aligned", "random"),
        default="aligned",
        help="a two-part payment's first part when seeding: a quarter, or any amount",
    )
    parser.add_argument("--reseed", action="store_true", help="write the fee rows again")
    parser.add_argument(
        "--kinds", choices=("mixed", "catalog"), default="mixed", help="the versions' items"
    )
    args = parser.parse_args(argv)
    print(environment(), flush=True)
    path = require_db(args.db)
    engine = make_engine(sqlite_url(path))
    migrate(engine)  # a database seeded before 0018 gets the fee tables
    started = time.perf_counter()
    if args.reseed and seeded(str(path)):
        unseed(str(path))
    if not seeded(str(path)):
        chosen, written, exempted = seed_fees(str(path), args.share, args.seed, args.partial)
        print(
            f"seeded fees: {chosen:,} dossiers, {written:,} receipts, {exempted:,} exempted "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    set_kinds(str(path), args.kinds)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as s:
        known = fee_kinds.schedules(s)
    mixing = sum(fee_kinds.mixed(v) for v in known.values())
    owing = sum(bool(v.total) for v in known.values())
    print(f"catalog: {owing} of {len(known)} versions owe a fee, {mixing} mix phí and lệ phí")
    period, size, total = choose_period(sessions, now().date())
    if args.period:
        period = periods.preset(args.period)
        with unit_of_work(sessions) as s:
            size = _count(s, period)
    with unit_of_work(sessions) as s:
        agency = s.scalars(select(Agency)).one()
        dossiers = s.scalar(select(func.count()).select_from(DOSSIERS))
    scope(
        f"{period.wording}: {size:,} receipts in force (of {total:,} receipts; "
        f"{dossiers:,} dossiers in the report facts), by {args.by}"
    )
    if not size:
        print("no receipts in the period: nothing timed, no verdict")
        return 0
    p = FeePayment

    def report(_i: int) -> None:
        with unit_of_work(sessions) as s:
            fees.fees(s, agency, period, args.by)

    def form(_i: int) -> None:
        with unit_of_work(sessions) as s:
            bieu06.bieu06(s, agency, period, "field")

    def floor(_i: int) -> None:
        with unit_of_work(sessions) as s:
            s.execute(
                select(func.count(), func.sum(p.amount)).where(
                    p.at >= period.start, p.at < period.end, p.replaced_by.is_(None)
                )
            ).one()

    found = interleave({"report": report, "bieu06": form, "floor": floor}, args.n)
    base = summary_ms(found["bieu06"])["p50"]
    rows = []
    for name, label in (
        ("report", f"report fees --by {args.by}"),
        ("bieu06", "Biểu 06 by field (baseline)"),
        ("floor", "count + sum of the receipts (floor)"),
    ):
        m = summary_ms(found[name])
        rows.append([label, m["n"], m["p50"], m["p95"], m["max"], m["p50"] / base])
    print(table(["figure", "n", "p50 ms", "p95 ms", "max ms", "× Biểu 06 p50"], rows))
    print(
        verdict_table(
            [verdict("report fees, a year, p95", rows[0][3], 1000, n=rows[0][1], scope=size)]
        )
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
