"""Helpers shared by the benchmark scripts: interleaved sampling, percentiles, verdicts,
tables, sizes, paths.

Rules every bench follows (issue 19):
* a ratio is measured interleaved: `interleave` runs one sample of each side per round,
  the order rotated each round, so no side always goes first (or last) and both see the
  same machine at the same moments;
* percentiles need samples: p95 is printed only with n >= MIN_P95 (20), p99 with
  n >= MIN_P99 (100); below that they print "-" (the nearest rank of so few samples is
  the maximum, which has its own column), and a verdict on them is refused;
* `verdict` shows n beside each figure and refuses a verdict when nothing was measured
  (n == 0) or the scope measured is empty (0 dossiers, rows, lines…);
* every bench prints the size of what it measured (`scope`) before its tables.
"""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "resources" / "catalog" / "xa_tam_dao.json"
AGENCY_CODE = "000.00.20.H26"
MIN_P95, MIN_P99 = 20, 100  # samples below which that percentile is not given


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values (p in 0..100): the smallest value
    with at least p % of the values at or below it."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(p / 100 * len(sorted_values) - 1e-9)))
    return sorted_values[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """n / mean / p50 / p95 / p99 / max in milliseconds; p95 and p99 are nan ("-") with
    fewer than MIN_P95 / MIN_P99 samples (they would only repeat the maximum)."""
    values = sorted(s * 1000 for s in seconds)
    n = len(values)
    return {
        "n": n,
        "mean": statistics.fmean(values) if values else float("nan"),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95) if n >= MIN_P95 else float("nan"),
        "p99": percentile(values, 99) if n >= MIN_P99 else float("nan"),
        "max": values[-1] if values else float("nan"),
    }


def interleave(
    works: dict[str, Callable[[int], float | None]], n: int, warm: int = 1
) -> dict[str, list[float]]:
    """Samples of several sides measured in rounds: each round runs every side once, the
    order rotated by one each round (A B C, B C A, C A B…), so no side always goes first.
    `warm` rounds run first and are not kept. Each work is called with the round number
    (0..n-1; the warm rounds get -warm..-1), so the sides of one round can work on the same
    item (`codes[i]`) and each round on a new one. A work returning a float gives its own
    time in seconds (a child process that timed itself, a part of the call); returning
    None, the whole call is timed here. Returns seconds per side, n each."""
    names = list(works)
    samples: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter
    for i in range(-warm, n):
        shift = i % len(names) if names else 0
        for name in names[shift:] + names[:shift]:
            started = clock()
            given = works[name](i)
            took = clock() - started if given is None else float(given)
            if i >= 0:
                samples[name].append(took)
    return samples


def scope(text: str) -> None:
    """Print the size of what a bench measured, before its tables."""
    print(f"measured: {text}", flush=True)


def fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, float):
        if value != value:  # nan
            return "-"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:.1f}"
        return f"{value:.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], title: str = "") -> str:
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    lines = []
    if title:
        lines.append(title)
    sep = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines.append(sep)
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    lines.append(sep)
    for row_values, row in zip(rows, cells, strict=True):
        parts = [
            c.rjust(w) if isinstance(v, int | float) else c.ljust(w)
            for v, c, w in zip(row_values, row, widths, strict=True)
        ]
        lines.append("| " + " | ".join(parts) + " |")
    lines.append(sep)
    return "\n".join(lines)


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{n:,.0f} B"
        n /= 1024
    raise AssertionError


def db_files_size(path: str | Path) -> tuple[int, int]:
    """(main file size, -wal + -shm size) in bytes."""
    path = Path(path)
    main = path.stat().st_size if path.exists() else 0
    extra = sum(p.stat().st_size for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())
    return main, extra


def installed_bytecode() -> str:
    """Compile counter_app's modules to bytecode, as an installed desk has them (pip and the
    bundle compile at install; a desk started once has written them): a process that finds
    none, here under PYTHONDONTWRITEBYTECODE, compiles every module at each start and
    measures the compiler, not the desk. Returns the line a bench prints about it."""
    import compileall

    root = Path(__file__).resolve().parent.parent / "counter_app"
    ok = compileall.compile_dir(root, quiet=1, workers=1)
    return f"bytecode: counter_app compiled as installed ({'ok' if ok else 'with errors'})"


def environment() -> str:
    return (
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}"
    )


def require_db(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        sys.exit(f"{path}: no such database (run bench/seed.py first)")
    return path


def spread_ms(seconds: Sequence[float]) -> list[float]:
    """[p50, p95, max] in milliseconds: the figures shown beside each other everywhere
    (p95 "-" with fewer than MIN_P95 samples)."""
    s = summary_ms(seconds)
    return [s["p50"], s["p95"], s["max"]]


def verdict(
    label: str,
    value: float,
    target: float,
    unit: str = "ms",
    below: bool = True,
    n: int | None = None,
    scope: int | None = None,
    at_least: bool = False,
) -> list[object]:
    """A row [figure, n, value, target, result] whose result is computed from the value:
    met when value < target (`below`), value <= target (not `below`), or value >= target
    (`at_least`: a throughput).
    No verdict when nothing was measured (n == 0), the scope measured is empty
    (scope == 0: no dossiers, rows, lines in it), or the value is missing (nan: a p95 of
    fewer than MIN_P95 samples, a ratio with an empty side)."""
    sign = "≥" if at_least else "<" if below else "≤"
    bound = f"{sign} {target:g} {unit}".strip()
    if n == 0:
        result = "no verdict: nothing measured"
    elif scope == 0:
        result = "no verdict: empty scope"
    elif value != value:  # nan
        result = "no verdict: too few samples" if n else "no verdict: no value"
    else:
        ok = value >= target if at_least else value < target if below else value <= target
        result = "met" if ok else "MISSED"
    return [label, "?" if n is None else n, value, bound, result]


def verdict_table(rows: Sequence[Sequence[object]]) -> str:
    return table(["figure", "n", "value", "target", "result"], rows)


def drop_from_os_cache(path: str | Path, program: bool = False) -> bool:
    """Drop a database file's pages (and its -wal's) from the OS page cache, so the next
    read comes from the disk, without touching other files' cache; with `program`, also
    the program's own files (`program_files`: the counter_app sources and bytecode, and
    the Python packages it imports: PySide6/Qt's libraries and plugins, SQLAlchemy,
    reportlab…). False where it cannot be done (no posix_fadvise).

    Without root this is posix_fadvise(DONTNEED), file by file. It cannot drop: pages
    mapped by a running process (a Qt library another process has loaded stays; so does
    the interpreter running this script), pages of files we cannot open, the Python
    interpreter and the system's libraries (libc, fontconfig's cache, the fonts under
    /usr/share), nor the kernel's directory and inode caches (`echo 3 >
    /proc/sys/vm/drop_caches` needs root). So "cold" here is the database and our
    program's files read from the disk again, not a machine after a reboot."""
    if not hasattr(os, "posix_fadvise"):
        return False
    files = [Path(path), Path(f"{path}-wal")]
    if program:
        files += program_files()
    for p in files:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
        finally:
            os.close(fd)
    return True


PROGRAM_PACKAGES = (
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "reportlab",
    "argon2",
    "openpyxl",
    "alembic",
    "qrcode",
    "PIL",
)


def program_files() -> list[Path]:
    """The files a desk process reads at start: counter_app (sources, bytecode,
    resources) and the site-packages it imports (the ones found of PROGRAM_PACKAGES)."""
    import importlib.util

    roots = [REPO / "counter_app", REPO / "resources"]
    for name in PROGRAM_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            roots += [Path(p) for p in spec.submodule_search_locations]
    return [f for root in roots if root.exists() for f in root.rglob("*") if f.is_file()]


def cold_runs(
    script: str, db: str | Path, items: Sequence[str], drop: bool, per_process: int = 2
) -> list[list[float]]:
    """Run `script --db DB --child ITEM…` in a fresh process for each group of
    `per_process` items (the OS cache of the database dropped first when `drop`); the child
    prints one time in seconds per item, its first being the cold one."""
    import subprocess

    found = []
    for start in range(0, len(items) - per_process + 1, per_process):
        if drop:
            drop_from_os_cache(db)
        done = subprocess.run(
            [
                sys.executable,
                script,
                "--db",
                str(db),
                "--child",
                *items[start : start + per_process],
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        found.append([float(v) for v in done.stdout.split()[-per_process:]])
    return found
