"""The leader's figures at scale: Biểu 06 for a period on SQLite and PostgreSQL, the
dashboard's first paint, the workbook of the period by procedure.

    python bench/report.py --db /tmp/bench/2m.db [--n 20] [--pg auto|URL] [--no-gui]

The period is one the database holds data for: the last reporting year that has ended
and that the data cover from its start (cut-off 14), else the latest reporting month with
dossiers; its dossier count is printed, and no verdict is given when it is 0. Each figure
and its baseline are timed interleaved (`_common.interleave`: `--n` rounds after one warm
round, one run of each per round, the order rotated each round) and given as median, p95
(from 20 runs) and max with n, with a verdict against its target:
* Biểu 06 of that period, by field, through
  `reports.bieu06.bieu06` in a read unit of work — target < 1 s; baseline: counting the
  same period's rows of report_dossiers in one SELECT on the same connection;
* the same on PostgreSQL — `--pg auto` starts a throwaway server (tests/pg.py, fsync off),
  loads the catalog and the report facts from the SQLite file (bench/pg_load.py), and
  stops it at the end; `--pg URL` uses a database already loaded that way;
* the dashboard's first paint: from `open_dashboard` to its `painted` signal (tiles and
  all five charts filled), off screen, a new window and database connection each time —
  target < 300 ms; baseline: `reports.dashboard.picture` alone;
* Biểu 06 of the period by procedure written to .xlsx (query, workbook, file) — target < 2 s;
  baseline: the query alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
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
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.facts.fold import DOSSIERS
from counter_app.models import Agency
from counter_app.reports import bieu06, dashboard, export, periods


def timed(works: dict[str, Callable[[], object]], n: int) -> list[list[float]]:
    """The works interleaved, one warm round first: seconds of each, in order."""
    found = interleave({name: (lambda _i, w=work: w() and None) for name, work in works.items()}, n)
    return list(found.values())


def choose_period(url: str, today: date) -> tuple[periods.Period, int]:
    """The period the database holds data for, and its dossier count: the last reporting
    year that has ended and that the data cover from its first day, else the latest
    reporting month with dossiers (cut-off 14)."""
    engine = make_engine(url)
    try:
        with unit_of_work(session_factory(engine)) as s:

            def count(period: periods.Period) -> int:
                return int(
                    s.scalar(
                        select(func.count())
                        .select_from(DOSSIERS)
                        .where(
                            DOSSIERS.c.received_at >= period.start,
                            DOSSIERS.c.received_at < period.end,
                        )
                    )
                    or 0
                )

            first, last = s.execute(
                select(func.min(DOSSIERS.c.received_at), func.max(DOSSIERS.c.received_at))
            ).one()
            if first is None:
                period = periods.preset(str(today.year - 1))
                return period, 0
            first, last = (periods.parse_day(str(v)[:10], "received_at") for v in (first, last))
            year = today.year if today >= date(today.year, 12, 15) else today.year - 1
            while year >= first.year:
                period = periods.preset(str(year))
                if period.first >= first and (found := count(period)):
                    return period, found
                year -= 1
            period = periods.month_period(*periods.month_of(last))
            return period, count(period)
    finally:
        engine.dispose()


def form_timings(url: str, period: periods.Period, n: int) -> tuple[list[float], list[float]]:
    engine = make_engine(url)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        agency = session.scalars(select(Agency)).one()

    def form() -> None:
        with unit_of_work(sessions) as s:
            bieu06.bieu06(s, agency, period, "field")

    def rows() -> None:
        with unit_of_work(sessions) as s:
            s.scalar(
                select(func.count())
                .select_from(DOSSIERS)
                .where(DOSSIERS.c.received_at >= period.start, DOSSIERS.c.received_at < period.end)
            )

    form_s, rows_s = timed({"form": form, "rows": rows}, n)
    engine.dispose()
    return form_s, rows_s


def xlsx_timings(url: str, period: periods.Period, n: int) -> tuple[list[float], list[float]]:
    engine = make_engine(url)
    sessions = session_factory(engine)
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))

    def query() -> object:
        with unit_of_work(sessions) as s:
            agency = s.scalars(select(Agency)).one()
            return agency, bieu06.bieu06(s, agency, period, "procedure")

    def write() -> None:
        agency, report = query()  # type: ignore[misc]
        path = folder / "bieu06.xlsx"
        export.save(path, export.document(agency, report, path, "Người lập", now()))

    write_s, query_s = timed({"write": write, "query": query}, n)
    engine.dispose()
    return write_s, query_s


def dashboard_timings(url: str, n: int) -> tuple[list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from counter_app.config import Settings
    from counter_app.ui.app import AppContext
    from counter_app.ui.dashboard import open_dashboard

    app = QApplication.instance() or QApplication([])

    def paint() -> None:
        context = AppContext.build(Settings(db_url=url))
        done: list[bool] = []
        window = open_dashboard(context)
        window.painted.connect(lambda: done.append(True))
        window.failed.connect(lambda message: sys.exit(f"dashboard failed: {message}"))
        while not done:
            app.processEvents()
            time.sleep(0.0005)
        window.close()
        window.deleteLater()
        context.tasks.wait()
        context.dispose()
        app.processEvents()

    engine = make_engine(url)
    sessions = session_factory(engine)

    def picture() -> None:
        with unit_of_work(sessions) as s:
            dashboard.picture(s, s.scalars(select(Agency)).one(), now())

    paint_s, picture_s = timed({"paint": paint, "picture": picture}, n)
    engine.dispose()
    return paint_s, picture_s


def row(name: str, seconds: list[float], baseline: list[float]) -> list[object]:
    s, b = summary_ms(seconds), summary_ms(baseline)
    return [name, s["n"], s["p50"], s["p95"], s["max"], b["p50"], s["p50"] / b["p50"]]


def check(r: list[object], target_ms: float, size: int) -> list[object]:
    """The verdict on a row's p95: refused with fewer than 20 runs (p95 would be the
    maximum) and on an empty period."""
    return verdict(f"{r[0]}, p95", r[3], target_ms, n=r[1], scope=size)  # type: ignore[arg-type]


def postgres(sqlite_path: Path, choice: str, period: periods.Period, n: int) -> list[list[object]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pg_load import load

    server = None
    try:
        if choice == "auto":
            from tests.pg import PgServer

            server = PgServer(durable=False)
            server.start()
            url = server.create_database("bench")
            started = time.perf_counter()
            counts = load(sqlite_path, url)
            print(
                f"PostgreSQL: loaded {counts['report_dossiers']:,} dossiers' facts in "
                f"{time.perf_counter() - started:.0f} s "
                f"(python bench/pg_load.py --sqlite {sqlite_path} --pg URL)",
                flush=True,
            )
        else:
            url = choice
        form, base = form_timings(url, period, n)
        return [row("Biểu 06, PostgreSQL", form, base)]
    finally:
        if server is not None:
            server.destroy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="a database made by bench/seed.py")
    parser.add_argument("--n", type=int, default=20, help="interleaved rounds of each figure")
    parser.add_argument("--pg", help="'auto' (a throwaway server) or a loaded database's URL")
    parser.add_argument("--no-gui", action="store_true", help="skip the dashboard")
    args = parser.parse_args(argv)
    path = require_db(args.db)
    url = sqlite_url(path)
    period, size = choose_period(url, now().date())
    with make_engine(url).connect() as connection:
        total = connection.execute(select(func.count()).select_from(DOSSIERS)).scalar_one()
    print(environment(), flush=True)
    scope(
        f"period {period.wording}: {size:,} dossiers (of {total:,} in the report facts); "
        f"{args.n} interleaved rounds of each figure and its baseline"
    )
    if not size:
        print("no dossiers in any reporting period of this database: nothing timed, no verdicts")
        return 0
    rows, checks = [], []
    form, base = form_timings(url, period, args.n)
    rows.append(row("Biểu 06, SQLite", form, base))
    checks.append(check(rows[-1], 1000, size))
    if args.pg:
        rows += postgres(path, args.pg, period, args.n)
        checks.append(check(rows[-1], 1000, size))
    if not args.no_gui:
        paint, picture = dashboard_timings(url, args.n)
        rows.append(row("dashboard first paint", paint, picture))
        checks.append(check(rows[-1], 300, total))
    write, query = xlsx_timings(url, period, args.n)
    rows.append(row("xlsx, the period by procedure", write, query))
    checks.append(check(rows[-1], 2000, size))
    print(
        table(
            ["figure", "n", "p50 ms", "p95 ms", "max ms", "baseline p50 ms", "ratio p50"],
            rows,
            "Reports (baseline: Biểu 06 = count of the period's rows; dashboard = "
            "the service alone; xlsx = the query alone)",
        )
    )
    print(verdict_table(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
