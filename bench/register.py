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

Baseline, interleaved with ours (`_common.interleave`: `--runs` rounds per size, one
process of each per round, the order rotated each round): a plain reportlab canvas table
of the same rows, in a fresh process too — the lines read through the same service
(`services.printouts.register.register`), the same cell strings
(`printing.register.cells`) in the same font and size, wrapped with `simpleSplit` into
fixed columns across an A4 landscape page, a rule under each row and the column lines,
a new page when the next row does not fit. The ratio of the two process times is printed
per size.
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

from _common import AGENCY_CODE, CATALOG, environment, interleave, scope, sqlite_url, table
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
PLACES = [
    "Thôn 3, xã Tam Đảo",
    "Tổ dân phố Đồng Tâm, phường Vĩnh Yên, tỉnh Phú Thọ",
    "Số 12 ngõ 45 đường Nguyễn Tất Thành, khu 7, phường Phúc Yên, tỉnh Phú Thọ",
]


def _people(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    if rng.random() < 0.05:  # long names and addresses wrap onto several lines
        name = f"Công ty TNHH Thương mại và Dịch vụ {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return name, rng.choice(PLACES) + (" (địa chỉ tạm trú)" * 3 if rng.random() < 0.05 else "")


def _row(
    rng: random.Random, day: date, seq: int, number: int, who: Actor, versions: list[uuid.UUID]
) -> dict[str, object]:
    received = datetime(day.year, day.month, day.day, 7, 30, tzinfo=LOCAL_TZ) + timedelta(
        seconds=seq * 30
    )
    name, address = _people(rng)
    return {
        "id": uuid.uuid4(),
        "code": f"{AGENCY_CODE}-{day:%y%m%d}-{seq:04d}",
        "search_no": number,
        "agency_id": who.agency_id,
        "procedure_version_id": rng.choice(versions),
        "channel": "direct",
        "status": "received",
        "applicant_name": name,
        "name_key": fold(name),
        "id_type": None,
        "id_number": f"026{rng.randrange(10**9):09d}",
        "phone": f"09{rng.randrange(10**8):08d}",
        "phone_key": None,
        "address": address,
        "email": None,
        "sets": 1,
        "note": None,
        "return_by_post": False,
        "received_at": received,
        "effective_received_at": received,
        "original_due_at": received + timedelta(days=7),
        "due_at": received + timedelta(7),
        "returned_at": received + timedelta(days=8) if rng.random() < 0.5 else None,
        "receiver_name": name if rng.random() < 0.5 else None,
        "received_by_id": who.officer_id,
    }


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
            conn.execute(insert(Dossier.__table__), rows[start : start + 5000])
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


BASELINE = """
import resource, sys, time
start = time.perf_counter()
from datetime import date
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.models import Agency
from counter_app.printing.fonts import font_family
from counter_app.printing.register import HEADER, SIZE, TABLE_SCALE, cells
from counter_app.services.printouts.register import register
url, first, last, out = sys.argv[1:5]
font, size = font_family().regular, SIZE * TABLE_SCALE
width, height = landscape(A4)
margin, lead = 10 * mm, size * 1.2
shares = (3, 10, 14, 2, 10, 14, 6, 6, 6, 6, 6, 5, 6)
widths = [(width - 2 * margin) * w / sum(shares) for w in shares]
lefts = [margin + sum(widths[:k]) for k in range(len(widths))]
canvas = Canvas(out, pagesize=(width, height))
count = 0
def row(texts, y):
    parts = [simpleSplit(str(t), font, size, w - 4) or [""] for t, w in zip(texts, widths)]
    tall = max(len(p) for p in parts) * lead + 4
    if y - tall < margin:
        canvas.showPage()
        y = height - margin
        y = row(HEADER, y)
    canvas.setFont(font, size)
    for x, lines in zip(lefts, parts):
        for k, text in enumerate(lines):
            canvas.drawString(x + 2, y - 2 - size - k * lead, text)
        canvas.line(x, y, x, y - tall)
    canvas.line(margin, y - tall, width - margin, y - tall)
    return y - tall
engine = make_engine(url)
with unit_of_work(session_factory(engine)) as s:
    agency = s.scalars(select(Agency)).first()
    data = register(s, agency, date.fromisoformat(first), date.fromisoformat(last), now())
    y = row(HEADER, height - margin)
    for line in data.lines:
        y = row(["" if c is None else c for c in cells(line)], y)
        count += 1
canvas.save()
elapsed = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
print(f"@@ 0 {elapsed} {use.ru_maxrss} {use.ru_utime + use.ru_stime} {count}")
"""


def print_register(
    path: Path, out: Path, baseline: bool = False
) -> tuple[float, float, float, float]:
    """(seconds inside main, whole process seconds, peak RSS MiB, CPU seconds of the whole
    process) of one fresh process: ours, or the plain canvas baseline."""
    command = (
        [
            sys.executable,
            "-c",
            BASELINE,
            sqlite_url(path),
            FIRST.isoformat(),
            LAST.isoformat(),
            str(out),
        ]
        if baseline
        else [
            sys.executable,
            "-c",
            CHILD,
            "--db",
            sqlite_url(path),
            "print",
            "register",
            "--from",
            FIRST.isoformat(),
            "--to",
            LAST.isoformat(),
            "-o",
            str(out),
        ]
    )
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    whole = time.perf_counter() - started
    marks = [line for line in done.stdout.splitlines() if line.startswith("@@ ")]
    if done.returncode or not marks or marks[0].split()[1] != "0":
        sys.exit(f"print register failed:\n{done.stdout}\n{done.stderr}")
    _, _, seconds, rss_kib, cpu, *_ = marks[0].split()
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
    results, base_rows = [], []
    for n in sorted(args.lines):
        path = folder / f"register-{n}.db"
        t0 = time.perf_counter()
        seed(path, n, random.Random(n))
        seeded = time.perf_counter() - t0
        found: dict[str, list[tuple[float, float, float, float]]] = {"ours": [], "base": []}

        def run(side: str, out: Path, path: Path = path, found: dict = found):  # type: ignore[no-untyped-def, type-arg]
            def once(_i: int) -> float:
                found[side].append(print_register(path, out, baseline=side == "base"))
                return found[side][-1][1]

            return once

        interleave(
            {
                "ours": run("ours", folder / f"register-{n}.pdf"),
                "base": run("base", folder / f"baseline-{n}.pdf"),
            },
            args.runs,
            warm=0,
        )
        runs, base = found["ours"], found["base"]
        seconds = statistics.median(r[0] for r in runs)
        spread = f"{min(r[0] for r in runs):.2f}–{max(r[0] for r in runs):.2f}"
        rss = max(r[2] for r in runs)
        whole = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        pages = (folder / f"register-{n}.pdf").read_bytes().count(b"/Type /Page\n")
        base_whole = statistics.median(r[1] for r in base)
        base_pages = (folder / f"baseline-{n}.pdf").read_bytes().count(b"/Type /Page\n")
        results.append(
            (n, seconds, spread, whole, cpu, n / seconds, rss, seconds / n * 1000, pages)
        )
        base_rows.append(
            [
                n,
                len(runs),
                whole,
                base_whole,
                statistics.median(r[3] for r in base),
                max(r[2] for r in base),
                base_pages,
                base_whole / whole,
            ]
        )
        print(f"  {n:,} lines seeded in {seeded:.1f} s; printed in {spread} s", flush=True)
    scope(
        ", ".join(f"{r[0]:,} lines on {r[8]:,} pages" for r in results)
        + f" (October 2026); {args.runs} interleaved rounds of ours and the baseline per size"
    )
    print(
        table(
            [
                "lines",
                "print s (median)",
                "spread s",
                "process s",
                "process CPU s",
                "lines/s",
                "peak RSS MiB",
                "ms/line",
                "pages",
            ],
            results,
        )
    )
    print(
        table(
            [
                "lines",
                "n",
                "ours process s",
                "plain canvas process s",
                "its CPU s",
                "its peak RSS MiB",
                "its pages",
                "plain canvas / ours",
            ],
            base_rows,
            "Baseline: a plain reportlab canvas table of the same rows (medians)",
        )
    )
    for r in base_rows:
        times = r[7]
        print(
            f"{r[0]:,} lines: ours {r[2]:.2f} s, the plain canvas table {r[3]:.2f} s: "
            + (f"ours is {times:.1f}× faster" if times >= 1 else f"ours is {1 / times:.1f}× slower")
            + f" (n {r[1]} each)"
        )
    waited = [r for r in results if r[3] > 0 and r[4] / r[3] < 0.8]
    if waited:
        print(
            "CPU below 80 % of the process time at "
            + ", ".join(f"{r[0]:,}" for r in waited)
            + f" lines: the process waited (for a core or the disk); load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    print(verdicts(results))
    return 0


def verdicts(results: list[tuple]) -> str:  # type: ignore[type-arg]
    big = results[-1]
    n, seconds, rss = big[0], big[1], big[6]
    budget = TARGET_S * n / TARGET_LINES  # the target scaled to the size measured
    out = [
        f"target: {n:,} lines in {seconds:.2f} s (budget {budget:.2f} s) and "
        f"{rss:.0f} MiB (budget {TARGET_MIB:.0f} MiB): "
        f"{'met' if seconds <= budget and rss <= TARGET_MIB else 'MISSED'}"
    ]
    if len(results) > 2:  # the CPU cost of the lines added from one size to the next
        pairs = list(zip(results, results[1:], strict=False))
        steps = [(b[4] - a[4]) / (b[0] - a[0]) * 1000 for a, b in pairs]
        shown = ", ".join(
            f"{a[0]:,}→{b[0]:,}: {m:.3f}" for (a, b), m in zip(pairs, steps, strict=True)
        )
        if min(steps) <= 0:
            out.append(
                f"linearity: CPU ms per added line {shown}: inconclusive (a step "
                "cost nothing: noise larger than the work; use more lines)"
            )
        else:
            ratio = steps[-1] / steps[0]
            out.append(
                f"linearity: CPU ms per added line {shown}; last/first {ratio:.2f}: "
                f"{'linear' if ratio <= LINEAR_RATIO else 'NOT linear'} "
                f"(linear when ≤ {LINEAR_RATIO})"
            )
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
