"""A receipt as it is printed and sent (docs/fees.md, section 6): `receipt_of` fills the
printing's plain `FeeReceipt` from the books — the agency, the dossier, its payer and
procedure, the officer, the receipt it replaces — and `render` draws it on A5 or 80 mm.

A receipt's lines are what it collected: a payment of part of what is owed covers the
dossier's items in the schedule's order, after what the earlier receipts covered (a
replacing receipt covers what the one it replaces covered), so the lines of all of a
dossier's receipts in force add up to the items paid."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.clock import local
from counter_app.errors import RefusedInput
from counter_app.models import Agency, Dossier, FeePayment, Officer, ProcedureVersion
from counter_app.printing.fee_data import FeeItem, FeeReceipt, Replaced
from counter_app.services.catalog.fee_schedule import Item, schedule_of

PAPERS = ("A5", "80mm")


def payment(session: Session, series: str, number: int) -> FeePayment:
    found = session.scalars(
        select(FeePayment).where(FeePayment.series == series, FeePayment.number == number)
    ).all()
    if len(found) != 1:
        raise RefusedInput(f"Không có biên lai ký hiệu {series} số {number:07d}.")
    return found[0]


def _root_at(rows: dict[uuid.UUID, FeePayment], row: FeePayment) -> tuple[datetime, int]:
    """When the money of `row` was first received (a replacement: the replaced one's)."""
    while row.replaces is not None and row.replaces in rows:
        row = rows[row.replaces]
    return (row.at, row.number)


def covered(items: tuple[Item, ...], before: int, amount: int) -> tuple[FeeItem, ...]:
    """The part of the items that `amount` covers, after `before` đồng already paid."""
    lines, start = [], 0
    for item in items:
        end = start + item.amount
        part = min(end, before + amount) - max(start, before)
        if part > 0:
            lines.append(FeeItem(item.name, item.kind, part))
        start = end
    rest = amount - sum(line.amount for line in lines)
    if rest > 0:  # more than the schedule (a schedule of 0): one line as paid
        lines.append(FeeItem("Phí, lệ phí", items[-1].kind if items else "le_phi", rest))
    return tuple(lines)


def receipt_of(session: Session, series: str, number: int) -> FeeReceipt:
    row = payment(session, series, number)
    dossier = session.get_one(Dossier, row.dossier_id)
    version = session.get_one(ProcedureVersion, dossier.procedure_version_id)
    agency = session.get_one(Agency, row.agency_id)
    officer = session.get(Officer, row.officer_id)
    schedule = schedule_of(version.fee_schedule, version.fee)
    mine = {
        r.event_id: r
        for r in session.scalars(select(FeePayment).where(FeePayment.dossier_id == dossier.id))
    }
    first = _root_at(mine, row)  # what was received before this money, in force
    before = sum(
        r.amount
        for r in mine.values()
        if r.replaced_by is None and r.event_id != row.event_id and _root_at(mine, r) < first
    )
    replaced = mine.get(row.replaces) if row.replaces else None
    return FeeReceipt(
        vietqr=_vietqr(session, dossier, row),
        agency=agency.name,
        template=row.template,
        series=row.series,
        number=row.number,
        issued_at=local(row.at).replace(tzinfo=None),
        payer=dossier.applicant_name,
        dossier_code=dossier.code,
        procedure=version.name,
        items=covered(schedule.items, before, row.amount),
        total=row.amount,
        method=row.method,
        officer=officer.full_name if officer is not None else "",
        agency_address=agency.address or "",
        replaces=Replaced(replaced.series, replaced.number, row.reason or "")
        if replaced is not None
        else None,
    )


def _vietqr(session: Session, dossier: Dossier, row: FeePayment) -> str | None:
    """A VietQR payment's receipt shows the code it was paid with (the agency's account,
    the amount, the dossier), when the account is configured."""
    if row.method != "qr":
        return None
    from counter_app.errors import CounterError
    from counter_app.fees.settings import qr_for
    from counter_app.fees.vietqr import payload

    try:
        return payload(qr_for(session, dossier, row.amount))
    except CounterError:  # the account no longer configured: the receipt without it
        return None


def render(receipt: FeeReceipt, paper: str) -> bytes:
    """The receipt as a PDF (A5) or as the thermal printer's image in PNG (80mm)."""
    if paper == "A5":
        from counter_app.printing.fee_receipt import render_a5

        return render_a5(receipt)
    import io

    from counter_app.printing.fee_slip import render_80mm

    image = render_80mm(receipt)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
