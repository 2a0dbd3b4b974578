"""The fee books' own writing (fees/payments.py decides, this writes): the desk's series
counter, a version's schedule read once, and a receipt's row and outbox row written as
facts/fees.py folds them from the events (a pull refolds a dossier from all its events and
gets the same rows). The statements every payment runs are compiled once
(models/prepared.py), as a reception's are: a payment costs about a reception."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.models import (
    Dossier,
    EReceiptMessage,
    Event,
    FeeExemption,
    FeePayment,
    FeeSettings,
    ProcedureVersion,
    ReceiptCounter,
)
from counter_app.models.prepared import Prepared
from counter_app.services.catalog.fee_schedule import Schedule, schedule_of

# A procedure version never changes once stored (models/catalog.py): its schedule is read
# once a process
_SCHEDULES: dict[uuid.UUID, Schedule] = {}
_COUNTERS = cast(Table, ReceiptCounter.__table__)
PAYMENTS = cast(Table, FeePayment.__table__)
EXEMPTIONS = cast(Table, FeeExemption.__table__)
_OUTBOX = cast(Table, EReceiptMessage.__table__)
# The statements every payment runs, compiled once (models/prepared.py, as a reception's)
_NEXT = Prepared(
    update(_COUNTERS)
    .where(
        _COUNTERS.c.agency_id == bindparam("agency"),
        _COUNTERS.c.template == bindparam("tpl"),
        _COUNTERS.c.series == bindparam("ser"),
    )
    .values(last_number=_COUNTERS.c.last_number + 1)
    .returning(_COUNTERS.c.last_number)
)
_OWED = Prepared(
    select(
        select(FeeExemption.code)
        .where(FeeExemption.dossier_id == bindparam("dossier"))
        .scalar_subquery(),
        select(func.coalesce(func.sum(FeePayment.amount), 0))
        .where(FeePayment.dossier_id == bindparam("dossier"), FeePayment.replaced_by.is_(None))
        .scalar_subquery(),
    )
)
_MARKS = Prepared(
    select(FeeSettings.receipt_template, FeeSettings.receipt_series).where(
        FeeSettings.agency_id == bindparam("agency")
    )
)
_ROW = Prepared(insert(PAYMENTS))
_QUEUED = Prepared(insert(_OUTBOX))


@dataclass(frozen=True)
class Receipt:
    template: str
    series: str
    number: int


def local_number(session: Session, agency_id: uuid.UUID, template: str, series: str) -> int:
    """The desk's own counter of the series (a desk working alone), in the caller's
    transaction: a payment rolled back gives its number back."""
    db = session.connection()
    rows = _NEXT.run(db, {"agency": agency_id, "tpl": template, "ser": series})
    taken = rows[0][0] if rows else None
    if taken is None:
        db.execute(
            insert(_COUNTERS).values(
                agency_id=agency_id, template=template, series=series, last_number=1
            )
        )
        taken = 1
    return int(taken)


def schedule_for(session: Session, version_id: uuid.UUID) -> Schedule:
    found = _SCHEDULES.get(version_id)
    if found is None:
        stored, fee = session.execute(
            select(ProcedureVersion.fee_schedule, ProcedureVersion.fee).where(
                ProcedureVersion.id == version_id
            )
        ).one()
        found = _SCHEDULES[version_id] = schedule_of(stored, fee)
    return found


def receipt_row(
    session: Session,
    event: Event,
    dossier: Dossier,
    actor: Actor,
    receipt: Receipt,
    amount: int,
    method: str,
    replaces: uuid.UUID | None = None,
    reason: str | None = None,
) -> None:
    """The receipt's row as facts/fees.py folds it from the event (a pull refolds the
    dossier's rows from all its events and gets the same), and its outbox row."""
    db = session.connection()
    _ROW.run(
        db,
        dict(
            event_id=event.id,
            dossier_id=dossier.id,
            agency_id=dossier.agency_id,
            amount=amount,
            method=method,
            officer_id=actor.officer_id,
            at=event.at,
            template=receipt.template,
            series=receipt.series,
            number=receipt.number,
            replaces=replaces,
            replaced_by=None,
            reason=reason,
            reference=None,
        ),
    )
    _QUEUED.run(
        db,
        dict(
            event_id=event.id,
            state="pending",
            attempts=0,
            reference=None,
            reason=None,
            sent_at=None,
        ),
    )


def owed_row(session: Session, dossier_id: uuid.UUID) -> tuple[str | None, int]:
    """(the exemption's code or None, the money of the receipts in force)."""
    code, paid = _OWED.one(session.connection(), {"dossier": dossier_id})
    return code, int(paid or 0)


def marks(session: Session, agency_id: object) -> tuple[str | None, str | None]:
    rows = _MARKS.run(session.connection(), {"agency": agency_id})
    return rows[0] if rows else (None, None)  # type: ignore[return-value]


def plain(r: Receipt) -> dict[str, object]:
    return {"template": r.template, "series": r.series, "number": r.number}
