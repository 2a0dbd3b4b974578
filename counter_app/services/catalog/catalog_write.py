"""What a catalog import writes: the agency, its units and calendar, each procedure and
its versions (a changed procedure gets a new version; the old one stays)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter_app.errors import CatalogError
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
from counter_app.services.catalog.catalog_file import CatalogSpec, ProcedureSpec


def check_agency(session: Session, spec: CatalogSpec, desk_agency: str | None) -> None:
    if desk_agency:
        return
    current = [
        a.code for a in session.scalars(select(Agency).where(Agency.merged_into_id.is_(None)))
    ]
    others = [
        code for code in current if code != spec.agency.code and code not in spec.agency.replaces
    ]
    if others:
        raise CatalogError(
            f"Cơ sở dữ liệu này phục vụ cơ quan {others[0]}; danh mục của {spec.agency.code} "
            f"chỉ nhập được khi thay thế cơ quan đó (agency.replaces) hoặc khi bàn đặt "
            "COUNTER_APP_AGENCY."
        )


def upsert_agency(session: Session, spec: CatalogSpec, now: datetime) -> Agency:
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
    if a.report_cutoff_day is not None:  # the reporting regime's cut-off (README: figures)
        agency.report_cutoff_day = a.report_cutoff_day
    agency.merged_into_id = None
    for old_code in a.replaces:  # a merger: old dossiers keep the agency that received them
        old = session.get(Agency, catalog_id("agency", old_code))
        if old is not None and old is not agency:
            old.merged_into_id = agency.id
    return agency


def upsert_units(session: Session, agency: Agency, spec: CatalogSpec) -> dict[str, Unit]:
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.agency_id == agency.id))}
    for unit_spec in spec.units:
        unit = units.get(unit_spec.code)
        if unit is None:
            unit = Unit(
                id=catalog_id("unit", agency.code, unit_spec.code),
                agency_id=agency.id,
                code=unit_spec.code,
            )
            session.add(unit)
            units[unit.code] = unit
        unit.name = unit_spec.name
    return units


def replace_calendar(
    session: Session, agency: Agency, calendar: tuple[tuple[date, ...], tuple[date, ...]]
) -> None:
    session.flush()
    session.execute(delete(DeclaredDay).where(DeclaredDay.agency_id == agency.id))
    days_off, working_days = calendar
    session.add_all(DeclaredDay(agency_id=agency.id, day=d, kind="off") for d in days_off)
    session.add_all(DeclaredDay(agency_id=agency.id, day=d, kind="working") for d in working_days)


def upsert_procedure(
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
    add_version(session, agency, procedure, units, spec, seq, content_hash, now)
    return created, True


def add_version(
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
        paper_result=spec.paper_result,
        fee=spec.fee,
        fee_schedule=spec.fee_schedule,
        unit_id=units[spec.unit].id if spec.unit else None,
        imported_at=now,
    )
    session.add(version)
    for position, doc in enumerate(spec.documents):
        session.add(
            VersionDocument(
                id=new_id(),
                version_id=version.id,
                position=position,
                name=doc.name,
                kind=doc.kind,
                count=doc.count,
                required=doc.required,
            )
        )
    for position, step in enumerate(spec.steps):
        session.add(
            VersionStep(
                id=new_id(),
                version_id=version.id,
                position=position,
                unit_id=units[step.unit].id,
                name=step.name,
                hours=step.hours,
            )
        )
