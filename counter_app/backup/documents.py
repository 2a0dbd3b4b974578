"""The digitised documents of a copy: every file its events name, in `<copy>.documents/`
beside it (the same `<aa>/<sha256>.pdf` layout as the desk's `documents/`, 0700/0600). A
file is linked when the copy is on the same disk (the files never change, so a link costs
nothing and is as good as a copy: `restore` re-hashes it), copied otherwise.

`restore` checks every file the copy's events name against its hash before anything is
replaced, and refuses a copy whose file is missing or changed and not on this desk either;
after the restore the copy's files are put back in the desk's `documents/`."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from counter_app.backup import online
from counter_app.digitisation.store import FOLDER, Store
from counter_app.errors import BadBackup
from counter_app.models.event_data import KIND_LETTER, unpack

SUFFIX = ".documents"
SHOWN = 3  # hashes named in a refusal


def folder_of(copy: Path) -> Path:
    return copy.with_name(copy.name + SUFFIX)


def live_store(db: Path) -> Store:
    return Store(db.absolute().parent / FOLDER)


def named(db: sqlite3.Connection) -> set[str]:
    """The files a database's digitised events name (none before digitisation existed)."""
    kind = KIND_LETTER.get("digitised", "digitised")
    try:
        rows = db.execute("SELECT data FROM events WHERE kind = ?", (kind,)).fetchall()
    except sqlite3.OperationalError:
        return set()
    found = set()
    for (stored,) in rows:
        sha = unpack(stored).get("sha256")
        if isinstance(sha, str):
            found.add(sha)
    return found


def copy_out(db: Path, part: Path, final: Path) -> dict[str, Any]:
    """Put beside the finished copy `part` (to be published as `final`) every file its
    events name; what it holds, for the manifest (`missing`: named, not on this desk)."""
    conn = online.connect(part, read_only=True)
    try:
        wanted = sorted(named(conn))
    finally:
        conn.close()
    target, source = Store(folder_of(final)), live_store(db)
    shutil.rmtree(target.root, ignore_errors=True)  # a folder of an earlier copy's name
    count, size, missing = 0, 0, []
    for sha in wanted:
        if not source.verify(sha):
            missing.append(sha)
            continue
        _place(source.path(sha), target, sha)
        count += 1
        size += source.path(sha).stat().st_size
    return {"folder": target.root.name, "files": count, "bytes": size, "missing": missing}


def _place(file: Path, target: Store, sha: str) -> None:
    """Link (same disk) or copy one file into `target`, durably, readable by this user."""
    destination = target.path(sha)
    if not target.root.is_dir():
        target.root.mkdir(mode=0o700, parents=True)
    destination.parent.mkdir(mode=0o700, exist_ok=True)
    if destination.exists():
        return
    try:
        os.link(file, destination)
    except OSError:
        target.put(file.read_bytes())


def check(copy: Path, db: Path) -> list[str]:
    """Every file the copy's events name, proved by its hash in the copy's folder or else
    in the desk's own `documents/`; BadBackup (nothing changed) for any that is neither.
    The hashes to bring back from the copy's folder."""
    conn = online.connect(copy, read_only=True)
    try:
        wanted = sorted(named(conn))
    finally:
        conn.close()
    held, here = Store(folder_of(copy)), live_store(db)
    bring, bad = [], []
    for sha in wanted:
        if held.verify(sha):
            bring.append(sha)
        elif not here.verify(sha):
            bad.append(sha)
    if bad:
        shown = ", ".join(bad[:SHOWN]) + (" …" if len(bad) > SHOWN else "")
        raise BadBackup(
            f"Bản sao lưu '{copy}' thiếu hoặc có thay đổi {len(bad)} tệp giấy tờ số hóa "
            f"(trong '{held.root}'; SHA-256: {shown}), trên bàn này cũng không có: "
            "không khôi phục."
        )
    return bring


def bring_in(copy: Path, db: Path, hashes: list[str]) -> None:
    """After the restore: the copy's files back in the desk's `documents/`."""
    held, here = Store(folder_of(copy)), live_store(db)
    for sha in hashes:
        if not here.verify(sha):
            here.put(held.read(sha))


def remove(copy: Path) -> None:
    """With a copy the retention rule removes: its documents folder."""
    shutil.rmtree(folder_of(copy), ignore_errors=True)
