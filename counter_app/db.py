"""Engine, migrations and the unit of work.

SQLite runs with WAL, `synchronous=FULL` and foreign keys on. A unit of work that writes
starts with `BEGIN IMMEDIATE`, taking the database's write lock before it reads anything,
so that concurrent desks queue (up to the busy timeout) instead of failing on a lock
upgrade halfway through a reception. A database this user cannot write is opened
read-only (db_files.py); trouble of every kind is told by db_trouble.py.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from counter_app import db_files
from counter_app.errors import DatabaseLocation, DatabaseTrouble
from counter_app.models.prepared import driver_error

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_S = 30.0
BACKENDS = ("sqlite", "postgresql")
HEAD = "0019"  # the newest migration; a test checks it against the scripts


def make_engine(url: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Engine:
    parsed = _url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    path = Path(parsed.database) if parsed.database and parsed.database != ":memory:" else None
    read_only = db_files.prepare(path) if path else False
    # hide_parameters: an error message must never carry an ID number or a phone.
    options: dict[str, Any] = {"hide_parameters": True, "connect_args": {"timeout": busy_timeout_s}}
    if read_only and path:
        options["creator"] = db_files.read_only_connector(path, busy_timeout_s)
    engine = create_engine(parsed, **options)
    if read_only:  # reads work; whoever must write (the audit trail) can tell
        engine.update_execution_options(read_only=True)
    event.listen(engine, "connect", partial(_sqlite_on_connect, busy_timeout_s, read_only))
    event.listen(engine, "begin", _sqlite_on_begin)
    if path and not read_only:
        event.listen(engine, "do_connect", db_files.connect_privately)
    return engine


def _url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseLocation(
            "--db (COUNTER_APP_DB) không phải URL cơ sở dữ liệu: cần "
            "sqlite:///ĐƯỜNG/DẪN/counter.db hoặc postgresql://…"
        ) from None
    if parsed.get_backend_name() not in BACKENDS:
        raise DatabaseLocation(
            "--db (COUNTER_APP_DB): chỉ dùng được SQLite (sqlite:///TỆP) "
            "hoặc PostgreSQL (postgresql://…)."
        )
    return parsed


def _sqlite_on_connect(
    busy_timeout_s: float, read_only: bool, dbapi_connection: Any, _record: Any
) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the driver's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    if not read_only:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    sql = "BEGIN IMMEDIATE" if connection.get_execution_options().get("write", False) else "BEGIN"
    try:  # by the driver itself: exec_driver_sql's own work cost 3 times the BEGIN (issue 19)
        connection.connection.dbapi_connection.execute(sql)
    except sqlite3.Error as error:  # raised as exec_driver_sql raised it (db_trouble)
        raise driver_error(connection, sql, (), error) from error


def schema_version(engine: Engine) -> str | None:
    """The schema's revision, None for a new database; asked without loading Alembic
    (start-up speed). Other trouble (a damaged file) is raised."""
    with engine.connect() as connection:
        try:
            return connection.exec_driver_sql(  # type: ignore[no-any-return]
                "SELECT version_num FROM alembic_version"
            ).scalar()
        except DBAPIError as error:
            if "no such table" in str(error.orig) or "does not exist" in str(error.orig):
                return None
            raise


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py")}


def known_schema(engine: Engine) -> str | None:
    """The schema's revision (None: a new database), refused when this program does not
    know it: a newer version made it, and it is left alone."""
    version = schema_version(engine)
    if version is not None and version != HEAD and version not in known_revisions():
        shown = version if re.fullmatch(r"[0-9a-z_]{1,32}", version) else "?"
        raise DatabaseTrouble(
            f"Cơ sở dữ liệu này do một phiên bản counter-app mới hơn tạo ra (lược đồ {shown}; "
            f"phiên bản này chỉ biết đến {HEAD}): hãy cài phiên bản mới hơn để dùng nó. "
            "Chưa có gì bị thay đổi."
        )
    return version


def migrate(engine: Engine) -> None:
    """Bring the schema to the current revision (safe when several processes start at once)."""
    if known_schema(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(write=True).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        # Derived data is filled by the program, not by a migration (see 0006).
        from counter_app.facts.rebuild import rebuild_if_missing

        rebuild_if_missing(connection)
        from counter_app.facts import digitised

        digitised.rebuild_if_missing(connection)


def read_only(factory: sessionmaker[Session]) -> bool:
    """True when the database could only be opened for reading (a read-only file)."""
    bind = factory.kw.get("bind")
    return bool(bind is not None and bind.get_execution_options().get("read_only"))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(
    factory: sessionmaker[Session], write: bool = False, snapshot: bool = False
) -> Iterator[Session]:
    """One user action: commits once at the end when `write`, rolls back on any error.

    `snapshot` (a report): every query reads the one state of the database its first one
    saw, whatever is committed meanwhile. On PostgreSQL that takes a REPEATABLE READ, READ
    ONLY transaction (READ COMMITTED, the default, sees each statement's own state); on
    SQLite a read transaction in WAL mode already keeps its first read's state."""
    with factory() as session:
        if write:
            session.connection(execution_options={"write": True})
        elif snapshot and session.get_bind().dialect.name == "postgresql":
            session.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
        try:
            yield session
            if write:
                session.commit()
        except BaseException:
            session.rollback()
            raise
