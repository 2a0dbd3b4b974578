"""Where a reception's number and time come from on this desk: alone, its own counter and
clock; joined to a server and online, a number leased now and the server's time; offline,
the reserve (or a refusal said before anything is written)."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.clock import local
from counter_app.services.codes.numbering import NumberSource
from counter_app.sync import numbers, state
from counter_app.sync.link import CONNECT_TIMEOUT_S, Link, Offline, Refused

ONLINE_WAIT_S = CONNECT_TIMEOUT_S  # then the reserve: a slow line never stops a reception


def prepare(db_url: str, now: datetime) -> tuple[NumberSource | None, datetime]:
    url = state.load_url(db_url)
    if url is None:
        return None, now
    online = None
    try:
        with Link(url) as link:
            lease = link.lease(None, 1)
        online = numbers.OnlineNumber(
            date.fromisoformat(str(lease["day"])),
            int(lease["first"]),
            local(datetime.fromisoformat(str(lease["server_now"]))),
        )
    except (Offline, Refused):
        online = None
    return numbers.source(online), numbers.now_of(online, now)


def joined(db_url: str) -> bool:
    return state.load_url(db_url) is not None
