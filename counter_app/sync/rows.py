"""A pulled page's rows into the desk's tables by the page, not by the row: the server's
JSON back into each column's Python type (the conversions worked out once a table), reads
by chunks of ids, and new rows written with one INSERT per table and page (a week offline
is ~24,000 rows to apply; the ORM's unit of work costs ~0.5 ms a row, a bulk insert a few µs).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from counter_app.clock import local

CHUNK = 500  # ids in one IN (…): under SQLite's bound on parameters
Convert = Callable[[Any], Any]
_CONVERSIONS: dict[Table, dict[str, Convert]] = {}


def _same(raw: Any) -> Any:
    return raw


@lru_cache(maxsize=1 << 16)
def uuid_of(text: str) -> uuid.UUID:
    """An id as the server's JSON writes it: each one is read several times a page (its
    row, the read-ahead, the rows that point at it), parsed once."""
    return uuid.UUID(text)


def _uuid(raw: Any) -> Any:
    return uuid_of(str(raw))


def _moment(raw: Any) -> Any:
    return local(datetime.fromisoformat(str(raw)))


def _day(raw: Any) -> Any:
    return date.fromisoformat(str(raw)[:10])


def _conversion(column: Any) -> Convert:
    kind_of = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        kind = kind_of.python_type
    except NotImplementedError:
        return _same
    return {uuid.UUID: _uuid, datetime: _moment, date: _day}.get(kind, _same)


def conversions(table: Table) -> dict[str, Convert]:
    found = _CONVERSIONS.get(table)
    if found is None:
        found = _CONVERSIONS[table] = {c.name: _conversion(c) for c in table.columns}
    return found


def row(model: Any, data: dict[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The columns of `model` that `data` carries, each a JSON value back into the column's
    Python type (None stays None)."""
    convert = conversions(model.__table__)
    return {
        name: None if data[name] is None else to(data[name])
        for name, to in convert.items()
        if name in data and name not in skip
    }


def chunks(ids: Iterable[Any]) -> Iterable[list[Any]]:
    listed = list(ids)
    return (listed[i : i + CHUNK] for i in range(0, len(listed), CHUNK))


def insert_all(session: Session, model: Any, rows: Iterable[dict[str, Any]]) -> None:
    """One executemany a shape of row (rows that carry the same columns), in their order
    within each shape; the ORM's pending rows are flushed first (what these point at)."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for values in rows:
        shapes.setdefault(tuple(values), []).append(values)
    if not shapes:
        return
    session.flush()
    for listed in shapes.values():
        session.execute(insert(model.__table__), listed)
