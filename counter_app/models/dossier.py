"""Dossiers (hồ sơ): the current state of each; its history lives in `events`."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter_app.models.base import Base


class Dossier(Base):
    """Current-state columns of one dossier, updated only together with an event."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_status_due", "status", "due_at"),
        Index("ix_dossiers_received_at", "received_at"),
        Index("ux_dossiers_request_id", "request_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    # Local number of the row for the name index (never synced; the UUID is the identity).
    search_no: Mapped[int] = mapped_column(unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    procedure_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("procedure_versions.id"))
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(30))

    applicant_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # fold(applicant_name), indexed by FTS
    id_type: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(20), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    phone_key: Mapped[str | None] = mapped_column(String(20), index=True)  # 0XXXXXXXXX
    address: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str | None] = mapped_column(String(254))

    sets: Mapped[int] = mapped_column(default=1)
    note: Mapped[str | None] = mapped_column(String(1000))
    return_by_post: Mapped[bool] = mapped_column(default=False)

    received_at: Mapped[datetime]
    effective_received_at: Mapped[datetime]
    original_due_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    status_before_pause: Mapped[str | None] = mapped_column(String(30))
    current_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))

    resolved_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))
    timeliness: Mapped[str | None] = mapped_column(String(10))
    timeliness_original: Mapped[str | None] = mapped_column(String(10))

    returned_at: Mapped[datetime | None]
    receiver_name: Mapped[str | None] = mapped_column(String(200))
    receiver_id_number: Mapped[str | None] = mapped_column(String(20))
    post_tracking: Mapped[str | None] = mapped_column(String(60))

    received_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officers.id"))
    # The caller's id for the reception (intake `request_id`): a retry finds the dossier.
    request_id: Mapped[str | None] = mapped_column(String(36))

    documents: Mapped[list[DossierDocument]] = relationship(order_by="DossierDocument.position")


class DossierDocument(Base):
    """A component actually received with the dossier."""

    __tablename__ = "dossier_documents"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int]
