"""Read side: dossiers as frozen dataclasses, with their history read from the events."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from counter_app.models import (
    Desk,
    Dossier,
    DossierDocument,
    Event,
    Officer,
    Procedure,
    ProcedureVersion,
    Unit,
)
from counter_app.services.codes.codes import normalise_code, unknown_dossier
from counter_app.services.dossiers.events import server_reason
from counter_app.services.worklists.worklist_kinds import is_online_waiting

ONE_STOP = "Bộ phận một cửa"  # where a dossier is when no unit holds it


def unit_shown(code: str | None, name: str | None, desk: str = ONE_STOP) -> str:
    """A unit as a person reads it, everywhere: its name in the catalog; its code only
    when the catalog gives it no name; `desk` when there is no unit (at the desk)."""
    return (name or "").strip() or code or desk


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    event: str
    officer: str  # user name
    from_unit: str | None
    to_unit: str | None
    note: str | None
    data: dict[str, object]
    officer_name: str = ""  # as printed on forms
    desk: str = ""  # the desk it was done at
    # With an office server: "applied", or "rejected" when the server refused it (another
    # desk acted first): then it was not done, and `reason` says why, in Vietnamese.
    server_status: str | None = None
    reason: str = ""
    from_unit_name: str | None = None  # the units' names in the catalog
    to_unit_name: str | None = None

    @property
    def moved(self) -> str:
        """'From → to' by the units' names, or "" when the step moved nothing."""
        if not (self.from_unit or self.to_unit):
            return ""
        return (
            f"{unit_shown(self.from_unit, self.from_unit_name)} → "
            f"{unit_shown(self.to_unit, self.to_unit_name)}"
        )

    @property
    def rejected(self) -> bool:
        return self.server_status == "rejected"


@dataclass(frozen=True)
class ApplicantView:
    name: str
    id_type: str | None
    id_number: str | None
    phone: str | None
    address: str
    email: str | None


@dataclass(frozen=True)
class DossierView:
    code: str
    procedure: str
    procedure_name: str
    procedure_version: str
    status: str
    channel: str
    applicant: ApplicantView
    received_at: datetime
    effective_received_at: datetime
    original_due_at: datetime | None
    due_at: datetime | None
    timeliness: str | None
    timeliness_original: str | None
    outcome: str | None
    current_unit: str | None
    history: tuple[HistoryEntry, ...]
    current_unit_name: str | None = None
    # an online dossier imported from the portal, not answered yet (portal/waiting.py)
    portal_waiting: bool = False

    @property
    def where(self) -> str:
        """The unit holding the paper dossier, by name (the desk when none)."""
        return unit_shown(self.current_unit, self.current_unit_name)


# The statements are built once: a scan looks a dossier up on every key press of the
# scanner, and building them (aliases above all) cost 25 times the query itself.
_DOSSIERS = (
    select(
        Dossier, Procedure.code, ProcedureVersion.name, ProcedureVersion.label, Unit.code, Unit.name
    )
    .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
    .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
    .outerjoin(Unit, Unit.id == Dossier.current_unit_id)
)
_BY_CODE = _DOSSIERS.where(Dossier.code == bindparam("code"))
_BY_IDS = _DOSSIERS.where(Dossier.id.in_(bindparam("ids", expanding=True)))
_FROM_UNIT, _TO_UNIT = aliased(Unit), aliased(Unit)
_HISTORY = (
    select(
        Event.dossier_id,
        Event.at,
        Event.kind,
        Officer.username,
        _FROM_UNIT.code,
        _TO_UNIT.code,
        Event.note,
        Event.data,
        Officer.full_name,
        Desk.name,
        Event.server_status,
        Event.server_reason,
        _FROM_UNIT.name,
        _TO_UNIT.name,
    )
    .join(Officer, Officer.id == Event.officer_id)
    .outerjoin(Desk, Desk.id == Event.desk_id)
    .outerjoin(_FROM_UNIT, _FROM_UNIT.id == Event.from_unit_id)
    .outerjoin(_TO_UNIT, _TO_UNIT.id == Event.to_unit_id)
    .where(Event.dossier_id.in_(bindparam("ids", expanding=True)))
    .order_by(Event.at, Event.desk_seq)
)


def dossier_by_code(session: Session, code: str) -> DossierView:
    row = session.execute(_BY_CODE, {"code": normalise_code(code)}).first()
    if row is None:
        raise unknown_dossier(session, code)
    return _views(session, [row])[0]


def dossiers_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> list[DossierView]:
    """Views in the order of `ids`."""
    if not ids:
        return []
    rows = session.execute(_BY_IDS, {"ids": list(ids)}).all()
    by_id = {row[0].id: row for row in rows}
    return _views(session, [by_id[i] for i in ids if i in by_id])


def _views(session: Session, rows: Sequence) -> list[DossierView]:  # type: ignore[type-arg]
    histories = _histories(session, [row[0].id for row in rows])
    return [
        _view(d, code, name, label, unit, histories[d.id], unit_name)
        for d, code, name, label, unit, unit_name in rows
    ]


def _view(
    d: Dossier,
    code: str,
    name: str,
    label: str,
    unit: str | None,
    history: tuple[HistoryEntry, ...],
    unit_name: str | None = None,
) -> DossierView:
    return DossierView(
        code=d.code,
        procedure=code,
        procedure_name=name,
        procedure_version=label,
        status=d.status,
        channel=d.channel,
        applicant=ApplicantView(
            d.applicant_name, d.id_type, d.id_number, d.phone, d.address, d.email
        ),
        received_at=d.received_at,
        effective_received_at=d.effective_received_at,
        original_due_at=d.original_due_at,
        due_at=d.due_at,
        timeliness=d.timeliness,
        timeliness_original=d.timeliness_original,
        outcome=d.outcome,
        current_unit=unit,
        history=history,
        current_unit_name=unit_name,
        portal_waiting=is_online_waiting(d),
    )


def _histories(
    session: Session, dossier_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[HistoryEntry, ...]]:
    rows = session.execute(_HISTORY, {"ids": dossier_ids})
    result: dict[uuid.UUID, list[HistoryEntry]] = defaultdict(list)
    for (
        dossier_id,
        at,
        kind,
        officer,
        src,
        dst,
        note,
        data,
        name,
        desk,
        status,
        why,
        src_name,
        dst_name,
    ) in rows:
        result[dossier_id].append(
            HistoryEntry(
                at,
                kind,
                officer,
                src,
                dst,
                note,
                data or {},
                name or officer,
                desk or "",
                status,
                server_reason(why) if status == "rejected" else "",
                src_name,
                dst_name,
            )
        )
    return {i: tuple(result[i]) for i in dossier_ids}


def done(history: tuple[HistoryEntry, ...]) -> tuple[HistoryEntry, ...]:
    """The steps that happened: without what the office server refused (they stay in the
    timeline, shown as refused, but no form or decision counts them)."""
    return tuple(h for h in history if not h.rejected)


@dataclass(frozen=True)
class DocumentView:
    name: str
    kind: str  # original | certified_copy | copy
    count: int


def documents(session: Session, code: str) -> tuple[DocumentView, ...]:
    """The components received with the dossier, in the order of the checklist."""
    rows = session.execute(
        select(DossierDocument.shown_name, DossierDocument.shown_kind, DossierDocument.count)
        .join(Dossier, Dossier.id == DossierDocument.dossier_id)
        .where(Dossier.code == normalise_code(code))
        .order_by(DossierDocument.position)
    )
    return tuple(DocumentView(name, kind, count) for name, kind, count in rows)


def return_detail(entry: HistoryEntry) -> str:
    """Who took the result and how, for the timeline (the receiver's ID number is not
    shown: it is on record, and personal)."""
    data = entry.data
    if data.get("by_post"):
        return f"Gửi qua bưu điện, mã bưu gửi {data.get('post_tracking') or '—'}"
    receiver = str(data.get("receiver") or "")
    way = "Người được ủy quyền nhận thay" if data.get("authorised") else "Nhận trực tiếp"
    return f"{way}: {receiver}" if receiver else way  # hidden from who may not see it


def shown_to(view: DossierView, personal: bool) -> DossierView:
    """The view as a role sees it: an administrator manages the desk but is not shown a
    citizen's ID number, phone, address or e-mail."""
    if personal:
        return view
    hidden = replace(view.applicant, id_number=None, phone=None, address="", email=None)
    history = tuple(
        replace(h, data={k: v for k, v in h.data.items() if k not in PERSONAL})
        for h in view.history
    )
    return replace(view, applicant=hidden, history=history)


PERSONAL = ("receiver", "receiver_id", "post_tracking")  # in events' data
