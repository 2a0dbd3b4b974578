"""`receive … --ticket A021` and `return … --ticket A021`: the called ticket is linked to
the dossier the officer then received or returned, so its waiting and service times are
known (docs/queue.md, "The link to the dossier").

The ticket is checked before anything is written (unknown, not called: exit 2; a joined
desk that cannot reach its server: exit 1). The link itself comes after the dossier's
own unit of work: if it then fails, the dossier stays recorded and a `lưu ý:` line on
stderr says the link is missing (exit 0: the citizen's dossier is what counts)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from counter_app.errors import CounterError
from counter_app.queue.base import Queue
from counter_app.queue.dossier_link import called, link_dossier

if TYPE_CHECKING:
    from counter_app.cli.context import Context


def checked(ctx: Context) -> Queue | None:
    """The queue holding the `--ticket` given, once that ticket was called; None without."""
    label = getattr(ctx.args, "ticket", None)
    if not label:
        return None
    from counter_app.queue.choose import queue_for

    queue = queue_for(ctx.settings.db_url, ctx.sessions)
    try:
        called(queue, label)
    except BaseException:
        queue.close()
        raise
    return queue


def record(ctx: Context, queue: Queue | None, code: str, action: str) -> None:
    if queue is None:
        return
    try:  # the same link as the desk window's (queue/dossier_link.py)
        link_dossier(queue, ctx.sessions, ctx.args.ticket, code, action, ctx.now())
    except CounterError as error:
        told = " ".join(str(error).split())
        print(
            f"lưu ý: hồ sơ {code} đã được ghi, nhưng chưa gắn được với số "
            f"{ctx.args.ticket.strip().upper()}: {told}",
            file=sys.stderr,
        )
    finally:
        queue.close()
