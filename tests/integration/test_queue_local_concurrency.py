"""The desk's own queue with several callers at once (issue 22): the kiosk window and the
desk's windows, or two processes on one desk's database, each with a connection of its
own, call while tickets are issued. Each ticket is called once and none is lost (counted
in the database); on SQLite the writers take turns, on PostgreSQL (a desk whose database
is one) the next ticket is taken FOR UPDATE SKIP LOCKED."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import QueueCall, QueueTicket
from counter_app.queue.local import LocalQueue

CALLERS = 4
TICKETS = 120


def test_callers_at_once_never_call_a_ticket_twice(any_url):
    engines = [make_engine(any_url) for _ in range(CALLERS + 1)]
    migrate(engines[0])
    queues = [LocalQueue(session_factory(e)) for e in engines]
    queues[0].add_service("A", "Hộ tịch")
    queues[0].add_service("B", "Đất đai", (2, 4))
    issued: list[str] = []
    called: list[str] = []
    failures: list[BaseException] = []
    kiosk_done = threading.Event()
    start = threading.Barrier(CALLERS + 1)

    def kiosk() -> None:
        start.wait()
        for i in range(TICKETS):
            issued.append(queues[0].issue("AB"[i % 2], priority=i % 5 == 0).ticket)
        kiosk_done.set()

    def desk(counter: int) -> None:
        mine = []
        try:
            start.wait()
            while True:
                finished = kiosk_done.is_set()  # read before the call: all are issued
                call = queues[counter].call_next(counter, f"canbo{counter}")
                if call is not None:
                    mine.append(call.ticket)
                elif finished:
                    break
        except BaseException as error:  # noqa: BLE001 - told by the assertion below
            failures.append(error)
        called.extend(mine)

    try:
        threads = [threading.Thread(target=kiosk)] + [
            threading.Thread(target=desk, args=(n,)) for n in range(1, CALLERS + 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(issued) == TICKETS and Counter(called).most_common(1)[0][1] == 1
        assert sorted(called) == sorted(issued)
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
