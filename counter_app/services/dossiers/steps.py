"""A unit's turn with a dossier: how long it held it, against its steps' budget."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.models import Agency, Dossier, Event, VersionStep
from counter_app.services.desk import working_calendar
from counter_app.services.dossiers.events import EventKind


def turn_data(
    session: Session, dossier: Dossier, unit_id: uuid.UUID | None, now: datetime
) -> dict[str, int | None]:
    """For the event that ends the unit's turn (passed on, or result back): the working
    minutes since it was handed to the unit, and the working minutes its steps in the
    procedure version are given (None when they are given none). Empty without a unit."""
    if unit_id is None:
        return {}
    since = session.scalar(
        select(func.max(Event.at)).where(
            Event.dossier_id == dossier.id,
            Event.kind == EventKind.HANDED_OVER,
            Event.to_unit_id == unit_id,
        )
    )
    if since is None:
        return {}
    calendar = working_calendar(session, session.get_one(Agency, dossier.agency_id))
    hours = session.scalar(
        select(func.sum(VersionStep.hours)).where(
            VersionStep.version_id == dossier.procedure_version_id, VersionStep.unit_id == unit_id
        )
    )
    return {
        "held_minutes": calendar.working_minutes_between(since, now),
        "budget_minutes": int(hours) * 60 if hours else None,
    }
