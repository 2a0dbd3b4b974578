"""The counter row per (agency, day) that dossier codes are allocated from."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class DossierCounter(Base):
    __tablename__ = "dossier_counters"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    last_seq: Mapped[int]
