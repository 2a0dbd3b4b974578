"""Catalog import and export, and the procedures in force.

Import is idempotent: the same file twice changes nothing; a procedure whose content
changed gets a new version, and the old version stays for the dossiers that point at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.errors import ProcedureNotInForce, UnknownProcedure, quoted
from counter_app.models import (
    Agency,
    Procedure,
    ProcedureVersion,
    catalog_id,
)
from counter_app.services.catalog import catalog_write as write
from counter_app.services.catalog.catalog_file import read_catalog
from counter_app.services.codes.code_pattern import ANY_CODE
from counter_app.text import clean


@dataclass(frozen=True)
class ImportReport:
    agency_code: str
    procedures: int
    new_procedures: int
    new_versions: int
    unchanged: int


@dataclass(frozen=True)
class ProcedureSummary:
    code: str
    name: str
    field: str
    version: str
    effective_from: date
    duration_unit: str
    duration_value: int | None
    cutoff: str | None
    fee: int


def import_catalog(
    session: Session,
    data: Any,
    now: datetime,
    desk_agency: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    actor: Actor | None = None,
) -> ImportReport:
    """Import or update the catalog. A database serves one agency unless the desk names
    its own (`desk_agency`, COUNTER_APP_AGENCY): a catalog for another agency is refused,
    except when it replaces the current one (a merger). An officer's import (`actor`)
    needs the catalog permission and is in the audit trail."""
    if actor is not None:
        require(actor, Permission.CATALOG)
    spec = read_catalog(data)
    write.check_agency(session, spec, desk_agency)
    agency = write.upsert_agency(session, spec, now)
    units = write.upsert_units(session, agency, spec)
    if spec.calendar is not None:
        write.replace_calendar(session, agency, spec.calendar)
    new_procedures = new_versions = 0
    for done, procedure_spec in enumerate(spec.procedures, 1):
        created, versioned = write.upsert_procedure(session, agency, units, procedure_spec, now)
        new_procedures += created
        new_versions += versioned
        if progress:
            progress(done, len(spec.procedures))
    session.flush()
    if actor is not None:
        trail.record(
            session,
            actor.desk_id,
            trail.Who(actor.officer_id, actor.officer),
            trail.Action.CATALOG,
            now,
            detail={
                "agency": agency.code,
                "procedures": len(spec.procedures),
                "new_versions": new_versions,
            },
        )
    return ImportReport(
        agency_code=agency.code,
        procedures=len(spec.procedures),
        new_procedures=new_procedures,
        new_versions=new_versions,
        unchanged=len(spec.procedures) - new_versions,
    )


def version_in_force(
    session: Session, agency: Agency, procedure_code: str, day: date
) -> ProcedureVersion:
    """The latest imported version effective on `day`; typed errors when there is none."""
    procedure_code = clean(procedure_code)
    procedure = session.get(Procedure, catalog_id("procedure", agency.code, procedure_code))
    if procedure is None:
        raise unknown_procedure(procedure_code)
    version = session.scalars(
        select(ProcedureVersion)
        .where(ProcedureVersion.procedure_id == procedure.id)
        .where(ProcedureVersion.effective_from <= day)
        .order_by(ProcedureVersion.imported_seq.desc())
        .limit(1)
    ).first()
    if version is None:
        raise ProcedureNotInForce(
            f"Thủ tục '{procedure.code}' chưa có hiệu lực vào ngày {day:%d/%m/%Y}."
        )
    return version


def unknown_procedure(code: str) -> UnknownProcedure:
    """'No such procedure', naming the code only when it has the shape of one."""
    shown = quoted(code, ANY_CODE)
    return UnknownProcedure(
        f"Không có thủ tục mã {shown} trong danh mục."
        if shown
        else "Không có thủ tục mã như vậy trong danh mục (mã thủ tục có dạng "
        "1.001193; xem: counter-app catalog list)."
    )


@dataclass(frozen=True)
class VersionSummary:
    label: str
    effective_from: date
    imported_at: datetime
    duration_unit: str
    duration_value: int | None
    fee: int
    documents: int


def versions(session: Session, agency: Agency, code: str) -> list[VersionSummary]:
    """Every version of a procedure, newest first (old dossiers keep theirs)."""
    procedure = session.get(Procedure, catalog_id("procedure", agency.code, code))
    if procedure is None:
        raise unknown_procedure(code)
    return [
        VersionSummary(
            v.label,
            v.effective_from,
            v.imported_at,
            v.duration_unit,
            v.duration_value,
            v.fee,
            len(v.documents),
        )
        for v in reversed(procedure.versions)
    ]


def procedures_in_force(session: Session, agency: Agency, day: date) -> list[ProcedureSummary]:
    procedures = session.scalars(
        select(Procedure).where(Procedure.agency_id == agency.id).order_by(Procedure.code)
    )
    result = []
    for procedure in procedures:
        versions = [v for v in procedure.versions if v.effective_from <= day]
        if versions:
            v = versions[-1]
            result.append(
                ProcedureSummary(
                    procedure.code,
                    v.name,
                    v.field,
                    v.label,
                    v.effective_from,
                    v.duration_unit,
                    v.duration_value,
                    v.cutoff,
                    v.fee,
                )
            )
    return result
