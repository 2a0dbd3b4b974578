"""Which of the hall's last calls are new since the display's previous look (the queue has
no push: the display polls `Queue.status()`, docs/hall.md).

A call is known by (ticket, counter, time, kind), a recall included (its own time and
kind). The desk's own queue keeps times to the second, so two recalls of one ticket in
one second look alike: the lists are compared by position, not as sets. The newest
calls come first in both; the new ones are the first k of the latest list, for the
smallest k after which the rest is how the previous list began. No Qt here."""

from __future__ import annotations

from collections.abc import Sequence

from counter_app.queue.base import Call


def key(call: Call) -> tuple[str, int, object, str]:
    return (call.ticket, call.counter, call.at, call.kind)


def new_calls(before: Sequence[Call] | None, now: Sequence[Call]) -> list[Call]:
    """The calls of `now` not in `before`, oldest first (the order to speak them);
    `before` None (the display just opened): none, what was called is not spoken again."""
    if before is None:
        return []
    old, new = [key(c) for c in before], [key(c) for c in now]
    k = next(k for k in range(len(new) + 1) if new[k:] == old[: len(new) - k])
    return list(reversed(now[:k]))
