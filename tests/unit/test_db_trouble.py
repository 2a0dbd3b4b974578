"""`explain` (for the command's error line and the desk's dialog) turns the errors database
trouble raises — made here by SQLite itself where it can be — into plain Vietnamese."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from counter_app.db_trouble import explain


def _sqlite_error(tmp: Path, make: Callable[[Path], None]) -> sqlite3.Error:
    try:
        make(tmp)
    except sqlite3.Error as error:
        return error
    raise AssertionError("SQLite raised nothing")


def _locked(tmp: Path) -> None:
    holder = sqlite3.connect(tmp / "a.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        sqlite3.connect(tmp / "a.db", timeout=0.05).execute("BEGIN IMMEDIATE")
    finally:
        holder.close()


def _read_only(tmp: Path) -> None:
    sqlite3.connect(tmp / "a.db").close()
    sqlite3.connect(f"file:{tmp / 'a.db'}?mode=ro", uri=True).execute("CREATE TABLE t (x)")


def _not_a_database(tmp: Path) -> None:
    (tmp / "a.db").write_bytes(b"hello, world\n" * 1000)
    sqlite3.connect(tmp / "a.db").execute("SELECT * FROM sqlite_master").fetchall()


def _full(tmp: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA max_page_count = 1")
    db.execute("CREATE TABLE a (x)")
    db.execute("CREATE TABLE b (x)")


def _cannot_open(tmp: Path) -> None:
    sqlite3.connect(tmp / "no" / "such" / "folder.db")


MADE = [
    ("locked", _locked, "đang bị"),
    ("read-only", _read_only, "chỉ đọc"),
    ("not a database", _not_a_database, "hỏng"),
    ("full", _full, "đầy"),
    ("cannot open", _cannot_open, "không mở được"),
]


@pytest.mark.parametrize("make,words", [m[1:] for m in MADE], ids=[m[0] for m in MADE])
@pytest.mark.parametrize("wrapped", [False, True], ids=["driver", "sqlalchemy"])
def test_sqlite_trouble_is_told(tmp_path, make, words, wrapped):
    error: BaseException = _sqlite_error(tmp_path, make)
    if wrapped:
        error = OperationalError("SELECT 1", {}, error)
    told = str(explain(error))
    assert (words in told.lower(), "sqlite" in told.lower(), "error" in told.lower()) == (
        True,
        False,
        False,
    ), told


OTHER = [
    (DatabaseError("SELECT", {}, Exception("database disk image is malformed")), "hỏng"),
    (ModuleNotFoundError("No module named 'psycopg2'", name="psycopg2"), "kết nối"),
]


@pytest.mark.parametrize("error,words", OTHER, ids=[type(e).__name__ + w for e, w in OTHER])
def test_other_trouble_is_told(error, words):
    assert words in str(explain(error)).lower()


@pytest.mark.parametrize(
    "error",
    [
        ValueError("x"),
        KeyError("x"),
        ModuleNotFoundError("No module named 'reportlab'", name="reportlab"),
        RuntimeError("database is locked"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
)  # (a PDF written to a full disk)
def test_what_is_not_database_trouble_is_left_alone(error):
    assert explain(error) is None
