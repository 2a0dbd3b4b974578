"""Which queue a desk uses: the office server's when the desk has joined one (one office,
one queue), else the desk's own (docs/queue.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from counter_app.queue.base import Queue, QueueRefused, TicketTime
from counter_app.queue.local import LocalQueue
from counter_app.queue.server import ServerQueue
from counter_app.sync import state


def queue_for(
    db_url: str,
    sessions: sessionmaker[Session],
    admin_url: str | None = None,
    agency_code: str | None = None,
) -> Queue:
    """The desk's queue; `admin_url` and `agency_code` (the desk's agency) let a joined
    desk change the office's services with the administrator's credentials. Close it
    after use (a joined desk's holds a connection)."""
    url = state.load_url(db_url)
    if url is None:
        if admin_url is not None:
            raise QueueRefused(
                "Bàn này chưa tham gia máy chủ văn phòng: hàng chờ là của bàn, "
                "không cần --admin-url."
            )
        return LocalQueue(sessions)
    return ServerQueue(url, admin_url, agency_code)


def all_times(
    db_url: str, sessions: sessionmaker[Session], first: date, last: date
) -> list[TicketTime]:
    """The tickets' times for the leader's figures: the desk's queue's, and on a joined
    desk also the tickets it served alone before joining (its own tables, which it no
    longer writes once joined), so that a desk's history does not vanish at the join."""
    queue = queue_for(db_url, sessions)
    try:
        times = queue.times(first, last)
    finally:
        queue.close()
    if isinstance(queue, ServerQueue):
        alone = LocalQueue(sessions)
        try:
            times += alone.times(first, last)
        finally:
            alone.close()
    return times
