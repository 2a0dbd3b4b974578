"""The definitions of spec/reports.md as SQL expressions over the facts (SQLAlchemy Core,
the same on SQLite and PostgreSQL). The state of a dossier at an instant is what the
events before that instant made of it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from counter_app.models import Procedure, ProcedureVersion
from counter_app.reports.facts import DOSSIERS, PAUSES
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
    return and_(D.first_paused_at.is_not(None), D.first_paused_at < moment, exists().where(
        P.dossier_id == D.dossier_id, P.paused_at < moment,
        or_(P.resumed_at.is_(None), P.resumed_at >= moment)))  # fmt: skip


def legal_due_at(moment: datetime) -> ColumnElement[Any]:
    """The legal appointment as it stood at `moment`: the original one, moved by the pauses
    that had ended by then."""
    moved = (select(func.max(P.due_after))
             .where(P.dossier_id == D.dossier_id, P.resumed_at < moment).scalar_subquery())
    return func.coalesce(moved, D.original_due_at)  # fmt: skip


def overdue_at(moment: datetime) -> ColumnElement[bool]:
    """Open, not paused, and its legal appointment before `moment`."""
    never_paused = or_(D.first_paused_at.is_(None), D.first_paused_at >= moment)
    return and_(
        open_at(moment),
        or_(and_(never_paused, D.original_due_at < moment),
            and_(~never_paused, ~paused_at(moment), legal_due_at(moment) < moment)),
    )  # fmt: skip


def within_time_at(moment: datetime) -> ColumnElement[bool]:
    never_paused = or_(D.first_paused_at.is_(None), D.first_paused_at >= moment)
    return and_(
        open_at(moment),
        or_(and_(never_paused, or_(D.original_due_at.is_(None), D.original_due_at >= moment)),
            and_(~never_paused, or_(paused_at(moment), legal_due_at(moment).is_(None),
                                    legal_due_at(moment) >= moment))),
    )  # fmt: skip


def counts_columns(period: Period) -> list[Any]:
    """Biểu 06's columns for the dossiers in scope, each counted on its own."""
    start, end = period.start, period.end
    new = D.received_at >= start
    done = finished_before(end)

    def count(condition: ColumnElement[bool] | None = None) -> Any:
        return func.count() if condition is None else func.count().filter(condition)

    return [
        count(), count(D.received_at < start), count(and_(new, D.channel == "online")),
        count(and_(new, D.channel == "direct")), count(and_(new, D.channel == "postal")),
        count(done), count(and_(done, D.timeliness == "early")),
        count(and_(done, D.timeliness == "on_time")), count(and_(done, D.timeliness == "late")),
        count(open_at(end)), count(within_time_at(end)), count(overdue_at(end)),
        count(and_(open_at(end), paused_at(end))),
        count(and_(done, D.finish == "withdrawn")), count(and_(done, D.finish == "stopped")),
        count(and_(done, D.finish == "refused")),
    ]  # fmt: skip


def in_scope(agency_ids: list[uuid.UUID], period: Period) -> list[ColumnElement[bool]]:
    """The dossiers a period counts, in three parts each served by an index: received in
    it; received before it and finished in or after it; received before it, still open."""
    start, end = period.start, period.end
    mine = D.agency_id.in_(agency_ids)
    return [and_(mine, D.received_at >= start, D.received_at < end),
            and_(mine, D.received_at < start, D.finished_at >= start),
            and_(mine, D.received_at < start, D.finished_at.is_(None))]  # fmt: skip


def counts_by(connection: Connection | Session, key: Any, agency_ids: list[uuid.UUID],
              period: Period) -> dict[Any, Counts]:  # fmt: skip
    """Biểu 06's counts grouped by `key` (a column of the facts)."""
    columns = counts_columns(period)
    parts = [select(key.label("key"), *columns).where(where).group_by(key)
             for where in in_scope(agency_ids, period)]  # fmt: skip
    result: dict[Any, Counts] = {}
    for row in connection.execute(union_all(*parts)):
        counts = Counts(*(int(v or 0) for v in row[1:]))
        result[row[0]] = result.get(row[0], Counts()) + counts
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
        .order_by(ProcedureVersion.imported_seq))  # fmt: skip
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
