"""The catalog: agencies (with history), their units, and versioned procedures."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter_app.models.base import Base


class Agency(Base):
    """An agency that receives dossiers. Its code is in every dossier code it gives.

    A rename keeps the row (the old name stays in `names`); a merger marks the old agency
    with `merged_into_id`, so old dossiers keep pointing at the agency that received them.
    """

    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    working_hours: Mapped[dict[str, Any]] = mapped_column()  # {"periods": [["07:30","11:30"],..]}
    code_pattern: Mapped[str] = mapped_column(String(100))
    # The reporting regime's cut-off: a period's data run from the day after it in the
    # month before to this day of the period's last month (README: figures).
    report_cutoff_day: Mapped[int] = mapped_column(default=14, server_default="14")
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"))

    names: Mapped[list[AgencyName]] = relationship(
        back_populates="agency", order_by="AgencyName.valid_from"
    )
    units: Mapped[list[Unit]] = relationship(back_populates="agency")


class AgencyName(Base):
    """One name an agency has carried, from `valid_from` until the next one."""

    __tablename__ = "agency_names"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[datetime]

    agency: Mapped[Agency] = relationship(back_populates="names")


class Unit(Base):
    """A specialist unit dossiers are handed over to (e.g. civil status officer)."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))

    agency: Mapped[Agency] = relationship(back_populates="units")


class Procedure(Base):
    """An administrative procedure (TTHC) as one agency handles it, by national code."""

    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    code: Mapped[str] = mapped_column(String(40))

    versions: Mapped[list[ProcedureVersion]] = relationship(
        back_populates="procedure", order_by="ProcedureVersion.imported_seq"
    )


class ProcedureVersion(Base):
    """The procedure's rules as published by one decision; never changed once stored.

    The version in force on a day is the latest imported one whose `effective_from` is not
    after that day. A dossier points at the version in force when it was received.
    """

    __tablename__ = "procedure_versions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    procedure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("procedures.id"), index=True)
    imported_seq: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date]
    name: Mapped[str] = mapped_column(String(500))
    field: Mapped[str] = mapped_column(String(200))
    duration_unit: Mapped[str] = mapped_column(String(20))
    duration_value: Mapped[int | None]
    online_duration_unit: Mapped[str | None] = mapped_column(String(20))
    online_duration_value: Mapped[int | None]
    cutoff: Mapped[str | None] = mapped_column(String(5))
    pauses_on_supplement: Mapped[bool]
    fee: Mapped[int]
    # the `fees` object of the catalog file (services/catalog/fee_schedule.py); None: `fee`
    fee_schedule: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # False: the procedure gives no paper result (nothing to digitise when it is resolved)
    paper_result: Mapped[bool] = mapped_column(default=True, server_default=true())
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    imported_at: Mapped[datetime]

    procedure: Mapped[Procedure] = relationship(back_populates="versions")
    unit: Mapped[Unit | None] = relationship()
    documents: Mapped[list[VersionDocument]] = relationship(order_by="VersionDocument.position")
    steps: Mapped[list[VersionStep]] = relationship(order_by="VersionStep.position")


class VersionDocument(Base):
    """A component the dossier must (or may) contain."""

    __tablename__ = "version_documents"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("procedure_versions.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int]
    required: Mapped[bool]


class VersionStep(Base):
    """An internal processing step with its unit and budget of working hours."""

    __tablename__ = "version_steps"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("procedure_versions.id"), index=True)
    position: Mapped[int]
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"))
    name: Mapped[str] = mapped_column(String(200))
    hours: Mapped[int]
