"""A kiosk issuing tickets while desks press F12 at once, each on a queue (and so a
connection) of its own: what each side got. For the queue's concurrency tests, on the
office server and on a desk's own database. Nothing waits on a clock: a desk stops when the
kiosk has finished (read before its call) and the line then has nothing for it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from counter_app.queue.base import Queue


@dataclass
class Race:
    issued: list[str] = field(default_factory=list)
    called: list[str] = field(default_factory=list)
    failures: list[BaseException] = field(default_factory=list)


def race(
    kiosk_queue: Callable[[], Queue],
    desk_queue: Callable[[int], Queue],
    callers: int,
    tickets: int,
    services: str,
    priority_every: int,
) -> Race:
    """The kiosk issues `tickets` in turn from `services` (every `priority_every`-th a
    priority one) while desks 1..`callers` call."""
    done = Race()
    kiosk_done = threading.Event()
    start = threading.Barrier(callers + 1)

    def kiosk() -> None:
        try:
            q = kiosk_queue()
            try:
                start.wait()
                for i in range(tickets):
                    service = services[i % len(services)]
                    done.issued.append(q.issue(service, i % priority_every == 0).ticket)
            finally:
                q.close()
        except BaseException as error:  # noqa: BLE001 - told by the caller's assertion
            done.failures.append(error)
        finally:
            kiosk_done.set()

    def desk(counter: int) -> None:
        mine = []
        try:
            q = desk_queue(counter)
            try:
                start.wait()
                while True:
                    finished = kiosk_done.is_set()  # read before the call: all issued
                    call = q.call_next(counter, f"canbo{counter}")
                    if call is not None:
                        mine.append(call.ticket)
                    elif finished:
                        break
            finally:
                q.close()
        except BaseException as error:  # noqa: BLE001 - told by the caller's assertion
            done.failures.append(error)
        done.called.extend(mine)

    threads = [threading.Thread(target=kiosk)] + [
        threading.Thread(target=desk, args=(n,)) for n in range(1, callers + 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done
