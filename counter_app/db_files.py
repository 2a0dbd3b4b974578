"""The embedded database on disk: where it may be, who may read it, whether it can be
written.

The record holds names, ID numbers and phones, so its folder, when the desk creates it,
and the database file are its user's alone (private.py: 0700 and 0600 on POSIX, an
access list on Windows, which the -wal, -shm and -journal files created in that folder
inherit). On POSIX the database and its companions are made 0600, and the program's own
data directory 0700, when an earlier version left them readable by every account, if
they are ours.

A database this user cannot write (a read-only file or folder, a read-only file system, a
backup on a CD) is opened read-only, so that looking dossiers up keeps working.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from counter_app import private
from counter_app.errors import DatabaseLocation, DatabaseTrouble

POSIX = os.name == "posix"
COMPANIONS = ("", "-wal", "-shm", "-journal")
_UMASK = threading.Lock()  # the umask is the process's: one connection at a time sets it


def prepare(path: Path) -> bool:
    """Make `path` usable as the database file: its folder exists (0700 when created),
    the files are private. Returns True when this user can only read it."""
    if path.is_dir():
        raise DatabaseLocation(
            f"--db chỉ tới thư mục '{path}', không phải một tệp: thêm tên "
            f"tệp, ví dụ {path / 'counter.db'}."
        )
    _through_a_file(path)
    if not POSIX and (too_long := windows_path_trouble(path)):
        raise DatabaseLocation(too_long)
    folder = path.parent
    if not folder.is_dir():
        _create_folder(folder)
    elif POSIX and stat.S_IMODE(folder.stat().st_mode) & 0o077 and _is_data_dir(folder):
        _private(folder, 0o700)
    exists = path.exists()
    if POSIX:
        for suffix in COMPANIONS:
            _private(Path(f"{path}{suffix}"), 0o600)
    if exists and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return True
    if not exists:
        _create_file(path)
    return False


# Windows' MAX_PATH: SQLite's default Windows file layer cannot open a longer path, and
# Python and Qt need a registry setting (LongPathsEnabled) that a commune's PC lacks. The
# longest file the desk writes beside its database is a digitised document kept with a
# copy: backups/<stem>-YYYYmmdd-HHMMSS-before-upgrade-0017-to-0019-99.db.documents/aa/
# <sha256>.pdf (and, while a copy is written, its temporary name, shorter).
MAX_PATH = 259  # characters, without the final NUL
BESIDE = len("backups/-20261207-180000-before-upgrade-0017-to-0019-99.db.documents/aa/")
BESIDE += 64 + len(".pdf")


def windows_path_trouble(path: Path) -> str | None:
    """Why `path` cannot hold the database on Windows (too long a path), or None."""
    full = str(path.absolute())
    longest = len(str(path.absolute().parent)) + 1 + len(path.stem) + BESIDE
    if longest <= MAX_PATH:
        return None
    room = MAX_PATH - BESIDE - len(path.stem) - 1
    return (
        f"--db: đường dẫn cơ sở dữ liệu quá dài cho Windows ({len(full)} ký tự): bản sao lưu "
        f"và giấy tờ số hoá cất bên cạnh nó sẽ vượt giới hạn {MAX_PATH + 1} ký tự. Hãy chọn "
        rf"thư mục có đường dẫn tối đa {room} ký tự, ví dụ C:\counter-app\{path.name}."
    )


def _through_a_file(path: Path) -> None:
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise DatabaseLocation(
                    f"--db: '{ancestor}' là một tệp, không phải thư mục; "
                    "hãy chọn đường dẫn trong một thư mục."
                )
            return


def _is_data_dir(folder: Path) -> bool:
    """The program's own data directory (an earlier version made it 0755): tightened. A
    folder the user named is left as the user made it."""
    from counter_app.config import APP_NAME, data_dir

    if folder.name != APP_NAME:  # spares loading platformdirs at every start
        return False
    try:
        return folder.resolve() == data_dir().resolve()
    except OSError:
        return False


def _create_folder(folder: Path) -> None:
    try:
        private.make_folder(folder)  # 0700 whatever the umask let mkdir give; an ACL
    except OSError as error:
        raise DatabaseTrouble(
            f"Không tạo được thư mục cơ sở dữ liệu '{folder}': {why(error)}."
        ) from None


def _create_file(path: Path) -> None:
    """An empty file, 0600: SQLite makes it a database, and its -wal and -shm files take
    its permissions (on Windows, its own access list: the folder may be one the user
    named, open to others)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return  # another process made it first
    except OSError as error:
        raise DatabaseTrouble(f"Không tạo được tệp cơ sở dữ liệu '{path}': {why(error)}.") from None
    if not POSIX:
        private.make_private(path)


def _private(path: Path, mode: int) -> None:
    try:
        info = path.stat()
        if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid():
            path.chmod(mode)
    except OSError:
        pass  # not there, or a read-only file system: nothing to tighten


def why(error: OSError) -> str:
    reasons = {
        13: "không có quyền ghi",
        1: "không có quyền ghi",
        28: "ổ đĩa đầy",
        30: "ổ đĩa chỉ đọc",
        20: "một phần đường dẫn là tệp, không phải thư mục",
    }
    return reasons.get(error.errno or 0, f"lỗi hệ thống số {error.errno}")


def read_only_connector(path: Path, timeout: float) -> Callable[[], sqlite3.Connection]:
    """How to open a database this user cannot write: read-only, or, when SQLite cannot
    keep its shared memory file beside it (a read-only folder or file system), as an
    unchanging file (SQLite then reads it without any lock)."""
    uri = path.resolve().as_uri()
    for options in ("mode=ro", "mode=ro&immutable=1"):
        candidate = f"{uri}?{options}"
        try:
            probe = sqlite3.connect(candidate, uri=True, timeout=timeout)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                probe.close()
        except sqlite3.OperationalError:
            continue
        break
    return lambda: sqlite3.connect(candidate, uri=True, timeout=timeout, check_same_thread=False)


@contextmanager
def private_files() -> Iterator[None]:
    """Files created inside the block (by SQLite: -wal, -shm, -journal) are the user's
    alone."""
    if not POSIX:
        yield
        return
    with _UMASK:
        previous = os.umask(0o077)
        try:
            yield
        finally:
            os.umask(previous)


def connect_privately(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
    """SQLAlchemy's do_connect: the driver's connect, with files made private."""
    with private_files():
        return dialect.connect(*cargs, **cparams)
