"""Writing one new row now, with a statement built once, and keeping its object in the
session as if the ORM had flushed it."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session, class_mapper, make_transient_to_detached
from sqlalchemy.sql import ClauseElement

from counter_app.models.prepared import Prepared

T = TypeVar("T")
_INSERTS: dict[tuple[Any, ...], Prepared] = {}
_NULLS: dict[Table, tuple[str, ...]] = {}  # the columns without a default, by table


def insert_row(session: Session, model: type[T], values: dict[str, Any]) -> T:
    """INSERT a `model` row of `values` at once on the session's connection, and give back
    its object, persistent in `session` as if the ORM had flushed it (without the unit of
    work, or the instrumented constructor: a few times their cost for one row).

    Pending objects are flushed first (the row may refer to them). Columns not in
    `values` get their defaults and are read back only if asked for; those without a
    default are NULL and read so at once. A value that is a SQL expression (module-level:
    statements are kept by it) is computed in the INSERT and returned."""
    session.flush()
    table: Table = model.__table__  # type: ignore[attr-defined]
    nulls = _NULLS.get(table)
    if nulls is None:
        nulls = _NULLS[table] = tuple(
            c.key for c in table.columns if c.default is None and c.server_default is None
        )
    plain = {k: v for k, v in values.items() if not isinstance(v, ClauseElement)}
    computed = {k: v for k, v in values.items() if isinstance(v, ClauseElement)}
    key = (table, *((k, id(v)) for k, v in computed.items()))
    prepared = _INSERTS.get(key)
    if prepared is None:
        statement = insert(table)
        if computed:
            statement = statement.values(computed).returning(*(table.c[k] for k in computed))
        prepared = _INSERTS[key] = Prepared(statement)
    returned = prepared.run(session.connection(), plain)
    obj: T = class_mapper(model).class_manager.new_instance()
    state: dict[str, Any] = obj.__dict__
    state.update(dict.fromkeys(nulls))
    state.update(plain)
    if computed:
        state.update(zip(computed, returned[0], strict=True))
    make_transient_to_detached(obj)  # the values set count as loaded, the rest expired
    session.add(obj)
    return obj
