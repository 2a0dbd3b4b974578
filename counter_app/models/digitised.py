"""Digitised documents: the current one of each checklist line (and of the result) of a
dossier, kept in step with the `digitised` events that record them (the history)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base

RESULT_ITEM = 0  # `item` of the result (kết quả); checklist lines are 1, 2, …


class DossierFile(Base):
    """The document a dossier's line has now: its file (by SHA-256; None when exempt), its
    size, where it came from, whether it is signed, who recorded it when, and the event
    that did. Replacing it is a new event; the earlier file stays, named by its event."""

    __tablename__ = "dossier_files"
    __table_args__ = (Index("ix_dossier_files_sha256", "sha256"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    item: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    pages: Mapped[int]
    bytes: Mapped[int]
    source: Mapped[str] = mapped_column(String(10))  # scanner file folder reuse exempt
    signed: Mapped[bool]
    at: Mapped[datetime]
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"))
