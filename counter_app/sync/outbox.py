"""What a desk pushes: its events and audit entries after what the server has (both numbered
without gaps by the desk), its officers changed here, the numbers it leased and will never
use, and the catalog rows its receptions point at (a desk that worked alone may have some
the server lacks). A reception carries the dossier as recorded, with its documents."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, exists, select
from sqlalchemy.orm import Session

from counter_app.models import (
    AuditEntry,
    CodeNumber,
    Dossier,
    DossierDocument,
    Event,
    Officer,
    Procedure,
    ProcedureVersion,
)
from counter_app.models.event import EVENT_SCHEMA_VERSION
from counter_app.sync.rows import chunks

BATCH = 500
SNAPSHOT = (
    "code",
    "agency_id",
    "procedure_version_id",
    "channel",
    "applicant_name",
    "name_key",
    "id_type",
    "id_number",
    "phone",
    "phone_key",
    "address",
    "email",
    "sets",
    "note",
    "return_by_post",
    "request_id",
    "received_at",
    "effective_received_at",
    "original_due_at",
)


def _text(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def batch(
    session: Session, desk_id: uuid.UUID, events_upto: int, audit_upto: int, limit: int = BATCH
) -> dict[str, Any]:
    # plain rows through Core, not the ORM: read only, and ~1,000 rows a batch
    read = session.connection().execute
    events = list(
        read(
            select(*_columns(Event))
            .where(Event.desk_id == desk_id, Event.desk_seq > events_upto)
            .order_by(Event.desk_seq)
            .limit(limit)
        )
    )
    audit = list(
        read(
            select(*_columns(AuditEntry))
            .where(AuditEntry.desk_id == desk_id, AuditEntry.desk_seq > audit_upto)
            .order_by(AuditEntry.desk_seq)
            .limit(limit)
        )
    )
    officers = list(session.scalars(select(Officer).where(Officer.sync_pending.is_(True))))
    voids = list(
        session.scalars(
            select(CodeNumber).where(CodeNumber.state == "void", CodeNumber.void_sent.is_(False))
        )
    )
    received = _received(session, [e.dossier_id for e in events if e.kind == "received"])
    return {
        "schema": EVENT_SCHEMA_VERSION,
        "events": [_event(e, received) for e in events],
        "audit": [_audit(a) for a in audit],
        "officers": [_officer(o) for o in officers],
        "voids": [{"day": v.day.isoformat(), "number": v.number} for v in voids],
        "versions": _versions(session, [d for d, _ in received.values()]),
    }


def _columns(model: Any) -> list[Any]:
    return list(cast(Table, model.__table__).columns)


Received = dict[uuid.UUID, tuple[Any, list[Any]]]  # dossier id: (its row, its documents)


def _received(session: Session, dossier_ids: list[uuid.UUID]) -> Received:
    """The dossiers of the batch's receptions with their documents: two queries a chunk of
    ids, not two a reception (each dossier's documents in the order one query gave them)."""
    found: Received = {}
    dossier = [
        Dossier.id,
        Dossier.procedure_version_id,
        *(getattr(Dossier, name) for name in SNAPSHOT),
    ]
    for part in chunks(dossier_ids):
        found.update(
            (d.id, (d, []))
            for d in session.connection().execute(select(*dossier).where(Dossier.id.in_(part)))
        )
        for doc in session.connection().execute(
            select(
                DossierDocument.id,
                DossierDocument.dossier_id,
                DossierDocument.position,
                DossierDocument.shown_name,
                DossierDocument.shown_kind,
                DossierDocument.count,
            )
            .where(DossierDocument.dossier_id.in_(part))
            .order_by(DossierDocument.dossier_id, DossierDocument.position)
        ):
            found[doc.dossier_id][1].append(doc)
    return found


def _event(e: Any, received: Received) -> dict[str, Any]:
    data = dict(e.data)
    if e.kind == "received":  # the dossier as recorded, for the server's copy of it
        dossier, documents = received[e.dossier_id]
        data["dossier"] = {name: _text(getattr(dossier, name)) for name in SNAPSHOT}
        data["documents"] = [
            {
                "id": str(d.id),
                "position": d.position,
                "name": d.shown_name,
                "kind": d.shown_kind,
                "count": d.count,
            }
            for d in documents
        ]
    return {
        "id": str(e.id),
        "dossier_id": str(e.dossier_id),
        "desk_seq": e.desk_seq,
        "kind": e.kind,
        "at": e.at.isoformat(),
        "officer_id": str(e.officer_id),
        "from_unit_id": _text(e.from_unit_id),
        "to_unit_id": _text(e.to_unit_id),
        "note": e.note,
        "data": data,
        "schema_version": e.schema_version,
    }


def _audit(a: Any) -> dict[str, Any]:
    return {
        "id": str(a.id),
        "desk_seq": a.desk_seq,
        "at": a.at.isoformat(),
        "officer_id": _text(a.officer_id),
        "username": a.username,
        "action": a.action,
        "code": a.code,
        "outcome": a.outcome,
        "detail": a.detail,
        "prev_hash": a.prev_hash,
        "hash": a.hash,
    }


def _officer(o: Officer) -> dict[str, Any]:
    return {
        "id": str(o.id),
        "username": o.username,
        "full_name": o.full_name,
        "active": o.active,
        "role": o.role,
        "password_hash": o.password_hash,
        "changed_at": _text(o.changed_at),
    }


def _versions(session: Session, received: list[Any]) -> list[dict[str, Any]]:
    ids = {d.procedure_version_id: None for d in received}  # in the order first seen
    rows = []
    for v in (session.get_one(ProcedureVersion, i) for i in ids):
        procedure = session.get_one(Procedure, v.procedure_id)
        rows.append(
            {
                name: _text(getattr(v, name))
                for name in (
                    "id",
                    "procedure_id",
                    "imported_seq",
                    "content_hash",
                    "label",
                    "effective_from",
                    "name",
                    "field",
                    "duration_unit",
                    "duration_value",
                    "online_duration_unit",
                    "online_duration_value",
                    "cutoff",
                    "pauses_on_supplement",
                    "fee",
                    "unit_id",
                    "imported_at",
                )
            }
            | {"procedure_code": procedure.code}
        )
    return rows


def pending(session: Session, desk_id: uuid.UUID, events_upto: int) -> int:
    """This desk's events the server does not have yet."""
    from sqlalchemy import func

    return int(
        session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.desk_id == desk_id, Event.desk_seq > events_upto)
        )
        or 0
    )


def anything_to_send(
    session: Session, desk_id: uuid.UUID, events_upto: int, audit_upto: int
) -> bool:
    """Whether a push would carry anything: an event or audit entry after what the server
    acknowledged, an officer changed here, a void number not yet told."""
    return any(
        session.scalar(select(exists().where(condition)))
        for condition in (
            (Event.desk_id == desk_id) & (Event.desk_seq > events_upto),
            (AuditEntry.desk_id == desk_id) & (AuditEntry.desk_seq > audit_upto),
            Officer.sync_pending.is_(True),
            (CodeNumber.state == "void") & CodeNumber.void_sent.is_(False),
        )
    )
