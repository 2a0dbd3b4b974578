"""The cash-up (kết sổ) of an officer's shift (docs/fees.md "Cash-up"): the receipts of
the shift by method, the cash expected, the cash counted and the difference, recorded in
one transaction with its audit entry; the shift closes and never changes again.

What a shift lists: the money the officer took and no earlier cash-up listed, each with
every receipt issued for it (the one in force at the close counted, a replaced one listed
and not counted), and the replacements the officer issued for receipts of shifts already
closed (listed, no money: the money stays in the shift that took it). Each receipt is
listed by one cash-up at most (cash_shift_receipts' primary key)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.audit import trail
from counter_app.errors import RefusedInput, ValidationError
from counter_app.fees import shifts
from counter_app.fees.payments import LARGEST, METHODS, money
from counter_app.formats import show_datetime
from counter_app.models import (
    CashShift,
    CashShiftReceipt,
    Dossier,
    Event,
    FeePayment,
    Officer,
    new_id,
)

PAID, REPLACED, REPLACEMENT = "paid", "replaced", "replacement"
CHUNK = 500
COUNTED = "Số tiền mặt đếm được phải là số đồng nguyên, không âm (viết liền các chữ số)."


@dataclass(frozen=True)
class Line:
    receipt: uuid.UUID  # the receipt's event
    payment: uuid.UUID  # the event of the payment whose money it is for
    dossier_id: uuid.UUID
    code: str
    line: str  # paid | replaced | replacement
    template: str
    series: str
    number: int
    method: str
    amount: int
    at: datetime
    replaces: tuple[str, int] | None  # (series, number) of the receipt it replaces
    replaced_by: tuple[str, int] | None


@dataclass(frozen=True)
class Total:
    count: int
    amount: int


@dataclass(frozen=True)
class CashUp:
    officer: str  # user names
    closed_by: str
    officer_id: uuid.UUID
    closed_by_id: uuid.UUID
    opened_at: datetime
    closed_at: datetime
    lines: tuple[Line, ...]
    totals: dict[str, Total]  # by method, every method
    expected_cash: int
    counted: int
    difference: int  # counted − expected


def counted_of(value: object) -> int:
    if type(value) is not int or not 0 <= value <= LARGEST:
        raise ValidationError(COUNTED, "counted")
    return value


def counted_from_text(value: str) -> int:
    """`--counted` as typed: the digits of a whole number of đồng, nothing else (not
    '2.5', '-5', '1e6', nor '1.500.000', which reads as a fraction elsewhere)."""
    typed = (value or "").strip()
    if not typed.isascii() or not typed.isdigit():
        raise ValidationError(COUNTED, "counted")
    return counted_of(int(typed))


def _chunks(ids: Iterable[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def lines_of(session: Session, officer_id: uuid.UUID, desk_id: uuid.UUID) -> list[Line]:
    """What the officer's next cash-up on this desk lists (see the module's text), in
    time order. The receipts this desk issued: the officer's payments that a sync brought
    from another desk are cashed up on the desk that took the money."""
    listed = select(CashShiftReceipt.receipt_event_id)
    mine = session.scalars(
        select(FeePayment)
        .join(Event, Event.id == FeePayment.event_id)
        .where(
            FeePayment.officer_id == officer_id,
            Event.desk_id == desk_id,
            FeePayment.event_id.not_in(listed),
        )
    ).all()
    rows: dict[uuid.UUID, FeePayment] = {}
    codes: dict[uuid.UUID, str] = {}
    for part in _chunks(p.dossier_id for p in mine):  # a receipt's chain stays in its dossier
        rows |= {
            r.event_id: r
            for r in session.scalars(select(FeePayment).where(FeePayment.dossier_id.in_(part)))
        }
        pairs = session.execute(select(Dossier.id, Dossier.code).where(Dossier.id.in_(part)))
        codes |= {i: c for i, c in pairs}
    done: set[uuid.UUID] = set()
    for part in _chunks(rows):
        done |= set(
            session.scalars(
                select(CashShiftReceipt.receipt_event_id).where(
                    CashShiftReceipt.receipt_event_id.in_(part)
                )
            )
        )

    def mark(event_id: uuid.UUID | None) -> tuple[str, int] | None:
        r = rows.get(event_id) if event_id else None
        return (r.series, r.number) if r else None

    def line(r: FeePayment, payment: FeePayment, kind: str) -> Line:
        return Line(
            r.event_id,
            payment.event_id,
            r.dossier_id,
            codes[r.dossier_id],
            kind,
            r.template,
            r.series,
            r.number,
            r.method,
            r.amount,
            r.at,
            mark(r.replaces),
            mark(r.replaced_by),
        )

    found: dict[uuid.UUID, Line] = {}
    for paid in (p for p in mine if p.replaces is None):  # money this officer took
        r: FeePayment | None = paid
        while r is not None and r.event_id not in found and r.event_id not in done:
            found[r.event_id] = line(r, paid, PAID if r.replaced_by is None else REPLACED)
            r = rows.get(r.replaced_by) if r.replaced_by else None
    for issued in (p for p in mine if p.replaces is not None and p.event_id not in found):
        first = issued
        while first.replaces is not None and first.replaces in rows:
            first = rows[first.replaces]
        if first.event_id in done:  # for money a closed shift holds: listed, no money
            found[issued.event_id] = line(issued, first, REPLACEMENT)
    return sorted(found.values(), key=lambda x: (x.at, x.series, x.number))


def totals_of(lines: Iterable[Line]) -> dict[str, Total]:
    counts = {m: [0, 0] for m in METHODS}
    for x in lines:
        if x.line == PAID:
            tally = counts.setdefault(x.method, [0, 0])
            tally[0], tally[1] = tally[0] + 1, tally[1] + x.amount
    return {m: Total(c, a) for m, (c, a) in counts.items()}


def difference_text(difference: int) -> str:
    if difference == 0:
        return "khớp"
    return f"{'thừa' if difference > 0 else 'thiếu'} {money(abs(difference))}"


def _nothing_open(session: Session, officer: Officer, counted: int) -> str:
    who = shifts.named(officer.username)
    last = shifts.last_closed(session, officer.id)
    if last is None or last.closed_at is None or last.counted is None:
        return (
            f"Cán bộ {who} chưa có ca thu nào đang mở (chưa thu khoản nào): không có gì để kết sổ."
        )
    when = show_datetime(last.closed_at)
    found = f"đếm được {money(last.counted)}, chênh lệch {difference_text(last.difference or 0)}"
    if last.counted == counted:
        return (
            f"Ca thu của cán bộ {who} đã kết sổ lúc {when} với đúng số tiền này ({found}): "
            "lần kết sổ đó đã được ghi, không ghi lại."
        )
    return (
        f"Ca thu của cán bộ {who} đã kết sổ lúc {when} ({found}): ca đã kết sổ không sửa "
        "được, và cán bộ chưa có ca mới nào để kết sổ."
    )


def close(session: Session, actor: Actor, username: str, counted: object, now: datetime) -> CashUp:
    """Cash up the officer's open shift: refused (nothing written) for a bad amount, an
    unknown officer, a role that may not, or no shift to close (already closed: when)."""
    amount = counted_of(counted)
    officer = shifts.officer_of(session, actor, username)
    shift = shifts.open_of(session, officer.id)
    lines = lines_of(session, officer.id, actor.desk_id)
    if shift is None and not any(x.line != REPLACEMENT for x in lines):
        raise RefusedInput(_nothing_open(session, officer, amount))
    if shift is None:  # money taken before shifts were kept (revision 0019): its shift
        shift = CashShift(
            id=new_id(), officer_id=officer.id, opened_at=now, opened_how=shifts.BY_PAYMENT
        )
        session.add(shift)
        session.flush()
    opened = min([shift.opened_at, *(x.at for x in lines)])
    totals = totals_of(lines)
    expected = totals["cash"].amount
    closed = session.execute(
        update(CashShift)
        .where(CashShift.id == shift.id, CashShift.closed_at.is_(None))
        .values(
            opened_at=opened,
            closed_at=now,
            closed_by=actor.officer_id,
            totals={m: {"count": t.count, "amount": t.amount} for m, t in totals.items()},
            expected_cash=expected,
            counted=amount,
            difference=amount - expected,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(closed, "rowcount", 0) != 1:  # another desk's process closed it meanwhile
        raise RefusedInput(_nothing_open(session, officer, amount))
    if lines:
        session.execute(insert(CashShiftReceipt), [_row(shift.id, x) for x in lines])
    up = CashUp(
        officer.username,
        actor.officer,
        officer.id,
        actor.officer_id,
        opened,
        now,
        tuple(lines),
        totals,
        expected,
        amount,
        amount - expected,
    )
    _audit(session, actor, shift.id, up)
    return up


def _row(shift_id: uuid.UUID, x: Line) -> dict[str, object]:
    return {
        "receipt_event_id": x.receipt,
        "shift_id": shift_id,
        "payment_event_id": x.payment,
        "dossier_id": x.dossier_id,
        "line": x.line,
        "template": x.template,
        "series": x.series,
        "number": x.number,
        "method": x.method,
        "amount": x.amount,
        "at": x.at,
    }


def _audit(session: Session, actor: Actor, shift_id: uuid.UUID, up: CashUp) -> None:
    """The figures, never a dossier nor a citizen: the officer, counts and sums."""
    detail: dict[str, object] = {"officer": trail.masked(up.officer), "shift": str(shift_id)}
    detail |= {m: {"count": t.count, "amount": t.amount} for m, t in up.totals.items()}
    detail |= {
        "listed": len(up.lines),
        "expected_cash": up.expected_cash,
        "counted": up.counted,
        "difference": up.difference,
    }
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.CASHUP,
        up.closed_at,
        detail=detail,
    )
