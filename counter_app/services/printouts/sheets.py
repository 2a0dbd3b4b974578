"""The sheets of an intake that is not received, gathered into printing's plain data:
supplement guidance (form 02) when a required component is missing, refusal (form 03)
when the request is not admissible. Nothing is recorded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from counter_app.models import Agency, Procedure, catalog_id
from counter_app.printing import data as p
from counter_app.services.intake.intake_file import Intake
from counter_app.services.printouts.printouts import agency_header


def _procedure_name(session: Session, agency: Agency, code: str) -> str:
    procedure = session.get(Procedure, catalog_id("procedure", agency.code, code))
    return procedure.versions[-1].name if procedure and procedure.versions else code


def _person(document: Intake) -> p.Person:
    a = document.applicant
    return p.Person(a.name, a.id_number, a.address, a.phone, a.email)


def guidance(
    session: Session, agency: Agency, document: Intake, items: str, officer: str, now: datetime
) -> p.SupplementData:
    """Form 02 for a dossier not received yet: what to bring back."""
    return p.SupplementData(
        agency_header(agency),
        "",
        _person(document),
        _procedure_name(session, agency, document.procedure),
        items,
        None,
        officer,
        agency.phone or "—",
        now,
    )


def refusal(
    session: Session, agency: Agency, document: Intake, reason: str, officer: str, now: datetime
) -> p.RefusalData:
    """Form 03 for a request that is not admissible."""
    return p.RefusalData(
        agency_header(agency),
        _person(document),
        _procedure_name(session, agency, document.procedure),
        reason,
        officer,
        now,
    )
