"""Declarative base, identifiers and the timestamp type shared by every model."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import CHAR, JSON, DateTime, Dialect, MetaData, Uuid
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


def micros(value: datetime) -> int:
    """A timestamp as stored on SQLite (0009 on): microseconds since 1970 UTC."""
    delta = value - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    return (EPOCH + timedelta(microseconds=value)).astimezone(LOCAL_TZ)


class _Micros(UserDefinedType[int]):
    """SQLite's column for TZDateTime: declared DATETIME as before, holding an integer."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "DATETIME"


class TZDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps: stored in UTC, read back in Vietnam local time.

    On SQLite, an integer of microseconds since 1970 UTC (9 bytes where the text
    '2026-09-02 17:18:02.000000' took 27; integer order is time order); naive UTC text,
    as a database before 0009 holds it, still reads. PostgreSQL: timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _Micros()
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must carry their offset")
        return micros(value) if dialect.name == "sqlite" else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, int):
            return from_micros(value)
        if isinstance(value, str):  # text of a database not yet at 0009
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(LOCAL_TZ)


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
