"""Backup and restore of the desk's embedded SQLite database: one function per operation,
called alike by the command line and the admin screen (which add the officer's role check
and the audit entry around them). No Qt, no session: paths in, frozen dataclasses out,
`BadBackup` (a refusal: nothing changed) when a copy must not be restored.

    take_backup(db, now)           a copy on request (-o FILE, or the backup folder)
    daily_backup(db, now)          at the desk's first start of the day; cheap otherwise
    restore_backup(db, copy, now)  verify the copy, keep the replaced content, restore
    list_copies(db)                the backup folder, newest first
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app import out_files
from counter_app.backup import documents, files, folder, manifest, online
from counter_app.backup.manifest import Manifest
from counter_app.backup.progress import Meter, Progress
from counter_app.backup.verify import VerifiedCopy, known_revisions, verify_copy
from counter_app.clock import LOCAL_TZ
from counter_app.errors import BackupUnsupported, BadBackup, ConfigurationError, ValidationError
from counter_app.formats import iso

HINT = "một tên tệp bản sao lưu, hoặc một thư mục"


@dataclass(frozen=True)
class BackupResult:
    file: Path
    manifest: Manifest
    removed: tuple[Path, ...] = ()  # older copies the retention rule removed

    def json(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "file": str(self.file),
            "bytes": m.bytes,
            "sha256": m.sha256,
            "dossiers": m.dossiers,
            "events": m.events,
            "schema": m.schema,
            "created_at": iso(m.created_at),
            "kind": m.kind,
            "audit_head": m.audit_head,
            "documents": m.documents,
            "manifest": str(manifest.path_of(self.file)),
            "removed": [str(p) for p in self.removed],
            "removed_copies": self.removed_names(),
        }

    def removed_names(self) -> list[str]:
        """The copies the retention rule removed, by file name (the folder is known)."""
        return [p.name for p in self.removed]


@dataclass(frozen=True)
class RestoreResult:
    file: Path  # the copy restored
    database: Path
    kept: Path  # the content it replaced, itself a restorable copy
    copy: Manifest

    def json(self) -> dict[str, Any]:
        m = self.copy
        return {
            "file": str(self.file),
            "database": str(self.database),
            "kept": str(self.kept),
            "sha256": m.sha256,
            "schema": m.schema,
            "dossiers": m.dossiers,
            "events": m.events,
            "created_at": iso(m.created_at),
        }


@dataclass(frozen=True)
class CopyInfo:
    path: Path
    taken_at: datetime
    kind: str  # daily, weekly (kept as its week's copy) or manual
    bytes: int
    dossiers: int | None  # None: no readable manifest (cannot be restored)


def sqlite_file(url: str) -> Path:
    """The database file behind `url`; refused for anything but an SQLite file."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupUnsupported(
            "Sao lưu và khôi phục bằng counter-app chỉ dành cho cơ sở dữ liệu SQLite của bàn. "
            "Máy chủ PostgreSQL của văn phòng được sao lưu bằng công cụ của PostgreSQL "
            "(pg_dump, pg_basebackup hoặc lưu trữ WAL liên tục)."
        )
    if not parsed.database or parsed.database == ":memory:":
        raise BackupUnsupported("Cơ sở dữ liệu trong bộ nhớ không có gì để sao lưu.")
    return Path(parsed.database)


def take_backup(
    db: Path,
    now: datetime,
    target: Path | None = None,
    kind: str = "manual",
    on_progress: Progress | None = None,
    all_days: int = folder.ALL_DAYS,
) -> BackupResult:
    """A consistent copy of the live database (desks may keep working) with its manifest.
    Without `target`, into the backup folder, after which the retention rule runs (every
    copy of the last `all_days` days kept): what it removed is in the result, to be told."""
    if not db.is_file():
        raise ConfigurationError(f"Không có cơ sở dữ liệu '{db}' để sao lưu.")
    automatic = target is None
    if target is None:
        files.private_folder(folder.folder_of(db))
        target = folder.new_name(db, now, kind)
    elif target.is_dir():
        target = target / folder.new_name(db, now, kind).name
    if not automatic:  # a file, or a new name; never a device, a FIFO or a socket
        target = out_files.checked(target, HINT)
        out_files.checked(manifest.path_of(target), HINT)
    if not target.parent.is_dir():
        raise ValidationError(f"Không có thư mục '{target.parent}' để ghi bản sao lưu.", "output")
    if target.resolve() in {db.resolve(), *(Path(f"{db}{x}").resolve() for x in _SIDECARS)}:
        raise ValidationError("Không thể ghi bản sao lưu đè lên chính cơ sở dữ liệu.", "output")
    meter = Meter(on_progress, (80, 20))
    with files.new_private_file(target) as part:
        snap = online.copy_out(db, part, meter.step(0))
        described = _seal(part, target, snap, kind, now, meter.step(1), db)
    removed = tuple(folder.prune(db, all_days)) if automatic else ()
    meter.finish()
    return BackupResult(target, described, removed)


_SIDECARS = ("-wal", "-shm", "-journal")


def daily_backup(db: Path, now: datetime, all_days: int = folder.ALL_DAYS) -> BackupResult | None:
    """The day's automatic copy, at the desk's first start of the day; None when the day
    already has a copy (a look at file names, nothing opened) or there is no database."""
    if not db.is_file() or folder.has_copy_of(db, now.astimezone(LOCAL_TZ).date()):
        return None
    return take_backup(db, now, kind="daily", all_days=all_days)


def list_copies(db: Path, all_days: int = folder.ALL_DAYS) -> list[CopyInfo]:
    found = folder.copies(db)
    kept = folder.keep(found, all_days)
    shown = []
    for c in found:
        try:
            dossiers: int | None = manifest.read(c.path).dossiers
        except BadBackup:
            dossiers = None
        kind = (
            "manual"
            if c.kind == "manual"
            else "weekly"
            if kept.get(c.path) == "weekly"
            else "daily"
        )
        shown.append(CopyInfo(c.path, c.taken_at, kind, c.path.stat().st_size, dossiers))
    return shown


def restore_backup(
    db: Path, copy: Path, now: datetime, on_progress: Progress | None = None
) -> RestoreResult:
    """Replace the live database's content with a verified copy, keeping the content it
    replaces beside it (`<db>.before-restore-YYYYmmdd-HHMMSS`, 0600, with its manifest).
    BadBackup, and nothing changed, if the copy is not sound."""
    if not db.is_file():
        raise ConfigurationError(f"Không có cơ sở dữ liệu '{db}' để khôi phục vào.")
    if copy.resolve() == db.resolve():
        raise BadBackup("Không thể khôi phục cơ sở dữ liệu từ chính nó.")
    meter = Meter(on_progress, (25, 10, 30, 35))
    verified = verify_copy(copy, meter.step(0))
    bring = documents.check(copy, db)  # every document file the copy's events name
    meter.step(1)(1, 1)
    kept = _unused(db.with_name(f"{db.name}.before-restore-{_stamp(now)}"))
    with _source(verified, db) as source, files.new_private_file(kept) as part:
        _same_page_size(source, db, copy)

        def keep_replaced() -> None:  # runs holding the write lock: exactly what is replaced
            snap = online.copy_out(db, part, meter.step(2))
            _seal(part, kept, snap, "before-restore", now, None, db)

        online.copy_in(source, db, keep_replaced, meter.step(3))
    documents.bring_in(copy, db, bring)
    _mark_restored(db, now)
    meter.finish()
    return RestoreResult(copy, db, kept, verified.manifest)


def _mark_restored(db: Path, now: datetime) -> None:
    """Said to the office sync (a joined desk): its records may now be behind what the
    server holds of it, and it must not number new ones as those (sync/engine.py)."""
    # (a copy from before the office sync has no such table: nothing to say)
    with closing(sqlite3.connect(db)) as restored, restored, suppress(sqlite3.OperationalError):
        restored.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('restored_at', ?)",
            (json.dumps(now.isoformat()),),
        )


def _seal(
    part: Path,
    final: Path,
    snap: online.Snapshot,
    kind: str,
    now: datetime,
    on_bytes: Progress | None,
    live: Path,
) -> Manifest:
    """Count, hash and describe the finished copy `part`, then publish it as `final`
    (manifest first: a copy under its final name always has one)."""
    db = online.connect(part, read_only=True)
    try:
        dossiers, events = online.counts(db)
        head = online.audit_head(db)
    finally:
        db.close()
    described = Manifest(
        file=final.name,
        bytes=part.stat().st_size,
        sha256=files.sha256(part, on_bytes),
        schema=snap.schema,
        dossiers=dossiers,
        events=events,
        created_at=now,
        kind=kind,
        page_size=snap.page_size,
        pages=snap.pages,
        audit_head=head,
        documents=documents.copy_out(live, part, final),
    )
    manifest.write(final, described)
    files.publish(part, final)
    return described


@contextmanager
def _source(verified: VerifiedCopy, db: Path) -> Iterator[sqlite3.Connection]:
    """The copy to restore from, read-only; a copy from an older schema is first copied
    beside the database and migrated, so the live database never shows an old schema."""
    if verified.schema == known_revisions()[-1]:
        source = online.connect(verified.path, read_only=True)
        try:
            yield source
        finally:
            source.close()
        return
    from counter_app.db import make_engine, migrate

    with files.new_private_file(db.with_name(f"{db.name}.restoring")) as staging:
        original, copy = online.connect(verified.path, read_only=True), online.connect(staging)
        try:
            original.backup(copy)
        finally:
            original.close()
            copy.close()
        engine = make_engine(f"sqlite:///{staging}")
        migrate(engine)
        engine.dispose()
        source = online.connect(staging)
        try:
            yield source
        finally:
            source.close()


def _same_page_size(source: sqlite3.Connection, db: Path, copy: Path) -> None:
    live = online.connect(db)
    try:
        wanted = live.execute("PRAGMA page_size").fetchone()[0]
    finally:
        live.close()
    size = source.execute("PRAGMA page_size").fetchone()[0]
    if size != wanted:
        raise BadBackup(
            f"Bản sao lưu '{copy}' có trang {size} byte, cơ sở dữ liệu đang dùng "
            f"{wanted} byte: không khôi phục được vào chỗ."
        )


def _stamp(now: datetime) -> str:
    return now.astimezone(LOCAL_TZ).strftime(folder.STAMP)


def _unused(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists() or manifest.path_of(candidate).exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def daily_backup_safely(
    db: Path | None, now: datetime, all_days: int = folder.ALL_DAYS
) -> BackupResult | None:
    """The desk's start-up copy: never in the way (a copy that failed is tried again at
    the next start), nothing for a database that is not an SQLite file."""
    if db is None:
        return None
    try:
        return daily_backup(db, now, all_days)
    except Exception:  # noqa: BLE001 - the desk starts whatever happened to the copy
        return None
