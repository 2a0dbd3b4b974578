"""Backup and restore of a big desk database, against plain copies of the same file.

    python bench/backup.py --db /tmp/backup-helper/1m.db [--runs 5] [--restores 3]

Backup (`counter_app.backup.service.take_backup` to a file beside --db: online backup API
in 4 MiB steps from one read snapshot, then counts, SHA-256, manifest, fsync, rename),
alternated in each run with two baselines on the same file while nothing writes to it:
* `cp`: the file copied by the OS, then fsync (what a naive copy costs; unsafe while
  desks write);
* `sqlite3 .backup`: SQLite's own shell, the same API in one step, no checksum.
Then once, the backup while a writer commits (INSERT + COMMIT, synchronous=FULL, into a
scratch table) as fast as it can: how long the writer's commits take meanwhile.

Restore (`restore_backup` of that copy into a scratch copy of --db: checksum, integrity
check, the replaced content kept, the copy written in through the backup API, WAL
truncated), against `sqlite3 .restore` of the same copy into the same scratch file, and
with the verification alone (`verify_copy`) for its share.

Figures: seconds (median, p95, max over the runs) and MiB/s of the database's size;
ratios to the baselines of the same run; verdicts from those ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from _common import (
    environment,
    fmt,
    human_bytes,
    require_db,
    scope,
    summary_ms,
    table,
    verdict,
    verdict_table,
)

from counter_app.backup import files, online, service
from counter_app.backup.verify import known_revisions, verify_copy
from counter_app.clock import now

MIB = 1024 * 1024
BACKUP_TARGET = 2.0  # at most this many times SQLite's own .backup of the same file
RESTORE_TARGET = 3.0  # verified + kept + restored, against SQLite's bare .restore


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove(*paths: Path) -> None:
    for path in paths:
        for extra in ("", ".json", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)


SHELL = shutil.which("sqlite3")


def sqlite_shell(db: Path, command: str) -> None:
    """A command of SQLite's shell; without the shell, the same through Python's sqlite3
    (the same backup API, in one step)."""
    if SHELL:
        subprocess.run([SHELL, str(db), command], check=True, capture_output=True)
        return
    verb, _, argument = command.partition(" ")
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        if verb in (".backup", ".restore"):
            other = sqlite3.connect(argument.strip("'"))
            conn.backup(other) if verb == ".backup" else other.backup(conn)
            other.close()
        else:
            conn.execute(command).fetchall()
    finally:
        conn.close()


def stats(seconds: list[float], size: int) -> list[object]:
    ordered = sorted(seconds)
    median = statistics.median(ordered)
    p95 = summary_ms(ordered)["p95"] / 1000  # nan ("-") under 20 runs: it would be the max
    return [len(ordered), median, p95, ordered[-1], size / MIB / median]


def bench_backup(db: Path, work: Path, runs: int) -> dict[str, list[float]]:
    copy, plain, shell = work / "copy.db", work / "cp.db", work / "shell.db"
    times: dict[str, list[float]] = {"take_backup": [], "cp + fsync": [], "sqlite3 .backup": []}
    for run in range(runs):
        remove(copy, plain, shell)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("take_backup", lambda: service.take_backup(db, now(), copy)),
            ("cp + fsync", lambda: (shutil.copyfile(db, plain), fsync(plain))),
            ("sqlite3 .backup", lambda: sqlite_shell(db, f".backup '{shell}'")),
        ]
        for name, step in steps[run % 3 :] + steps[: run % 3]:  # rotate the order
            times[name].append(timed(step))
        print(
            f"  backup run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()),
            flush=True,
        )
    remove(plain, shell)
    return times


def count(path: Path) -> tuple[int, int]:
    conn = online.connect(path, read_only=True)
    try:
        return online.counts(conn)
    finally:
        conn.close()


def breakdown(db: Path, work: Path) -> list[tuple[str, float]]:
    """One backup's parts timed one by one, as take_backup does them."""
    part = work / "parts.db"
    remove(part)
    phases = [("online backup API, 4 MiB steps", lambda: online.copy_out(db, part))]
    phases.append(("count dossiers and events", lambda: count(part)))
    phases.append(("SHA-256 of the copy", lambda: files.sha256(part)))
    phases.append(("fsync", lambda: fsync(part)))
    spent = [(name, timed(step)) for name, step in phases]
    remove(part)
    return spent


def bench_writer_during_backup(db: Path, work: Path) -> tuple[list[float], list[float]]:
    """Commit latencies of a writer alone, then while a backup runs (same duration)."""
    stop, latencies = threading.Event(), list[float]()

    def writer() -> None:
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS bench_backup_writes (at REAL)")
        while not stop.is_set():
            latencies.append(
                timed(
                    lambda: conn.execute(
                        "INSERT INTO bench_backup_writes VALUES (?)", (time.time(),)
                    )
                )
            )
        conn.execute("DROP TABLE bench_backup_writes")
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    took = timed(lambda: service.take_backup(db, now(), work / "during.db"))
    during = list(latencies)
    latencies.clear()
    time.sleep(took)
    alone = list(latencies)
    stop.set()
    thread.join()
    remove(work / "during.db")
    return alone, during


def bench_restore(db: Path, work: Path, runs: int) -> dict[str, list[float]]:
    copy, live = work / "copy.db", work / "live.db"
    service.take_backup(db, now(), copy)
    known_revisions()  # Alembic's scripts read once, as a desk would have them loaded
    times: dict[str, list[float]] = {
        "restore_backup": [],
        "verify_copy alone": [],
        "sqlite3 .restore": [],
    }
    for run in range(runs):
        remove(live)
        sqlite_shell(db, f".backup '{live}'")
        sqlite_shell(live, "PRAGMA journal_mode=WAL")
        steps: list[tuple[str, Callable[[], object]]] = [
            ("verify_copy alone", lambda: verify_copy(copy)),
            ("restore_backup", lambda: service.restore_backup(live, copy, now())),
            ("sqlite3 .restore", lambda: sqlite_shell(live, f".restore '{copy}'")),
        ]
        for name, step in steps[run % 3 :] + steps[: run % 3]:  # rotate the order
            times[name].append(timed(step))
        for kept in work.glob("live.db.before-restore-*"):
            kept.unlink()
        print(
            f"  restore run {run + 1}: "
            + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()),
            flush=True,
        )
    remove(copy, live)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--restores", type=int, default=3)
    args = parser.parse_args()
    db = require_db(args.db).resolve()
    if SHELL is None:
        print("(no sqlite3 shell: its baselines run through Python's sqlite3 instead)")
    sqlite_shell(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    with sqlite3.connect(db) as conn:
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    print(environment())
    scope(
        f"{db}: {human_bytes(size)}, {dossiers:,} dossiers; {args.runs} backup rounds and "
        f"{args.restores} restore rounds, the order of the paths rotated each round"
    )
    work = db.parent / "backup-bench"
    work.mkdir(exist_ok=True)
    backups = bench_backup(db, work, args.runs)
    parts = breakdown(db, work)
    alone, during = bench_writer_during_backup(db, work)
    restores = bench_restore(db, work, args.restores)
    report(size, backups, restores, alone, during)
    print(
        table(
            ["part of one backup", "s", "MiB/s"],
            [[name, s, size / MIB / s] for name, s in parts],
            "\nwhere a backup goes",
        )
    )


def report(
    size: int,
    backups: dict[str, list[float]],
    restores: dict[str, list[float]],
    alone: list[float],
    during: list[float],
) -> None:
    headers = ["path", "runs", "median s", "p95 s", "max s", "MiB/s (median)"]
    print(table(headers, [[k, *stats(v, size)] for k, v in backups.items()], "\nbackup"))
    print(table(headers, [[k, *stats(v, size)] for k, v in restores.items()], "\nrestore"))
    med = {k: statistics.median(v) for k, v in {**backups, **restores}.items()}
    to_shell = med["take_backup"] / med["sqlite3 .backup"]
    to_cp = med["take_backup"] / med["cp + fsync"]
    restore_ratio = med["restore_backup"] / med["sqlite3 .restore"]
    print(f"\nbackup / cp: {to_cp:.2f}× (medians)")
    print(
        verdict_table(
            [
                verdict(
                    "backup / sqlite3 .backup (medians)",
                    to_shell,
                    BACKUP_TARGET,
                    "×",
                    below=False,
                    n=len(backups["take_backup"]),
                    scope=size,
                ),
                verdict(
                    "restore / sqlite3 .restore (medians)",
                    restore_ratio,
                    RESTORE_TARGET,
                    "×",
                    below=False,
                    n=len(restores["restore_backup"]),
                    scope=size,
                ),
            ]
        )
    )
    for name, values in (("alone", alone), ("during a backup", during)):
        m = summary_ms(values)  # p99 "-" under 100 commits: it would be the max
        print(
            f"writer commits {name}: {m['n']:,} commits, p50 {fmt(m['p50'])} ms, "
            f"p99 {fmt(m['p99'])} ms, max {fmt(m['max'])} ms"
        )


if __name__ == "__main__":
    main()
