"""Database trouble told for what it is: what happened and what to do, in Vietnamese.

`explain(error)` turns an exception raised while using the database (SQLAlchemy's, the
sqlite3 driver's, Alembic's, a missing driver; the file system's own errors about the
database's place are already told by db_files.py) into a `DatabaseTrouble` (or, for a
database location that cannot be one, a `DatabaseLocation`, a refusal) whose message can
be shown as is: in the command's `error:` line, in the desk's dialog. None when the error
is not database trouble. No Qt here; no SQL, parameter or English text in the messages.
"""

from __future__ import annotations

import sqlite3

from counter_app.errors import CounterError, DatabaseLocation, DatabaseTrouble

NOTHING_WRITTEN = "Việc vừa làm chưa được ghi."

LOCKED = (
    "Cơ sở dữ liệu đang bị một chương trình khác giữ để ghi quá lâu (một bàn khác, hay "
    "một cửa sổ counter-app khác đang ghi?). Đợi một lát rồi làm lại; nếu vẫn vậy, đóng "
    "các cửa sổ counter-app khác trên máy này. " + NOTHING_WRITTEN
)
READ_ONLY = (
    "Cơ sở dữ liệu chỉ đọc được (tệp, thư mục hoặc ổ đĩa chỉ đọc, hay không có quyền "
    "ghi): xem và tìm hồ sơ vẫn được, nhưng không ghi được. Hãy cấp quyền ghi cho tệp "
    "và thư mục của nó, hoặc chép nó sang chỗ ghi được. " + NOTHING_WRITTEN
)
DAMAGED = (
    "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của counter-app. Đừng xoá "
    "hay ghi đè tệp này: chép giữ nó, khôi phục bản sao lưu gần nhất, và báo cho người "
    "quản trị."
)
FULL = (
    "Ổ đĩa chứa cơ sở dữ liệu đã đầy: giải phóng chỗ trống (xoá tệp không cần, dọn thùng "
    "rác) rồi làm lại. " + NOTHING_WRITTEN
)
DISK = (
    "Lỗi đọc ghi ổ đĩa chứa cơ sở dữ liệu (ổ đĩa bị rút ra, ổ mạng mất kết nối, hay ổ đĩa "
    "hỏng?). Kiểm tra ổ đĩa rồi làm lại. " + NOTHING_WRITTEN
)
CANNOT_OPEN = (
    "Không mở được tệp cơ sở dữ liệu: không có quyền với tệp hoặc thư mục của nó, "
    "hoặc thư mục không còn. Kiểm tra đường dẫn (--db, COUNTER_APP_DB) và quyền."
)
NEWER = (
    "Cơ sở dữ liệu này do một phiên bản counter-app mới hơn tạo ra: hãy cài phiên bản "
    "mới hơn để dùng nó. Chưa có gì bị thay đổi."
)
NO_DRIVER = (
    "Máy này chưa cài trình kết nối cho loại cơ sở dữ liệu đã chọn (--db, "
    "COUNTER_APP_DB): cài gói kết nối (PostgreSQL: psycopg) hoặc dùng SQLite."
)
NO_SERVER = (
    "Không kết nối được máy chủ cơ sở dữ liệu (máy chủ tắt, sai địa chỉ hay mật "
    "khẩu, hoặc mạng mất?). Kiểm tra --db (COUNTER_APP_DB) và mạng rồi làm lại."
)

_BY_SQLITE_CODE = {
    5: LOCKED,
    6: LOCKED,
    8: READ_ONLY,
    10: DISK,
    11: DAMAGED,
    13: FULL,
    14: CANNOT_OPEN,
    26: DAMAGED,
}
_BY_TEXT = (
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("readonly database", READ_ONLY),
    ("disk image is malformed", DAMAGED),
    ("file is not a database", DAMAGED),
    ("disk is full", FULL),
    ("disk i/o error", DISK),
    ("unable to open database", CANNOT_OPEN),
    ("can't locate revision", NEWER),
    ("connection refused", NO_SERVER),
    ("could not connect", NO_SERVER),
    ("could not translate host", NO_SERVER),
    ("password authentication failed", NO_SERVER),
)
_DRIVERS = ("psycopg", "psycopg2", "pg8000", "asyncpg")


def explain(error: BaseException) -> CounterError | None:
    """The trouble behind `error` (or any exception it was raised from), or None."""
    for cause in _chain(error):
        if isinstance(cause, (DatabaseTrouble, DatabaseLocation)):
            return cause
        message = _message(cause)
        if message:
            return DatabaseTrouble(message)
    return None


def diagnose(url: str) -> CounterError | None:
    """What is wrong with the database at `url`, found by opening it and reading its
    schema and its dossiers without changing anything; None when nothing is. For when
    something failed and all that is known is where the database is."""
    from counter_app.db import known_schema, make_engine

    try:
        engine = make_engine(url, busy_timeout_s=2.0)
        try:
            if known_schema(engine) is not None:
                with engine.connect() as connection:
                    connection.exec_driver_sql("SELECT count(*) FROM dossiers").scalar()
        finally:
            engine.dispose()
    except Exception as error:  # whatever it is, `explain` says whether it is trouble
        return explain(error)
    return None


def start_failure(url: str) -> str:
    """Why the desk could not show its first list, in one line (`--check-start`)."""
    trouble = diagnose(url)
    return (
        " ".join(str(trouble).split())
        if trouble
        else ("không hiện được danh sách đầu tiên (xem thông báo trên cửa sổ).")
    )


def _chain(error: BaseException) -> list[BaseException]:
    """`error`, the driver's error it wraps, and what it was raised from, in that order."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def _message(cause: BaseException) -> str | None:
    if isinstance(cause, sqlite3.Error):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None and (code & 0xFF) in _BY_SQLITE_CODE:
            return _BY_SQLITE_CODE[code & 0xFF]
    if isinstance(cause, ModuleNotFoundError) and (cause.name or "").startswith(_DRIVERS):
        return NO_DRIVER
    if isinstance(cause, sqlite3.Error) or _from_database_layer(cause):
        text = str(cause).lower()
        return next((message for words, message in _BY_TEXT if words in text), None)
    return None


def _from_database_layer(cause: BaseException) -> bool:
    module = type(cause).__module__
    return module.startswith(("sqlalchemy", "alembic", "psycopg"))
