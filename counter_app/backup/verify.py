"""A copy is checked from end to end before anything is restored from it: its manifest,
its size and SHA-256 against the manifest, SQLite's integrity check, the tables of a
counter-app database, and a schema revision this program knows (none newer)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from counter_app.backup import files, manifest, online
from counter_app.backup.manifest import Manifest
from counter_app.backup.progress import Progress
from counter_app.errors import BadBackup

SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = {"alembic_version", "dossiers", "events", "desks", "dossier_counters"}


@dataclass(frozen=True)
class VerifiedCopy:
    path: Path
    manifest: Manifest
    schema: str
    dossiers: int
    events: int


def known_revisions() -> list[str]:
    """The schema revisions of this program's migrations, oldest first."""
    from alembic.script import ScriptDirectory

    from counter_app.db import MIGRATIONS

    return [s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()][::-1]


def verify_copy(path: Path, on_bytes: Progress | None = None) -> VerifiedCopy:
    """The checked copy; BadBackup (nothing touched) at the first thing wrong with it.
    `on_bytes` follows the checksum, the longest part (bytes read, size)."""
    if not path.is_file():
        raise BadBackup(f"Không có tệp sao lưu '{path}'.")
    described = manifest.read(path)
    size = path.stat().st_size
    if size != described.bytes:
        raise BadBackup(
            f"Bản sao lưu '{path}' dài {size} byte, tệp mô tả ghi {described.bytes} "
            "byte: bản sao bị cắt cụt hoặc bị thay đổi, không khôi phục."
        )
    if files.sha256(path, on_bytes) != described.sha256:
        raise BadBackup(
            f"Mã kiểm tra SHA-256 của bản sao lưu '{path}' không khớp với tệp mô "
            "tả: bản sao bị hỏng hoặc bị thay đổi, không khôi phục."
        )
    with path.open("rb") as stream:
        if stream.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BadBackup(f"Tệp '{path}' không phải cơ sở dữ liệu SQLite: không khôi phục.")
    db = online.connect(path, read_only=True)
    try:
        _check_integrity(db, path)
        schema = _check_schema(db, path)
        dossiers, events = online.counts(db)
    finally:
        db.close()
    return VerifiedCopy(path, described, schema, dossiers, events)


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
    try:
        found = [row[0] for row in db.execute("PRAGMA integrity_check(1)")]
    except sqlite3.DatabaseError as error:
        found = [str(error)]
    if found != ["ok"]:
        told = " ".join(found[0].replace("*** in database main ***", "").split())
        raise BadBackup(
            f"Bản sao lưu '{path}' bị hỏng (kiểm tra toàn vẹn: {told}): không khôi phục."
        )


def _check_schema(db: sqlite3.Connection, path: Path) -> str:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    schema = online.revision(db)
    if not tables >= TABLES or schema is None:
        raise BadBackup(f"Tệp '{path}' không phải cơ sở dữ liệu của counter-app: không khôi phục.")
    known = known_revisions()
    if schema not in known:
        raise BadBackup(
            f"Bản sao lưu '{path}' có lược đồ phiên bản {schema}, chương trình này chỉ biết "
            f"đến phiên bản {known[-1]}: bản sao do phiên bản mới hơn của chương trình tạo ra; "
            "hãy cập nhật chương trình rồi khôi phục."
        )
    return schema
