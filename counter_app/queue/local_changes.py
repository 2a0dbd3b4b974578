"""The desk's own queue, its changes: each function is the body of one of LocalQueue's
units of work (queue/local.py), on a session that holds the database's write lock."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.models import QueueCall, QueueLink, QueueService, QueueTicket, new_id
from counter_app.queue import local_rows as rows
from counter_app.queue.base import (
    Called,
    Issued,
    Linked,
    QueueRefused,
    Service,
    Ticket,
    cannot_call,
    label,
    not_called,
    seconds,
)


def add_service(
    s: Session, now: datetime, prefix: str, name: str, counters: tuple[int, ...]
) -> Service:
    if s.scalars(select(QueueService.id).where(QueueService.prefix == prefix)).first():
        raise QueueRefused(f"Đã có hàng chờ {prefix}: mỗi hàng chờ một ký hiệu riêng.")
    text = ",".join(str(c) for c in counters)
    s.add(QueueService(id=new_id(), prefix=prefix, name=name, counters=text, created_at=now))
    s.flush()
    return rows.service(s, prefix, now.date())


def change_service(
    s: Session,
    now: datetime,
    prefix: str,
    name: str | None,
    counters: tuple[int, ...] | None,
    open: bool | None,
) -> Service:
    line = rows.service_row(s, prefix)
    if name is not None:
        line.name = name
    if counters is not None:
        line.counters = ",".join(str(c) for c in counters)
    if open is not None:
        line.open = open
    s.flush()
    return rows.service(s, prefix, now.date())


def issue(s: Session, now: datetime, prefix: str, priority: bool, token: str | None) -> Issued:
    """A new ticket: the day's next number of its letters, the next place of issue. The
    same token again: the ticket it gave (a retry), if it asks for the same."""
    if token is not None:
        given = s.scalars(select(QueueTicket).where(QueueTicket.token == token)).first()
        if given is not None:
            if given.prefix != prefix or given.priority != priority:
                raise QueueRefused(
                    f"Mã yêu cầu này đã cấp số {label(given.prefix, given.number)} cho "
                    "một yêu cầu khác."
                )
            return rows.issued(s, given)
    line = rows.service_row(s, prefix)
    if not line.open:
        raise QueueRefused(f"Hàng chờ {prefix} ({line.name}) đang ngừng cấp số.")
    day = now.date()
    number = s.scalar(
        select(func.max(QueueTicket.number)).where(
            QueueTicket.day == day, QueueTicket.prefix == prefix
        )
    )
    seq = s.scalar(select(func.max(QueueTicket.seq)))
    ticket = QueueTicket(
        id=new_id(),
        seq=(seq or 0) + 1,
        day=day,
        prefix=prefix,
        number=(number or 0) + 1,
        service_id=line.id,
        priority=priority,
        ahead=False,
        state="waiting",
        issued_at=now,
        token=token,
        recalls=0,
    )
    s.add(ticket)
    s.flush()
    return rows.issued(s, ticket)


def call(
    s: Session, ticket: QueueTicket, counter: int, officer: str, now: datetime, token: str | None
) -> Called:
    ticket.state, ticket.called_at, ticket.counter, ticket.officer = "called", now, counter, officer
    ticket.ahead, ticket.wanted_counter, ticket.skipped_at = False, None, None
    s.add(
        QueueCall(
            ticket_id=ticket.id, counter=counter, officer=officer, at=now, kind="call", token=token
        )
    )
    s.flush()
    return rows.called(s, ticket)


def transfer(
    s: Session, now: datetime, ticket: str, prefix: str | None, counter: int | None
) -> Ticket:
    """To another service's line (keeping its place by its printing time) and/or to one
    counter; the number stays."""
    rows.expire(s, now)
    found = rows.today_ticket(s, ticket, now.date(), lock=True)
    if found.state in ("served", "gone"):
        raise cannot_call(ticket, found.state, found.counter)
    target = rows.service_row(s, prefix) if prefix else None
    if counter is not None:
        rows.served_by(s, counter)  # a counter that calls nothing gets nothing
    moved = target is not None and target.id != found.service_id
    if target is not None and not moved and counter is None:
        raise QueueRefused(f"Số {ticket} đã ở hàng chờ {prefix}.")
    if not moved and counter == found.wanted_counter and found.state == "transferred":
        raise QueueRefused(f"Số {ticket} đã được chuyển cho quầy {counter}.")
    if target is not None and moved:
        found.from_service_id, found.service_id = found.service_id, target.id
    found.state, found.wanted_counter = "transferred", counter
    found.ahead, found.skipped_at = False, None
    s.flush()
    return rows.view(s, found, now)


def link(
    s: Session, now: datetime, ticket: str, dossier_id: uuid.UUID, action: str, ended_at: datetime
) -> Linked:
    """The dossier a called ticket led to; its end taken between the call and now."""
    found = rows.today_ticket(s, ticket, now.date(), lock=True)
    if found.state not in ("called", "served") or found.called_at is None:
        raise not_called(ticket)
    ended = min(max(ended_at, found.called_at), now)
    kept = s.get(QueueLink, (found.id, dossier_id, action))
    if kept is None:  # the same link again: kept as first recorded
        kept = QueueLink(ticket_id=found.id, dossier_id=dossier_id, action=action, ended_at=ended)
        s.add(kept)
    found.state = "served"
    s.flush()
    return Linked(
        ticket,
        dossier_id,
        action,
        seconds(found.called_at, found.issued_at),
        seconds(kept.ended_at, found.called_at),
    )
