"""The ratings of visits (models/citizen.py), folded from the `rated` events: one function
for the desk's own events and for those a sync brings from other desks, so that every desk
holds the same rows.

Two desks may each record a rating of the same visit while apart. The office server keeps
the one it got first and refuses the other (SQL 0023): here the events the server placed
come first, in its order, then this desk's not yet sent; the first of a visit is its rating,
and an event the server refused is never one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from counter_app.models import Event, Rating

RATED = "rated"
VISITS = ("reception", "return")
SCORES = (1, 2, 3)
CHUNK = 500
_NOT_REFUSED = or_(Event.server_status.is_(None), Event.server_status != "rejected")


def row_of(
    event_id: uuid.UUID,
    dossier_id: uuid.UUID,
    at: datetime,
    officer_id: uuid.UUID,
    data: dict[str, Any],
) -> dict[str, Any] | None:
    """The `ratings` row of a rated event; None when its data is not a rating this program
    reads (then it counts nowhere)."""
    visit, score = data.get("visit"), data.get("score")
    if visit not in VISITS or type(score) is not int or score not in SCORES:
        return None
    criteria = data.get("criteria") or []
    counter = data.get("counter")
    return {
        "event_id": event_id,
        "dossier_id": dossier_id,
        "visit": visit,
        "score": score,
        "criteria": ",".join(str(c) for c in criteria)[:200] if isinstance(criteria, list) else "",
        "officer_id": officer_id,
        "counter": counter if type(counter) is int else None,
        "at": at,
    }


def refold(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Make `ratings` of these dossiers what their rated events say."""
    table = cast(Table, Rating.__table__)
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        events = session.execute(
            select(Event.id, Event.dossier_id, Event.at, Event.officer_id, Event.data)
            .where(Event.dossier_id.in_(part), Event.kind == RATED, _NOT_REFUSED)
            .order_by(Event.server_pos.is_(None), Event.server_pos, Event.at, Event.desk_seq)
        )
        first: dict[tuple[uuid.UUID, str], dict[str, Any]] = {}
        for event_id, dossier_id, at, officer_id, data in events:
            row = row_of(event_id, dossier_id, at, officer_id, data or {})
            if row is not None:
                first.setdefault((dossier_id, row["visit"]), row)
        session.execute(delete(table).where(table.c.dossier_id.in_(part)))
        if first:
            session.execute(insert(table), list(first.values()))
