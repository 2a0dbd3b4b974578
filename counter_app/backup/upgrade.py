"""Upgrades keep the data: a newer program meets a database at an older revision.

Before the first migration, the desk's SQLite database is copied into its backup folder
(`<db>-YYYYmmdd-HHMMSS-before-upgrade-<from>-to-<to>.db`, with its manifest, as every
copy: 0600, in the 0700 `backups/`; revisions and a time only, no personal data). The
retention rule never removes that copy (its name is not a daily or manual one): the IT
person removes it once the new version has proved itself.

If the migration then fails, that copy is put back, page for page, in one transaction
(SQLite's online backup API into the live file, through its own journal: the write-ahead
log and its shared memory stay SQLite's): the database is exactly what it was before the
start, at its old revision, and nothing half-migrated stays. `UpgradeFailed` says so, with
where the copy is; the command exits 1, the desk shows it in its database window.

The migration runs in one transaction, so a failure mostly leaves the file as it was
already; putting the copy back also undoes whatever a step committed on its own. It
assumes that no program of the older version writes the database meanwhile (the
installer closes the desk first): what such a program wrote after the copy would go with
the put-back. Another program of this version that starts at the same moment takes its
own copy, waits for the migration's write lock and writes nothing before its own
migration has finished.

A database a newer version made is refused before anything is copied or changed
(db.known_schema). A new database, PostgreSQL (the office server, backed up by its own
tools) and a database this user may only read (its migration is refused as before) are
migrated as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from counter_app import db
from counter_app.errors import DatabaseTrouble

KIND = "before-upgrade-{}-to-{}"
CALL_IT = "Hãy báo cho người phụ trách tin học (IT) và đừng xoá tệp nào trong thư mục dữ liệu."


class UpgradeFailed(DatabaseTrouble):
    """The migration to this version failed; the message says whether the database was
    put back as it was, and where the copy taken before is."""


def migrate_keeping(
    engine: Engine, now: Callable[[], datetime], migrate: Callable[[Engine], None] | None = None
) -> Path | None:
    """Bring the database to this program's revision, as db.migrate does, with a copy
    taken first when an existing SQLite database is behind. Returns that copy's path
    (None when nothing was behind). `migrate`: db.migrate unless a test says otherwise."""
    run = migrate or db.migrate
    version = db.known_schema(engine)  # a newer version's database: refused, untouched
    if version == db.HEAD:
        return None
    path = _sqlite_file(engine)
    if version is None or path is None or engine.get_execution_options().get("read_only"):
        run(engine)
        return None
    from counter_app.backup import service

    try:
        copy = service.take_backup(path, now(), kind=KIND.format(version, db.HEAD)).file
    except Exception as error:  # no copy, no upgrade: the database is left as it is
        raise UpgradeFailed(
            f"Phiên bản này cần nâng cấp cơ sở dữ liệu (lược đồ {version} lên {db.HEAD}), "
            "nhưng không sao lưu được nó trước (ổ đĩa đầy, hay không có quyền ghi thư mục "
            f"'{path.parent}'?). Chưa có gì bị thay đổi. {CALL_IT}"
        ) from error
    try:
        run(engine)
    except Exception as error:
        engine.dispose()  # no connection of ours holds the file while it is put back
        try:
            put_back(copy, path)
        except Exception:  # noqa: BLE001 - told below, with where the copy is
            raise UpgradeFailed(
                f"Nâng cấp cơ sở dữ liệu (lược đồ {version} lên {db.HEAD}) bị lỗi, và không "
                f"đặt lại được bản sao lưu lấy ngay trước đó: '{copy}'. Đừng dùng bàn này "
                f"nữa cho tới khi người phụ trách tin học khôi phục bản đó. {CALL_IT}"
            ) from error
        raise UpgradeFailed(
            f"Nâng cấp cơ sở dữ liệu (lược đồ {version} lên {db.HEAD}) bị lỗi. Cơ sở dữ "
            "liệu đã được đặt lại đúng như trước khi nâng cấp, từ bản sao lưu lấy ngay "
            f"trước đó: '{copy}'. Phiên bản này chưa dùng được; phiên bản cũ vẫn mở "
            f"được dữ liệu. {CALL_IT}"
        ) from error
    return copy


def put_back(copy: Path, live: Path) -> None:
    """The live database's content replaced by `copy`'s, in one transaction."""
    from counter_app.backup import online

    source = online.connect(copy, read_only=True)
    try:
        online.copy_in(source, live, lambda: None)
    finally:
        source.close()


def _sqlite_file(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))
