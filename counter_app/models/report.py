"""What the reports count, folded from each dossier's events (counter_app/facts/fold.py).

Derived tables: every row is a function of one dossier's reception facts (agency,
procedure version, channel: never changed after reception) and its events (kind, time,
data), written in the transaction that writes the event and rebuilt from the events by
`facts.rebuild.rebuild`. No foreign keys: an office server may load them in any order.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, DayNumber


class ReportDossier(Base):
    """One dossier as the statistics see it: received when and how, the legal appointment
    (the original one moved by supplement pauses, never by extensions), finished when,
    how, and early / on time / late against that appointment."""

    __tablename__ = "report_dossiers"
    __table_args__ = (
        Index("ix_report_dossiers_received", "agency_id", "received_at"),
        # dossiers open at an instant (received before, finished after) found in the index
        Index(
            "ix_report_dossiers_finished",
            "agency_id",
            "finished_at",
            "received_at",
            "procedure_version_id",
        ),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID]
    procedure_version_id: Mapped[uuid.UUID]
    channel: Mapped[str] = mapped_column(String(10))
    officer_id: Mapped[uuid.UUID]  # who received it
    received_at: Mapped[datetime]
    received_on: Mapped[date] = mapped_column(DayNumber())  # local day
    original_due_at: Mapped[datetime | None]  # the legal appointment before any pause
    legal_due_at: Mapped[datetime | None]  # ... after the pauses so far
    paused_at: Mapped[datetime | None]  # clock stopped for a supplement since
    first_paused_at: Mapped[datetime | None]
    unit_id: Mapped[uuid.UUID | None]  # the last unit it was handed to (resolved it)
    finished_at: Mapped[datetime | None]  # first result_back / withdrawn / refused / stopped
    finished_on: Mapped[date | None] = mapped_column(DayNumber())  # local day
    finish: Mapped[str | None] = mapped_column(String(20))  # that event's kind
    timeliness: Mapped[str | None] = mapped_column(String(10))  # early | on_time | late


class ReportPause(Base):
    """A stop of the clock for a supplement: the legal appointment after it resumed."""

    __tablename__ = "report_pauses"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the request's event id
    dossier_id: Mapped[uuid.UUID] = mapped_column(index=True)
    paused_at: Mapped[datetime]
    resumed_at: Mapped[datetime | None]
    due_after: Mapped[datetime | None]


class ReportStep(Base):
    """A unit's turn with a dossier, ended when it passed the dossier on or gave the
    result back: the working time it held it against its steps' budget."""

    __tablename__ = "report_steps"
    __table_args__ = (
        Index("ix_report_steps_ended", "agency_id", "ended_at"),
        Index("ix_report_steps_dossier_id", "dossier_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the ending event's id
    dossier_id: Mapped[uuid.UUID]
    agency_id: Mapped[uuid.UUID]
    unit_id: Mapped[uuid.UUID]
    ended_at: Mapped[datetime]
    held_minutes: Mapped[int | None]  # None: recorded before the program kept it
    budget_minutes: Mapped[int | None]  # None: the procedure gives the unit no budget


class ReportCount(Base):
    """Dossiers received (by channel) and finished (by outcome) on a local day, per
    procedure version: the bulk of a period's figures is a sum over its days. Measures:
    direct, online, postal; early, on_time, late (a result back); withdrawn, stopped,
    refused."""

    __tablename__ = "report_counts"

    agency_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(DayNumber(), primary_key=True)
    procedure_version_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    measure: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int]
