"""The citizen's side of the counter (issue 22): the ratings of visits, folded from the
`rated` events, and the register of complaints and recommendations (phản ánh, kiến nghị)
of a desk that works without an office server (joined, the register is the server's).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class Rating(Base):
    """One rating of one visit (reception or return) of a dossier: what its `rated` event
    says, for the reports. The unique constraint is the rule "one rating a visit", held by
    the database whatever writes (two windows, a retry, a pull from the office)."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("dossier_id", "visit", name="uq_ratings_visit"),
        Index("ix_ratings_at", "at"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"))
    visit: Mapped[str] = mapped_column(String(10))  # reception | return
    score: Mapped[int]  # 3 rất hài lòng, 2 hài lòng, 1 không hài lòng
    criteria: Mapped[str] = mapped_column(String(200), default="")  # codes, comma-separated
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    counter: Mapped[int | None]  # the counter (quầy) of the visit, when the desk has one
    at: Mapped[datetime]


class Complaint(Base):
    """A complaint or recommendation received by the agency. `number` is what people type
    and read (PA-2026-0007); the person's name, phone and address are kept as a dossier's
    applicant's are, and are never written in a log, an audit entry or a message."""

    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("agency_id", "year", "seq", name="uq_complaints_number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    year: Mapped[int]
    seq: Mapped[int]
    channel: Mapped[str] = mapped_column(String(10))  # counter phone email portal letter
    person_name: Mapped[str] = mapped_column(String(200))
    person_phone: Mapped[str | None] = mapped_column(String(20))
    person_address: Mapped[str | None] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text)
    dossier_code: Mapped[str | None] = mapped_column(String(60))
    procedure_code: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime]
    due_at: Mapped[datetime]
    received_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    assignee: Mapped[str | None] = mapped_column(String(60))  # an officer's login name
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]


class ComplaintRule(Base):
    """An agency's working days to answer a complaint (10 when none is set)."""

    __tablename__ = "complaint_rules"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    due_days: Mapped[int]
