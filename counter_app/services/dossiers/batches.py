"""Batches of paper dossiers moved together: to a unit, or results back from units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.errors import IllegalTransition
from counter_app.formats import show_datetime
from counter_app.models import Dossier, ProcedureVersion, Unit, new_id
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.events import EventKind
from counter_app.services.dossiers.views import DossierView, done, dossier_by_code, unit_shown
from counter_app.services.dossiers.workflow import Action, check

DIRECTIONS = (Action.HANDOFF, Action.RESULT)


@dataclass(frozen=True)
class BatchLine:
    code: str
    applicant: str
    procedure: str
    due_at: datetime | None
    unit: str | None  # where the paper dossier is now (None: at the desk)
    procedure_unit: str | None = None  # the unit the procedure names (catalog `unit`)
    unit_name: str | None = None  # the units' names in the catalog
    procedure_unit_name: str | None = None

    @property
    def where(self) -> str:
        return unit_shown(self.unit, self.unit_name)

    @property
    def procedure_unit_shown(self) -> str:
        return unit_shown(self.procedure_unit, self.procedure_unit_name)


_PROCEDURE_UNIT = (
    select(Unit.code, Unit.name)
    .join(ProcedureVersion, ProcedureVersion.unit_id == Unit.id)
    .join(Dossier, Dossier.procedure_version_id == ProcedureVersion.id)
    .where(Dossier.code == bindparam("code"))
)


def candidate(session: Session, code: str, action: Action) -> BatchLine:
    """The dossier as a line of the batch; refused (typed error) if the move is illegal."""
    view = dossier_by_code(session, code)
    check(view.status, action)
    if action == Action.HANDOFF and view.current_unit:
        raise already_handed(view)
    unit, unit_name = session.execute(_PROCEDURE_UNIT, {"code": view.code}).first() or (None, None)
    return BatchLine(
        view.code,
        view.applicant.name,
        view.procedure_name,
        view.due_at,
        view.current_unit,
        unit,
        view.current_unit_name,
        unit_name,
    )


def already_handed(view: DossierView) -> IllegalTransition:
    """A dossier scanned into a desk → unit batch that a unit holds already: which unit (by
    name) and since when, so the officer knows where the paper went (nothing personal)."""
    handed = [h for h in done(view.history) if h.event == EventKind.HANDED_OVER]
    since = f" lúc {show_datetime(handed[-1].at)}" if handed else ""
    return IllegalTransition(
        f"Hồ sơ đã bàn giao cho {view.where}{since}.", view.status, Action.HANDOFF.value
    )  # the batch's line and status say the code


def confirm(
    session: Session,
    actor: Actor,
    action: Action,
    codes: list[str],
    unit: str | None,
    note: str | None,
    now: datetime,
    outcomes: dict[str, str] | None = None,
) -> list[str]:
    """Record the whole batch in one unit of work: all of it, or nothing. Results back
    take each dossier's outcome (approved unless said otherwise)."""
    if action == Action.HANDOFF:
        return [d.code for d in lifecycle.handoff(session, actor, codes, unit or "", note, now)]
    batch, outcomes = str(new_id()), outcomes or {}
    return [
        lifecycle.result(
            session, actor, code, outcomes.get(code, "approved"), note, now, batch=batch
        ).code
        for code in codes
    ]
