"""Reception: an intake becomes a dossier with its code, appointment and first event."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.calendar import Duration, DurationUnit, parse_clock
from counter_app.clock import local
from counter_app.errors import ValidationError, quoted
from counter_app.formats import iso
from counter_app.models import (
    Agency,
    Dossier,
    DossierDocument,
    Event,
    ProcedureVersion,
    new_id,
)
from counter_app.models.dossier import stored_document
from counter_app.models.prepared import Prepared
from counter_app.models.written import insert_row
from counter_app.services.catalog import in_force
from counter_app.services.catalog.in_force import DocumentTerm, VersionTerms
from counter_app.services.codes.numbering import NumberSource, format_code, take_seq
from counter_app.services.desk import working_calendar
from counter_app.services.dossiers import events
from counter_app.services.dossiers.workflow import Status
from counter_app.services.intake.intake_file import Intake, ReceivedDocument
from counter_app.text import fold

FUTURE_TOLERANCE = timedelta(minutes=5)
_folded = lru_cache(maxsize=4096)(fold)  # documents' names: the same few every day
_DOCUMENT_NAME = re.compile(r".{1,120}")  # clocks of desk PCs drift a little


@dataclass(frozen=True)
class Appointment:
    received_at: datetime
    effective_received_at: datetime
    due_at: datetime | None


def duration_for(version: ProcedureVersion, channel: str) -> Duration:
    if channel == "online" and version.online_duration_unit:
        return Duration(DurationUnit(version.online_duration_unit), version.online_duration_value)
    return Duration(DurationUnit(version.duration_unit), version.duration_value)


def appointment(
    session: Session, agency: Agency, version: ProcedureVersion, channel: str, at: datetime
) -> Appointment:
    calendar = working_calendar(session, agency)
    cutoff = parse_clock(version.cutoff) if version.cutoff else None
    effective = calendar.effective_receipt(at, cutoff)
    due = calendar.due(duration_for(version, channel), effective)
    return Appointment(local(at), effective, due)


def receive(
    session: Session,
    actor: Actor,
    intake: Intake,
    now: datetime,
    number: NumberSource | None = None,
    online: dict[str, Any] | None = None,
) -> Dossier:
    """Record the reception. Raises a RefusedInput (and writes nothing) when refused.
    `number`: where the day's number comes from (default: this database's counter).
    `online`: an online dossier's portal_code and fingerprint (portal/inbound.py), kept on
    the dossier and in its `received` event.

    An intake with a `request_id` already recorded gives back that dossier and writes
    nothing (a retry after a lost answer); a different intake under that id is refused.

    The rows are written with statements built once, the catalog's terms read as
    in_force keeps them: the reception's own work, without the ORM's (issue 19)."""
    if intake.request_id:
        recorded = already_received(session, intake)
        if recorded is not None:
            return recorded
    received_at = local(intake.received_at or now)
    if received_at > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "received_at: thời điểm tiếp nhận ở tương lai (sau giờ hiện tại của máy).",
            "received_at",
        )
    session.flush()  # what the rows refer to (an officer added in this transaction)
    day = received_at.date()
    agency, terms = in_force.reception_terms(session, actor.agency_id, intake.procedure, day)
    documents = match_documents(terms, intake.documents)
    effective = agency.calendar.effective_receipt(received_at, terms.cutoff)
    due = agency.calendar.due(terms.duration(intake.channel), effective)
    if number is None:
        seq = take_seq(session, agency.id, day)
    else:  # a desk that syncs: the office server's numbers
        seq = number(session, session.get_one(Agency, agency.id), day)
    a = intake.applicant
    connection = session.connection()
    dossier = insert_row(
        session,
        Dossier,
        dict(
            id=new_id(),
            code=format_code(agency.code_pattern, agency.code, day, seq),
            search_no=_NEXT_SEARCH_NO,  # computed in the INSERT
            agency_id=agency.id,
            procedure_version_id=terms.id,
            channel=intake.channel,
            status=Status.RECEIVED,
            applicant_name=a.name,
            name_key=fold(a.name),
            id_type=a.id_type,
            id_number=a.id_number,
            phone=a.phone,
            phone_key=a.phone_key,
            address=a.address,
            email=a.email,
            sets=intake.sets,
            note=intake.note,
            return_by_post=intake.return_by_post,
            request_id=intake.request_id,
            received_at=received_at,
            effective_received_at=effective,
            original_due_at=due,
            due_at=due,
            received_by_id=actor.officer_id,
            portal_code=(online or {}).get("portal_code"),
        ),
    )
    if documents:
        names = terms.checklist  # a name it holds is kept as its place in it
        _ADD_DOCUMENTS.run_many(
            connection,
            [
                stored_document(
                    {
                        "id": new_id(),
                        "dossier_id": dossier.id,
                        "position": i,
                        "name": name,
                        "kind": kind,
                        "count": count,
                    },
                    names,
                )
                for i, (name, kind, count) in enumerate(documents)
            ],
        )
    # legal_due_at: the appointment the statistics count against (facts/fold.py)
    data = {
        "recorded_at": now.isoformat(),
        "procedure_version": terms.label,
        "legal_due_at": iso(due),
    }
    if online:
        data |= online
    if intake.request_id:  # travels with the event when desks sync
        data |= {"request_id": intake.request_id, "intake_sha256": intake.fingerprint()}
    events.record(
        session, actor, dossier, events.EventKind.RECEIVED, received_at, to_unit_id=None, data=data
    )
    return dossier


_NEXT_SEARCH_NO = select(func.coalesce(func.max(Dossier.search_no), 0) + 1).scalar_subquery()
_ADD_DOCUMENTS = Prepared(insert(DossierDocument))


def already_received(session: Session, intake: Intake) -> Dossier | None:
    """The dossier recorded for this intake's request id, if any; refuses a different
    intake sent under the same id."""
    dossier = session.scalars(
        select(Dossier).where(Dossier.request_id == intake.request_id)
    ).first()
    if dossier is None:
        return None
    received = session.scalars(
        select(Event.data).where(
            Event.dossier_id == dossier.id, Event.kind == events.EventKind.RECEIVED
        )
    ).first()
    if (received or {}).get("intake_sha256") != intake.fingerprint():
        raise ValidationError(
            f"request_id: đã dùng cho hồ sơ {dossier.code}, với nội dung khác; mỗi lần tiếp "
            "nhận cần một request_id mới (gửi lại đúng yêu cầu cũ thì giữ request_id cũ).",
            "request_id",
        )
    return dossier


def next_search_no(session: Session) -> int:
    """The next local row number for the name index (the writer holds the database lock)."""
    return int(session.scalar(select(func.coalesce(func.max(Dossier.search_no), 0))) or 0) + 1


def match_documents(
    version: ProcedureVersion | VersionTerms, received: tuple[ReceivedDocument, ...]
) -> list[tuple[str, str, int]]:
    """The received components as (name, kind, count), the procedure's own names first.

    Refuses the intake when a required component is missing or short, listing them all.
    """
    by_key: dict[str, ReceivedDocument] = {}
    for doc in received:
        key = _folded(doc.name)
        if key in by_key:
            name = quoted(doc.name, _DOCUMENT_NAME) or "một giấy tờ"
            raise ValidationError(f"documents: {name} được kê hai lần.", "documents")
        by_key[key] = doc
    missing, result = [], []
    for wanted in version.documents:
        got = by_key.pop(
            wanted.key if isinstance(wanted, DocumentTerm) else fold(wanted.name), None
        )
        if got is None or got.count < wanted.count:
            if wanted.required:
                have = 0 if got is None else got.count
                missing.append(f"{wanted.name} (cần {wanted.count}, có {have})")
            if got is None:
                continue
        result.append((wanted.name, got.kind or wanted.kind, got.count))
    if missing:
        raise ValidationError(
            "Hồ sơ thiếu thành phần bắt buộc: " + "; ".join(missing) + ".", "documents"
        )
    result.extend((doc.name, doc.kind or "original", doc.count) for doc in by_key.values())
    return result
