"""`portal retry`: the messages the gateway refused, sent again once their cause is fixed
(a procedure code corrected in the catalog, a field the province's gateway wanted).

A refused message keeps its code and reason until the leader (or an administrator) puts
it back to pending, its attempts counted from nought; the sender then takes it in its
dossier's order like any other. One exception: a refused DongBoHoSoMC after which a later
DongBoHoSoMC of the same dossier went through is not sent again. The portal has the
dossier's newer facts; the older ones would put its status back. It is held (`held`, its
code and reason kept), and no longer listed among the failures.

Each retry is an entry of the audit trail (the dossier's code, or none for every dossier,
and the counts: nothing about the citizen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, and_, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.models.portal import DOSSIER
from counter_app.models.portal import PortalMessage as M
from counter_app.services.codes.codes import unknown_dossier
from counter_app.text import normalise_code


@dataclass(frozen=True)
class Retried:
    pending: int  # put back to pending
    held: int  # older dossier facts than the portal has: not sent again
    dossiers: int


def _superseded() -> Any:
    later = aliased(M)
    return and_(
        M.service == DOSSIER,
        exists().where(
            later.dossier_id == M.dossier_id,
            later.service == DOSSIER,
            later.state == "sent",
            later.position > M.position,
        ),
    )


def _changed(session: Session, statement: Any) -> int:
    done: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        statement.execution_options(synchronize_session=False)
    )
    return int(done.rowcount)


def retry(session: Session, actor: Actor, now: datetime, code: str | None) -> Retried:
    """Every refused message of the dossier `code` (None: of every dossier) back to
    pending, in the caller's transaction, with its audit entry. A code the outbox has no
    message of is refused (UnknownDossier), nothing written."""
    require(actor, Permission.PORTAL)
    refused = M.state == "failed"
    if code is not None:
        code = normalise_code(code)
        if session.scalar(select(M.id).where(M.code == code).limit(1)) is None:
            raise unknown_dossier(session, code)
        refused = and_(refused, M.code == code)
    dossiers = session.scalar(select(func.count(func.distinct(M.dossier_id))).where(refused))
    held = _changed(session, update(M).where(refused, _superseded()).values(state="held"))
    pending = _changed(
        session,
        update(M)
        .where(refused)
        .values(state="pending", attempts=0, next_at=now, error_code=None, reason=None),
    )
    done = Retried(pending, held, int(dossiers or 0))
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.PORTAL_RETRY,
        now,
        code=code,
        detail={"messages": done.pending, "held": done.held, "dossiers": done.dossiers},
    )
    return done
