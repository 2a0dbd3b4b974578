"""The catalog data a reception needs, read with one small query each and kept between
receptions where it cannot change.

What may change (an import, an office's catalog pulled by sync, a declared day) is read
again every time: the agency's row, its declared days, which version of the procedure is
in force on the day. What is built from it is kept under exactly what it was built from:
the working calendar under the working hours and declared days it was built with, and a
version's terms under the version's id, which names its content (catalog_id of the code,
sequence and content hash: an imported version is never changed, a changed one is a new
version). So a catalog import takes effect on the next reception, in this process or any
other, with nothing to clear.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, time
from threading import Lock
from typing import Any

from sqlalchemy import String, bindparam, cast, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from counter_app.calendar import Duration, DurationUnit, WorkingCalendar, WorkingHours, parse_clock
from counter_app.models import Agency, DeclaredDay, Procedure, ProcedureVersion, VersionDocument
from counter_app.models.dossier import Checklist
from counter_app.models.prepared import Prepared
from counter_app.services.catalog.catalog import version_in_force
from counter_app.text import clean, fold


@dataclass(frozen=True)
class AgencyTerms:
    """An agency as a reception uses it: its codes and its working calendar."""

    id: uuid.UUID
    code: str
    code_pattern: str
    calendar: WorkingCalendar


@dataclass(frozen=True)
class DocumentTerm:
    name: str
    kind: str
    count: int
    required: bool
    key: str  # the name folded, as match_documents compares names
    position: int  # its VersionDocument's (a received document kept as it: models.dossier)


@dataclass(frozen=True)
class VersionTerms:
    """A procedure version as a reception uses it."""

    id: uuid.UUID
    label: str
    cutoff: time | None
    direct: Duration
    online: Duration
    documents: tuple[DocumentTerm, ...]

    @property
    def checklist(self) -> Checklist:
        return {d.name: (d.position, d.kind) for d in reversed(self.documents)}

    def duration(self, channel: str) -> Duration:
        return self.online if channel == "online" else self.direct


# The agency's row, its declared days and the version in force on a day, in one statement
# (prepared: models/prepared.py); the working hours and the days as the text they are
# stored as, the key of the calendar built from them (parsed only when they changed).
_V = ProcedureVersion
_IN_FORCE = (
    select(_V.id)
    .join(Procedure, Procedure.id == _V.procedure_id)
    .where(
        Procedure.agency_id == Agency.id,
        Procedure.code == bindparam("b_code"),
        _V.effective_from <= bindparam("b_day"),
    )
    .order_by(_V.imported_seq.desc())
    .limit(1)
    .scalar_subquery()
)
_COMMA: Any = literal_column("','")  # written in the SQL (a parameter would be rendered late)
_DAYS = (
    select(func.aggregate_strings(cast(DeclaredDay.day, String) + " " + DeclaredDay.kind, _COMMA))
    .where(DeclaredDay.agency_id == Agency.id)
    .scalar_subquery()
)
_AGENCY = Prepared(
    select(
        Agency.code,
        Agency.code_pattern,
        type_coerce(Agency.working_hours, String),
        _DAYS,
        _IN_FORCE,
    ).where(Agency.id == bindparam("b_agency"))
)
_DOCUMENTS = (
    select(
        VersionDocument.name,
        VersionDocument.kind,
        VersionDocument.count,
        VersionDocument.required,
        VersionDocument.position,
    )
    .where(VersionDocument.version_id == bindparam("b_version"))
    .order_by(VersionDocument.position)
)

_lock = Lock()
_calendars: dict[uuid.UUID, tuple[Any, WorkingCalendar]] = {}  # agency -> (built from, it)
_versions: dict[uuid.UUID, VersionTerms] = {}  # by version id: immutable content


def reception_terms(
    session: Session, agency_id: uuid.UUID, procedure_code: str, day: date
) -> tuple[AgencyTerms, VersionTerms]:
    """The agency's codes and working calendar, and the terms of the procedure's version in
    force on `day` (catalog.version_in_force's choice; its typed errors when there is
    none), as they are in the database now."""
    procedure_code = clean(procedure_code)
    code, pattern, hours, days, version_id = _AGENCY.one(
        session.connection(), {"b_agency": agency_id, "b_code": procedure_code, "b_day": day}
    )
    source = (hours if isinstance(hours, str) else repr(hours), days)  # text (SQLite) or JSON
    with _lock:
        kept = _calendars.get(agency_id)
    if kept is None or kept[0] != source:
        kept = (source, _calendar(hours, days))
        with _lock:
            _calendars[agency_id] = kept
    if version_id is None:  # raises the error that says why
        version_id = version_in_force(
            session, session.get_one(Agency, agency_id), procedure_code, day
        ).id
    return AgencyTerms(agency_id, code, pattern, kept[1]), _terms(session, version_id)


def _calendar(hours: str | dict[str, Any], days: str | None) -> WorkingCalendar:
    """The working calendar of the agency's hours and its declared days ("day kind,…")."""
    periods = (json.loads(hours) if isinstance(hours, str) else hours)["periods"]
    declared = sorted(tuple(d.split(" ")) for d in days.split(",")) if days else []
    off = [date.fromisoformat(d) for d, kind in declared if kind == "off"]
    working = [date.fromisoformat(d) for d, kind in declared if kind == "working"]
    return WorkingCalendar(WorkingHours.parse(periods), off, working)


def _terms(session: Session, version_id: uuid.UUID) -> VersionTerms:
    with _lock:
        terms = _versions.get(version_id)
    if terms is not None:
        return terms
    v = session.get_one(ProcedureVersion, version_id)
    online = (
        Duration(DurationUnit(v.online_duration_unit), v.online_duration_value)
        if v.online_duration_unit
        else None
    )
    direct = Duration(DurationUnit(v.duration_unit), v.duration_value)
    rows = session.connection().execute(_DOCUMENTS, {"b_version": version_id})
    documents = tuple(
        DocumentTerm(name, kind, count, required, fold(name), position)
        for name, kind, count, required, position in rows
    )
    terms = VersionTerms(
        version_id,
        v.label,
        parse_clock(v.cutoff) if v.cutoff else None,
        direct,
        online or direct,
        documents,
    )
    with _lock:
        _versions[version_id] = terms
    return terms
