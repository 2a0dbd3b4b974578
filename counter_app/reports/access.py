"""Who may see the figures, and the record that they were seen: leaders and inspectors
(and everyone on a database without login), each report or export in the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail


def seen(
    session: Session,
    actor: Actor,
    report: str,
    now: datetime,
    exported: bool = False,
    **detail: Any,
) -> None:
    """Refused (PermissionDenied) for a role without reports; else one audit entry."""
    require(actor, Permission.REPORTS)
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.EXPORT if exported else trail.Action.REPORT,
        now,
        detail={"report": report} | {k: str(v) for k, v in detail.items()},
    )
