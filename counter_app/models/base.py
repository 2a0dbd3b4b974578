"""Declarative base, identifiers and the timestamp type shared by every model."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import CHAR, JSON, Date, DateTime, Dialect, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

from counter_app.clock import LOCAL_TZ

# Catalog records get the same id on every desk (derived from their codes), so that
# desks syncing with one server agree on them without talking to each other.
CATALOG_NAMESPACE = uuid.UUID("6f1e2a9c-54d3-4c1b-9a57-3c0d9e1b7a10")


def new_id() -> uuid.UUID:
    """A time-ordered random UUID (version 7 layout): born on the desk, unique everywhere,
    and inserted at the end of the primary-key index instead of at random places."""
    millis = time.time_ns() // 1_000_000
    raw = bytearray(millis.to_bytes(6, "big") + os.urandom(10))
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return uuid.UUID(bytes=bytes(raw))


def catalog_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(CATALOG_NAMESPACE, "\x1f".join(parts))


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = 1_000_000
# before 0011 a stored integer counted microseconds; seconds stay below this until the
# year 33658, microseconds pass it on 1970-01-12
_MICROS_FROM = 10**12


def stored_time(value: datetime) -> int | float:
    """A timestamp as stored on SQLite (0011 on): seconds since 1970 UTC, an integer for a
    whole second (the program's clock gives them: 4 bytes until 2038, 6 after), else a
    REAL that reads back to the microsecond. SQLite compares both by value: time order."""
    delta = value - EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    if not delta.microseconds:
        return seconds
    return (seconds * _SECOND + delta.microseconds) / _SECOND


def from_stored(value: int | float) -> datetime:
    if isinstance(value, float):  # a fraction: exact to the microsecond until 2242
        return (EPOCH + timedelta(microseconds=round(value * _SECOND))).astimezone(LOCAL_TZ)
    if abs(value) >= _MICROS_FROM:  # microseconds (0009, 0010)
        return (EPOCH + timedelta(microseconds=value)).astimezone(LOCAL_TZ)
    return (EPOCH + timedelta(seconds=value)).astimezone(LOCAL_TZ)


class _Seconds(UserDefinedType[int]):
    """SQLite's column for TZDateTime: declared DATETIME as before, holding a number."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "DATETIME"


class TZDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps: stored in UTC, read back in Vietnam local time.

    On SQLite, seconds since 1970 UTC (`stored_time`: 4 bytes for a whole second where
    the text '2026-09-02 17:18:02.000000' took 27 before 0009 and the microseconds 8 before
    0011; numeric order is time order); the microseconds of 0009 and the naive UTC text of
    a database before 0009 still read. PostgreSQL: timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _Seconds()
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must carry their offset")
        return stored_time(value) if dialect.name == "sqlite" else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, int | float):
            return from_stored(value)
        if isinstance(value, str):  # text of a database not yet at 0009
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(LOCAL_TZ)


DAY_ZERO = date(1970, 1, 1)


class _Days(UserDefinedType[int]):
    """SQLite's column for DayNumber: declared DATE as before, holding an integer."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "DATE"


class DayNumber(TypeDecorator[date]):
    """A local day of the report facts: on SQLite its number since 1970-01-01 (0011 on; 2
    bytes until 2059, where the text '2026-09-02' took 10; integer order is day order);
    the text of a database before 0011 still reads. PostgreSQL: date."""

    impl = Date()
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _Days()
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: date | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return (value - DAY_ZERO).days

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        if isinstance(value, int):
            return DAY_ZERO + timedelta(days=value)
        return date.fromisoformat(value)


class DeskUuid(TypeDecorator[uuid.UUID]):
    """UUIDs: PostgreSQL's own type; on SQLite the 16 bytes as a BLOB in the CHAR(32) column
    (the declared type SQLite keeps; a BLOB is stored as given). Half the room of the 32 hex
    digits in every row and index that holds one, and the same order (bytes compare as the
    hex did). A hex value (a database not yet at 0009) still reads."""

    impl = Uuid(as_uuid=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(CHAR(32))
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return (value if isinstance(value, uuid.UUID) else uuid.UUID(value)).bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return uuid.UUID(bytes=value) if isinstance(value, bytes) else uuid.UUID(value)


naming = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=naming)
    type_annotation_map = {
        uuid.UUID: DeskUuid(),
        datetime: TZDateTime(),
        dict[str, Any]: JSON(),
    }
