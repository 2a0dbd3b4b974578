"""The outbox as the sender uses it: claim the next message, settle it by the gateway's
answer. Who may send what:

* a dossier's messages go one at a time in their order: a message is taken only when no
  earlier message of its dossier is pending. A refused (failed) one holds nothing back: it
  keeps its code and reason (`portal status` lists them, `portal retry` sends it again),
  and the dossier's next event sends its current facts anyway;
* a DongBoHoSoMC goes as a create (`isUpdating` False) while no DongBoHoSoMC of its dossier
  has been sent, as an update after: decided when it is claimed, from the table (`created`),
  so a dossier whose first message was refused goes out whole, as a create, with its next
  event. The flag stored with the message is only what its event expected;
* a claim is a write transaction (on SQLite BEGIN IMMEDIATE: one writer at a time; on
  PostgreSQL the row lock of the UPDATE) that moves the message's `next_at` past the
  time a send can take (`lease`) and counts the attempt, guarded by the `next_at` it read:
  two senders started at once never both take it. A sender killed while sending leaves
  the claim to run out; the next sends the message again under the same `message_id`,
  which the gateway takes as the same message;
* a message is marked sent only by the gateway's error_code 0, after the answer came.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from counter_app.models.portal import DOSSIER, PortalMessage
from counter_app.portal.gateway import Answer

M = PortalMessage
TABLE = cast(Table, M.__table__)
BACKOFF_MAX = 3600.0
WAITING = ("pending",)  # what holds a dossier's later messages back
# Made once: a new alias at each claim cost SQLAlchemy 2 ms to adapt (bench/portal.py).
EARLIER = aliased(M, name="earlier")
SENT = aliased(M, name="sent")


@dataclass(frozen=True)
class Claimed:
    id: uuid.UUID
    service: str
    is_update: bool
    body: Any
    attempts: int


def created() -> Any:
    """Whether the portal has the message's dossier: one of its DongBoHoSoMC was sent."""
    sent = SENT
    return exists().where(
        sent.dossier_id == M.dossier_id, sent.service == DOSSIER, sent.state == "sent"
    )


def _ready(now: datetime) -> Any:
    earlier = EARLIER
    held_back = exists().where(
        earlier.dossier_id == M.dossier_id,
        earlier.position < M.position,
        earlier.state.in_(WAITING),
    )
    return and_(M.state == "pending", M.next_at <= now, ~held_back)


def claim(session: Session, now: datetime, lease: float) -> Claimed | None:
    """The next message to send, taken for `lease` seconds; None when none is ready."""
    query = select(
        M.id, M.service, M.is_update, M.body, M.attempts, M.next_at, created().label("created")
    ).where(_ready(now))
    # The earliest due first, along the (state, next_at) index: stops at the first ready
    # row. By position, every claim sorted all that is pending (50 ms at 10,000).
    query = query.order_by(M.next_at, M.position).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=M)
    row = session.execute(query).first()
    if row is None:
        return None
    taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(M)
        .where(M.id == row.id, M.state == "pending", M.next_at == row.next_at)
        .values(next_at=now + timedelta(seconds=lease), attempts=M.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # another sender took it between the read and the write
        return None
    as_update = bool(row.created) if row.service == DOSSIER else row.is_update
    return Claimed(row.id, row.service, as_update, row.body, row.attempts + 1)


def settle(
    session: Session, claimed: Claimed, answer: Answer, now: datetime, backoff: float
) -> str:
    """Record what the attempt came to; returns the message's state."""
    values: dict[str, Any]
    if answer.code == 0:
        values = {"state": "sent", "sent_at": now, "error_code": 0, "reason": None}
    elif answer.code is None:  # no decision: try again later, nothing marked
        wait = min(backoff * 2 ** max(claimed.attempts - 1, 0), BACKOFF_MAX)
        values = {"next_at": now + timedelta(seconds=wait), "reason": answer.reason[:500]}
    else:
        values = {"state": "failed", "error_code": answer.code, "reason": answer.reason[:500]}
    session.execute(
        update(M)
        .where(M.id == claimed.id, M.state == "pending")
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return str(values.get("state", "pending"))


def release(
    session: Session, claimed: Claimed, reason: str | None, now: datetime, begun: bool = False
) -> None:
    """The pass stopped before the gateway decided: the claim is given back at once, the
    reason kept (None: the last one stays). A send never `begun` (the gateway could not be
    reached, or the message was not tried) gives its attempt back too, so an outage does
    not lengthen the message's next back-off. Only our own claim: once another sender has
    taken the message again, it is left to that one."""
    values: dict[str, Any] = {"next_at": now, "attempts": M.attempts - (0 if begun else 1)}
    if reason is not None:
        values["reason"] = reason[:500]
    session.execute(
        update(M)
        .where(M.id == claimed.id, M.state == "pending", M.attempts == claimed.attempts)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).where(M.state == "pending")) or 0


def next_due(session: Session) -> datetime | None:
    """When the earliest pending message not held back may be tried."""
    earlier = EARLIER
    held_back = exists().where(
        earlier.dossier_id == M.dossier_id,
        earlier.position < M.position,
        earlier.state.in_(WAITING),
    )
    return session.scalar(select(func.min(M.next_at)).where(M.state == "pending", ~held_back))
