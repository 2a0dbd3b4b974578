"""The desk's own queue, in its database (a desk without an office server): the `Queue`
of queue/base.py on the tables of models/queue.py.

Each method is one unit of work. A writing one starts with the database's write lock
(SQLite's `BEGIN IMMEDIATE`: two processes of one desk take turns), and the next ticket
is taken with `FOR UPDATE SKIP LOCKED` (what PostgreSQL needs when a desk's database is
one; SQLite ignores it): a ticket is never called twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from counter_app import clock
from counter_app.db import unit_of_work
from counter_app.models import QueueCall, QueueTicket
from counter_app.models.queue import WAITING
from counter_app.queue import local_changes as changes
from counter_app.queue import local_rows as rows
from counter_app.queue.base import (
    LAST_CALLS,
    Called,
    Issued,
    Linked,
    QueueRefused,
    Service,
    Status,
    Ticket,
    TicketTime,
    cannot_call,
    checked_action,
    checked_counter,
    checked_counters,
    checked_label,
    checked_name,
    checked_prefix,
    checked_token,
    nothing_called,
    officer_name,
)

T = TypeVar("T")
RETRIES = 3  # a unique key taken meanwhile by another writer (PostgreSQL): try again


class LocalQueue:
    """The queue of one desk's database (docs/queue.md, "Without an office server")."""

    def __init__(
        self, sessions: sessionmaker[Session], now: Callable[[], datetime] = clock.now
    ) -> None:
        self.sessions = sessions
        self.now = now

    def close(self) -> None:
        """Nothing held between calls (each opens its own unit of work)."""

    def _read(self, work: Callable[[Session, datetime], T]) -> T:
        with unit_of_work(self.sessions) as session:
            return work(session, self.now())

    def _write(self, work: Callable[[Session, datetime], T]) -> T:
        for attempt in range(RETRIES):
            try:
                with unit_of_work(self.sessions, write=True) as session:
                    return work(session, self.now())
            except IntegrityError:
                if attempt == RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    # services

    def services(self) -> list[Service]:
        return self._read(lambda s, now: rows.services(s, now.date()))

    def add_service(self, prefix: str, name: str, counters: tuple[int, ...] = ()) -> Service:
        prefix, name, counters = (
            checked_prefix(prefix),
            checked_name(name),
            checked_counters(counters),
        )
        return self._write(lambda s, now: changes.add_service(s, now, prefix, name, counters))

    def change_service(
        self,
        prefix: str,
        name: str | None = None,
        counters: tuple[int, ...] | None = None,
        open: bool | None = None,
    ) -> Service:
        prefix = checked_prefix(prefix)
        name = None if name is None else checked_name(name)
        counters = None if counters is None else checked_counters(counters)
        return self._write(
            lambda s, now: changes.change_service(s, now, prefix, name, counters, open)
        )

    # tickets and calls

    def issue(self, service: str, priority: bool = False, token: str | None = None) -> Issued:
        prefix, token = checked_prefix(service), checked_token(token)
        return self._write(lambda s, now: changes.issue(s, now, prefix, priority, token))

    def call_next(self, counter: int, officer: str, token: str | None = None) -> Called | None:
        counter, officer, token = (
            checked_counter(counter),
            officer_name(officer),
            checked_token(token),
        )

        def work(s: Session, now: datetime) -> Called | None:
            if token is not None:
                given = s.scalars(select(QueueCall).where(QueueCall.token == token)).first()
                if given is not None:  # a retry: the call already made, not another one
                    return rows.called(s, s.get_one(QueueTicket, given.ticket_id))
            rows.expire(s, now)
            ticket = rows.next_in_line(s, counter, now.date())
            if ticket is None:
                return None
            return changes.call(s, ticket, counter, officer, now, token)

        return self._write(work)

    def call_ticket(self, ticket: str, counter: int, officer: str) -> Called:
        ticket, counter, officer = (
            checked_label(ticket),
            checked_counter(counter),
            officer_name(officer),
        )

        def work(s: Session, now: datetime) -> Called:
            rows.expire(s, now)
            found = rows.today_ticket(s, ticket, now.date(), lock=True)
            if found.state not in (*WAITING, "skipped"):
                raise cannot_call(ticket, found.state, found.counter)
            return changes.call(s, found, counter, officer, now, None)

        return self._write(work)

    def recall(self, counter: int, officer: str) -> Called:
        counter, officer = checked_counter(counter), officer_name(officer)

        def work(s: Session, now: datetime) -> Called:
            found = rows.current(s, counter, now.date())
            if found is None:
                raise nothing_called(counter, "gọi lại")
            found.recalls += 1
            s.add(
                QueueCall(
                    ticket_id=found.id, counter=counter, officer=officer, at=now, kind="recall"
                )
            )
            s.flush()
            return rows.called(s, found, "recall")

        return self._write(work)

    def skip(self, counter: int, officer: str) -> Ticket:
        counter, officer = checked_counter(counter), officer_name(officer)

        def work(s: Session, now: datetime) -> Ticket:
            found = rows.current(s, counter, now.date())
            if found is None:
                raise nothing_called(counter, "bỏ qua")
            found.state, found.skipped_at = "skipped", now
            s.flush()
            return rows.view(s, found, now)

        return self._write(work)

    def back(self, ticket: str) -> Ticket:
        ticket = checked_label(ticket)

        def work(s: Session, now: datetime) -> Ticket:
            rows.expire(s, now)
            found = rows.today_ticket(s, ticket, now.date(), lock=True)
            if found.state != "skipped":
                raise cannot_call(ticket, found.state, found.counter)
            found.state, found.ahead, found.skipped_at = "waiting", True, None
            s.flush()
            return rows.view(s, found, now)

        return self._write(work)

    def transfer(
        self, ticket: str, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket:
        ticket = checked_label(ticket)
        prefix = None if to_service is None else checked_prefix(to_service)
        counter = None if to_counter is None else checked_counter(to_counter)
        if prefix is None and counter is None:
            raise QueueRefused("Cho biết hàng chờ (--to) hoặc quầy (--to-counter) nhận số.")
        return self._write(lambda s, now: changes.transfer(s, now, ticket, prefix, counter))

    def ticket(self, ticket: str) -> Ticket:
        ticket = checked_label(ticket)
        return self._read(
            lambda s, now: rows.view(s, rows.today_ticket(s, ticket, now.date()), now)
        )

    def link(self, ticket: str, dossier_id: uuid.UUID, action: str, ended_at: datetime) -> Linked:
        ticket, action = checked_label(ticket), checked_action(action)
        return self._write(
            lambda s, now: changes.link(s, now, ticket, dossier_id, action, ended_at)
        )

    # reading

    def status(self, last_calls: int = LAST_CALLS) -> Status:
        return self._read(
            lambda s, now: Status(
                tuple(rows.services(s, now.date())),
                tuple(rows.last_calls(s, now.date(), max(0, min(last_calls, 50)))),
            )
        )

    def times(self, first: date, last: date) -> list[TicketTime]:
        return self._read(lambda s, _: rows.times(s, first, last))
