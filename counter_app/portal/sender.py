"""`portal send`: drain the outbox to the gateway, one message at a time.

Messages are claimed in a short write transaction, up to BATCH of them (at most one of a
dossier: its next is held back while this one is pending), sent one by one with no
transaction open (the desks keep working), and their answers settled in the transaction
that claims the next ones: one commit, one fsync, for up to BATCH messages (two for each
cost 4 ms a message on a busy disk: bench/portal.py). A first DongBoHoSoMC the gateway
already has (error_code 3) is sent again at once as an update."""

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
BATCH = 20
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
    stops it (the claims given back), after the messages already answered are settled; so
    does `stop()` turning true, checked between messages (the message in hand is
    finished, the rest of the batch given back), and a KeyboardInterrupt while a message is
    in hand (its claim given back).

    A message of a batch is begun only within `lease` / 5 of the claim: a send takes at
    most four requests and the lease is at least five time-outs (cli/portal.py), so each
    is answered before its claim runs out; the rest are given back for the next batch.
    Killed before the answers are settled, those messages are sent again after their
    lease, under the same message_id, as after any kill."""
    tally = Tally()
    answered: list[tuple[outbox.Claimed, Answer]] = []
    untried: list[outbox.Claimed] = []
    while True:
        with unit_of_work(sessions, write=True) as session:
            states = _close(session, answered, untried, None, now, backoff)
            batch = [] if stop() else _claim(session, now(), lease)
        tally.sent += states.count("sent")
        tally.failed += states.count("failed")
        answered, untried = [], []
        if not batch:
            if once or stop() or not _wait(sessions, now, wait_max):
                break
            continue
        claimed_at = time.monotonic()
        for i, claimed in enumerate(batch):
            if i and (stop() or time.monotonic() - claimed_at > lease / 5):
                untried = batch[i:]
                break
            try:
                answered.append((claimed, deliver(gateway, claimed)))
            except Unreachable as error:
                with unit_of_work(sessions, write=True) as session:
                    _close(session, answered, batch[i:], str(error), now, backoff)
                raise
            except KeyboardInterrupt:
                with unit_of_work(sessions, write=True) as session:
                    outbox.release(session, claimed, INTERRUPTED, now(), begun=True)
                    _close(session, answered, batch[i + 1 :], None, now, backoff)
                raise
    with unit_of_work(sessions) as session:
        tally.pending = outbox.pending_count(session)
    return tally


def _claim(session: Session, at: datetime, lease: float) -> list[outbox.Claimed]:
    batch: list[outbox.Claimed] = []
    while len(batch) < BATCH and (claimed := outbox.claim(session, at, lease)) is not None:
        batch.append(claimed)
    return batch


def _close(
    session: Session,
    answered: list[tuple[outbox.Claimed, Answer]],
    untried: list[outbox.Claimed],
    reason: str | None,
    now: Callable[[], datetime],
    backoff: float,
) -> list[str]:
    """The answers settled, the claims not tried given back; the answered ones' states."""
    for claimed in untried:
        outbox.release(session, claimed, reason, now())
    return [outbox.settle(session, claimed, answer, now(), backoff) for claimed, answer in answered]


def _wait(sessions: sessionmaker[Session], now: Callable[[], datetime], most: float) -> bool:
    """Sleep until the next pending message may be tried; False when there is none."""
    with unit_of_work(sessions) as session:
        due = outbox.next_due(session)
    if due is None:
        return False
    time.sleep(min(max((due - now()).total_seconds(), 0.05), most))
    return True
