"""The desk's record is private to its user (issue 9, class 7), and database trouble is told
for what it is, in Vietnamese, with what to do (class 8)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.orm
from sqlalchemy.exc import OperationalError

from counter_app.db import make_engine
from tests.conftest import intake_doc
from tests.integration.driver import Desk, process


def _modes(*paths: Path) -> dict[str, str]:
    return {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.exists()}


def _held_open(url: str, folder: Path, name: str) -> dict[str, str]:
    """Modes of the database, its write-ahead log and shared memory while a connection
    writes, and of the folder."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x)")
            connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            return _modes(folder, *(folder / (name + s) for s in ("", "-wal", "-shm")))
    finally:
        engine.dispose()


def _new_folder(tmp: Path) -> dict[str, str]:
    folder = tmp / "new" / "desk"
    return _held_open(f"sqlite:///{folder / 'desk.db'}", folder, "desk.db")


def _old_files(tmp: Path) -> dict[str, str]:
    """A database left by an earlier version: files readable by everyone."""
    folder = tmp / "old"
    folder.mkdir(mode=0o700)
    sqlite3.connect(folder / "desk.db").close()
    for suffix in ("", "-wal", "-shm"):
        (folder / f"desk.db{suffix}").touch()
        (folder / f"desk.db{suffix}").chmod(0o644)
    return _held_open(f"sqlite:///{folder / 'desk.db'}", folder, "desk.db")


def _default_place(tmp: Path) -> dict[str, str]:
    """No --db: the user data directory, made by an earlier version with 0755."""
    data = tmp / "home" / "data"
    (data / "counter-app").mkdir(parents=True, mode=0o755)
    (data / "counter-app").chmod(0o755)
    done = process(
        "init", env={"HOME": str(tmp / "home"), "XDG_DATA_HOME": str(data), "COUNTER_APP_DB": ""}
    )
    assert done.returncode == 0, done.stderr
    return _modes(data / "counter-app", data / "counter-app" / "counter.db")


PLACES = [
    (
        "a new folder",
        _new_folder,
        {"desk": "0o700", "desk.db": "0o600", "desk.db-wal": "0o600", "desk.db-shm": "0o600"},
    ),
    (
        "files of an earlier version",
        _old_files,
        {"old": "0o700", "desk.db": "0o600", "desk.db-wal": "0o600", "desk.db-shm": "0o600"},
    ),
    ("the default place", _default_place, {"counter-app": "0o700", "counter.db": "0o600"}),
]


@pytest.mark.parametrize("make,expected", [p[1:] for p in PLACES], ids=[p[0] for p in PLACES])
def test_the_record_is_readable_by_its_user_alone(tmp_path, make, expected):
    usual = os.umask(0o022)  # what most desks have: new files readable by every account
    try:
        assert make(tmp_path) == expected
    finally:
        os.umask(usual)


@contextmanager
def unwritable(desk: Desk) -> Iterator[Desk]:
    """The desk's database where this user cannot write: a file and folder without write
    permission; for root, whom permissions do not stop, a read-only file system."""
    folder = desk.tmp / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        shutil.copyfile(desk.path, folder / "desk.db")
        (folder / "desk.db").chmod(0o400)
        folder.chmod(0o500)
        try:
            yield Desk(folder, desk.capsys)
        finally:
            folder.chmod(0o700)
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], check=True)
    try:
        shutil.copyfile(desk.path, folder / "desk.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield Desk(folder, desk.capsys)
    finally:
        subprocess.run(["umount", str(folder)], check=True)


READS = [
    ("show", "{code}"),
    ("find", "nguyen"),
    ("find", "026190001234"),
    ("catalog", "list"),
    ("deadline", "1.001193", "2026-02-13T10:00:00+07:00"),
    ("catalog", "export"),
]


@pytest.mark.parametrize("args", READS, ids=[" ".join(a[:2]) for a in READS])
def test_reads_work_on_a_database_that_cannot_be_written(ready, args):
    desk, code = ready
    with unwritable(desk) as read_only:
        status, out, err = read_only.run(*(a.format(code=code) for a in args))
    # a look at personal data that the audit trail could not record says so, and only that
    assert (status, bool(out), err.replace(UNRECORDED, "")) == (0, True, "")


UNRECORDED = "lưu ý: cơ sở dữ liệu chỉ đọc được, lần xem này không được ghi vào nhật ký truy cập.\n"


RAW = (
    "lỗi không mong đợi",
    "Error",
    "sqlite3",
    "database is locked",
    "readonly",
    "not a database",
    "malformed",
    "Can't locate",
    "unable to open",
    "disk is full",
    "Errno",
    "alembic",
    "Traceback",
)


def _told(status: int, err: str, expected: tuple[int, str]) -> bool:
    """Exit code as expected, one line, the Vietnamese words expected, nothing raw."""
    code, words = expected
    one_line = err.startswith("error: ") and err.count("\n") == 1
    return (
        status == code
        and one_line
        and words in err.lower()
        and not any(raw.lower() in err[7:].lower() for raw in RAW)
    )


class Scene:
    """What a row of the trouble table may arrange: files, a lock, the environment."""

    def __init__(self, desk: Desk, code: str, stack: ExitStack, monkeypatch: Any) -> None:
        self.desk, self.code, self.stack, self.monkeypatch = desk, code, stack, monkeypatch

    def intake(self) -> str:
        return self.desk.file("intake.json", intake_doc())


def _locked(s: Scene) -> tuple[str, ...]:
    s.monkeypatch.setenv("COUNTER_APP_BUSY_TIMEOUT", "0.2")
    blocker = sqlite3.connect(s.desk.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    s.stack.callback(blocker.close)
    return ("receive", s.intake())


def _read_only(command: str) -> Callable[[Scene], tuple[str, ...]]:
    def arrange(s: Scene) -> tuple[str, ...]:
        intake = s.intake()
        s.desk = s.stack.enter_context(unwritable(s.desk))
        return ("receive", intake) if command == "receive" else (command, s.code, "--to", "TP-HT")

    return arrange


def _garbage(data: Callable[[bytes], bytes]) -> Callable[[Scene], tuple[str, ...]]:
    def arrange(s: Scene) -> tuple[str, ...]:
        s.desk.path.write_bytes(data(s.desk.path.read_bytes()))
        return ("show", s.code)

    return arrange


def _newer(command: str) -> Callable[[Scene], tuple[str, ...]]:
    def arrange(s: Scene) -> tuple[str, ...]:
        with sqlite3.connect(s.desk.path) as db:
            db.execute("UPDATE alembic_version SET version_num = '0099'")
        return ("show", s.code) if command == "show" else ("receive", s.intake())

    return arrange


def _elsewhere(url: Callable[[Path], str]) -> Callable[[Scene], tuple[str, ...]]:
    def arrange(s: Scene) -> tuple[str, ...]:
        (s.desk.tmp / "a-file").write_text("x")
        (s.desk.tmp / "a-folder").mkdir()
        s.desk.url = url(s.desk.tmp)
        return ("show", s.code)

    return arrange


def _disk_full(s: Scene) -> tuple[str, ...]:
    """SQLite's own 'database or disk is full', raised where a full disk raises it."""
    scratch = sqlite3.connect(":memory:")
    scratch.execute("PRAGMA max_page_count = 1")
    try:
        scratch.execute("CREATE TABLE a (x)")
        scratch.execute("CREATE TABLE b (x)")
    except sqlite3.OperationalError as full:
        error = full

    def commit(self: Any) -> None:
        raise OperationalError("COMMIT", {}, error)

    s.monkeypatch.setattr(sqlalchemy.orm.Session, "commit", commit)
    return ("receive", s.intake())


def _scrambled(raw: bytes) -> bytes:
    return raw[:4096] + bytes(b ^ 0x5A for b in raw[4096:])


TROUBLE: list[tuple[str, Callable[[Scene], tuple[str, ...]], tuple[int, str]]] = [
    ("locked by another writer", _locked, (1, "đang bị")),
    ("read-only: receive", _read_only("receive"), (1, "chỉ đọc")),
    ("read-only: handoff", _read_only("handoff"), (1, "chỉ đọc")),
    ("random bytes", _garbage(lambda raw: os.urandom(len(raw))), (1, "hỏng")),
    ("a text file", _garbage(lambda raw: b"not a database\n" * 100), (1, "hỏng")),
    ("pages scrambled", _garbage(_scrambled), (1, "hỏng")),
    ("half a file", _garbage(lambda raw: raw[: len(raw) // 2]), (1, "hỏng")),
    ("a newer schema: show", _newer("show"), (1, "phiên bản mới hơn")),
    ("a newer schema: receive", _newer("receive"), (1, "phiên bản mới hơn")),
    ("disk full", _disk_full, (1, "đầy")),
    (
        "folder is a file",
        _elsewhere(lambda t: f"sqlite:///{t / 'a-file' / 'desk.db'}"),
        (2, "là một tệp"),
    ),
    (
        "the database is a folder",
        _elsewhere(lambda t: f"sqlite:///{t / 'a-folder'}"),
        (2, "thư mục"),
    ),
    ("not a database URL", _elsewhere(lambda t: "desk.db"), (2, "--db")),
    ("a database kind not supported", _elsewhere(lambda t: "mysql://u@h/d"), (2, "--db")),
]


@pytest.mark.parametrize("arrange,expected", [t[1:] for t in TROUBLE], ids=[t[0] for t in TROUBLE])
def test_database_trouble_is_told_plainly(ready, monkeypatch, arrange, expected):
    desk, code = ready
    with ExitStack() as stack:
        scene = Scene(desk, code, stack, monkeypatch)
        args = arrange(scene)
        status, _, err = scene.desk.run(*args)
    assert _told(status, err, expected), err
