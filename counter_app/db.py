"""Engine, migrations and the unit of work.

SQLite runs with WAL, `synchronous=FULL` and foreign keys on. A unit of work that writes
starts with `BEGIN IMMEDIATE`, taking the database's write lock before it reads anything,
so that concurrent desks queue (up to the busy timeout) instead of failing on a lock
upgrade halfway through a reception.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_S = 30


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error message must never carry an ID number or a phone.
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S}, hide_parameters=True)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the driver's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


HEAD = "0002"  # the newest migration; a test checks it against the scripts


def at_head(engine: Engine) -> bool:
    """True when the schema is current, asked without loading Alembic (start-up speed)."""
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar() == HEAD
    except DBAPIError:  # no table yet: a new database
        return False


def migrate(engine: Engine) -> None:
    """Bring the schema to the current revision (safe when several processes start at once)."""
    if at_head(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(write=True).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session], write: bool = False) -> Iterator[Session]:
    """One user action: commits once at the end when `write`, rolls back on any error."""
    with factory() as session:
        if write:
            session.connection(execution_options={"write": True})
        try:
            yield session
            if write:
                session.commit()
        except BaseException:
            session.rollback()
            raise
