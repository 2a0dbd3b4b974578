"""Worklists for the desk: light rows (no history), newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.models import Dossier, ProcedureVersion
from counter_app.services.search import find_ids


@dataclass(frozen=True)
class DossierRow:
    code: str
    applicant: str
    procedure: str
    status: str
    received_at: datetime
    due_at: datetime | None


def _rows(session: Session, condition, limit: int) -> list[DossierRow]:  # type: ignore[no-untyped-def]
    statement = (
        select(Dossier.code, Dossier.applicant_name, ProcedureVersion.name, Dossier.status,
               Dossier.received_at, Dossier.due_at)  # fmt: skip
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(condition)
        .order_by(Dossier.received_at.desc())
        .limit(limit)
    )
    return [DossierRow(*row) for row in session.execute(statement)]


def recent(session: Session, limit: int = 500) -> list[DossierRow]:
    return _rows(session, Dossier.id.is_not(None), limit)


def matching(session: Session, query: str, limit: int = 200) -> list[DossierRow]:
    ids = find_ids(session, query, limit)
    return _rows(session, Dossier.id.in_(ids), limit) if ids else []
