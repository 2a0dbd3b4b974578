"""The audit trail: who did or saw what, when, at which desk. Append-only.

Entries are numbered per desk without gaps and chained by hashes (each entry's hash
covers the previous one's), so that a changed, removed or inserted entry is found.
They name a dossier by its code, never by a citizen's ID number, phone or address.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("desk_id", "desk_seq", name="uq_audit_entries_desk_seq"),
        Index("ix_audit_entries_at", "at"),
        Index("ix_audit_entries_code", "code"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    desk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("desks.id"))
    desk_seq: Mapped[int]
    at: Mapped[datetime]
    officer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("officers.id"))
    username: Mapped[str] = mapped_column(String(60))  # as given (a failed login's too)
    action: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(60))  # the dossier concerned, if any
    outcome: Mapped[str] = mapped_column(String(10))  # ok | refused
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)  # never personal data
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
