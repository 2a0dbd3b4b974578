"""The report facts again from the stored events: after a migration, for a check, or
when a dossier's row went missing. The same fold as upkeep.apply, in bulk; the daily sums
are then summed anew in SQL from report_dossiers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import Connection, Table, case, delete, func, insert, select

from counter_app.facts.fold import (
    BATCH,
    COUNTED,
    COUNTS,
    DOSSIERS,
    PAUSES,
    STEPS,
    Folded,
    Happening,
    Reception,
    fold,
)
from counter_app.models import Dossier, Event


def rebuild_if_missing(connection: Connection) -> int:
    """After a migration: fold the events of a database whose facts were never kept."""
    if connection.execute(select(DOSSIERS.c.dossier_id).limit(1)).first() is not None:
        return 0
    if connection.execute(select(Dossier.id).limit(1)).first() is None:
        return 0
    return rebuild(connection)


def rebuild(connection: Connection, dossier_ids: list[uuid.UUID] | None = None) -> int:
    """Fold the stored events again (all dossiers, or those named); returns the dossiers."""
    for table in (DOSSIERS, PAUSES, STEPS):
        statement = delete(table)
        if dossier_ids is not None:
            statement = statement.where(table.c.dossier_id.in_(dossier_ids))
        connection.execute(statement)
    buffers: dict[Any, list[dict[str, Any]]] = {DOSSIERS: [], PAUSES: [], STEPS: []}
    count = 0
    for folded in _folded(connection, dossier_ids):
        count += 1
        buffers[DOSSIERS].append(folded.row)
        buffers[PAUSES] += folded.pauses
        buffers[STEPS] += folded.steps
        if len(buffers[DOSSIERS]) >= BATCH:
            _flush(connection, buffers)
    _flush(connection, buffers)
    rebuild_counts(connection)
    return count


def _flush(connection: Connection, buffers: dict[Any, list[dict[str, Any]]]) -> None:
    for table, rows in buffers.items():
        if rows:
            connection.execute(insert(table), rows)
            rows.clear()


def _folded(connection: Connection, dossier_ids: list[uuid.UUID] | None) -> Iterator[Folded]:
    d, ev = cast(Table, Dossier.__table__), cast(Table, Event.__table__)
    query = (select(d.c.id, d.c.agency_id, d.c.procedure_version_id, d.c.channel,
                    d.c.original_due_at, ev.c.id, ev.c.kind, ev.c.at, ev.c.officer_id,
                    ev.c.from_unit_id, ev.c.to_unit_id, ev.c.data)
             .join(ev, ev.c.dossier_id == d.c.id).where(ev.c.kind.in_(COUNTED))
             # the reception first (desks' clocks agree to the second only), then time
             .order_by(d.c.id, case((ev.c.kind == "received", 0), else_=1), ev.c.at,
                       ev.c.desk_seq))  # fmt: skip
    if dossier_ids is not None:
        query = query.where(d.c.id.in_(dossier_ids))
    current: Reception | None = None
    events: list[Happening] = []
    for row in connection.execute(query, execution_options={"yield_per": BATCH}):
        if current is None or row[0] != current.dossier_id:
            if current is not None and (folded := fold(current, events)):
                yield folded
            current, events = Reception(*row[:5]), []
        events.append(Happening(id=row[5], kind=row[6], at=row[7], officer_id=row[8],
                                from_unit_id=row[9], to_unit_id=row[10], data=row[11] or {}))
    if current is not None and (folded := fold(current, events)):
        yield folded


def rebuild_counts(connection: Connection) -> None:
    """The daily sums again from report_dossiers (after a rebuild, or a bulk load)."""
    d = DOSSIERS.c
    connection.execute(delete(COUNTS))
    received = select(d.agency_id, d.received_on, d.procedure_version_id, d.channel,
                      func.count()).group_by(d.agency_id, d.received_on,
                                             d.procedure_version_id, d.channel)  # fmt: skip
    ended = case((d.finish == "result_back", d.timeliness), else_=d.finish)
    finished = (select(d.agency_id, d.finished_on, d.procedure_version_id, ended, func.count())
                .where(d.finished_at.is_not(None))
                .group_by(d.agency_id, d.finished_on, d.procedure_version_id, ended))
    columns = ["agency_id", "day", "procedure_version_id", "measure", "count"]
    for query in (received, finished):
        connection.execute(insert(COUNTS).from_select(columns, query))
