"""Reading the trail: entries of a period, an officer or a dossier, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.clock import LOCAL_TZ
from counter_app.models import AuditEntry, Desk
from counter_app.text import normalise_code

LIMIT = 10_000


@dataclass(frozen=True)
class EntryView:
    at: datetime
    officer: str
    desk: str
    action: str
    code: str | None
    outcome: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class Filter:
    first: date | None = None
    last: date | None = None
    officer: str | None = None
    code: str | None = None


def entries(
    session: Session, where: Filter, limit: int = LIMIT, newest_first: bool = False
) -> list[EntryView]:
    """The newest `limit` entries that match (a long range keeps its latest, not its first
    ones), oldest first as the CLI lists them, or newest first as the audit screen does."""
    query = (
        select(AuditEntry, Desk.name)
        .join(Desk, Desk.id == AuditEntry.desk_id)
        .order_by(AuditEntry.at.desc(), Desk.name.desc(), AuditEntry.desk_seq.desc())
        .limit(limit)
    )
    if where.first:
        query = query.where(AuditEntry.at >= datetime.combine(where.first, time.min, LOCAL_TZ))
    if where.last:
        end = datetime.combine(where.last + timedelta(days=1), time.min, LOCAL_TZ)
        query = query.where(AuditEntry.at < end)
    if where.officer:
        query = query.where(AuditEntry.username == trail.masked(where.officer.strip()))
    if where.code:
        query = query.where(AuditEntry.code == trail.masked(normalise_code(where.code)))
    found = [
        EntryView(e.at, e.username, desk, e.action, e.code, e.outcome, dict(e.detail))
        for e, desk in session.execute(query)
    ]
    return found if newest_first else found[::-1]


def read(
    session: Session,
    actor: Actor,
    where: Filter,
    now: datetime,
    limit: int = LIMIT,
    newest_first: bool = False,
) -> list[EntryView]:
    """The entries, for a role that may read the trail; reading it is recorded too."""
    require(actor, Permission.AUDIT)
    found = entries(session, where, limit, newest_first)
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.AUDIT_READ,
        now,
        code=normalise_code(where.code) if where.code else None,
        detail={"rows": len(found)},
    )
    return found
