"""The definitions of spec/reports.md as SQL expressions over the facts (SQLAlchemy Core,
the same on SQLite and PostgreSQL). The state of a dossier at an instant is what the
events before that instant made of it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    func,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from counter_app.facts.fold import COUNTS, DOSSIERS, PAUSES
from counter_app.models import Procedure, ProcedureVersion
from counter_app.reports.model import Counts
from counter_app.reports.periods import Period

D, P = DOSSIERS.c, PAUSES.c


def finished_before(moment: datetime) -> ColumnElement[bool]:
    return and_(D.finished_at.is_not(None), D.finished_at < moment)


def open_at(moment: datetime) -> ColumnElement[bool]:
    """Received and not yet finished at `moment` (the reception itself is checked apart)."""
    return or_(D.finished_at.is_(None), D.finished_at >= moment)


def paused_at(moment: datetime) -> ColumnElement[bool]:
    """The clock stood still for a supplement at `moment`."""
    return and_(
        D.first_paused_at.is_not(None),
        D.first_paused_at < moment,
        exists().where(
            P.dossier_id == D.dossier_id,
            P.paused_at < moment,
            or_(P.resumed_at.is_(None), P.resumed_at >= moment),
        ),
    )


def legal_due_at(moment: datetime) -> ColumnElement[Any]:
    """The legal appointment as it stood at `moment`: the original one, moved by the pauses
    that had ended by then."""
    moved = (
        select(func.max(P.due_after))
        .where(P.dossier_id == D.dossier_id, P.resumed_at < moment)
        .scalar_subquery()
    )
    return func.coalesce(moved, D.original_due_at)


def overdue_at(moment: datetime) -> ColumnElement[bool]:
    """Open, not paused, and its legal appointment before `moment`."""
    never_paused = or_(D.first_paused_at.is_(None), D.first_paused_at >= moment)
    return and_(
        open_at(moment),
        or_(
            and_(never_paused, D.original_due_at < moment),
            and_(~never_paused, ~paused_at(moment), legal_due_at(moment) < moment),
        ),
    )


def within_time_at(moment: datetime) -> ColumnElement[bool]:
    never_paused = or_(D.first_paused_at.is_(None), D.first_paused_at >= moment)
    return and_(
        open_at(moment),
        or_(
            and_(never_paused, or_(D.original_due_at.is_(None), D.original_due_at >= moment)),
            and_(
                ~never_paused,
                or_(
                    paused_at(moment),
                    legal_due_at(moment).is_(None),
                    legal_due_at(moment) >= moment,
                ),
            ),
        ),
    )


def _open_at_either(
    agency_ids: list[uuid.UUID], start: datetime, end: datetime
) -> list[ColumnElement[bool]]:
    """Dossiers open at `start` or at `end` (received before, not finished before), in two
    parts: finished since (one pass for both instants: PostgreSQL cannot know how few
    such rows there are and scans the table once; SQLite walks the index on
    (agency, finished_at, received_at, version) twice), and never finished."""
    mine = D.agency_id.in_(agency_ids)
    later = or_(
        and_(D.finished_at >= start, D.received_at < start),
        and_(D.finished_at >= end, D.received_at < end),
    )
    return [and_(mine, later), and_(mine, D.finished_at.is_(None), D.received_at < end)]


def _open_counts(
    connection: Connection | Session, agency_ids: list[uuid.UUID], start: datetime, end: datetime
) -> dict[Any, tuple[int, ...]]:
    """Per version: open at the start (carried over); open at the end, of which within
    time, overdue, paused."""
    carried = and_(D.received_at < start, open_at(start))
    left = and_(D.received_at < end, open_at(end))
    columns = [
        func.count().filter(carried),
        func.count().filter(left),
        func.count().filter(and_(left, within_time_at(end))),
        func.count().filter(and_(left, overdue_at(end))),
        func.count().filter(and_(left, paused_at(end))),
    ]
    key = D.procedure_version_id
    parts = [
        select(key.label("key"), *columns).where(where).group_by(key)
        for where in _open_at_either(agency_ids, start, end)
    ]
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    if bind.dialect.name == "postgresql":
        # a handful of rows, but estimated at a third of the table: no JIT compile for them
        connection.execute(text("SET LOCAL jit = off"))
    result: dict[Any, tuple[int, ...]] = {}
    for row in connection.execute(union_all(*parts)):
        before = result.get(row[0], (0,) * len(columns))
        result[row[0]] = tuple(a + int(b or 0) for a, b in zip(before, row[1:], strict=True))
    return result


def _day_counts(
    connection: Connection | Session, agency_ids: list[uuid.UUID], period: Period
) -> dict[Any, dict[str, int]]:
    """Per version and measure: the period's days summed (receptions, ends)."""
    c = COUNTS.c
    rows = connection.execute(
        select(c.procedure_version_id, c.measure, func.sum(c.count))
        .where(c.agency_id.in_(agency_ids), c.day >= period.first, c.day <= period.last)
        .group_by(c.procedure_version_id, c.measure)
    )
    result: dict[Any, dict[str, int]] = {}
    for version, measure, n in rows:
        result.setdefault(version, {})[measure] = int(n)
    return result


def _counted_at(
    connection: Connection | Session,
    agency_ids: list[uuid.UUID],
    period: Period,
    now: datetime | None,
) -> datetime:
    """The instant a period is counted at: its end, or `now` while it runs, but never
    before a reception or an end its days already count (one in the same second as `now`,
    or from a desk whose clock is a little ahead): then the days and the dossiers open at
    that instant count the same dossiers, and the form's identities hold."""
    if now is None or now >= period.end:
        return period.end
    mine = D.agency_id.in_(agency_ids)
    newest = [
        select(func.max(moment)).where(mine, moment >= now, moment < period.end).scalar_subquery()
        for moment in (D.received_at, D.finished_at)
    ]
    later = [m for m in connection.execute(select(*newest)).one() if m is not None]
    return max([now, *(m + timedelta(microseconds=1) for m in later)])


def form_counts(
    connection: Connection | Session,
    agency_ids: list[uuid.UUID],
    period: Period,
    now: datetime | None = None,
) -> dict[Any, Counts]:
    """Biểu 06's columns per procedure version. Three sources, so that the form's identity
    (received = resolved + in progress) checks them against each other: the dossiers open
    at the start (carried over), the period's days (new, by channel; resolved, by
    outcome), the dossiers open at the end (in progress, overdue, paused). A period not
    over yet is counted as it stands `now`: nothing has happened after that."""
    end = _counted_at(connection, agency_ids, period, now)
    opened = _open_counts(connection, agency_ids, period.start, max(end, period.start))
    days = _day_counts(connection, agency_ids, period)
    result = {}
    for version in {*opened, *days}:
        m = days.get(version, {})
        n, left, within, overdue, paused = opened.get(version, (0, 0, 0, 0, 0))
        on_line, direct, postal = m.get("online", 0), m.get("direct", 0), m.get("postal", 0)
        early, late = m.get("early", 0), m.get("late", 0)
        closed = m.get("withdrawn", 0), m.get("stopped", 0), m.get("refused", 0)
        on_time = m.get("on_time", 0) + sum(closed)  # the form's footnote
        result[version] = Counts(
            received=n + on_line + direct + postal,
            carried_over=n,
            online=on_line,
            direct=direct,
            postal=postal,
            resolved=early + on_time + late,
            early=early,
            on_time=on_time,
            late=late,
            in_progress=left,
            within_time=within,
            overdue=overdue,
            paused=paused,
            withdrawn=closed[0],
            stopped=closed[1],
            refused=closed[2],
        )
    return result


@dataclass(frozen=True)
class VersionInfo:
    field: str
    procedure: str  # the procedure's code
    name: str  # the procedure's name in this version


def versions(connection: Connection | Session) -> dict[uuid.UUID, VersionInfo]:
    rows = connection.execute(
        select(ProcedureVersion.id, ProcedureVersion.field, Procedure.code, ProcedureVersion.name)
        .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
        .order_by(ProcedureVersion.imported_seq)
    )
    return {vid: VersionInfo(field, code, name) for vid, field, code, name in rows}


def group_names(infos: dict[uuid.UUID, VersionInfo], by: str) -> dict[str, str]:
    """Row names: a field as it is; a procedure by code and its newest version's name."""
    names: dict[str, str] = {}
    for info in infos.values():  # oldest version first: the newest name stays
        if by == "field":
            names[info.field] = info.field
        else:
            names[info.procedure] = f"{info.procedure} {info.name}"
    return names


def version_key(infos: dict[uuid.UUID, VersionInfo], version_id: Any, by: str) -> str:
    info = infos.get(version_id)
    if info is None:
        return "(không rõ thủ tục)"
    return info.field if by == "field" else info.procedure
