"""The folder of automatic copies and what is kept in it.

Beside the database, `backups/` (mode 0700) holds `<db>-YYYYmmdd-HHMMSS-<kind>.db` and
its manifest (0600 each); `kind` is `daily` (taken at the day's first start) or `manual`
(on request). The stamp is the local time the copy was taken.

Retention, over every copy of the folder, automatic or not:
- recent: every copy of the `all_days` most recent days that have a copy (3 unless
  `COUNTER_APP_BACKUP_ALL_DAYS` says otherwise): a copy on request never makes the
  morning's automatic copy go away;
- daily: the newest copy of each of the 7 most recent days that have a copy;
- weekly: the newest copy of each of the 4 most recent ISO weeks that have a copy;
- every other copy is removed with its manifest, and named to whoever asked for the copy
  (`take_backup` returns them: the command line and the backup screen show them).
"Days that have a copy" rather than calendar days: a desk closed for a month still keeps
its last week of work. Leftovers of copies interrupted more than a day ago go too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from counter_app.backup import documents, files, manifest
from counter_app.clock import LOCAL_TZ

FOLDER = "backups"
STAMP = "%Y%m%d-%H%M%S"
KEEP_DAYS, KEEP_WEEKS = 7, 4
ALL_DAYS = 3  # days whose every copy is kept (Settings.backup_all_days)
KINDS = ("daily", "manual")
STALE_PART_S = 24 * 3600


@dataclass(frozen=True)
class Copy:
    path: Path
    taken_at: datetime
    kind: str  # daily or manual, from the name


def folder_of(db: Path) -> Path:
    return db.parent / FOLDER


def _pattern(db: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(db.stem)}-(\d{{8}}-\d{{6}})-({'|'.join(KINDS)})(-\d+)?\.db")


def new_name(db: Path, taken_at: datetime, kind: str) -> Path:
    """A name not yet used in the folder (two copies within one second get -2, -3…)."""
    base = f"{db.stem}-{taken_at.astimezone(LOCAL_TZ).strftime(STAMP)}-{kind}"
    folder, number = folder_of(db), 1
    while True:
        path = folder / f"{base}{'' if number == 1 else f'-{number}'}.db"
        if not path.exists() and not manifest.path_of(path).exists():
            return path
        number += 1


def copies(db: Path) -> list[Copy]:
    """The copies of `db` in its folder, newest first."""
    pattern, found = _pattern(db), []
    folder = folder_of(db)
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match:
            stamp = datetime.strptime(match[1], STAMP).replace(tzinfo=LOCAL_TZ)
            found.append(Copy(path, stamp, match[2]))
    return sorted(found, key=lambda c: (c.taken_at, c.path.name), reverse=True)


def has_copy_of(db: Path, day: date) -> bool:
    """Cheap: names only, nothing opened."""
    return any(c.taken_at.date() == day for c in copies(db))


def keep(found: Iterable[Copy], all_days: int = ALL_DAYS) -> dict[Path, str]:
    """The copies kept, each with the rule that keeps it ("daily" wins over "weekly", and
    both over "recent": a copy of the last `all_days` days kept for that reason only)."""
    newest_of_day: dict[date, Copy] = {}
    newest_of_week: dict[tuple[int, int], Copy] = {}
    of_day: dict[date, list[Copy]] = {}
    for copy in sorted(found, key=lambda c: (c.taken_at, c.path.name), reverse=True):
        newest_of_day.setdefault(copy.taken_at.date(), copy)
        of_day.setdefault(copy.taken_at.date(), []).append(copy)
        year, week, _ = copy.taken_at.isocalendar()
        newest_of_week.setdefault((year, week), copy)
    recent = sorted(of_day.items(), reverse=True)[: max(0, all_days)]
    kept = {c.path: "recent" for _, day in recent for c in day}
    kept |= {c.path: "weekly" for _, c in sorted(newest_of_week.items(), reverse=True)[:KEEP_WEEKS]}
    kept |= {c.path: "daily" for _, c in sorted(newest_of_day.items(), reverse=True)[:KEEP_DAYS]}
    return kept


def prune(db: Path, all_days: int = ALL_DAYS) -> list[Path]:
    """Remove what `keep` does not keep; returns the copies removed."""
    found = copies(db)
    kept = keep(found, all_days)
    removed = [c.path for c in found if c.path not in kept]
    for path in removed:
        manifest.path_of(path).unlink(missing_ok=True)  # first: a copy without one is inert
        path.unlink(missing_ok=True)
        documents.remove(path)
    _remove_stale_parts(folder_of(db))
    return removed


def _remove_stale_parts(folder: Path) -> None:
    """Temporary files of copies cut short (a crash, a kill) more than a day ago; a copy
    being written now by another process is younger than that."""
    if not folder.is_dir():
        return
    limit = time.time() - STALE_PART_S
    for path in folder.iterdir():
        with suppress(FileNotFoundError):  # its writer finished meanwhile
            if files.PART in path.name and path.stat().st_mtime < limit:
                path.unlink()
