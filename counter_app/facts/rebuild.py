"""The report facts again from the stored events: after a migration, for a check, or
when a dossier's row went missing. The same fold as upkeep.apply, in bulk. The daily sums
are then summed anew in SQL from report_dossiers; when only some dossiers are folded again
(a sync's pulled page), only their share of the sums is taken off and added back."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    Table,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
)

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
from counter_app.models.prepared import Prepared

KEY = ["agency_id", "day", "procedure_version_id", "measure"]  # a daily sum's


def rebuild_if_missing(connection: Connection) -> int:
    """After a migration: fold the events of a database whose facts were never kept."""
    if connection.execute(select(DOSSIERS.c.dossier_id).limit(1)).first() is not None:
        return 0
    if connection.execute(select(Dossier.id).limit(1)).first() is None:
        return 0
    return rebuild(connection)


def rebuild(connection: Connection, dossier_ids: list[uuid.UUID] | None = None) -> int:
    """Fold the stored events again (all dossiers, or those named); returns the dossiers."""
    before = None if dossier_ids is None else _shares(connection, dossier_ids)
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
    if dossier_ids is None or before is None:
        rebuild_counts(connection)
    else:
        _adjust(connection, before, _shares(connection, dossier_ids))
    return count


def _flush(connection: Connection, buffers: dict[Any, list[dict[str, Any]]]) -> None:
    for table, rows in buffers.items():
        if rows:
            connection.execute(insert(table), rows)
            rows.clear()


def _folded(connection: Connection, dossier_ids: list[uuid.UUID] | None) -> Iterator[Folded]:
    d, ev = cast(Table, Dossier.__table__), cast(Table, Event.__table__)
    query = (
        select(
            d.c.id,
            d.c.agency_id,
            d.c.procedure_version_id,
            d.c.channel,
            d.c.original_due_at,
            ev.c.id,
            ev.c.kind,
            ev.c.at,
            ev.c.officer_id,
            ev.c.from_unit_id,
            ev.c.to_unit_id,
            ev.c.data,
        )
        .join(ev, ev.c.dossier_id == d.c.id)
        .where(
            ev.c.kind.in_(COUNTED),
            or_(ev.c.server_status.is_(None), ev.c.server_status != "rejected"),
        )  # not done
        # the reception first (desks' clocks agree to the second only), then time
        .order_by(d.c.id, case((ev.c.kind == "received", 0), else_=1), ev.c.at, ev.c.desk_seq)
    )
    if dossier_ids is not None:
        query = query.where(d.c.id.in_(dossier_ids))
    current: Reception | None = None
    events: list[Happening] = []
    for row in connection.execute(query, execution_options={"yield_per": BATCH}):
        if current is None or row[0] != current.dossier_id:
            if current is not None and (folded := fold(current, events)):
                yield folded
            current, events = Reception(*row[:5]), []
        events.append(
            Happening(
                id=row[5],
                kind=row[6],
                at=row[7],
                officer_id=row[8],
                from_unit_id=row[9],
                to_unit_id=row[10],
                data=row[11] or {},
            )
        )
    if current is not None and (folded := fold(current, events)):
        yield folded


def rebuild_counts(connection: Connection) -> None:
    """The daily sums again from report_dossiers (after a rebuild, or a bulk load)."""
    connection.execute(delete(COUNTS))
    for query in _sums():
        connection.execute(insert(COUNTS).from_select([*KEY, "count"], query))


def _sums(dossier_ids: list[uuid.UUID] | None = None) -> tuple[Select[Any], Select[Any]]:
    """Receptions by day and channel, endings by day and measure (of these dossiers)."""
    d = DOSSIERS.c
    received = select(
        d.agency_id, d.received_on, d.procedure_version_id, d.channel, func.count()
    ).group_by(d.agency_id, d.received_on, d.procedure_version_id, d.channel)
    ended = case((d.finish == "result_back", d.timeliness), else_=d.finish)
    finished = (
        select(d.agency_id, d.finished_on, d.procedure_version_id, ended, func.count())
        .where(d.finished_at.is_not(None))
        .group_by(d.agency_id, d.finished_on, d.procedure_version_id, ended)
    )
    if dossier_ids is None:
        return received, finished
    return (
        received.where(d.dossier_id.in_(dossier_ids)),
        finished.where(d.dossier_id.in_(dossier_ids)),
    )


def _shares(connection: Connection, dossier_ids: list[uuid.UUID]) -> Counter[tuple[Any, ...]]:
    """What these dossiers count in the daily sums, by the sums' keys."""
    shares: Counter[tuple[Any, ...]] = Counter()
    for query in _sums(dossier_ids):
        for *key, n in connection.execute(query).all():
            shares[tuple(key)] += n
    return shares


def _adjust(
    connection: Connection, before: Counter[tuple[Any, ...]], after: Counter[tuple[Any, ...]]
) -> None:
    """The sums moved by what these dossiers count now minus what they counted (one upsert
    for all of them, instead of summing every dossier of the desk again); a sum they alone
    made, and make no more, goes."""
    moved = [
        dict(zip(KEY, key, strict=True), count=after[key] - before[key])
        for key in set(before) | set(after)
        if after[key] != before[key]
    ]
    if not moved:
        return
    _upsert(connection, moved)
    emptied = [{f"k_{name}": row[name] for name in KEY} for row in moved if row["count"] < 0]
    if emptied:
        connection.execute(
            delete(COUNTS).where(
                COUNTS.c.count <= 0, *(COUNTS.c[name] == bindparam(f"k_{name}") for name in KEY)
            ),
            emptied,
        )


def add_count(connection: Connection, key: dict[str, Any], n: int) -> None:
    """`n` more (or fewer) dossiers under `key` in the daily sums."""
    _upsert(connection, [key | {"count": n}])


def _upsert(connection: Connection, moves: list[dict[str, Any]]) -> None:
    """Each move's count added to its sum, made if missing (one statement for all; the
    desk's write lock or the server's conflict clause keeps two writers from losing one)."""
    dialect = "postgresql" if connection.dialect.name == "postgresql" else "sqlite"
    upsert = _UPSERT.get(dialect)
    if upsert is None:
        upsert = _UPSERT[dialect] = Prepared(_upsert_for(dialect))
    upsert.run_many(connection, moves)


def _upsert_for(dialect: str) -> Any:
    """Built once per dialect, at its first use: importing the PostgreSQL dialect on a
    desk that runs on SQLite cost ~20 ms of its start."""
    upsert: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        upsert = pg_insert(COUNTS)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        upsert = sqlite_insert(COUNTS)
    return upsert.on_conflict_do_update(
        index_elements=KEY, set_={"count": COUNTS.c.count + upsert.excluded.count}
    )


_UPSERT: dict[str, Prepared] = {}  # built once per dialect, run per event
