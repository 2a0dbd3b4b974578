"""Worklists of the desk, with their counts: light rows (no history), newest first.

"Behind schedule" is per step and distinct from "overdue": the unit holding the dossier
has had it longer than the working hours its step is given in the procedure version,
while the appointment itself has not passed yet.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from counter_app.calendar import WorkingCalendar
from counter_app.clock import LOCAL_TZ, local
from counter_app.models import Agency, Dossier, Event, ProcedureVersion, VersionStep
from counter_app.services.desk import working_calendar
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.order import NEWEST
from counter_app.services.dossiers.workflow import Status
from counter_app.services.worklists.worklist_kinds import (
    COUNTED_LATER,
    LABELS,
    OPEN,
    RETURNED_DAYS,
    DossierRow,
    Worklist,
)

__all__ = [
    "COUNTED_LATER",
    "LABELS",
    "OPEN",
    "DossierRow",
    "Worklist",
    "counts",
    "online_waiting",
    "rows",
]

ROW_LIMIT = 10_000


def _day(now: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(local(now).date(), time.min, tzinfo=LOCAL_TZ)
    return start, start + timedelta(days=1)


def online_waiting() -> ColumnElement[bool]:
    """An online dossier imported from the portal that the desk has not answered yet (not
    accepted, no supplement asked for, not refused): "Hồ sơ trực tuyến chờ tiếp nhận"
    (counter_app/portal/inbound.py). A supplement asked for takes it off the list until
    the citizen supplies it (its status goes back to received). The same test on a row:
    worklist_kinds.is_online_waiting."""
    return and_(
        Dossier.portal_code.is_not(None),
        Dossier.portal_accepted_at.is_(None),
        Dossier.status == Status.RECEIVED,
    )


def _condition(session: Session, worklist: Worklist, now: datetime) -> ColumnElement[bool]:
    start, end = _day(now)
    # a dossier waiting for the citizen's documents has its clock stopped: not due, not late
    is_open = Dossier.status.in_(OPEN) & Dossier.paused_at.is_(None)
    match worklist:
        case Worklist.TODAY:
            return and_(Dossier.received_at >= start, Dossier.received_at < end)
        case Worklist.DUE_TODAY:
            return and_(is_open, Dossier.due_at >= start, Dossier.due_at < end)
        case Worklist.OVERDUE:
            return and_(is_open, Dossier.due_at < now)
        case Worklist.BEHIND:
            return Dossier.id.in_(behind_schedule(session, now))
        case Worklist.SUPPLEMENT:
            return Dossier.status == Status.SUPPLEMENT_REQUESTED
        case Worklist.RESULT_BACK:
            return Dossier.status == Status.RESOLVED
        case Worklist.RETURNED:
            return and_(
                Dossier.status == Status.RETURNED,
                Dossier.returned_at >= start - timedelta(days=RETURNED_DAYS),
            )
        case Worklist.ONLINE:
            return online_waiting()
    raise AssertionError(worklist)  # pragma: no cover


def behind_schedule(session: Session, now: datetime) -> list[uuid.UUID]:
    """Dossiers in progress, not overdue, held by a unit past its step's budget."""
    # The last handover of each, asked per dossier (by the events' dossier index): joined
    # and grouped by the dossier's id, SQLite walked every dossier in id order (its primary
    # key) to spare a sort, 0.2-0.3 s at 1,000,000 dossiers on every start and refresh,
    # instead of the few in progress (status, due index).
    since = (
        select(func.max(Event.at))
        .where(Event.dossier_id == Dossier.id, Event.kind == EventKind.HANDED_OVER)
        .scalar_subquery()
    )
    held = [
        row
        for row in session.execute(
            select(
                Dossier.id,
                Dossier.agency_id,
                Dossier.procedure_version_id,
                Dossier.current_unit_id,
                since,
            ).where(Dossier.status == Status.IN_PROGRESS, Dossier.due_at >= now)
        )
        if row[4] is not None  # never handed over: held by no unit yet
    ]
    budgets = _budgets(session, {(v, u) for _, _, v, u, _ in held})
    calendars: dict[uuid.UUID, WorkingCalendar] = {}
    late = []
    for dossier_id, agency_id, version_id, unit_id, handed in held:
        hours = budgets.get((version_id, unit_id))
        if not hours:
            continue
        if agency_id not in calendars:
            calendars[agency_id] = working_calendar(session, session.get_one(Agency, agency_id))
        calendar = calendars[agency_id]
        if calendar.working_minutes_between(handed, now) > hours * 60:
            late.append(dossier_id)
    return late


def _budgets(
    session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID | None]]
) -> dict[tuple[uuid.UUID, uuid.UUID | None], int]:
    """Working hours a unit is given for a procedure version (its steps added up)."""
    if not pairs:
        return {}
    versions = {v for v, _ in pairs}
    rows = session.execute(
        select(VersionStep.version_id, VersionStep.unit_id, func.sum(VersionStep.hours))
        .where(VersionStep.version_id.in_(versions))
        .group_by(VersionStep.version_id, VersionStep.unit_id)
    ).all()
    return {(v, u): int(h) for v, u, h in rows}


def _select(condition: ColumnElement[bool], limit: int):  # type: ignore[no-untyped-def]
    return (
        select(
            Dossier.code,
            Dossier.applicant_name,
            ProcedureVersion.name,
            Dossier.status,
            Dossier.received_at,
            Dossier.due_at,
        )
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(condition)
        .order_by(*NEWEST)
        .limit(limit)
    )


def rows(
    session: Session, worklist: Worklist, now: datetime, limit: int = ROW_LIMIT
) -> list[DossierRow]:
    condition = _condition(session, worklist, now)
    return [DossierRow(*row) for row in session.execute(_select(condition, limit))]


def counts(
    session: Session, now: datetime, only: Iterable[Worklist] = tuple(Worklist)
) -> dict[Worklist, int]:
    """The number of dossiers in each worklist (`only` those)."""
    return {
        w: int(
            session.scalar(
                select(func.count()).select_from(Dossier).where(_condition(session, w, now))
            )
            or 0
        )
        for w in only
    }


def matching(
    session: Session, query: str, limit: int = 200, personal: bool = True
) -> list[DossierRow]:
    from counter_app.services.dossiers.search import find_ids  # not needed at start-up

    ids = find_ids(session, query, limit, personal)
    return (
        [DossierRow(*r) for r in session.execute(_select(Dossier.id.in_(ids), limit))]
        if ids
        else []
    )


def recent(session: Session, limit: int = 500) -> list[DossierRow]:
    return [DossierRow(*r) for r in session.execute(_select(Dossier.id.is_not(None), limit))]
