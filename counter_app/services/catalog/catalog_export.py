"""Catalog export: the agency's catalog as the import format, latest version of each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.models import Agency, DeclaredDay, Procedure, ProcedureVersion, Unit


def export_catalog(session: Session, agency: Agency) -> dict[str, Any]:
    units = list(
        session.scalars(select(Unit).where(Unit.agency_id == agency.id).order_by(Unit.code))
    )
    unit_codes = {u.id: u.code for u in units}
    days = list(
        session.scalars(
            select(DeclaredDay).where(DeclaredDay.agency_id == agency.id).order_by(DeclaredDay.day)
        )
    )
    procedures = session.scalars(
        select(Procedure).where(Procedure.agency_id == agency.id).order_by(Procedure.code)
    )
    return {
        "agency": {
            "code": agency.code,
            "name": agency.name,
            "level": agency.level,
            "address": agency.address,
            "phone": agency.phone,
            "working_hours": agency.working_hours["periods"],
            "code_pattern": agency.code_pattern,
            "report_cutoff_day": agency.report_cutoff_day,
        },
        "units": [{"code": u.code, "name": u.name} for u in units],
        "calendar": {
            "days_off": [d.day.isoformat() for d in days if d.kind == "off"],
            "working_days": [d.day.isoformat() for d in days if d.kind == "working"],
        },
        "procedures": [
            _procedure(p.code, p.versions[-1], unit_codes) for p in procedures if p.versions
        ],
    }


def _procedure(code: str, v: ProcedureVersion, units: dict[Any, str]) -> dict[str, Any]:
    online = (
        {"unit": v.online_duration_unit, "value": v.online_duration_value}
        if v.online_duration_unit
        else None
    )
    return {
        "code": code,
        "name": v.name,
        "field": v.field,
        "version": v.label,
        "effective_from": v.effective_from.isoformat(),
        "duration": {"unit": v.duration_unit, "value": v.duration_value},
        "online_duration": online,
        "cutoff": v.cutoff,
        "pauses_on_supplement": v.pauses_on_supplement,
        **({} if v.paper_result else {"paper_result": False}),
        "fee": v.fee,
        **({"fees": v.fee_schedule} if v.fee_schedule else {}),
        "unit": units.get(v.unit_id) if v.unit_id else None,
        "documents": [
            {"name": d.name, "kind": d.kind, "count": d.count, "required": d.required}
            for d in v.documents
        ],
        "steps": [{"unit": units[s.unit_id], "name": s.name, "hours": s.hours} for s in v.steps],
    }
