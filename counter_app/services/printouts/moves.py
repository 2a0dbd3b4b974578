"""The papers of a dossier changing hands: the control sheet (one block per handoff, judged
against the unit's step budget) and the handover list of the batch it moved in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.calendar import timeliness
from counter_app.errors import ValidationError
from counter_app.models import Agency, Dossier, Event, ProcedureVersion, Unit
from counter_app.printing import data as p
from counter_app.services.desk import working_calendar
from counter_app.services.dossiers.events import EventKind
from counter_app.services.dossiers.lifecycle import load
from counter_app.services.dossiers.views import dossier_by_code, unit_shown
from counter_app.services.dossiers.workflow import OUTCOME_LABELS
from counter_app.services.printouts import printouts
from counter_app.services.printouts.printouts import APPLIED, BATCH_MAX, DESK, MOVES


def _unit_names(session: Session, agency: Agency) -> dict[str, str]:
    rows = session.execute(select(Unit.code, Unit.name).where(Unit.agency_id == agency.id))
    return {code: name for code, name in rows}


def _step_judge(session: Session, agency: Agency, version: ProcedureVersion):  # type: ignore[no-untyped-def]
    """judge(unit code, arrived, left): early / on_time / late against the working hours
    the procedure gives that unit's steps; None when it gives none."""
    budgets: dict[str, int] = {}
    for step in version.steps:
        unit = session.get_one(Unit, step.unit_id).code
        budgets[unit] = budgets.get(unit, 0) + step.hours
    calendar = working_calendar(session, agency)

    def judge(unit: str | None, arrived: datetime, left: datetime | None) -> str | None:
        hours = budgets.get(unit or "")
        if not hours or left is None:
            return None
        deadline = calendar.add_working_minutes(arrived, hours * 60)
        return "late" if left > deadline else timeliness(left, deadline).value

    return judge


def control_sheet(session: Session, code: str, now: datetime) -> p.ControlSheetData:
    """One block per handoff, judged against the unit's step budget when it moved on. The
    time the receiving side took it is left for its signature (no event records it)."""
    _, view, agency, version = printouts.context(session, code)
    names, desk = _unit_names(session, agency), DESK
    judge = _step_judge(session, agency, version)
    moves = [h for h in view.history if h.event in MOVES]

    def name(unit: str | None) -> str:
        return unit_shown(unit, names.get(unit or ""), desk)

    handoffs = []
    for i, h in enumerate(moves):
        if h.event == EventKind.HANDED_OVER:
            left = moves[i + 1].at if i + 1 < len(moves) else None
            handoffs.append(
                p.Handoff(
                    name(h.from_unit),
                    name(h.to_unit),
                    h.at,
                    None,
                    judge(h.to_unit, h.at, left),
                    h.note,
                )
            )
        else:  # the result back at the desk: judged against the appointment
            handoffs.append(
                p.Handoff(
                    name(h.from_unit), desk, h.at, h.at, str(h.data.get("timeliness")), h.note
                )
            )
    back = [h.at for h in view.history if h.event == EventKind.RESULT_BACK]
    return p.ControlSheetData(
        printouts.agency_header(agency),
        view.code,
        printouts.person(view),
        view.procedure_name,
        view.received_at,
        view.due_at,
        tuple(handoffs),
        back[-1] if back else None,
        now,
    )


def handover(session: Session, code: str, now: datetime) -> p.HandoverData:
    """The list of the latest batch the dossier moved in: desk → unit, or unit → desk."""
    dossier = load(session, code, lock=False)
    last = next(
        (
            e
            for e in session.scalars(
                select(Event)
                .where(Event.dossier_id == dossier.id, Event.kind.in_(MOVES), APPLIED)
                .order_by(Event.desk_seq.desc())
            )
            if e.data.get("batch")
        ),
        None,
    )
    if last is None:
        raise ValidationError(f"Hồ sơ {dossier.code} chưa được bàn giao.", "form")
    batch = last.data.get("batch", "")
    # A batch is written in one transaction: its events are neighbours in the desk sequence.
    near = select(Event).where(
        Event.desk_id == last.desk_id,
        Event.desk_seq.between(last.desk_seq - BATCH_MAX, last.desk_seq + BATCH_MAX),
    )
    ids = [
        e.dossier_id
        for e in session.scalars(near.where(APPLIED))
        if e.kind == last.kind and e.data.get("batch") == batch
    ]
    views = [
        dossier_by_code(session, d.code)
        for d in session.scalars(select(Dossier).where(Dossier.id.in_(ids)).order_by(Dossier.code))
    ]
    agency = session.get_one(Agency, dossier.agency_id)
    first = next(
        h for h in views[0].history if h.event == last.kind and h.data.get("batch") == batch
    )
    lines = tuple(
        p.HandoverLine(
            v.code,
            v.applicant.name,
            v.procedure_name,
            v.due_at,
            OUTCOME_LABELS.get(v.outcome or "", "") if last.kind == EventKind.RESULT_BACK else "",
        )
        for v in views
    )
    names = _unit_names(session, agency)
    return p.HandoverData(
        printouts.agency_header(agency),
        unit_shown(first.from_unit, names.get(first.from_unit or ""), DESK),
        unit_shown(first.to_unit, names.get(first.to_unit or ""), DESK),
        last.at,
        lines,
        str(batch),
    )
