"""`portal send`: drain the outbox to the gateway, one message at a time.

Each message: claimed in a short write transaction, sent with no transaction open (the
desks keep working), settled in another. A first DongBoHoSoMC the gateway already has
(error_code 3) is sent again at once as an update."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.portal import outbox
from counter_app.portal.gateway import Answer, Gateway, Unreachable

ALREADY_EXISTS = 3
INTERRUPTED = "Bộ gửi bị dừng khi đang chờ cổng trả lời; tin sẽ được gửi lại."


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)


def deliver(gateway: Gateway, claimed: outbox.Claimed) -> Answer:
    """The gateway's answer to one message, by its code only."""
    answer = gateway.send(str(claimed.id), claimed.service, claimed.is_update, claimed.body)
    if answer.code == ALREADY_EXISTS and not claimed.is_update:
        answer = gateway.send(str(claimed.id), claimed.service, True, claimed.body)
    return answer


def drain(
    sessions: sessionmaker[Session],
    gateway: Gateway,
    now: Callable[[], datetime],
    *,
    once: bool,
    lease: float,
    backoff: float,
    deliver: Callable[[Gateway, outbox.Claimed], Answer] = deliver,
    wait_max: float = 60.0,
    stop: Callable[[], bool] = lambda: False,
) -> Tally:
    """Send what is ready; with `once` one pass, else until nothing pending is left that
    may be sent (waiting for back-offs up to `wait_max` seconds at a time). Unreachable
    stops it (the claim given back), after the messages already settled; so does `stop()`
    turning true, checked between messages (the message in hand is finished), and a
    KeyboardInterrupt while a message is in hand (its claim given back)."""
    tally = Tally()
    while not stop():
        with unit_of_work(sessions, write=True) as session:
            claimed = outbox.claim(session, now(), lease)
        if claimed is None:
            if once or not _wait(sessions, now, wait_max):
                break
            continue
        try:
            answer = deliver(gateway, claimed)
        except Unreachable as error:
            with unit_of_work(sessions, write=True) as session:
                outbox.release(session, claimed, str(error), now())
            raise
        except KeyboardInterrupt:
            with unit_of_work(sessions, write=True) as session:
                outbox.release(session, claimed, INTERRUPTED, now(), begun=True)
            raise
        with unit_of_work(sessions, write=True) as session:
            state = outbox.settle(session, claimed, answer, now(), backoff)
        tally.sent += state == "sent"
        tally.failed += state == "failed"
    with unit_of_work(sessions) as session:
        tally.pending = outbox.pending_count(session)
    return tally


def _wait(sessions: sessionmaker[Session], now: Callable[[], datetime], most: float) -> bool:
    """Sleep until the next pending message may be tried; False when there is none."""
    with unit_of_work(sessions) as session:
        due = outbox.next_due(session)
    if due is None:
        return False
    time.sleep(min(max((due - now()).total_seconds(), 0.05), most))
    return True
