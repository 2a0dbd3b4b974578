"""The append-only event log, and the desks whose gapless sequences number it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base
from counter_app.models.event_data import EventData, EventKind

EVENT_SCHEMA_VERSION = 1


class Desk(Base):
    """A desk (one installation). `last_seq` numbers its events without gaps."""

    __tablename__ = "desks"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    is_local: Mapped[bool]
    last_seq: Mapped[int] = mapped_column(default=0)
    # the audit trail's own gapless numbering and the hash of its newest entry
    last_audit_seq: Mapped[int] = mapped_column(default=0)
    last_audit_hash: Mapped[str] = mapped_column(String(64), default="")


class Event(Base):
    """One change to a dossier, written in the transaction that changed it. Never updated."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("desk_id", "desk_seq", name="uq_events_desk_seq"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), index=True)
    desk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("desks.id"))
    desk_seq: Mapped[int]
    kind: Mapped[str] = mapped_column(EventKind())
    at: Mapped[datetime]
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    from_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    to_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    note: Mapped[str | None] = mapped_column(String(1000))
    data: Mapped[dict[str, Any]] = mapped_column(EventData(), default=dict)
    schema_version: Mapped[int] = mapped_column(default=EVENT_SCHEMA_VERSION)
    # With an office server: where the server put it (its order is every desk's order),
    # and whether it applied it or refused it (and why). None: not there yet.
    server_pos: Mapped[int | None] = mapped_column(BigInteger)
    server_status: Mapped[str | None] = mapped_column(String(10))  # applied | rejected
    server_reason: Mapped[str | None] = mapped_column(String(500))
