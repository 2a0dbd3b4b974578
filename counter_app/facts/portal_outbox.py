"""Writing the national portal's messages (models/portal.py) in the transaction of each
dossier event that changes what the portal shows: called by
`services.dossiers.events.record`, as the report facts are. Notes, prints and digitised
papers send nothing by themselves (a paper shows in the dossier's next message).

Each event writes two rows with one prepared INSERT (issue 19: a reception's cost is its
statements): the dossier (`DongBoHoSoMC`; an update after the first) and its step
(`CapNhatTienDoHoSoMC`). Their ids are uuid5 of the event's and the service, their
position the event's desk_seq (twice, plus one for the step): a dossier's messages are
sent in the order of its events."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from counter_app.facts import portal_messages as bodies
from counter_app.models import Dossier, Event, Officer, Procedure, ProcedureVersion, Unit
from counter_app.models.catalog import VersionDocument
from counter_app.models.digitised import DossierFile
from counter_app.models.portal import DOSSIER, PROGRESS, PortalMessage
from counter_app.models.prepared import Prepared

NAMESPACE = uuid.UUID("2b7f0c52-8d1e-4a36-9f0b-71c4e5a2d9e3")
KINDS = frozenset(bodies.STEPS)
TABLE = cast(Table, PortalMessage.__table__)
_WRITE = Prepared(insert(TABLE))
# A procedure version never changes once stored (models/catalog.py): read once a process.
_PROCEDURES: dict[uuid.UUID, bodies.Procedure] = {}
_OFFICERS: dict[uuid.UUID, str] = {}  # full names, read once a process


def message_id(event_id: uuid.UUID, service: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{event_id}:{service}")


def apply(session: Session, dossier: Dossier, event: Event) -> None:
    """The event's two messages, when it is one the portal shows."""
    if event.kind not in KINDS:
        return
    connection = session.connection()
    received = event.kind == "received"
    documents = [] if received else _documents(session, dossier)  # none before reception
    unit = _unit(session, event.to_unit_id) if event.kind == "handed_over" else None
    dossier_body = bodies.dossier_object(dossier, _procedure(session, dossier), event.at, documents)
    step = bodies.progress_row(
        dossier, event.kind, event.at, _officer(session, event.officer_id), unit
    )
    rows = [
        _row(dossier, event, DOSSIER, not received, [dossier_body], 0),
        _row(dossier, event, PROGRESS, False, [step], 1),
    ]
    _WRITE.run_many(connection, rows)


def _row(
    dossier: Dossier, event: Event, service: str, update: bool, data: list[Any], offset: int
) -> dict[str, Any]:
    return {
        "id": message_id(event.id, service),
        "event_id": event.id,
        "dossier_id": dossier.id,
        "code": dossier.code,
        "position": event.desk_seq * 2 + offset,
        "service": service,
        "is_update": update,
        "body": data,
        "state": "pending",
        "attempts": 0,
        "error_code": None,
        "reason": None,
        "next_at": event.at,
        "sent_at": None,
        "created_at": event.at,
    }


def _procedure(session: Session, dossier: Dossier) -> bodies.Procedure:
    version_id = dossier.procedure_version_id
    found = _PROCEDURES.get(version_id)
    if found is None:
        code, name, field, schedule, fee = session.execute(
            select(
                Procedure.code,
                ProcedureVersion.name,
                ProcedureVersion.field,
                ProcedureVersion.fee_schedule,
                ProcedureVersion.fee,
            )
            .join(ProcedureVersion, ProcedureVersion.procedure_id == Procedure.id)
            .where(ProcedureVersion.id == version_id)
        ).one()
        fees = bodies.fee_list(schedule, fee)
        found = _PROCEDURES[version_id] = bodies.Procedure(code, name, field, fees)
    return found


def _officer(session: Session, officer_id: uuid.UUID) -> str:
    name = _OFFICERS.get(officer_id)
    if name is None:
        name = session.scalar(select(Officer.full_name).where(Officer.id == officer_id)) or ""
        _OFFICERS[officer_id] = name
    return name


def _unit(session: Session, unit_id: uuid.UUID | None) -> str | None:
    return session.scalar(select(Unit.name).where(Unit.id == unit_id)) if unit_id else None


def _documents(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """TaiLieuNop: the dossier's digitised papers (files, not exemptions), by line (the
    1-based place in the checklist's order, as `digitise --item N` numbers them)."""
    f = DossierFile
    rows = session.execute(
        select(f.item, f.sha256, f.pages, f.signed)
        .where(f.dossier_id == dossier.id, f.sha256.is_not(None))
        .order_by(f.item)
    ).all()
    if not rows:
        return []
    names = session.scalars(
        select(VersionDocument.name)
        .where(VersionDocument.version_id == dossier.procedure_version_id)
        .order_by(VersionDocument.position)
    ).all()
    return [
        bodies.document(item, _name(item, names), sha256 or "", pages, signed)
        for item, sha256, pages, signed in rows
    ]


def _name(item: int, names: Sequence[str]) -> str:
    if item == 0:
        return "Kết quả giải quyết"
    return names[item - 1] if 1 <= item <= len(names) else f"Giấy tờ {item}"
