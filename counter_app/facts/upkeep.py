"""The report facts kept up to date in the transaction that writes each event (called by
`services.dossiers.events.record`), and read back where a service needs them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from counter_app.facts.fold import (
    COUNTED,
    DOSSIERS,
    PAUSES,
    STEPS,
    Change,
    advanced,
    happening,
    measure,
    opened,
    reception,
)
from counter_app.facts.rebuild import add_count, rebuild
from counter_app.models import Dossier, Event
from counter_app.models.prepared import Prepared

_OPEN = Prepared(insert(DOSSIERS))  # built once: building it cost as much as running it


def apply(session: Session, dossier: Dossier, event: Event) -> None:
    """Keep the facts of `dossier` up to date with `event`, in the caller's transaction."""
    if event.kind not in COUNTED:
        return
    e = happening(event)
    connection = session.connection()  # the facts need no flush of the ORM's pending rows
    if e.kind == "received":
        row = opened(reception(dossier), e)
        _OPEN.run(connection, row)
        _count(connection, row, row["received_on"], row["channel"])
        return
    state = (
        connection.execute(select(DOSSIERS).where(DOSSIERS.c.dossier_id == dossier.id))
        .mappings()
        .first()
    )
    if state is None:  # received before the facts were kept, and missed: fold it whole
        session.flush()
        rebuild(connection, [dossier.id])
        return
    before = dict(state)
    change = advanced(before, e)
    if change is not None:
        _write(connection, dossier.id, change)
        if "finish" in change.row:
            _count(connection, before, change.row["finished_on"], measure(change.row))


def _write(connection: Connection, dossier_id: uuid.UUID, change: Change) -> None:
    connection.execute(
        update(DOSSIERS).where(DOSSIERS.c.dossier_id == dossier_id).values(change.row)
    )
    if change.pause:
        connection.execute(insert(PAUSES).values(change.pause))
    if change.resume:
        connection.execute(
            update(PAUSES)
            .where(PAUSES.c.dossier_id == dossier_id, PAUSES.c.resumed_at.is_(None))
            .values(change.resume)
        )
    if change.step:
        connection.execute(insert(STEPS).values(change.step))


def _count(connection: Connection, row: Mapping[str, Any], day: Any, what: str) -> None:
    """One more dossier of `what` on `day`."""
    add_count(
        connection,
        {
            "agency_id": row["agency_id"],
            "day": day,
            "procedure_version_id": row["procedure_version_id"],
            "measure": what,
        },
        1,
    )


def legal_due_at(session: Session, dossier: Dossier) -> datetime | None:
    """The dossier's legal appointment now (the original one when its facts are missing)."""
    row = (
        session.connection()
        .execute(select(DOSSIERS.c.legal_due_at).where(DOSSIERS.c.dossier_id == dossier.id))
        .first()
    )
    return dossier.original_due_at if row is None else row[0]
