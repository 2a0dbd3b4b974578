"""The officers' shifts of collection (ca thu) and their cash-ups (kết sổ; issue 23,
docs/fees.md "Cash-up"). A shift opens with the officer's first payment (or by hand) and
closes once, at its cash-up, with its figures; a closed shift never changes. Each receipt
of the desk is in the list of one closed shift at most (the primary key of
`cash_shift_receipts`), so no receipt is counted by two cash-ups and none is missed.
The desk's own: shifts are not synced (a joined desk takes no payment yet)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class CashShift(Base):
    """One officer's shift: open while `closed_at` is NULL, then closed with what the
    cash-up found. One open shift at most per officer: the partial unique index
    `uq_cash_shifts_open` (officer_id WHERE closed_at IS NULL) of migration 0019 holds it.
    It is not declared here: its PostgreSQL form would load that dialect with the models,
    which the desk's start keeps out (tests/unit/test_scan_imports.py)."""

    __tablename__ = "cash_shifts"
    __table_args__ = (Index("ix_cash_shifts_officer_closed", "officer_id", "closed_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    opened_at: Mapped[datetime]
    # payment: opened by the officer's first payment; officer: opened by hand (cashup --open)
    opened_how: Mapped[str] = mapped_column(String(10))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("officers.id"))
    # {"cash": {"count", "amount"}, "transfer": {…}, "qr": {…}}: the receipts in force
    totals: Mapped[dict[str, Any] | None]
    expected_cash: Mapped[int | None]
    counted: Mapped[int | None]
    difference: Mapped[int | None]  # counted − expected


class CashShiftReceipt(Base):
    """A receipt as the cash-up of its shift listed it: `paid` (in force at the close,
    its money counted), `replaced` (replaced before the close: listed, not counted), or
    `replacement` (issued in this shift for a receipt of a shift already closed: listed,
    no money; the money stays in the shift that took it)."""

    __tablename__ = "cash_shift_receipts"

    receipt_event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    shift_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    payment_event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"))  # the money
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"))
    line: Mapped[str] = mapped_column(String(12))  # paid | replaced | replacement
    template: Mapped[str] = mapped_column(String(20))
    series: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    method: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int]
    at: Mapped[datetime]
