"""The desk's own queue (docs/queue.md), for a desk without an office server: services,
the day's tickets, the calls made and the dossiers a called ticket led to. A joined desk
keeps none of this: the office server's queue is the only one (sync SQL 0022).

Nothing here is synced or shown with a citizen's data: a ticket is a number, a service
and times."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, DayNumber

# waiting: in its service's line; transferred: in the line of the service (or for the
# counter) it was sent to; called: at a counter now; served: linked to a dossier it led
# to; skipped: called, not there, may come back within the skip window; gone: a skipped
# ticket past the window. A line ends with its day: what is left waiting is never called.
WAITING = ("waiting", "transferred")


class QueueService(Base):
    """A line (hàng chờ): its letters, its name, the counters that call from it (empty:
    every counter) and whether the kiosk gives tickets for it."""

    __tablename__ = "queue_services"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    counters: Mapped[str] = mapped_column(String(200))  # "1,2"; "": every counter
    open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class QueueTicket(Base):
    """One ticket: `prefix` and `number` make its label (A021) for its `day`, kept when it
    is transferred; `seq` is the order tickets were issued in (the line's order)."""

    __tablename__ = "queue_tickets"
    __table_args__ = (
        UniqueConstraint("day", "prefix", "number", name="uq_queue_tickets_label"),
        Index("ix_queue_tickets_line", "day", "state", "seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    day: Mapped[date] = mapped_column(DayNumber())
    prefix: Mapped[str] = mapped_column(String(3))
    number: Mapped[int]
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queue_services.id"))
    priority: Mapped[bool] = mapped_column(default=False)
    ahead: Mapped[bool] = mapped_column(default=False)  # back at the head of its line
    state: Mapped[str] = mapped_column(String(12))
    issued_at: Mapped[datetime]
    token: Mapped[str | None] = mapped_column(String(64), unique=True)  # the kiosk's retry key
    called_at: Mapped[datetime | None]  # its last call (not a recall)
    counter: Mapped[int | None]
    officer: Mapped[str | None] = mapped_column(String(60))
    recalls: Mapped[int] = mapped_column(default=0)
    skipped_at: Mapped[datetime | None]
    from_service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queue_services.id"))
    wanted_counter: Mapped[int | None]  # transferred to one counter


class QueueCall(Base):
    """A call shown on the hall's display and spoken: `call` (F12, or a ticket called by
    its number) or `recall`. Numbered in the order made (the display's last calls)."""

    __tablename__ = "queue_calls"
    __table_args__ = (Index("ix_queue_calls_counter", "counter", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queue_tickets.id"))
    counter: Mapped[int]
    officer: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(8))
    token: Mapped[str | None] = mapped_column(String(64), unique=True)  # the desk's retry key


class QueueLink(Base):
    """A dossier a called ticket led to: received or returned, and when that ended."""

    __tablename__ = "queue_links"

    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queue_tickets.id"), primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(10), primary_key=True)  # reception | return
    ended_at: Mapped[datetime]
