"""The desk's own queue as rows: finding services and tickets, the line's order, and the
plain answers made from them (queue/local.py acts, this reads)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from counter_app.models import QueueCall, QueueLink, QueueService, QueueTicket
from counter_app.models.queue import WAITING
from counter_app.queue.base import (
    SKIP_WINDOW,
    Call,
    Called,
    Issued,
    Service,
    Ticket,
    TicketTime,
    label,
    seconds,
    serves_nothing,
    split_label,
    unknown_service,
    unknown_ticket,
)


def counters_of(service: QueueService) -> tuple[int, ...]:
    return tuple(int(c) for c in service.counters.split(",") if c)


def service_row(session: Session, prefix: str) -> QueueService:
    found = session.scalars(select(QueueService).where(QueueService.prefix == prefix)).first()
    if found is None:
        raise unknown_service(prefix)
    return found


def waiting_counts(session: Session, day: date) -> dict[uuid.UUID, int]:
    return dict(
        session.execute(  # type: ignore[arg-type]
            select(QueueTicket.service_id, func.count())
            .where(QueueTicket.day == day, QueueTicket.state.in_(WAITING))
            .group_by(QueueTicket.service_id)
        ).all()
    )


def services(session: Session, day: date) -> list[Service]:
    waiting = waiting_counts(session, day)
    return [
        Service(s.prefix, s.name, counters_of(s), s.open, waiting.get(s.id, 0))
        for s in session.scalars(select(QueueService).order_by(QueueService.prefix))
    ]


def service(session: Session, prefix: str, day: date) -> Service:
    return next(s for s in services(session, day) if s.prefix == prefix)


def served_by(session: Session, counter: int) -> list[uuid.UUID]:
    """The services a counter calls from (open or not: closing a line stops its tickets,
    not its calls); refused when there is none."""
    ids = [
        s.id
        for s in session.scalars(select(QueueService))
        if not s.counters or counter in counters_of(s)
    ]
    if not ids:
        raise serves_nothing(counter)
    return ids


def today_ticket(session: Session, ticket: str, day: date, lock: bool = False) -> QueueTicket:
    prefix, number = split_label(ticket)
    query = select(QueueTicket).where(
        QueueTicket.day == day, QueueTicket.prefix == prefix, QueueTicket.number == number
    )
    found = session.scalars(query.with_for_update() if lock else query).first()
    if found is None:
        raise unknown_ticket(label(prefix, number))
    return found


def next_in_line(session: Session, counter: int, day: date) -> QueueTicket | None:
    """The ticket a counter calls next: of the services it serves (or sent to it), back
    at the head first, then priority, then the order of issue. Locked, skipping a row
    another caller holds (PostgreSQL; SQLite's writers take turns)."""
    served = served_by(session, counter)
    return session.scalars(
        select(QueueTicket)
        .where(
            QueueTicket.day == day,
            QueueTicket.state.in_(WAITING),
            or_(
                QueueTicket.wanted_counter == counter,
                and_(QueueTicket.wanted_counter.is_(None), QueueTicket.service_id.in_(served)),
            ),
        )
        .order_by(QueueTicket.ahead.desc(), QueueTicket.priority.desc(), QueueTicket.seq)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def current(session: Session, counter: int, day: date) -> QueueTicket | None:
    """The ticket a counter has called and still has: its latest call's, if that ticket
    is still called there (not skipped, transferred or called elsewhere since)."""
    found = session.scalars(
        select(QueueTicket)
        .join(QueueCall, QueueCall.ticket_id == QueueTicket.id)
        .where(QueueCall.counter == counter, QueueTicket.day == day)
        .order_by(QueueCall.id.desc())
        .limit(1)
    ).first()
    if found is None or found.state != "called" or found.counter != counter:
        return None
    return found


def expire(session: Session, now: datetime) -> None:
    """Today's skipped tickets past the skip window are gone."""
    session.execute(
        update(QueueTicket)
        .where(
            QueueTicket.day == now.date(),
            QueueTicket.state == "skipped",
            QueueTicket.skipped_at < now - SKIP_WINDOW,
        )
        .values(state="gone")
    )


def prefix_of(session: Session, ticket: QueueTicket) -> str:
    return str(session.get_one(QueueService, ticket.service_id).prefix)


def waiting_before(session: Session, ticket: QueueTicket) -> int:
    """Tickets of its line that its line calls before it, now."""
    rows = session.execute(
        select(QueueTicket.ahead, QueueTicket.priority, QueueTicket.seq).where(
            QueueTicket.day == ticket.day,
            QueueTicket.state.in_(WAITING),
            QueueTicket.service_id == ticket.service_id,
            QueueTicket.id != ticket.id,
        )
    ).all()
    mine = (not ticket.ahead, not ticket.priority, ticket.seq)
    return sum(1 for ahead, priority, seq in rows if (not ahead, not priority, seq) < mine)


def issued(session: Session, ticket: QueueTicket) -> Issued:
    line = session.get_one(QueueService, ticket.service_id)
    return Issued(
        label(ticket.prefix, ticket.number),
        line.prefix,
        line.name,
        ticket.priority,
        waiting_before(session, ticket),
        ticket.issued_at,
    )


def called(session: Session, ticket: QueueTicket, kind: str = "call") -> Called:
    assert ticket.called_at is not None and ticket.counter is not None
    return Called(
        label(ticket.prefix, ticket.number),
        prefix_of(session, ticket),
        ticket.counter,
        ticket.called_at,
        seconds(ticket.called_at, ticket.issued_at),
        ticket.priority,
        ticket.recalls,
        kind,
    )


def view(session: Session, ticket: QueueTicket, now: datetime) -> Ticket:
    """The ticket as it stands at `now` (skipped past the window: gone, even before a
    change has written so)."""
    past = ticket.state == "skipped" and ticket.skipped_at and ticket.skipped_at < now - SKIP_WINDOW
    return Ticket(
        label(ticket.prefix, ticket.number),
        prefix_of(session, ticket),
        "gone" if past else ticket.state,
        ticket.priority,
        ticket.issued_at,
        ticket.called_at,
        ticket.counter,
        ticket.wanted_counter,
        ticket.recalls,
    )


def last_calls(session: Session, day: date, count: int) -> list[Call]:
    rows = session.execute(
        select(QueueTicket.prefix, QueueTicket.number, QueueService.prefix, QueueCall)
        .join(QueueTicket, QueueTicket.id == QueueCall.ticket_id)
        .join(QueueService, QueueService.id == QueueTicket.service_id)
        .where(QueueTicket.day == day)
        .order_by(QueueCall.id.desc())
        .limit(count)
    ).all()
    return [Call(label(p, n), line, c.counter, c.at, c.kind) for p, n, line, c in rows]


def times(session: Session, first: date, last: date) -> list[TicketTime]:
    rows = session.execute(
        select(QueueTicket, QueueService.prefix, QueueLink)
        .join(QueueService, QueueService.id == QueueTicket.service_id)
        .outerjoin(QueueLink, QueueLink.ticket_id == QueueTicket.id)
        .where(
            QueueTicket.day >= first, QueueTicket.day <= last, QueueTicket.called_at.is_not(None)
        )
        .order_by(QueueTicket.day, QueueTicket.seq, QueueLink.ended_at)
    ).all()
    found = []
    for t, line, link in rows:
        assert t.called_at is not None and t.counter is not None
        found.append(
            TicketTime(
                t.day,
                label(t.prefix, t.number),
                line,
                t.counter,
                t.officer or "",
                t.issued_at,
                t.called_at,
                seconds(t.called_at, t.issued_at),
                link.dossier_id if link else None,
                link.action if link else None,
                link.ended_at if link else None,
                seconds(link.ended_at, t.called_at) if link else None,
            )
        )
    return found
