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

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.errors import RefusedInput, ValidationError
from counter_app.fees import books, shifts
from counter_app.fees.books import Receipt, local_number, schedule_for
from counter_app.models import Dossier, FeePayment
from counter_app.services.catalog.fee_schedule import Exemption, Item
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


class OverPaid(RefusedInput):
    """More than what is left to pay."""


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


def dossier_of(session: Session, code: str) -> Dossier:
    found = session.scalars(select(Dossier).where(Dossier.code == normalise_code(code))).first()
    if found is None:
        raise unknown_dossier(session, code)
    return found


def owed(session: Session, dossier: Dossier) -> Owed:
    schedule = schedule_for(session, dossier.procedure_version_id)
    code, paid = books.owed_row(session, dossier.id)
    exemption = None
    if code is not None:
        exemption = next((e for e in schedule.exemptions if e.code == code), None)
    due = 0 if code is not None else schedule.total
    paid = int(paid or 0)
    return Owed(dossier.code, schedule.items, exemption, schedule.collect, due, paid, due - paid)


def settings_of(session: Session, agency_id: object) -> tuple[str, str]:
    template, series = books.marks(session, agency_id)
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
    data = {"amount": amount, "method": method, "receipt": books.plain(receipt)}
    event = events.record(session, actor, dossier, EventKind.PAID, now, data=data)
    books.receipt_row(session, event, dossier, actor, receipt, amount, method)
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
        "receipt": books.plain(receipt),
        "replaces": books.plain(Receipt(wrong.template, wrong.series, wrong.number)),
        "reason": reason,
    }
    event = events.record(session, actor, dossier, EventKind.RECEIPT_REPLACED, now, data=data)
    session.execute(
        update(books.PAYMENTS)
        .where(books.PAYMENTS.c.event_id == wrong.event_id)
        .values(replaced_by=event.id)
        .execution_options(synchronize_session=False)
    )
    books.receipt_row(
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
    session.execute(delete(books.EXEMPTIONS).where(books.EXEMPTIONS.c.dossier_id == dossier.id))
    session.execute(
        insert(books.EXEMPTIONS).values(dossier_id=dossier.id, event_id=event.id, code=picked.code)
    )
    return owed(session, dossier)


def money(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")
