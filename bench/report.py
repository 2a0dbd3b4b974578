"""The leader's figures at scale: Biểu 06 for a year on SQLite and PostgreSQL, the
dashboard's first paint, the workbook of a year by procedure.

    python bench/report.py --db /tmp/bench/2m.db [--n 10] [--pg auto|URL] [--no-gui]

Each figure is timed `--n` times (warm: one run first, not counted) and given as median,
p95 and max, with a verdict against its target and a baseline measured in the same run:
* Biểu 06, a year (the last reporting year that ended), by field, through
  `reports.bieu06.bieu06` in a read unit of work — target < 1 s; baseline: counting the
  same year's rows of report_dossiers in one SELECT on the same connection;
* the same on PostgreSQL — `--pg auto` starts a throwaway server (tests/pg.py, fsync off),
  loads the catalog and the report facts from the SQLite file (bench/pg_load.py), and
  stops it at the end; `--pg URL` uses a database already loaded that way;
* the dashboard's first paint: from `open_dashboard` to its `painted` signal (tiles and
  all five charts filled), off screen, a new window and database connection each time —
  target < 300 ms; baseline: `reports.dashboard.picture` alone;
* Biểu 06 of a year by procedure written to .xlsx (query, workbook, file) — target < 2 s;
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

from _common import environment, require_db, sqlite_url, summary_ms, table
from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.facts.fold import DOSSIERS
from counter_app.models import Agency
from counter_app.reports import bieu06, dashboard, export, periods


def timed(work: Callable[[], object], n: int) -> list[float]:
    work()  # warm
    seconds = []
    for _ in range(n):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def last_year(today: date) -> periods.Period:
    """The last reporting year that has ended (cut-off 14)."""
    year = today.year if today >= date(today.year, 12, 15) else today.year - 1
    return periods.preset(str(year))


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
            s.scalar(select(func.count()).select_from(DOSSIERS).where(
                DOSSIERS.c.received_at >= period.start, DOSSIERS.c.received_at < period.end))

    result = timed(form, n), timed(rows, n)
    engine.dispose()
    return result


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

    result = timed(write, n), timed(query, n)
    engine.dispose()
    return result


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

    result = timed(paint, n), timed(picture, n)
    engine.dispose()
    return result


def verdict(seconds: list[float], target_ms: float) -> str:
    p95 = summary_ms(seconds)["p95"]
    return f"{'met' if p95 < target_ms else 'MISSED'} (p95 {p95:.0f} < {target_ms:.0f} ms)"


def row(name: str, seconds: list[float], baseline: list[float], target_ms: float) -> list[object]:
    s, b = summary_ms(seconds), summary_ms(baseline)
    return [name, s["p50"], s["p95"], s["max"], b["p50"], s["p50"] / b["p50"],
            verdict(seconds, target_ms)]  # fmt: skip


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
            print(f"PostgreSQL: loaded {counts['report_dossiers']:,} dossiers' facts in "
                  f"{time.perf_counter() - started:.0f} s "
                  f"(python bench/pg_load.py --sqlite {sqlite_path} --pg URL)", flush=True)
        else:
            url = choice
        form, base = form_timings(url, period, n)
        return [row("Biểu 06, a year, PostgreSQL", form, base, 1000)]
    finally:
        if server is not None:
            server.destroy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])  # fmt: skip
    parser.add_argument("--db", required=True, help="a database made by bench/seed.py")
    parser.add_argument("--n", type=int, default=10, help="timed runs of each figure")
    parser.add_argument("--pg", help="'auto' (a throwaway server) or a loaded database's URL")
    parser.add_argument("--no-gui", action="store_true", help="skip the dashboard")
    args = parser.parse_args(argv)
    path = require_db(args.db)
    url = sqlite_url(path)
    period = last_year(now().date())
    print(f"{environment()}\nperiod: {period.wording}, {args.n} runs each", flush=True)
    rows = []
    form, base = form_timings(url, period, args.n)
    rows.append(row("Biểu 06, a year, SQLite", form, base, 1000))
    if args.pg:
        rows += postgres(path, args.pg, period, args.n)
    if not args.no_gui:
        paint, picture = dashboard_timings(url, args.n)
        rows.append(row("dashboard first paint", paint, picture, 300))
    write, query = xlsx_timings(url, period, args.n)
    rows.append(row("xlsx, a year by procedure", write, query, 2000))
    print(table(["figure", "p50 ms", "p95 ms", "max ms", "baseline p50 ms", "ratio", "verdict"],
                rows, "Reports (baseline: Biểu 06 = count of the year's rows; dashboard = "
                      "the service alone; xlsx = the query alone)"))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
