"""Catalog import and export, and the procedures in force.

Import is idempotent: the same file twice changes nothing; a procedure whose content
changed gets a new version, and the old version stays for the dossiers that point at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.errors import CatalogError, ProcedureNotInForce, UnknownProcedure, quoted
from counter_app.models import (
    Agency,
    AgencyName,
    DeclaredDay,
    Procedure,
    ProcedureVersion,
    Unit,
    VersionDocument,
    VersionStep,
    catalog_id,
    new_id,
)
from counter_app.services.catalog.catalog_file import CatalogSpec, ProcedureSpec, read_catalog
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
    session: Session, data: Any, now: datetime, desk_agency: str | None = None,
    progress: Callable[[int, int], None] | None = None, actor: Actor | None = None,
) -> ImportReport:  # fmt: skip
    """Import or update the catalog. A database serves one agency unless the desk names
    its own (`desk_agency`, COUNTER_APP_AGENCY): a catalog for another agency is refused,
    except when it replaces the current one (a merger). An officer's import (`actor`)
    needs the catalog permission and is in the audit trail."""
    if actor is not None:
        require(actor, Permission.CATALOG)
    spec = read_catalog(data)
    _check_agency(session, spec, desk_agency)
    agency = _upsert_agency(session, spec, now)
    units = _upsert_units(session, agency, spec)
    if spec.calendar is not None:
        _replace_calendar(session, agency, spec.calendar)
    new_procedures = new_versions = 0
    for done, procedure_spec in enumerate(spec.procedures, 1):
        created, versioned = _upsert_procedure(session, agency, units, procedure_spec, now)
        new_procedures += created
        new_versions += versioned
        if progress:
            progress(done, len(spec.procedures))
    session.flush()
    if actor is not None:
        trail.record(session, actor.desk_id, trail.Who(actor.officer_id, actor.officer),
                     trail.Action.CATALOG, now, detail={"agency": agency.code,
                                                        "procedures": len(spec.procedures),
                                                        "new_versions": new_versions})
    return ImportReport(
        agency_code=agency.code,
        procedures=len(spec.procedures),
        new_procedures=new_procedures,
        new_versions=new_versions,
        unchanged=len(spec.procedures) - new_versions,
    )


def _check_agency(session: Session, spec: CatalogSpec, desk_agency: str | None) -> None:
    if desk_agency:
        return
    current = [a.code for a in session.scalars(select(Agency).where(
        Agency.merged_into_id.is_(None)))]  # fmt: skip
    others = [code for code in current if code != spec.agency.code
              and code not in spec.agency.replaces]  # fmt: skip
    if others:
        raise CatalogError(
            f"Cơ sở dữ liệu này phục vụ cơ quan {others[0]}; danh mục của {spec.agency.code} "
            f"chỉ nhập được khi thay thế cơ quan đó (agency.replaces) hoặc khi bàn đặt "
            "COUNTER_APP_AGENCY."
        )


def _upsert_agency(session: Session, spec: CatalogSpec, now: datetime) -> Agency:
    a = spec.agency
    agency = session.get(Agency, catalog_id("agency", a.code))
    if agency is None:
        agency = Agency(id=catalog_id("agency", a.code), code=a.code, name=a.name)
        session.add(agency)
        session.add(AgencyName(id=new_id(), agency=agency, name=a.name, valid_from=now))
    elif agency.name != a.name:  # a rename: the old name stays in the history
        session.add(AgencyName(id=new_id(), agency=agency, name=a.name, valid_from=now))
        agency.name = a.name
    agency.level = a.level
    agency.address = a.address
    agency.phone = a.phone
    agency.working_hours = {"periods": a.hours.as_strings()}
    agency.code_pattern = a.code_pattern
    if a.report_cutoff_day is not None:  # the reporting regime's cut-off (spec/reports.md)
        agency.report_cutoff_day = a.report_cutoff_day
    agency.merged_into_id = None
    for old_code in a.replaces:  # a merger: old dossiers keep the agency that received them
        old = session.get(Agency, catalog_id("agency", old_code))
        if old is not None and old is not agency:
            old.merged_into_id = agency.id
    return agency


def _upsert_units(session: Session, agency: Agency, spec: CatalogSpec) -> dict[str, Unit]:
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.agency_id == agency.id))}
    for unit_spec in spec.units:
        unit = units.get(unit_spec.code)
        if unit is None:
            unit = Unit(id=catalog_id("unit", agency.code, unit_spec.code), agency_id=agency.id,
                        code=unit_spec.code)  # fmt: skip
            session.add(unit)
            units[unit.code] = unit
        unit.name = unit_spec.name
    return units


def _replace_calendar(
    session: Session, agency: Agency, calendar: tuple[tuple[date, ...], tuple[date, ...]]
) -> None:
    session.flush()
    session.execute(delete(DeclaredDay).where(DeclaredDay.agency_id == agency.id))
    days_off, working_days = calendar
    session.add_all(DeclaredDay(agency_id=agency.id, day=d, kind="off") for d in days_off)
    session.add_all(DeclaredDay(agency_id=agency.id, day=d, kind="working") for d in working_days)


def _upsert_procedure(
    session: Session, agency: Agency, units: dict[str, Unit], spec: ProcedureSpec, now: datetime
) -> tuple[bool, bool]:
    procedure_id = catalog_id("procedure", agency.code, spec.code)
    procedure = session.get(Procedure, procedure_id)
    created = procedure is None
    if procedure is None:
        procedure = Procedure(id=procedure_id, agency_id=agency.id, code=spec.code)
        session.add(procedure)
        latest = None
    else:
        latest = procedure.versions[-1] if procedure.versions else None
    content_hash = spec.content_hash()
    if latest is not None and latest.content_hash == content_hash:
        return created, False
    seq = latest.imported_seq + 1 if latest else 1
    _add_version(session, agency, procedure, units, spec, seq, content_hash, now)
    return created, True


def _add_version(
    session: Session,
    agency: Agency,
    procedure: Procedure,
    units: dict[str, Unit],
    spec: ProcedureSpec,
    seq: int,
    content_hash: str,
    now: datetime,
) -> None:
    version = ProcedureVersion(
        id=catalog_id("version", agency.code, spec.code, str(seq), content_hash),
        procedure=procedure,
        imported_seq=seq,
        content_hash=content_hash,
        label=spec.version,
        effective_from=spec.effective_from,
        name=spec.name,
        field=spec.field,
        duration_unit=spec.duration.unit.value,
        duration_value=spec.duration.value,
        online_duration_unit=spec.online_duration.unit.value if spec.online_duration else None,
        online_duration_value=spec.online_duration.value if spec.online_duration else None,
        cutoff=spec.cutoff,
        pauses_on_supplement=spec.pauses_on_supplement,
        fee=spec.fee,
        unit_id=units[spec.unit].id if spec.unit else None,
        imported_at=now,
    )
    session.add(version)
    for position, doc in enumerate(spec.documents):
        session.add(VersionDocument(id=new_id(), version_id=version.id, position=position,
                                    name=doc.name, kind=doc.kind, count=doc.count,
                                    required=doc.required))  # fmt: skip
    for position, step in enumerate(spec.steps):
        session.add(VersionStep(id=new_id(), version_id=version.id, position=position,
                                unit_id=units[step.unit].id, name=step.name,
                                hours=step.hours))  # fmt: skip


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
    return UnknownProcedure(f"Không có thủ tục mã {shown} trong danh mục." if shown else
                            "Không có thủ tục mã như vậy trong danh mục (mã thủ tục có dạng "
                            "1.001193; xem: counter-app catalog list).")  # fmt: skip


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
    return [VersionSummary(v.label, v.effective_from, v.imported_at, v.duration_unit,
                           v.duration_value, v.fee, len(v.documents))
            for v in reversed(procedure.versions)]  # fmt: skip


def procedures_in_force(session: Session, agency: Agency, day: date) -> list[ProcedureSummary]:
    procedures = session.scalars(
        select(Procedure).where(Procedure.agency_id == agency.id).order_by(Procedure.code)
    )
    result = []
    for procedure in procedures:
        versions = [v for v in procedure.versions if v.effective_from <= day]
        if versions:
            v = versions[-1]
            result.append(ProcedureSummary(procedure.code, v.name, v.field, v.label,
                                           v.effective_from, v.duration_unit, v.duration_value,
                                           v.cutoff, v.fee))  # fmt: skip
    return result
