"""`portal send --forever`: the sender as a long-running service (docs/portal.md: running
it as a service).

It drains what is ready (sender.drain, one pass), then sleeps until the next pending
message is due or `poll` seconds, whichever comes first, and drains again; a dossier
received meanwhile is sent at the next pass. The gateway out of reach (connection
refused, a certificate that does not verify, the login refused): one line on stderr,
without personal data, then it waits (the back-off doubling, at most UNREACHABLE_MAX) and
goes on; nothing is lost, the claim in hand was given back.

SIGTERM, Ctrl+C (SIGINT) or SIGBREAK end it cleanly: the message in hand is finished (its
answer comes within the request's time-out) and it returns; a second signal does not wait
for the answer and gives the claim back at once. A process killed outright (SIGKILL, a
Windows task ended) leaves its claim to run out, as any sender does.

`upkeep` (the office's sender: its messages' compaction, sync/portal_office.compact) runs at
the first pass and then once every UPKEEP_EVERY seconds, after a drain or while the gateway
is out of reach; it stops at `stop` and after its own time budget, so that a backlog (the
first compaction of an office upgraded with years of messages) is worked through an hour
after the other without holding the sending. Its failure is one line on stderr and the
sending goes on."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from types import FrameType

from sqlalchemy.orm import Session, sessionmaker

from counter_app.clock import now as local_now
from counter_app.db import unit_of_work
from counter_app.errors import CounterError
from counter_app.portal import outbox, sender
from counter_app.portal.gateway import Gateway, Unreachable

UNREACHABLE_MAX = 300.0  # seconds: the gateway back is used within 5 minutes
SHORTEST_WAIT = 0.1  # seconds between passes at least (the clock counts whole seconds)
SIGNALS = ("SIGTERM", "SIGINT", "SIGBREAK")  # SIGBREAK: Ctrl+Break on Windows
UPKEEP_EVERY = 3600.0  # seconds between two runs of the sender's upkeep (each ~10 s at most)


class Stop:
    """Set by the first signal; the second interrupts what is in hand."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self) -> bool:
        return self.event.is_set()

    def wait(self, seconds: float) -> None:
        self.event.wait(seconds)

    def signalled(self, _number: int, _frame: FrameType | None) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        self.event.set()


@contextmanager
def stopped_by_signals() -> Iterator[Stop]:
    """A Stop set by SIGTERM, SIGINT and SIGBREAK while the block runs (the previous
    handlers restored after)."""
    stop = Stop()
    previous = {}
    for name in SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, stop.signalled)
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def log(text: str) -> None:
    """One line on stderr (the journal, the task's log): never a person's data."""
    print(f"{local_now():%Y-%m-%d %H:%M:%S} portal send: {text}", file=sys.stderr, flush=True)


def forever(
    sessions: sessionmaker[Session],
    gateway: Gateway,
    now: Callable[[], datetime],
    stop: Stop,
    *,
    lease: float,
    backoff: float,
    poll: float,
    say: Callable[[str], None] = log,
    upkeep: Callable[[Callable[[], bool]], str] | None = None,
) -> sender.Tally:
    """Drain, wait, drain… until `stop`; the totals sent and refused, and what is left.
    `upkeep(stop)` returns what it did, in a line to say ("" when nothing)."""
    total = sender.Tally()
    pause = backoff
    kept_at: float | None = None  # when the upkeep last ran (time.monotonic)

    def upkept() -> None:  # the gateway not needed: also while it is out of reach
        nonlocal kept_at
        if upkeep is not None and (kept_at is None or time.monotonic() - kept_at >= UPKEEP_EVERY):
            kept_at = time.monotonic()
            keep(lambda: upkeep(stop), say)

    threading.Thread(target=_announce, args=(stop, say), daemon=True).start()
    try:
        while not stop():
            try:
                done = sender.drain(
                    sessions, gateway, now, once=True, lease=lease, backoff=backoff, stop=stop
                )
            except Unreachable as error:
                say(f"{error} Thử lại sau {pause:g} giây; không tin nào bị mất.")
                upkept()
                stop.wait(pause)
                pause = min(pause * 2, UNREACHABLE_MAX)
                continue
            pause = backoff
            total.sent += done.sent
            total.failed += done.failed
            if done.sent or done.failed:
                say(f"Đã gửi {done.sent}, bị từ chối {done.failed}, còn chờ {done.pending}.")
            upkept()
            stop.wait(_until_due(sessions, now, poll))
    except KeyboardInterrupt:
        pass  # the second signal: the claim in hand was given back (sender.drain)
    with unit_of_work(sessions) as session:
        total.pending = outbox.pending_count(session)
    return total


def keep(upkeep: Callable[[], str], say: Callable[[str], None] = log) -> None:
    """Run the sender's upkeep and say what it did; its failure is said, never raised (the
    sending goes on, and it is tried again at its next time)."""
    try:
        said = upkeep()
    except CounterError as error:  # said in Vietnamese, without personal data
        said = f"{error}"
    except Exception as error:  # its type only: a server's message may quote a row
        said = f"Chưa thu gọn được các tin đã gửi ({type(error).__name__}); sẽ thử lại sau."
    if said:
        say(said)


def _until_due(sessions: sessionmaker[Session], now: Callable[[], datetime], poll: float) -> float:
    """Seconds until the next pending message may be tried, at most `poll`."""
    with unit_of_work(sessions) as session:
        due = outbox.next_due(session)
    if due is None:
        return poll
    return min(max((due - now()).total_seconds(), SHORTEST_WAIT), poll)


def _announce(stop: Stop, say: Callable[[str], None]) -> None:
    """The stop seen, said at once (the message in hand may take a time-out to finish)."""
    stop.event.wait()
    say(
        "Nhận lệnh dừng: gửi xong tin đang gửi rồi thoát "
        "(lệnh dừng lần nữa: thoát ngay, tin đang gửi được trả lại để gửi sau)."
    )
