"""What the reception screen needs before anything is recorded: the procedure's checklist,
the appointment as it would be, what is missing, earlier receptions of the same request.
The sheets for an intake that is not received are printouts (sheets.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.calendar import duration_text
from counter_app.models import Agency, Dossier, Event, Procedure, ProcedureVersion
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import Intake
from counter_app.text import fold


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    kind: str
    count: int
    required: bool


@dataclass(frozen=True)
class Checklist:
    procedure: str
    name: str
    version: str
    duration: str
    cutoff: str | None
    fee: int
    items: tuple[ChecklistItem, ...]


def checklist(session: Session, agency: Agency, code: str, at: datetime) -> Checklist:
    version = catalog.version_in_force(session, agency, code, at.date())
    duration = duration_text(version.duration_unit, version.duration_value)
    return Checklist(
        code,
        version.name,
        version.label,
        duration,
        version.cutoff,
        version.fee,
        tuple(ChecklistItem(d.name, d.kind, d.count, d.required) for d in version.documents),
    )


def appointment(
    session: Session, agency: Agency, code: str, channel: str, at: datetime
) -> intake.Appointment:
    version = catalog.version_in_force(session, agency, code, at.date())
    return intake.appointment(session, agency, version, channel, at)


def match_rank(query: str, code: str, name: str) -> tuple[int, int, str]:
    """Where a procedure goes in the list of those matching what the officer typed, best
    first: the exact code; the exact name (accents and case ignored); names starting with
    the text; codes starting with it; then the rest, shorter names first (the plain
    procedure before its combined variants: "khai sinh" puts "Đăng ký khai sinh" above
    "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con")."""
    typed, folded_code, folded_name = fold(query), fold(code), fold(name)
    if typed == folded_code:
        rank = 0
    elif typed == folded_name:
        rank = 1
    elif folded_name.startswith(typed):
        rank = 2
    elif folded_code.startswith(typed):
        rank = 3
    else:
        rank = 4
    return rank, len(folded_name), code


DUPLICATE_MINUTES = 30


@dataclass(frozen=True)
class EarlierReception:
    code: str
    received_at: datetime


def recent_duplicates(
    session: Session, desk_id: uuid.UUID, document: Intake, now: datetime
) -> list[EarlierReception]:
    """Dossiers of the same applicant (same ID number, or same name when none is given)
    and procedure received at this desk in the last 30 minutes: receiving the same
    intake twice is a slip to ask about before it becomes two dossiers."""
    a = document.applicant
    same_person = (
        Dossier.id_number == a.id_number if a.id_number else Dossier.name_key == fold(a.name)
    )
    rows = session.execute(
        select(Dossier.code, Dossier.received_at)
        .join(Event, (Event.dossier_id == Dossier.id) & (Event.kind == "received"))
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .join(Procedure, Procedure.id == ProcedureVersion.procedure_id)
        .where(
            Event.desk_id == desk_id,
            Procedure.code == document.procedure,
            same_person,
            Dossier.received_at >= now - timedelta(minutes=DUPLICATE_MINUTES),
        )
        .order_by(Dossier.received_at.desc())
    ).all()
    return [EarlierReception(code, at) for code, at in rows]


def missing(items: tuple[ChecklistItem, ...], received: dict[str, int]) -> list[str]:
    """Required components not received, or received short, as the officer reads them."""
    got = {fold(name): count for name, count in received.items()}
    return [
        f"{i.name} (cần {i.count}, có {got.get(fold(i.name), 0)})"
        for i in items
        if i.required and got.get(fold(i.name), 0) < i.count
    ]
