"""Fees at the counter (issue 23, docs/fees.md): the agency's collection settings, the
receipt series' counters of a desk that works alone, and the rows folded from the fee
events of the dossiers (facts/fees.py): each payment with its receipt, each exemption.
Money is whole đồng (integers) everywhere."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class FeeSettings(Base):
    """`fees configure`: where a VietQR transfer goes and how receipts are marked."""

    __tablename__ = "fee_settings"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    bank_bin: Mapped[str | None] = mapped_column(String(6))
    account: Mapped[str | None] = mapped_column(String(19))
    account_name: Mapped[str | None] = mapped_column(String(100))
    receipt_template: Mapped[str | None] = mapped_column(String(20))  # mẫu số
    receipt_series: Mapped[str | None] = mapped_column(String(20))  # ký hiệu
    # where the e-receipt provider's import tool reads the receipts (the file-drop adapter)
    ereceipt_folder: Mapped[str | None] = mapped_column(String(500))
    changed_at: Mapped[datetime]


class ReceiptCounter(Base):
    """The last number given in a series, on a desk that works alone: the next receipt
    takes the one after it in the transaction that records the payment, so a number is
    never skipped nor given twice (a rolled-back payment gives its number back)."""

    __tablename__ = "receipt_counters"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    template: Mapped[str] = mapped_column(String(20), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class ReceiptLease(Base):
    """A receipt number the office server gave this desk (a joined desk) and no payment
    has used yet: the next payment takes the lowest, in its own transaction (a payment
    refused or interrupted leaves it for the next one: no hole in the office's series)."""

    __tablename__ = "receipt_leases"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    template: Mapped[str] = mapped_column(String(20), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)


class FeePayment(Base):
    """One payment and its receipt, as its `paid` event says; a receipt replaced by a
    `receipt_replaced` event keeps its row (`replaced_by` set) and the new receipt has its
    own row for the same money (`replaces` set, `amount` the same)."""

    __tablename__ = "fee_payments"
    __table_args__ = (
        UniqueConstraint("agency_id", "template", "series", "number", name="uq_fee_receipts"),
        Index("ix_fee_payments_at", "at"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    amount: Mapped[int]
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer | qr
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    at: Mapped[datetime]
    template: Mapped[str] = mapped_column(String(20))
    series: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    replaces: Mapped[uuid.UUID | None]  # the event of the receipt this one replaces
    replaced_by: Mapped[uuid.UUID | None]  # the event of the receipt that replaced it
    reason: Mapped[str | None] = mapped_column(String(500))  # why it replaces another
    reference: Mapped[str | None] = mapped_column(String(100))  # the bank's, once matched


class FeeExemption(Base):
    """The exemption the officer picked for a dossier (`fee_exempted`): it owes nothing."""

    __tablename__ = "fee_exemptions"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"))
    code: Mapped[str] = mapped_column(String(30))


class EReceiptMessage(Base):
    """A receipt this desk issued, to be sent to the e-receipt provider (the outbox):
    written with the payment; `pending` until the provider answers, then `sent` (its
    reference kept) or `failed` (its reason kept: sending it again changes nothing)."""

    __tablename__ = "ereceipt_outbox"
    __table_args__ = (Index("ix_ereceipt_outbox_state", "state"),)

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(10))  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(default=0)
    reference: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None]


class StatementLineSeen(Base):
    """A line of a bank statement imported here (`statement import`), by its key: matched to
    a payment (its event) or not yet. A matched line never matches again; an unmatched one
    may, at a later import, once the payment it pays is recorded."""

    __tablename__ = "statement_lines"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    booked_on: Mapped[date]
    amount: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")
    matched_event: Mapped[uuid.UUID | None]  # the `paid` event of the payment it paid
    imported_at: Mapped[datetime]
