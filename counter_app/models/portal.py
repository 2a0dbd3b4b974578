"""The national portal's outbox (docs/portal.md): one row per message the province's
gateway must receive, written in the transaction of the dossier event it tells about
(counter_app/facts/portal_outbox.py) and drained by `portal send` (counter_app/portal/)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base

DOSSIER = "DongBoHoSoMC"  # the dossier with its current facts
PROGRESS = "CapNhatTienDoHoSoMC"  # one step of its processing
SERVICES = (DOSSIER, PROGRESS)
STATES = ("pending", "sent", "failed", "held", "office")  # office: handed to the office server


class PortalMessage(Base):
    """One message: its id is derived from its event's and its service (uuid5), so a
    message written twice (a sync's repeat) is the same row and the gateway sees the same
    `message_id` whenever it is sent again. `position` grows on each desk with the events
    (the event's desk_seq): a dossier's messages are sent in its order, one at a time.

    `state`: pending (to send; `next_at` says from when: a back-off after a failed
    attempt, or a sender's claim while it sends), sent (the gateway answered error_code
    0), failed (the gateway refused it: `error_code` and its `reason` kept; the dossier's
    later messages go on; `portal retry` puts it back to pending), held (not to be sent).
    `attempts` counts the sends begun; `reason` says in Vietnamese why the last attempt did
    not succeed."""

    __tablename__ = "portal_messages"
    __table_args__ = (
        Index("ix_portal_messages_state_next", "state", "next_at"),
        Index("ix_portal_messages_dossier", "dossier_id", "position"),
        Index("ix_portal_messages_created", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column()
    dossier_id: Mapped[uuid.UUID] = mapped_column()
    code: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column()
    service: Mapped[str] = mapped_column(String(30))
    is_update: Mapped[bool] = mapped_column()
    body: Mapped[Any] = mapped_column(JSON())
    state: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(default=0)
    error_code: Mapped[int | None] = mapped_column()
    reason: Mapped[str | None] = mapped_column(String(500))
    next_at: Mapped[datetime] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()


def sent_stub(code: str) -> list[dict[str, str]]:
    """What stays of a message's body once the portal has had it long enough
    (portal/compaction.py): its dossier's code alone, which an office server still takes as
    that dossier's message (server SQL 0021 checks the code of each element)."""
    return [{"MaHoSo": code}]


def is_sent_stub(body: Any) -> bool:
    """A body compacted to `sent_stub`: never to be sent again (a message's real body
    carries the dossier's or the step's facts beside its code)."""
    return (
        isinstance(body, list)
        and len(body) == 1
        and isinstance(body[0], dict)
        and set(body[0]) == {"MaHoSo"}
    )
