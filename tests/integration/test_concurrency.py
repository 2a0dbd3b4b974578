"""Several processes receiving on one SQLite file, and processes killed mid-reception."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.db import unit_of_work
from counter_app.services import desk

ROOT = Path(__file__).resolve().parents[2]
DAY = "000.00.20.H26-260213-"


def worker(url: str, count: int, barrier: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.integration.receiver", url, str(count)]
    return subprocess.Popen(
        args + (["--barrier"] if barrier else []), cwd=ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.fixture
def shared_db(desk_db, db_url):
    with unit_of_work(desk_db, write=True) as session:
        desk.local_desk(session)
        desk.officer(session, "motcua")
    return db_url


def day_sequences(path: str) -> list[int]:
    with sqlite3.connect(path) as db:
        codes = [row[0] for row in db.execute("SELECT code FROM dossiers")]
    assert all(code.startswith(DAY) for code in codes)
    return sorted(int(code.removeprefix(DAY)) for code in codes)


def check_consistent(path: str) -> int:
    """No hole, counter = last code, one event per dossier, gapless desk sequence."""
    seqs = day_sequences(path)
    assert seqs == list(range(1, len(seqs) + 1))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counter = db.execute("SELECT coalesce(max(last_seq), 0) FROM dossier_counters").fetchone()
        events = sorted(r[0] for r in db.execute("SELECT desk_seq FROM events"))
        last_seq = db.execute("SELECT last_seq FROM desks").fetchone()[0]
        fts = db.execute("SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH 'hoa'")
        assert fts.fetchone()[0] == len(seqs)
    assert counter == (len(seqs),)
    assert events == list(range(1, len(seqs) + 1)) and last_seq == len(seqs)
    return len(seqs)


@pytest.mark.slow
def test_four_processes_get_unique_contiguous_codes(shared_db):
    path = shared_db.removeprefix("sqlite:///")
    procs = [worker(shared_db, 100, barrier=True) for _ in range(4)]
    for proc in procs:  # all four set up and waiting
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:  # release all four before collecting any
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outputs]
    lines = [line for out, _ in outputs for line in out.splitlines()]
    acknowledged = [line for line in lines if line.startswith(DAY)]
    assert len(acknowledged) == len(set(acknowledged)) == 400
    # the four were receiving at the same time: every window overlaps every other
    windows = [tuple(map(float, line.split()[1:])) for line in lines if line.startswith("window")]
    assert len(windows) == 4 and max(s for s, _ in windows) < min(e for _, e in windows)
    assert check_consistent(path) == 400


@pytest.mark.slow
def test_killed_receptions_lose_nothing_acknowledged(shared_db):
    path = shared_db.removeprefix("sqlite:///")
    rng = random.Random(7)
    acknowledged: set[str] = set()
    for _ in range(8):
        proc = worker(shared_db, 10_000)
        deadline = time.monotonic() + rng.uniform(1.2, 2.5)  # imports take about a second
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line:
                acknowledged.add(line.strip())
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        acknowledged.update(rest.split())
        assert proc.returncode == -signal.SIGKILL
        with sqlite3.connect(path) as db:
            stored = {row[0] for row in db.execute("SELECT code FROM dossiers")}
        assert acknowledged <= stored
        check_consistent(path)
    assert len(acknowledged) > 50  # the loop really received between kills
