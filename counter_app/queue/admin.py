"""The office's services, changed with its administrator's URL (a desk's own role cannot:
SQL 0022's `queue_service_put` is granted to no desk), as the catalog and the officers
are (docs/office-server.md)."""

from __future__ import annotations

from typing import Any

from counter_app.queue.base import QueueRefused
from counter_app.queue.server import REFUSED
from counter_app.sync.reach import admin_trouble
from counter_app.sync.server import connect


def put_service(
    admin_url: str,
    agency_code: str,
    prefix: str,
    name: str | None,
    counters: tuple[int, ...] | None,
    open: bool | None,
    create: bool,
) -> dict[str, Any]:
    """The service added (`create`) or changed on the server; what it is now."""
    import psycopg

    try:
        with connect(admin_url) as db:
            row = db.execute(
                "SELECT counter.queue_service_put(%s, %s, %s, %s, %s, %s)",
                (
                    agency_code,
                    prefix,
                    name,
                    None if counters is None else list(counters),
                    open,
                    create,
                ),
            ).fetchone()
    except psycopg.Error as error:
        if getattr(error, "sqlstate", None) == REFUSED:
            raise QueueRefused(str(error.diag.message_primary)) from None
        trouble = admin_trouble(error)
        if trouble is not None:
            raise trouble from None
        raise
    return dict(row[0])
