"""One desk window per database for a user of a PC.

A second double click on the desktop shortcut (a slow PC, an officer who thinks the
first did nothing) would open a second desk on the same record: two scanners armed, two
idle locks, two start-up copies raced, a dossier saved in one and not shown in the
other. The desk takes a lock file first (QLockFile: on Windows as on Linux it holds the
process's id and is taken over once that process is gone, after a crash or a power cut);
a second start says the desk is already open and quits.

The lock is the user's own (in their data directory, named by a hash of the database's
place: nothing personal in the name), so two Windows accounts of one PC, and the desks
of other PCs sharing an office server, never stop each other. The hall's kiosk and
display are other programs, and `--check-start` (support's measure) takes no lock.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile

from counter_app import private
from counter_app.config import data_dir
from counter_app.ui.i18n import tr

FOLDER = "locks"


def lock_path(db_url: str, folder: Path | None = None) -> Path:
    """The lock of the desk on `db_url`: the same database by any spelling of its path,
    one lock."""
    place = db_url
    if db_url.startswith("sqlite:///"):
        place = str(Path(db_url.removeprefix("sqlite:///")).resolve())
    digest = hashlib.sha256(place.encode("utf-8")).hexdigest()[:20]
    return (folder or data_dir() / FOLDER) / f"desk-{digest}.lock"


def claim(db_url: str, folder: Path | None = None) -> QLockFile | None:
    """The desk's lock, held until it is unlocked or the process ends; None when another
    desk of this user holds it."""
    path = lock_path(db_url, folder)
    if folder is None and not (home := data_dir()).is_dir():
        private.make_folder(home)  # the record's folder, first made here: the user's alone
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # never taken over for its age: only when its process is gone
    return lock if lock.tryLock(200) else None


def already_open() -> str:
    return tr(
        "Bàn tiếp nhận với cơ sở dữ liệu này đã đang mở trên máy này (có thể đang thu nhỏ "
        "trên thanh tác vụ): hãy dùng cửa sổ đó. Nếu không thấy cửa sổ nào, đợi một lát "
        "rồi mở lại."
    )
