"""Dossiers (hồ sơ): the current state of each; its history lives in `events`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ForeignKey, Index, String, Table, func, select
from sqlalchemy.orm import Mapped, Session, column_property, mapped_column, relationship

from counter_app.models.base import Base
from counter_app.models.catalog import VersionDocument


class Dossier(Base):
    """Current-state columns of one dossier, updated only together with an event."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_status_due", "status", "due_at"),
        Index("ix_dossiers_received_at", "received_at"),
        Index("ux_dossiers_request_id", "request_id", unique=True),
        Index("ux_dossiers_portal_code", "portal_code", unique=True),
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
    # An online dossier (portal import): the national portal's MaHoSo, and when the desk
    # accepted it (None: "Hồ sơ trực tuyến chờ tiếp nhận", counter_app/portal/inbound.py).
    portal_code: Mapped[str | None] = mapped_column(String(60))
    portal_accepted_at: Mapped[datetime | None]

    documents: Mapped[list[DossierDocument]] = relationship(order_by="DossierDocument.position")


def _shown(own: Any, dossier_id: Any, catalog_no: Any, field: str) -> Any:
    """A document's own `field` (a mapped_column of the class being declared), else the
    checklist's for the document kept as its catalog_no."""
    dossier = cast(Table, Dossier.__table__).alias("its_dossier")
    versions = cast(Table, VersionDocument.__table__)
    checklist = (
        select(versions.c[field])
        .join(dossier, dossier.c.procedure_version_id == versions.c.version_id)
        .where(dossier.c.id == dossier_id.column, versions.c.position == catalog_no.column)
        .correlate_except(versions, dossier)
        .scalar_subquery()
    )
    return column_property(func.coalesce(own.column, checklist).label(f"shown_{field}"))


class DossierDocument(Base):
    """A component actually received with the dossier, in its place in the dossier.

    On a desk (0010 on) the table is kept in (dossier, position) order, without a rowid on
    SQLite. A component the procedure version's checklist names is kept as that
    checklist's `catalog_no` (the position of its VersionDocument), its `name` None, and its
    `kind` None when it is the checklist's: most names are copies of the checklist's. What
    the dossier received reads as `shown_name` and `shown_kind` (either way).
    """

    __tablename__ = "dossier_documents"
    __table_args__ = {"sqlite_with_rowid": False}

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    # what the server knows it by; not indexed: nothing looks a document up by it (yet)
    id: Mapped[uuid.UUID] = mapped_column()
    catalog_no: Mapped[int | None] = mapped_column()
    name: Mapped[str | None] = mapped_column(String(500))  # None: the checklist's
    kind: Mapped[str | None] = mapped_column(String(20))  # None: the checklist's
    count: Mapped[int]

    shown_name: Mapped[str] = _shown(name, dossier_id, catalog_no, "name")
    shown_kind: Mapped[str] = _shown(kind, dossier_id, catalog_no, "kind")


# a procedure version's checklist: a component's name -> (its position, its kind)
Checklist = dict[str, tuple[int, str]]


def checklist(session: Session, version_id: uuid.UUID) -> Checklist:
    rows = session.execute(
        select(VersionDocument.name, VersionDocument.position, VersionDocument.kind)
        .where(VersionDocument.version_id == version_id)
        .order_by(VersionDocument.position.desc())  # a name listed twice: its first place
    )
    return {name: (position, kind) for name, position, kind in rows}


def stored_document(values: dict[str, Any], names: Checklist) -> dict[str, Any]:
    """A document's row as kept: a name the checklist holds as its catalog_no (above)."""
    found = names.get(values["name"])
    if found is None:
        return values | {"catalog_no": None}
    position, kind = found
    return values | {
        "catalog_no": position,
        "name": None,
        "kind": None if values["kind"] == kind else values["kind"],
    }
