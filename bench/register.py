"""The dossier register (form 07) for a month: `counter-app print register` as the desk's
officer runs it, at several sizes, to see whether its cost per line stays flat.

    python bench/register.py                       # 1,000 / 10,000 / 30,000 lines
    python bench/register.py --lines 1000 30000 --runs 3 --dir /tmp/bench/register

For each size N a scratch database gets the sample catalog (through the services) and N
dossiers received over the working days of October 2026 (SQLAlchemy Core executemany, a
few seconds; names, addresses and procedures vary, some long). Then `print register
--from 2026-10-01 --to 2026-10-31` runs in a fresh process through `counter_app.cli.main`,
exactly as the command does; that process reports its wall time, its CPU seconds and
its peak RSS (getrusage). Printed: time, CPU, lines/s, peak RSS, ms per line and pages;
the verdicts are computed from those figures: the target (30,000 lines in ≤ 10 s and
≤ 300 MiB, scaled to the largest size measured) on the time, and linearity on the CPU
seconds of the process (the CPU cost of each line added from one size to the next, the
last step against the first, all in the same run: linear when the ratio is ≤ 1.5; needs
three sizes or more). CPU seconds, unlike the time, do not grow when other processes
share the cores. Fixed costs (start-up, fonts, the count) are in the time of each size
but not in the cost per added line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from _common import AGENCY_CODE, CATALOG, environment, sqlite_url, table
from sqlalchemy import insert, select

from counter_app.acting.actor import Actor
from counter_app.clock import LOCAL_TZ
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import Dossier, ProcedureVersion
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.text import fold

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
TARGET_LINES, TARGET_S, TARGET_MIB, LINEAR_RATIO = 30_000, 10.0, 300.0, 1.5
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quang", "Thu", "Xuân"]
GIVEN = ["Hoà", "An", "Bình", "Cúc", "Dũng", "Hạnh", "Khánh", "Lan", "Phượng", "Tuấn", "Yến"]
PLACES = ["Thôn 3, xã Tam Đảo", "Tổ dân phố Đồng Tâm, phường Vĩnh Yên, tỉnh Phú Thọ",
          "Số 12 ngõ 45 đường Nguyễn Tất Thành, khu 7, phường Phúc Yên, tỉnh Phú Thọ"]  # fmt: skip


def _people(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    if rng.random() < 0.05:  # long names and addresses wrap onto several lines
        name = f"Công ty TNHH Thương mại và Dịch vụ {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return name, rng.choice(PLACES) + (" (địa chỉ tạm trú)" * 3 if rng.random() < 0.05 else "")


def _row(rng: random.Random, day: date, seq: int, number: int, who: Actor,
         versions: list[uuid.UUID]) -> dict[str, object]:  # fmt: skip
    received = datetime(day.year, day.month, day.day, 7, 30, tzinfo=LOCAL_TZ) + timedelta(
        seconds=seq * 30)  # fmt: skip
    name, address = _people(rng)
    return {
        "id": uuid.uuid4(), "code": f"{AGENCY_CODE}-{day:%y%m%d}-{seq:04d}",
        "search_no": number, "agency_id": who.agency_id,
        "procedure_version_id": rng.choice(versions), "channel": "direct",
        "status": "received", "applicant_name": name, "name_key": fold(name),
        "id_type": None, "id_number": f"026{rng.randrange(10**9):09d}",
        "phone": f"09{rng.randrange(10**8):08d}", "phone_key": None, "address": address,
        "email": None, "sets": 1, "note": None, "return_by_post": False,
        "received_at": received, "effective_received_at": received,
        "original_due_at": received + timedelta(days=7), "due_at": received + timedelta(7),
        "returned_at": received + timedelta(days=8) if rng.random() < 0.5 else None,
        "receiver_name": name if rng.random() < 0.5 else None,
        "received_by_id": who.officer_id,
    }  # fmt: skip


def seed(path: Path, lines: int, rng: random.Random) -> None:
    """A scratch database with `lines` dossiers received in October 2026."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    now = datetime(2026, 9, 1, 8, tzinfo=LOCAL_TZ)
    with unit_of_work(session_factory(engine), write=True) as s:
        catalog.import_catalog(s, json.loads(CATALOG.read_text(encoding="utf-8")), now)
        who = desk.actor(s, "motcua", AGENCY_CODE)
        versions = list(s.scalars(select(ProcedureVersion.id)))
    days = [FIRST + timedelta(d) for d in range((LAST - FIRST).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    rows = []
    for k, day in enumerate(days):
        for seq in range(1, lines * (k + 1) // len(days) - lines * k // len(days) + 1):
            rows.append(_row(rng, day, seq, len(rows) + 1, who, versions))
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Dossier.__table__), rows[start:start + 5000])
    engine.dispose()


CHILD = """
import resource, sys, time
from counter_app.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
elapsed = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
print(f"@@ {code} {elapsed} {use.ru_maxrss} {use.ru_utime + use.ru_stime}")
"""


def print_register(path: Path, out: Path) -> tuple[float, float, float, float]:
    """(seconds inside main, whole process seconds, peak RSS MiB, CPU seconds of the whole
    process) of one fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--db", sqlite_url(path), "print", "register",
         "--from", FIRST.isoformat(), "--to", LAST.isoformat(), "-o", str(out)],
        capture_output=True, text=True, check=False)  # fmt: skip
    whole = time.perf_counter() - started
    marks = [line for line in done.stdout.splitlines() if line.startswith("@@ ")]
    if done.returncode or not marks or marks[0].split()[1] != "0":
        sys.exit(f"print register failed:\n{done.stdout}\n{done.stderr}")
    _, _, seconds, rss_kib, cpu = marks[0].split()
    return float(seconds), whole, int(rss_kib) / 1024, float(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000, 10_000, 30_000])
    parser.add_argument("--runs", type=int, default=2, help="processes per size (median)")
    parser.add_argument("--dir", default="/tmp/bench/register", help="scratch databases")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"print register, October 2026  ({environment()})", flush=True)
    results = []
    for n in sorted(args.lines):
        path = folder / f"register-{n}.db"
        t0 = time.perf_counter()
        seed(path, n, random.Random(n))
        seeded = time.perf_counter() - t0
        runs = [print_register(path, folder / f"register-{n}.pdf") for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in runs)
        spread = f"{min(r[0] for r in runs):.2f}–{max(r[0] for r in runs):.2f}"
        rss = max(r[2] for r in runs)
        whole = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        pages = (folder / f"register-{n}.pdf").read_bytes().count(b"/Type /Page\n")
        results.append((n, seconds, spread, whole, cpu, n / seconds, rss, seconds / n * 1000,
                        pages))
        print(f"  {n:,} lines seeded in {seeded:.1f} s; printed in {spread} s", flush=True)
    print(table(["lines", "print s (median)", "spread s", "process s", "process CPU s",
                 "lines/s", "peak RSS MiB", "ms/line", "pages"], results))  # fmt: skip
    print(f"(CPU well below the time: the process waited for a core; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(verdicts(results))
    return 0


def verdicts(results: list[tuple]) -> str:  # type: ignore[type-arg]
    big = results[-1]
    n, seconds, rss = big[0], big[1], big[6]
    budget = TARGET_S * n / TARGET_LINES  # the target scaled to the size measured
    out = [f"target: {n:,} lines in {seconds:.2f} s (budget {budget:.2f} s) and "
           f"{rss:.0f} MiB (budget {TARGET_MIB:.0f} MiB): "
           f"{'met' if seconds <= budget and rss <= TARGET_MIB else 'MISSED'}"]
    if len(results) > 2:  # the CPU cost of the lines added from one size to the next
        pairs = list(zip(results, results[1:], strict=False))
        steps = [(b[4] - a[4]) / (b[0] - a[0]) * 1000 for a, b in pairs]
        shown = ", ".join(f"{a[0]:,}→{b[0]:,}: {m:.3f}"
                          for (a, b), m in zip(pairs, steps, strict=True))  # fmt: skip
        if min(steps) <= 0:
            out.append(f"linearity: CPU ms per added line {shown}: inconclusive (a step "
                       "cost nothing: noise larger than the work; use more lines)")
        else:
            ratio = steps[-1] / steps[0]
            out.append(f"linearity: CPU ms per added line {shown}; last/first {ratio:.2f}: "
                       f"{'linear' if ratio <= LINEAR_RATIO else 'NOT linear'} "
                       f"(linear when ≤ {LINEAR_RATIO})")  # fmt: skip
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
