"""The desk's own queue with several callers at once (issue 22): the kiosk window and the
desk's windows, or two processes on one desk's database, each with a connection of its
own, call while tickets are issued. Each ticket is called once and none is lost (counted
in the database); on SQLite the writers take turns, on PostgreSQL (a desk whose database
is one) the next ticket is taken FOR UPDATE SKIP LOCKED."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select

from counter_app.clock import LOCAL_TZ
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import QueueCall, QueueTicket
from counter_app.queue.local import LocalQueue
from tests.queue_race import race

CALLERS = 4
TICKETS = 120


def noon() -> datetime:
    """One moment of one day for every caller: tickets are numbered per local day, so a run
    across midnight would see A001 twice, a ticket of each day (CI once ran at 00:00)."""
    return datetime(2026, 12, 7, 12, 0, tzinfo=LOCAL_TZ)


def test_callers_at_once_never_call_a_ticket_twice(any_url):
    engines = [make_engine(any_url) for _ in range(CALLERS + 1)]
    migrate(engines[0])
    queues = [LocalQueue(session_factory(e), noon) for e in engines]
    queues[0].add_service("A", "Hộ tịch")
    queues[0].add_service("B", "Đất đai", (2, 4))
    try:
        got = race(lambda: queues[0], lambda counter: queues[counter], CALLERS, TICKETS, "AB", 5)
        assert got.failures == []
        assert len(got.issued) == TICKETS and Counter(got.called).most_common(1)[0][1] == 1
        assert sorted(got.called) == sorted(got.issued)
        with unit_of_work(queues[0].sessions) as session:
            calls = session.execute(
                select(func.count(), func.count(func.distinct(QueueCall.ticket_id)))
            ).one()
            states = dict(
                session.execute(
                    select(QueueTicket.state, func.count()).group_by(QueueTicket.state)
                ).all()
            )
        assert tuple(calls) == (TICKETS, TICKETS)
        assert states == {"called": TICKETS}
    finally:
        for engine in engines:
            engine.dispose()
