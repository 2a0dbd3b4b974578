"""Helpers shared by the benchmark scripts: percentiles, tables, sizes, paths."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "resources" / "catalog" / "xa_tam_dao.json"
AGENCY_CODE = "000.00.20.H26"


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values (p in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """mean / p50 / p95 / p99 / max in milliseconds."""
    values = sorted(s * 1000 for s in seconds)
    return {
        "n": len(values),
        "mean": statistics.fmean(values) if values else float("nan"),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] if values else float("nan"),
    }


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
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]  # fmt: skip
    lines = []
    if title:
        lines.append(title)
    sep = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines.append(sep)
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    lines.append(sep)
    for row_values, row in zip(rows, cells, strict=True):
        parts = [c.rjust(w) if isinstance(v, int | float) else c.ljust(w)
                 for v, c, w in zip(row_values, row, widths, strict=True)]  # fmt: skip
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
    """[p50, p95, max] in milliseconds: the figures shown beside each other everywhere."""
    s = summary_ms(seconds)
    return [s["p50"], s["p95"], s["max"]]


def verdict(label: str, value: float, target: float, unit: str = "ms",
            below: bool = True) -> list[object]:  # fmt: skip
    """A row [figure, value, target, result] whose result is computed from the value."""
    ok = value < target if below else value <= target
    return [label, value, f"{'<' if below else '≤'} {target:g} {unit}".strip(),
            "met" if ok else "MISSED"]


def verdict_table(rows: Sequence[Sequence[object]]) -> str:
    return table(["figure", "value", "target", "result"], rows)


def drop_from_os_cache(path: str | Path) -> bool:
    """Drop a database file's pages (and its -wal's) from the OS page cache, so the next
    read comes from the disk, without touching other files' cache. False where it
    cannot be done (no posix_fadvise)."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for p in (Path(path), Path(f"{path}-wal")):
        if p.exists():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fdatasync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def cold_runs(script: str, db: str | Path, items: Sequence[str], drop: bool,
              per_process: int = 2) -> list[list[float]]:  # fmt: skip
    """Run `script --db DB --child ITEM…` in a fresh process for each group of
    `per_process` items (the OS cache of the database dropped first when `drop`); the child
    prints one time in seconds per item, its first being the cold one."""
    import subprocess

    found = []
    for start in range(0, len(items) - per_process + 1, per_process):
        if drop:
            drop_from_os_cache(db)
        done = subprocess.run([sys.executable, script, "--db", str(db), "--child",
                               *items[start:start + per_process]],
                              capture_output=True, text=True, check=True, timeout=600)  # fmt: skip
        found.append([float(v) for v in done.stdout.split()[-per_process:]])
    return found
