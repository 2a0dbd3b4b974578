"""What a dossier owes and what was paid (docs/fees.md): `owed`, `pay` (a payment and
its receipt, one `paid` event), `replace` (a new receipt for the money of a wrong one, a
`receipt_replaced` event; the wrong one stays, marked replaced), `exempt` (a
`fee_exempted` event: the dossier owes nothing). Each receipt issued here goes into the
outbox to the e-receipt provider (ereceipt_outbox.py) in the same transaction.

Each is one unit of work in the caller's transaction: refused (RefusedInput, a clear
message, nothing written) or done whole with its event, its audit entry and its folded
rows. Money is whole đồng; a payment is never more than what is left to pay.

A receipt number comes from `ReceiptNumbers`: on a desk working alone, its own counter
of the series, taken in the payment's transaction (rolled back with it, so no hole)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.errors import RefusedInput, ValidationError
from counter_app.fees import shifts
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
from counter_app.services.catalog.fee_schedule import Exemption, Item, Schedule, schedule_of
from counter_app.services.codes.codes import unknown_dossier
from counter_app.services.dossiers import events
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.workflow import Status
from counter_app.text import normalise_code

METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "qr": "VietQR"}
CLOSED = {Status.WITHDRAWN: "đã rút", Status.STOPPED: "đã dừng giải quyết"}
CLOSED |= {Status.REFUSED: "đã từ chối tiếp nhận"}
LARGEST = 10**12  # đồng: no single payment is larger

# (session, agency's id, template, series) -> the next number of the series
ReceiptNumbers = Callable[[Session, uuid.UUID, str, str], int]
# A procedure version never changes once stored (models/catalog.py): its schedule is read
# once a process
_SCHEDULES: dict[uuid.UUID, Schedule] = {}
_COUNTERS = cast(Table, ReceiptCounter.__table__)
_PAYMENTS = cast(Table, FeePayment.__table__)
_EXEMPTIONS = cast(Table, FeeExemption.__table__)
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
_ROW = Prepared(insert(_PAYMENTS))
_QUEUED = Prepared(insert(_OUTBOX))


class OverPaid(RefusedInput):
    """More than what is left to pay."""


@dataclass(frozen=True)
class Receipt:
    template: str
    series: str
    number: int


@dataclass(frozen=True)
class Owed:
    code: str
    items: tuple[Item, ...]
    exemption: Exemption | None
    collect: str  # before | at_return
    due: int
    paid: int
    left: int


@dataclass(frozen=True)
class Paid:
    code: str
    receipt: Receipt
    amount: int
    method: str


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


def dossier_of(session: Session, code: str) -> Dossier:
    found = session.scalars(select(Dossier).where(Dossier.code == normalise_code(code))).first()
    if found is None:
        raise unknown_dossier(session, code)
    return found


def owed(session: Session, dossier: Dossier) -> Owed:
    schedule = schedule_for(session, dossier.procedure_version_id)
    code, paid = _OWED.one(session.connection(), {"dossier": dossier.id})
    exemption = None
    if code is not None:
        exemption = next((e for e in schedule.exemptions if e.code == code), None)
    due = 0 if code is not None else schedule.total
    paid = int(paid or 0)
    return Owed(dossier.code, schedule.items, exemption, schedule.collect, due, paid, due - paid)


def settings_of(session: Session, agency_id: object) -> tuple[str, str]:
    rows = _MARKS.run(session.connection(), {"agency": agency_id})
    template, series = rows[0] if rows else (None, None)
    if not template or not series:
        raise RefusedInput(
            "Chưa cấu hình mẫu số và ký hiệu biên lai của cơ quan: quản trị chạy "
            "counter-app fees configure --receipt-template MẪU --receipt-series KÝ_HIỆU."
        )
    return template, series


def _open(dossier: Dossier) -> None:
    if dossier.status in CLOSED:
        raise RefusedInput(
            f"Hồ sơ {dossier.code} {CLOSED[Status(dossier.status)]}: không thu phí, lệ phí."
        )


def amount_of(value: object) -> int:
    if type(value) is not int or not 0 < value <= LARGEST:
        raise ValidationError("Số tiền phải là số đồng nguyên dương (không có phần lẻ).", "amount")
    return value


def pay(
    session: Session,
    actor: Actor,
    code: str,
    method: str,
    amount: int | None,
    now: datetime,
    numbers: ReceiptNumbers = local_number,
) -> Paid:
    """Record a payment of `amount` (None: all that is left) and issue its receipt."""
    if method not in METHODS:
        raise ValidationError(f"Hình thức thu phải là một trong: {', '.join(METHODS)}.", "method")
    dossier = dossier_of(session, code)
    _open(dossier)
    left = owed(session, dossier).left
    if left <= 0:
        raise OverPaid(f"Hồ sơ {dossier.code} không còn khoản phí, lệ phí nào phải thu.")
    amount = left if amount is None else amount_of(amount)
    if amount > left:
        raise OverPaid(
            f"Hồ sơ {dossier.code} chỉ còn phải thu {money(left)}: không thu {money(amount)}."
        )
    template, series = settings_of(session, dossier.agency_id)
    shifts.admit(session, actor, method, now)  # no cash after the officer's cash-up
    receipt = Receipt(template, series, numbers(session, dossier.agency_id, template, series))
    data = {"amount": amount, "method": method, "receipt": _plain(receipt)}
    event = events.record(session, actor, dossier, EventKind.PAID, now, data=data)
    _receipt_row(session, event, dossier, actor, receipt, amount, method)
    return Paid(dossier.code, receipt, amount, method)


def replace(
    session: Session,
    actor: Actor,
    series: str,
    number: int,
    reason: str,
    now: datetime,
    numbers: ReceiptNumbers = local_number,
) -> Paid:
    """A new receipt for the money of receipt `series` `number`, which stays, replaced."""
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 500:
        raise ValidationError("Cần lý do thay thế biên lai (tối đa 500 ký tự).", "reason")
    old = session.scalars(
        select(FeePayment).where(FeePayment.series == series, FeePayment.number == number)
    ).all()
    if len(old) != 1:
        raise RefusedInput(f"Không có biên lai ký hiệu {series} số {number:07d}.")
    (wrong,) = old
    if wrong.replaced_by is not None:
        raise RefusedInput(
            f"Biên lai ký hiệu {series} số {number:07d} đã được thay thế: thay thế biên lai mới."
        )
    dossier = session.get_one(Dossier, wrong.dossier_id)
    template, new_series = settings_of(session, dossier.agency_id)
    receipt = Receipt(
        template, new_series, numbers(session, dossier.agency_id, template, new_series)
    )
    data = {
        "amount": wrong.amount,
        "method": wrong.method,
        "receipt": _plain(receipt),
        "replaces": _plain(Receipt(wrong.template, wrong.series, wrong.number)),
        "reason": reason,
    }
    event = events.record(session, actor, dossier, EventKind.RECEIPT_REPLACED, now, data=data)
    session.execute(
        update(_PAYMENTS)
        .where(_PAYMENTS.c.event_id == wrong.event_id)
        .values(replaced_by=event.id)
        .execution_options(synchronize_session=False)
    )
    _receipt_row(
        session, event, dossier, actor, receipt, wrong.amount, wrong.method, wrong.event_id, reason
    )
    session.expire(wrong)
    return Paid(dossier.code, receipt, wrong.amount, wrong.method)


def exempt(session: Session, actor: Actor, code: str, exemption: str, now: datetime) -> Owed:
    """The officer picks one of the version's exemptions: the dossier owes nothing."""
    dossier = dossier_of(session, code)
    _open(dossier)
    picked = schedule_for(session, dossier.procedure_version_id).exemption(exemption)
    if owed(session, dossier).paid:
        raise RefusedInput(
            f"Hồ sơ {dossier.code} đã nộp phí, lệ phí: không miễn được sau khi đã thu."
        )
    event = events.record(
        session, actor, dossier, EventKind.FEE_EXEMPTED, now, data={"exemption": picked.code}
    )
    session.execute(delete(_EXEMPTIONS).where(_EXEMPTIONS.c.dossier_id == dossier.id))
    session.execute(
        insert(_EXEMPTIONS).values(dossier_id=dossier.id, event_id=event.id, code=picked.code)
    )
    return owed(session, dossier)


def _receipt_row(
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


def money(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")


def _plain(r: Receipt) -> dict[str, object]:
    return {"template": r.template, "series": r.series, "number": r.number}
