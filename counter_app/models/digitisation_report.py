"""What the digitisation rates count (docs/digitisation.md), one row per dossier, folded
from its reception, its first end and its current documents (dossier_files) by
counter_app/facts/digitised.py, in the transaction that writes each of them, and again
after a sync's pull. Days are day numbers (days since 1970-01-01, local), so that a
year's rows are one range of small integers in the index. No foreign keys: derived data
an office server may load in any order."""

from __future__ import annotations

import uuid

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class DigitisationDossier(Base):
    """A dossier as the digitisation rates see it: received on which day, by whom, under
    which procedure version; whether a component is digitised (a file, not an exemption),
    whether every required checklist line is digitised or exempt; resolved (its first end
    was a result back) on which day, and whether its result is digitised."""

    __tablename__ = "digitisation_dossiers"
    __table_args__ = (
        # the period's receptions and resolutions, each counted from the index alone
        Index(
            "ix_digitisation_received",
            "agency_id",
            "received_day",
            "procedure_version_id",
            "officer_id",
            "with_component",
            "all_required",
        ),
        Index(
            "ix_digitisation_resolved",
            "agency_id",
            "resolved_day",
            "procedure_version_id",
            "officer_id",
            "with_result",
        ),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency_id: Mapped[uuid.UUID]
    procedure_version_id: Mapped[uuid.UUID]
    officer_id: Mapped[uuid.UUID]  # who received it
    received_day: Mapped[int]
    with_component: Mapped[bool]
    all_required: Mapped[bool]
    ended: Mapped[bool]  # its first result_back / withdrawn / refused / stopped came
    resolved_day: Mapped[int | None]  # the day of that end when it was a result back
    with_result: Mapped[bool]
