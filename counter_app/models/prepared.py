"""Statements a reception runs every time, compiled once and run by the driver itself.

SQLAlchemy's `Connection.execute` of a statement already in its compiled cache still
costs about 20 µs a statement on top of SQLite's own ~9 (the cache key, the execution
context, the parameters built as a dict then processed, the result object): more than
twice a reception's SQL over its dozen statements (issue 19). `Prepared` compiles its
statement once for each set of values it is given (as `execute` would), keeps the SQL
text, the order of its parameters and their types' bind processing, and on SQLite runs it
on the session connection's own driver connection, in the same transaction; errors are
raised as SQLAlchemy raises them (`IntegrityError`, `OperationalError`…: db_trouble and
the callers see no difference). Elsewhere (PostgreSQL) it is `Connection.execute`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound, StatementError
from sqlalchemy.sql import Executable

Row = tuple[Any, ...]
_GIVEN, _CONSTANT, _CALLED = "given", "constant", "called"  # where a parameter comes from
_Getter = tuple[str, Any, Callable[[Any], Any] | None]  # (where, key/value/default, process)


class Prepared:
    """One statement, run as `execute(statement, params)` would run it; gives back the rows
    it returns (RETURNING) as tuples, their types' result processing applied."""

    __slots__ = ("_plans", "statement")

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._plans: dict[tuple[str, ...], tuple[str, list[_Getter], list[Any] | None]] = {}

    def run(self, connection: Connection, params: Mapping[str, Any]) -> list[Row]:
        if connection.dialect.name != "sqlite":
            return _rows(connection.execute(self.statement, dict(params)))
        sql, getters, results = self._plan(connection, params)
        args = _args(getters, params)
        _begun(connection)
        try:
            rows = connection.connection.dbapi_connection.execute(sql, args).fetchall()  # type: ignore[union-attr]
        except sqlite3.Error as error:
            raise driver_error(connection, sql, args, error) from error
        return _processed(rows, results)

    def one(self, connection: Connection, params: Mapping[str, Any]) -> Row:
        """The one row it returns (`Result.one()`: its errors when none or more)."""
        rows = self.run(connection, params)
        if len(rows) != 1:
            raise (NoResultFound if not rows else MultipleResultsFound)(
                "No row was found when one was required"
                if not rows
                else "Multiple rows were found when exactly one was required"
            )
        return rows[0]

    def run_many(self, connection: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        """executemany: the rows of `params`, all with the same keys (no RETURNING)."""
        if not params:
            return
        if connection.dialect.name != "sqlite":
            connection.execute(self.statement, [dict(p) for p in params])
            return
        sql, getters, _ = self._plan(connection, params[0])
        many = [_args(getters, p) for p in params]
        _begun(connection)
        try:
            connection.connection.dbapi_connection.executemany(sql, many)  # type: ignore[union-attr]
        except sqlite3.Error as error:
            raise driver_error(connection, sql, many, error) from error

    def _plan(
        self, connection: Connection, params: Mapping[str, Any]
    ) -> tuple[str, list[_Getter], list[Any] | None]:
        keys = tuple(params)
        plan = self._plans.get(keys)
        if plan is None:
            plan = self._plans[keys] = _compiled(self.statement, connection, keys)
        return plan


def _compiled(
    statement: Executable, connection: Connection, keys: tuple[str, ...]
) -> tuple[str, list[_Getter], list[Any] | None]:
    dialect = connection.dialect
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys))  # type: ignore[attr-defined]
    if "__[POSTCOMPILE_" in compiled.string:  # its SQL is finished per execution
        raise TypeError("Prepared: a parameter rendered at execution (IN, literal_execute)")
    defaults = {c.key: c.default for c in (*compiled.insert_prefetch, *compiled.update_prefetch)}
    processors = compiled._bind_processors
    getters: list[_Getter] = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        process = processors.get(name)
        if name in keys:
            getters.append((_GIVEN, name, process))
        elif name in defaults:  # a column's Python default, as execute computes it
            default = defaults[name]
            if default.is_scalar:
                value = default.arg
                getters.append((_CONSTANT, process(value) if process else value, None))
            elif default.is_callable:
                getters.append((_CALLED, default.arg, process))
            else:
                raise TypeError(f"Prepared: give a value for {name} (its default is SQL)")
        elif bind.required:
            raise TypeError(f"Prepared: no value for {name}")
        else:  # a value written in the statement
            value = bind.effective_value
            getters.append((_CONSTANT, process(value) if process else value, None))
    results = None
    if compiled._result_columns:
        results = [c.type._cached_result_processor(dialect, None) for c in compiled._result_columns]
        if not any(results):
            results = None
    return compiled.string, getters, results


def _begun(connection: Connection) -> None:
    """As `execute` does: a connection outside a transaction begins one (autobegin)."""
    if not connection.in_transaction():
        connection.begin()


def _args(getters: list[_Getter], params: Mapping[str, Any]) -> tuple[Any, ...]:
    out = []
    for kind, what, process in getters:
        if kind is _GIVEN:
            value = params[what]
        elif kind is _CONSTANT:
            out.append(what)
            continue
        else:
            value = what(None)  # SQLAlchemy's wrapper of the default: (context) -> value
        out.append(process(value) if process else value)
    return tuple(out)


def _processed(rows: list[Row], results: list[Any] | None) -> list[Row]:
    if results is None:
        return rows
    return [tuple(p(v) if p else v for p, v in zip(results, row, strict=True)) for row in rows]


def _rows(result: Any) -> list[Row]:
    return [tuple(row) for row in result.all()] if result.returns_rows else []


def driver_error(
    connection: Connection, sql: str, args: Any, error: sqlite3.Error
) -> StatementError:
    """The error as `Connection.execute` raises it (its parameters hidden as the engine's)."""
    return DBAPIError.instance(
        sql,
        args,
        error,
        sqlite3.Error,
        hide_parameters=connection.engine.hide_parameters,
        dialect=connection.dialect,
        ismulti=isinstance(args, list),
    )
