"""What a pull brings of the office itself: the catalog the server publishes, the office's
desks and officers, and the desks and officers an event names before their own rows came.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter_app.models import (
    Agency,
    AgencyName,
    DeclaredDay,
    Desk,
    Officer,
    Procedure,
    ProcedureVersion,
    Unit,
    VersionDocument,
    VersionStep,
)
from counter_app.sync.rows import row as row_of

CATALOG = (
    ("agencies", Agency),
    ("agency_names", AgencyName),
    ("units", Unit),
    ("procedures", Procedure),
    ("procedure_versions", ProcedureVersion),
    ("version_documents", VersionDocument),
    ("version_steps", VersionStep),
)


def merge(session: Session, model: Any, values: dict[str, Any]) -> None:
    session.merge(model(**values))


def catalog(session: Session, published: dict[str, Any]) -> None:
    for name, model in CATALOG:
        for data in published.get(name) or []:
            merge(session, model, row_of(model, data))
        session.flush()
    agencies = {uuid.UUID(a["id"]) for a in published.get("agencies") or []}
    for agency in agencies:  # declared days: the server's list, whole
        session.execute(delete(DeclaredDay).where(DeclaredDay.agency_id == agency))
    for data in published.get("declared_days") or []:
        session.add(DeclaredDay(**row_of(DeclaredDay, data)))


def desk(session: Session, row: dict[str, Any], local_desk: uuid.UUID, _: Any) -> bool:
    if uuid.UUID(row["id"]) != local_desk:
        merge(
            session,
            Desk,
            {"id": uuid.UUID(row["id"]), "name": row["name"], "is_local": False, "last_seq": 0},
        )
    return True


def officer(session: Session, row: dict[str, Any], _desk_id: uuid.UUID, _: Any) -> bool:
    officer = session.get(Officer, uuid.UUID(row["id"]))
    if officer is not None and officer.sync_pending:
        return True  # changed here since: this desk's change goes to the server next
    values = row_of(Officer, row, skip=("failed_logins", "locked_until", "sync_pending"))
    if officer is None:
        here = session.scalars(select(Officer).where(Officer.username == row["username"])).first()
        if here is not None:  # the same name here under another identity (made at this desk
            # before it joined, or before login existed): the office's account is the one
            for key in ("full_name", "active", "role", "password_hash", "changed_at"):
                setattr(here, key, values[key])
            here.sync_pending = False
            return True
        session.add(Officer(**values, failed_logins=0, sync_pending=False))
    else:
        for key, value in values.items():
            setattr(officer, key, value)
    return True


def known_desk(session: Session, desk_id: uuid.UUID, known: set[uuid.UUID]) -> None:
    if desk_id in known:
        return
    if session.get(Desk, desk_id) is None:  # its row comes later in the desks' stream
        session.add(Desk(id=desk_id, name="?", is_local=False, last_seq=0))
        session.flush()
    known.add(desk_id)


def known_officer(session: Session, officer_id: uuid.UUID, known: set[uuid.UUID]) -> None:
    """An event's officer this desk never heard of (named at another desk before login
    existed, under a name already taken here): kept as an unnamed officer of that desk."""
    if officer_id in known:
        return
    known.add(officer_id)
    if session.get(Officer, officer_id) is None:
        session.add(
            Officer(
                id=officer_id,
                username=f"?{str(officer_id)[:8]}",
                full_name="(cán bộ bàn khác)",
                active=False,
                failed_logins=0,
                sync_pending=False,
            )
        )
        session.flush()
