"""`statement import FILE` (docs/fees.md, section 7): the lines of a bank statement matched
to the transfers the desk waits for, each match a `payment_matched` event of the dossier
(the bank's reference kept on the receipt), in one transaction with the lines' keys.

The transfers waited for are the payments by transfer or VietQR whose receipt is in force
and has no bank reference yet. A line matched before never matches again, so the same file
imported twice matches nothing new; a line left unmatched is kept and may match at a later
import, once the payment it pays is recorded."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.facts import fees as fold
from counter_app.fees.matching import Expected, match
from counter_app.fees.statement import StatementLine, read_statement
from counter_app.models import Dossier, FeePayment, StatementLineSeen
from counter_app.services.dossiers import events
from counter_app.services.dossiers.event_kinds import EventKind


@dataclass(frozen=True)
class Imported:
    matched: list[tuple[StatementLine, str]]  # (line, the dossier's code)
    unmatched: list[StatementLine]
    already: int  # lines matched at an earlier import
    debits: int


def waiting(session: Session, agency_id: object) -> list[Expected]:
    """The transfers waited for: by transfer or VietQR, in force, no bank reference yet."""
    rows = session.execute(
        select(Dossier.code, FeePayment.event_id, FeePayment.amount)
        .join(Dossier, Dossier.id == FeePayment.dossier_id)
        .where(
            FeePayment.agency_id == agency_id,
            FeePayment.method.in_(("transfer", "qr")),
            FeePayment.replaced_by.is_(None),
            FeePayment.reference.is_(None),
        )
        .order_by(FeePayment.at)
    )
    return [Expected(code, str(event_id), amount) for code, event_id, amount in rows]


def import_statement(session: Session, actor: Actor, path: Path, now: datetime) -> Imported:
    require(actor, Permission.COLLECT)
    statement = read_statement(path)  # refused whole (nothing written) when unreadable
    matched_before = set(
        session.scalars(
            select(StatementLineSeen.key).where(
                StatementLineSeen.agency_id == actor.agency_id,
                StatementLineSeen.matched_event.is_not(None),
            )
        )
    )
    found = match(statement.lines, waiting(session, actor.agency_id), matched_before)
    payments = {
        str(p.event_id): p
        for p in session.scalars(
            select(FeePayment).where(
                FeePayment.event_id.in_([uuid.UUID(e.payment_ref) for _, e in found.matched])
            )
        )
    }
    done: list[tuple[StatementLine, str]] = []
    touched = set()
    for line, expected in found.matched:
        p = payments[expected.payment_ref]
        dossier = session.get_one(Dossier, p.dossier_id)
        receipt = {"template": p.template, "series": p.series, "number": p.number}
        reference = line.reference or f"SK-{line.key[:16]}"
        data = {"receipt": receipt, "reference": reference[:100], "line": line.key}
        events.record(session, actor, dossier, EventKind.PAYMENT_MATCHED, now, data=data)
        _seen(session, actor, line, p.event_id, now)
        touched.add(dossier.id)
        done.append((line, dossier.code))
    for line in found.unmatched:
        _seen(session, actor, line, None, now)
    fold.refold(session, touched)
    return Imported(done, found.unmatched, found.already, statement.debits)


def _seen(
    session: Session, actor: Actor, line: StatementLine, event: object, now: datetime
) -> None:
    row = session.get(StatementLineSeen, line.key)
    if row is None:
        row = StatementLineSeen(
            key=line.key,
            agency_id=actor.agency_id,
            booked_on=line.booked_on,
            amount=line.amount,
            reference=line.reference[:100],
            imported_at=now,
        )
        session.add(row)
    row.matched_event = event  # type: ignore[assignment]
