"""Several processes receiving on one SQLite file, and processes killed mid-reception."""

from __future__ import annotations

import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from counter_app.db import unit_of_work
from counter_app.services import desk

# Processes of their own, killed and raced: one worker runs these one after another.
pytestmark = pytest.mark.xdist_group("processes")
ROOT = Path(__file__).resolve().parents[2]
DAY = "000.00.20.H26-260213-"
WAIT_S = 120  # a bound on each wait for events, generous for a loaded machine


def worker(url: str, count: int, barrier: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.integration.receiver", url, str(count)]
    return subprocess.Popen(
        args + (["--barrier"] if barrier else []),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def release(procs: list[subprocess.Popen[str]]) -> None:
    """A line to each barrier worker: it goes on."""
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()


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
    release(procs)  # all four start
    firsts = []
    for proc in procs:  # each has received once, and waits
        assert proc.stdout is not None
        firsts.append(proc.stdout.readline())
    release(procs)  # the four are inside their runs together: the rest in parallel
    outputs = [p.communicate(timeout=WAIT_S) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outputs]
    lines = firsts + [line for out, _ in outputs for line in out.splitlines()]
    acknowledged = [line for line in lines if line.startswith(DAY)]
    assert len(acknowledged) == len(set(acknowledged)) == 400
    # the four were receiving at the same time: every window overlaps every other
    windows = [tuple(map(float, line.split()[1:])) for line in lines if line.startswith("window")]
    assert len(windows) == 4 and max(s for s, _ in windows) < min(e for _, e in windows)
    assert check_consistent(path) == 400


def read_lines(proc: subprocess.Popen[str], lines: queue.Queue[str]) -> threading.Thread:
    """A thread that hands on each line the process prints (and "" at its end)."""

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put("")

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


@pytest.mark.slow
def test_killed_receptions_lose_nothing_acknowledged(shared_db):
    """Eight workers killed mid-run, each after a random number (5 to 15) of acknowledged
    receptions: counted, not timed, so a loaded machine only makes it slower."""
    path = shared_db.removeprefix("sqlite:///")
    rng = random.Random(7)
    acknowledged: set[str] = set()
    for _ in range(8):
        proc, lines = worker(shared_db, 10_000), queue.Queue[str]()
        reader = read_lines(proc, lines)
        wanted, seen = rng.randint(5, 15), 0
        deadline = time.monotonic() + WAIT_S
        while seen < wanted:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            assert line, f"the worker ended before its kill: {proc.stderr.read()}"  # type: ignore[union-attr]
            acknowledged.add(line)
            seen += 1
        proc.send_signal(signal.SIGKILL)  # the next reception is under way
        proc.wait(timeout=WAIT_S)
        reader.join(timeout=WAIT_S)
        while not lines.empty():  # what it acknowledged before the kill landed
            acknowledged.add(lines.get())
        acknowledged.discard("")
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            assert pipe is not None
            pipe.close()
        assert proc.returncode == -signal.SIGKILL
        with sqlite3.connect(path) as db:
            stored = {row[0] for row in db.execute("SELECT code FROM dossiers")}
        assert acknowledged <= stored
        check_consistent(path)
    assert len(acknowledged) > 50  # the loop really received between kills
