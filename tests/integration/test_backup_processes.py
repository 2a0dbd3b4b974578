"""Backup and restore as real processes: a copy taken while four processes receive, and
processes killed (SIGKILL) half-way through a backup and through a restore.

COUNTER_APP_TEST_BACKUP_STEP ("PAGES:SECONDS") slows the copy's steps so that the kill
lands half-way; the test checks that the process was still running when it was killed."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.integration.test_concurrency import (
    DAY,
    WAIT_S,
    check_consistent,
    release,
    worker,
)
from tests.integration.test_concurrency import shared_db as shared_db  # noqa: F401

# Processes of their own, killed and raced: one worker runs these one after another.
pytestmark = pytest.mark.xdist_group("processes")
ROOT = Path(__file__).resolve().parents[2]
SLOW = "COUNTER_APP_TEST_BACKUP_STEP"


def counter_app(url: str, *args: str, slow: str | None = None) -> subprocess.Popen[str]:
    env = os.environ | ({SLOW: slow} if slow else {})
    return subprocess.Popen(
        [sys.executable, "-m", "counter_app", "--db", url, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(proc: subprocess.Popen[str]) -> dict:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return json.loads(out)


def wait_for(condition, what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


class Acknowledged(threading.Thread):
    """Codes a receiver printed (each once its transaction committed), with the time read."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.proc, self.codes = proc, list[tuple[float, str]]()
        self.start()

    def run(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                if line.startswith(DAY):
                    self.codes.append((time.monotonic(), line.strip()))


def acknowledged(readers: list[Acknowledged], since: float = 0, until: float = 1e18) -> set:
    return {code for r in readers for at, code in list(r.codes) if since <= at < until}


@pytest.mark.slow
def test_a_copy_taken_while_four_desks_receive_restores_every_acknowledged_dossier(
    shared_db,
    tmp_path,  # noqa: F811
):
    """Four desks receive before, during and after the copy. Counted, not timed: the
    backup is stopped (SIGSTOP) once its file exists until the desks have acknowledged 20
    more receptions, and the desks are stopped once 20 more came after it ended."""
    path, copies = shared_db.removeprefix("sqlite:///"), tmp_path / "copies"
    copies.mkdir()
    copy = copies / "copy.db"
    procs = [worker(shared_db, 100_000, barrier=True) for _ in range(4)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    release(procs)
    readers = [Acknowledged(p) for p in procs]
    wait_for(lambda: all(r.codes for r in readers), "each desk's first reception")
    release(procs)
    wait_for(lambda: len(acknowledged(readers)) >= 40, "the first receptions")
    started = time.monotonic()
    before = acknowledged(readers)
    backup = counter_app(shared_db, "backup", "-o", str(copy), "--json", slow="4:0.02")
    wait_for(lambda: any(copies.iterdir()) or backup.poll() is not None, "the copy to start")
    backup.send_signal(signal.SIGSTOP)
    try:
        so_far = len(acknowledged(readers))
        wait_for(lambda: len(acknowledged(readers)) >= so_far + 20, "receptions during the copy")
    finally:
        backup.send_signal(signal.SIGCONT)
    taken = finished(backup)
    ended = time.monotonic()
    during = acknowledged(readers, started, ended)
    wait_for(lambda: len(acknowledged(readers, ended)) >= 20, "receptions after the copy")
    for proc, reader in zip(procs, readers, strict=True):
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=WAIT_S)
        reader.join(timeout=WAIT_S)
        assert proc.stdin is not None and proc.stderr is not None
        proc.stdin.close()
        proc.stderr.close()
    after, everything = acknowledged(readers, ended), acknowledged(readers)
    assert (len(during) >= 20, len(after) >= 20) == (True, True)  # they kept receiving
    restored = finished(counter_app(shared_db, "restore", str(copy), "--json"))
    with sqlite3.connect(path) as db:
        stored = {row[0] for row in db.execute("SELECT code FROM dossiers")}
    assert before <= stored and len(stored) == taken["dossiers"] == restored["dossiers"]
    assert len(stored) < len(everything)  # the copy is of a moment, not of the end
    assert check_consistent(path) == taken["dossiers"]  # one snapshot: no hole, no half


def digest(path: Path) -> str:
    """The whole content, as SQLite reads it (a check that passes on a mix would fail)."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT * FROM dossiers ORDER BY id").fetchall()
        rows += db.execute("SELECT * FROM events ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A database of 3,000 dossiers (~9 MB: more pages than SQLite's page cache)."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "seed.py"),
            "--db",
            str(path),
            "--dossiers",
            "3000",
            "--per-day",
            "300",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return path


@pytest.fixture
def live(seeded, tmp_path) -> Path:
    path = tmp_path / "desk.db"
    with sqlite3.connect(seeded) as source, sqlite3.connect(path) as target:
        source.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    source.close()
    target.close()
    return path


@pytest.mark.slow
def test_a_backup_killed_half_way_leaves_the_database_and_no_copy(live, tmp_path):
    url, copy, before = f"sqlite:///{live}", tmp_path / "copies" / "copy.db", digest(live)
    copy.parent.mkdir()
    proc = counter_app(url, "backup", "-o", str(copy), slow="16:0.02")
    wait_for(lambda: any(copy.parent.iterdir()), "the copy to start")
    time.sleep(0.5)  # about 25 of its 140 steps
    assert proc.poll() is None  # still copying
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert (copy.exists(), copy.with_name("copy.db.json").exists()) == (False, False)
    assert digest(live) == before
    finished(counter_app(url, "backup", "-o", str(copy), "--json"))  # nothing left locked
    assert finished(counter_app(url, "restore", str(copy), "--json"))["dossiers"] == 3000


@pytest.mark.slow
def test_a_restore_killed_half_way_leaves_the_old_content_whole(live, tmp_path):
    url, copy = f"sqlite:///{live}", tmp_path / "copy.db"
    new = digest(live)
    finished(counter_app(url, "backup", "-o", str(copy), "--json"))
    with sqlite3.connect(live) as db:  # the content the restore is to replace: every page
        db.execute("UPDATE dossiers SET note = 'sau khi sao lưu'")
    db.close()
    old, wal = digest(live), Path(f"{live}-wal")
    proc = counter_app(url, "restore", str(copy), slow="16:0.02")
    wait_for(lambda: any(tmp_path.glob("desk.db.before-restore-*.json")), "the kept copy")
    size = wal.stat().st_size
    wait_for(lambda: wal.stat().st_size > size, "restored pages spilled into the WAL")
    assert proc.poll() is None  # still restoring: nothing committed yet
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert digest(live) == old  # the old content, whole
    finished(counter_app(url, "restore", str(copy), "--json"))
    assert digest(live) == new
